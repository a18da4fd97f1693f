from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Annuaire des acteurs"

    def ready(self):
        from . import signals

        signals.connect(self)
