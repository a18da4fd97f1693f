from django.apps import AppConfig


class ContributionsConfig(AppConfig):
    name = "contributions"
    verbose_name = "Contributions du public"

    def ready(self):
        from . import signals

        signals.connect()
