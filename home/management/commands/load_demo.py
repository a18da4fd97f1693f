"""Build the demo site from the printed brochure; safe to run again (existing pages are kept)."""

from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo_loader import load_demo


class Command(BaseCommand):
    help = "Crée le contenu de démonstration à partir de la brochure ; ne modifie pas l'existant."

    def handle(self, *args, **options):
        with transaction.atomic():
            load_demo(self.stdout.write)
        self.stdout.write(self.style.SUCCESS("Contenu de démonstration prêt."))
