"""Deployment checks (`manage.py check --deploy`) of settings the project adds to Django's."""

from django.conf import settings
from django.core.checks import Error, Tags, register

from .public_address import address_problem


@register(Tags.security, deploy=True)
def check_public_address(app_configs, **kwargs):
    """The public address is what every absolute URL and e-mail link is built on: a missing,
    plain-HTTP or loopback address sends visitors, crawlers and editors to the wrong place."""
    errors = []
    for setting, error_id in (
        ("SITE_BASE_URL", "core.E001"),
        ("WAGTAILADMIN_BASE_URL", "core.E002"),
    ):
        problem = address_problem(getattr(settings, setting, "") or "")
        if problem:
            errors.append(
                Error(
                    f"{setting} {problem}.",
                    hint=f"Définir {setting}=https://<nom du site public> dans l'environnement "
                    "(docs/operations.md, « Public address »).",
                    id=error_id,
                )
            )
    return errors
