"""Fail when the English catalogue lags behind the code: a missing, empty or fuzzy translation;
or when the French catalogue lacks a plural message of the code (French is the source language,
but gettext's fallback rule would write "0 acteurs": locale/fr gives French its own rule).

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


def plural_ids(path):
    with path.open("rb") as handle:
        return {m.id[0] for m in read_po(handle) if isinstance(m.id, tuple)}


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
                plurals = plural_ids(path)
            finally:
                shutil.copy2(saved, path)
        if missing:
            listing = "\n".join(f"  - {message}" for message in missing)
            raise CommandError(
                f"{len(missing)} chaîne(s) sans traduction anglaise dans {path} :\n{listing}\n"
                "Lancez « make messages », traduisez, puis recommencez."
            )
        french = catalogue_path("fr")
        without_french = sorted(plurals - (plural_ids(french) if french.exists() else set()))
        if without_french:
            listing = "\n".join(f"  - {message}" for message in without_french)
            raise CommandError(
                f"{len(without_french)} message(s) au pluriel absent(s) de {french} :\n"
                f"{listing}\nAjoutez-les (msgstr[0] = singulier, msgstr[1] = pluriel)."
            )
        self.stdout.write(self.style.SUCCESS("Catalogue anglais à jour."))
