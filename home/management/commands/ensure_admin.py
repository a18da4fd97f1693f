"""Create the first admin account once: credentials from the environment, or generated."""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Crée le compte administrateur s'il n'existe pas (ADMIN_USERNAME, ADMIN_PASSWORD, "
        "ADMIN_EMAIL dans l'environnement ; sinon un mot de passe est généré et affiché)."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        username = os.environ.get("ADMIN_USERNAME", "admin")
        if User.objects.filter(username=username).exists():
            self.stdout.write(f"Compte administrateur « {username} » : déjà présent, inchangé.")
            return
        password = os.environ.get("ADMIN_PASSWORD") or secrets.token_urlsafe(12)
        email = os.environ.get("ADMIN_EMAIL", "")
        User.objects.create_superuser(username=username, email=email, password=password)
        self.stdout.write(self.style.SUCCESS("Compte administrateur créé :"))
        self.stdout.write(f"  identifiant : {username}")
        if "ADMIN_PASSWORD" in os.environ:
            self.stdout.write("  mot de passe : celui de ADMIN_PASSWORD")
        else:
            self.stdout.write(f"  mot de passe : {password}")
