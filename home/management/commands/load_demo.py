"""Build the demo site from the printed brochure; safe to run again (existing pages are kept)."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app that contributes demo pages exposes demo.build(home, report). The directory comes
# first: the factsheet shows some of its actors (and puts itself first in the menu).
SECTION_BUILDERS = [
    "directory.demo",
    "factsheet.demo",
    "directory.demo_services",
    "home.demo_pages",
]


class Command(BaseCommand):
    help = "Crée le contenu de démonstration à partir de la brochure ; ne modifie pas l'existant."

    def handle(self, *args, **options):
        def report(message):
            self.stdout.write(message)

        from home import demo as home_demo

        with transaction.atomic():
            home = home_demo.build(report)
            for module_name in SECTION_BUILDERS:
                import_module(module_name).build(home, report)
            # After every French page exists: English translations link to their sources.
            import_module("home.demo_en").build(home, report)
        self.stdout.write(self.style.SUCCESS("Contenu de démonstration prêt."))
