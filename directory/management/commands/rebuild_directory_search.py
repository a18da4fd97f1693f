"""manage.py rebuild_directory_search: rebuild the directory's search table from the pages."""

from django.core.management.base import BaseCommand

from directory.search_index import rebuild


class Command(BaseCommand):
    help = (
        "Reconstruit la table de recherche de l'annuaire à partir des fiches publiées ; "
        "sans effet sur les pages, peut être relancée sans risque."
    )

    def handle(self, *args, **options):
        def progress(done, total):
            self.stderr.write(f"… {done} / {total} fiches")

        listed = rebuild(progress=progress)
        self.stdout.write(f"{listed} acteurs dans la table de recherche de l'annuaire.")
