"""manage.py import_actors FILE.csv: load ESS actors from a SIRENE establishment extract."""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Locale

from directory.importer import ImportFileError, SireneImporter
from directory.models import DirectoryIndexPage


class Command(BaseCommand):
    help = (
        "Importe les établissements actifs de l'ESS des 14 communes depuis un extrait CSV du "
        "stock SIRENE ; crée ou met à jour une fiche par SIRET (brouillons sauf --publish)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Fichier CSV (UTF-8, séparateur virgule)")
        parser.add_argument(
            "--publish", action="store_true", help="Publier les fiches au lieu de brouillons"
        )

    def handle(self, *args, file, publish, **options):
        directory = DirectoryIndexPage.objects.filter(locale=Locale.get_default()).first()
        if directory is None:
            raise CommandError("Aucun annuaire : créez d'abord la page « Annuaire des acteurs ».")

        def progress(count):
            self.stderr.write(f"… {count} lignes traitées")

        importer = SireneImporter(directory, publish=publish, progress=progress)
        try:
            with open(file, encoding="utf-8-sig", newline="") as stream, transaction.atomic():
                report = importer.run(stream)
        except OSError as error:
            raise CommandError(f"Impossible d'ouvrir {file} : {error.strerror}.") from error
        except ImportFileError as error:
            raise CommandError(f"{error} Aucune modification n'a été faite.") from error

        write = self.stdout.write
        write(f"Créées : {report.created}")
        write(f"Mises à jour : {report.updated}")
        write(f"Inchangées : {report.unchanged}")
        write(f"Ignorées : {sum(report.skipped.values())}")
        for reason, count in sorted(report.skipped.items()):
            write(f"  - {reason} : {count}")
        write(f"Rejetées : {len(report.rejected)}")
        for line, reason in report.rejected:
            write(f"  - ligne {line} : {reason}")
