"""The three e-mails of a contribution: its receipt to the submitter, the moderators' notice
and the decision to the submitter, each in the language the form was filled in."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.roles import MODERATORS


def _send(template, contribution, recipients, language, **context):
    context = {"contribution": contribution, "site_name": settings.WAGTAIL_SITE_NAME, **context}
    with translation.override(language):
        subject = render_to_string(f"contributions/emails/{template}_subject.txt", context)
        body = render_to_string(f"contributions/emails/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, None, recipients)


def send_receipt(contribution):
    _send("receipt", contribution, [contribution.submitter_email], contribution.language)


def send_decision(contribution):
    _send("decision", contribution, [contribution.submitter_email], contribution.language)


def notify_moderators(contribution):
    """Tell the Modérateurs where to review it (the admin is in French for them)."""
    recipients = list(
        get_user_model()
        .objects.filter(groups__name=MODERATORS, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    if recipients:
        url = settings.WAGTAILADMIN_BASE_URL + reverse(
            "contributions:inspect", args=[contribution.pk]
        )
        _send("moderators", contribution, recipients, settings.LANGUAGE_CODE, review_url=url)
