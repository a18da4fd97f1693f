"""Fail when the English catalogue lags behind the code: a missing, empty or fuzzy translation.

It re-extracts the messages with makemessages (templates and Python), compares them with the
committed catalogue and puts the committed file back, so it can run in CI without side effects.
"""

import shutil
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

IGNORED = [".venv/*", "bench/*", "tests/*", "node_modules/*", "static_collected/*"]


def catalogue_path(language):
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"


def untranslated(path):
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    missing = []
    for message in catalogue:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return sorted(missing)


class Command(BaseCommand):
    help = "Vérifie que le catalogue anglais contient toutes les chaînes traduisibles, traduites."

    def handle(self, *args, **options):
        path = catalogue_path("en")
        if not path.exists():
            raise CommandError(f"Catalogue absent : {path} (lancez « make messages »).")
        with tempfile.TemporaryDirectory() as keep:
            saved = Path(keep) / "django.po"
            shutil.copy2(path, saved)
            try:
                call_command(
                    "makemessages",
                    locale=["en"],
                    ignore_patterns=IGNORED,
                    no_location=True,
                    no_obsolete=True,
                    verbosity=0,
                )
                missing = untranslated(path)
            finally:
                shutil.copy2(saved, path)
        if missing:
            listing = "\n".join(f"  - {message}" for message in missing)
            raise CommandError(
                f"{len(missing)} chaîne(s) sans traduction anglaise dans {path} :\n{listing}\n"
                "Lancez « make messages », traduisez, puis recommencez."
            )
        self.stdout.write(self.style.SUCCESS("Catalogue anglais à jour."))
