"""Delete the contributions past their retention period, with the personal data they hold.

Run daily (cron, see docs/contributions.md). The pages they proposed stay: a draft or a
published profile is the agglomeration's content, not the submitter's personal data.
"""

from django.core.management.base import BaseCommand
from wagtail.models import Site

from contributions.models import Contribution, ContributionSettings


class Command(BaseCommand):
    help = (
        "Supprime les contributions (et les données de leurs auteurs) plus anciennes que la "
        "durée de conservation."
    )

    def handle(self, *args, **options):
        site = Site.objects.filter(is_default_site=True).first()
        retention = ContributionSettings.for_site(site) if site else ContributionSettings()
        deleted, _ = Contribution.objects.filter(
            created_at__lt=retention.retention_cutoff()
        ).delete()
        self.stdout.write(
            f"{deleted} contribution(s) supprimée(s) "
            f"(conservation : {retention.retention_months} mois)."
        )
