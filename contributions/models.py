"""What visitors propose for the directory, and who proposed it.

The proposed content itself is a draft revision of an `ActorPage` (a new page, or the existing
profile); a `Contribution` holds only what the page must not: the submitter's name, e-mail
address and relation to the organisation, their consent, and the moderator's decision. It is
deleted after `ContributionSettings.retention_months` (`manage.py purge_contributions`).
"""

import calendar

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

DEFAULT_RETENTION_MONTHS = 12


class Contribution(models.Model):
    class Kind(models.TextChoices):
        NEW_ACTOR = "new", "Nouvel acteur"
        CORRECTION = "correction", "Correction"

    class Status(models.TextChoices):
        NEW = "new", "Nouvelle"
        ACCEPTED = "accepted", "Acceptée"
        REJECTED = "rejected", "Refusée"

    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    status = models.CharField(
        "statut", max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    # SET_NULL: deleting the page must not delete the record of who proposed it, which the
    # retention period governs.
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="fiche",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="révision proposée",
    )
    actor_name = models.CharField("acteur", max_length=255)
    submitter_name = models.CharField("nom de la personne", max_length=120)
    submitter_email = models.EmailField("courriel de la personne", db_index=True)
    submitter_relation = models.CharField("lien avec l'organisation", max_length=120)
    language = models.CharField("langue", max_length=5, choices=settings.LANGUAGES)
    created_at = models.DateTimeField("reçue le", default=timezone.now, db_index=True)
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="décidée par",
    )
    reason = models.TextField("motif du refus", blank=True)
    # The single-use name of the form display it came from (contributions.tokens): unique, so
    # the same form sent twice, even at the same instant, is stored once; in the database,
    # because the shared cache may be down when a replay comes.
    form_nonce = models.CharField(
        "formulaire d'origine", max_length=32, unique=True, null=True, editable=False
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "contribution"
        verbose_name_plural = "contributions"

    def __str__(self):
        return f"{self.get_kind_display()} : {self.actor_name}"


@register_setting(icon="mail")
class ContributionSettings(BaseSiteSetting):
    """How long the submitters' data is kept, and the privacy notice the form links to."""

    retention_months = models.PositiveSmallIntegerField(
        "durée de conservation (mois)",
        default=DEFAULT_RETENTION_MONTHS,
        help_text="Les données des personnes qui proposent une fiche sont supprimées après ce "
        "délai (commande « purge_contributions », lancée chaque jour).",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="page de confidentialité",
        help_text="Ce que deviennent les données des contributeurs : le formulaire y renvoie.",
    )

    panels = [FieldPanel("retention_months"), FieldPanel("privacy_page")]

    class Meta:
        verbose_name = "Contributions du public"

    def retention_cutoff(self, now=None):
        """Contributions received before this moment are past their retention period."""
        return months_before(now or timezone.now(), self.retention_months)


def months_before(moment, months):
    """The same day and time `months` calendar months earlier (the month's last day if that
    month is shorter: 31 March minus one month is 28 or 29 February)."""
    month_index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(month_index, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)
