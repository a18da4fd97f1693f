"""The agenda's fixed lists: kinds of items, axes of the ESS roadmap, attendance modes.

The axes are the four of the CAHC's roadmap as the brochure lists them; their codes are
language-neutral, so a roadmap block (home.blocks.AxisBlock) and its English copy name the
same axis.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    EVENT = "evenement", _("Événement")
    CALL = "appel", _("Appel à projets")


class Axis(models.TextChoices):
    AWARENESS = "sensibilisation", _("Sensibilisation à l’ESS")
    PARCOURS = "parcours", _("Appels à projets d’accompagnement (Parcours ESS)")
    FUNDING = "financement", _("Financement d’opérateurs et de projets")
    ANIMATION = "animation", _("Animation du territoire")


class Attendance(models.TextChoices):
    OFFLINE = "sur-place", _("Sur place")
    ONLINE = "en-ligne", _("En ligne")
    MIXED = "mixte", _("Sur place et en ligne")


class Status(models.TextChoices):
    """Computed from the dates (models.status), never stored."""

    UPCOMING = "a-venir", _("À venir")
    OPEN = "ouvert", _("Ouvert")
    CLOSED = "clos", _("Clos")
    PAST = "passe", _("Passé")
