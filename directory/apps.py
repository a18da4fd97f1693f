from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = "Annuaire des acteurs"

    def ready(self):
        from core import counts

        from . import signals
        from .counts import DirectoryCounts

        signals.connect(self)
        counts.register(DirectoryCounts())
