from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Accueil et pages générales"

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers)
