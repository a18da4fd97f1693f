from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Socle commun"

    def ready(self):
        from . import checks, privacy  # noqa: F401 - registers the checks and receivers
        from .admin_language import translate_redirect_filters_per_request

        translate_redirect_filters_per_request()
