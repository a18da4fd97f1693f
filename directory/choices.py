"""Fixed vocabularies of the directory: the ESS families of the 2014 law, INSEE size bands."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Family(models.TextChoices):
    """The legal families of the ESS listed by article 1 of the law of 31 July 2014."""

    ASSOCIATION = "association", _("Association")
    COOPERATIVE = "cooperative", _("Coopérative")
    MUTUELLE = "mutuelle", _("Mutuelle")
    FONDATION = "fondation", _("Fondation")
    SOCIETE_COMMERCIALE = "societe-commerciale", _("Société commerciale de l'ESS")


# INSEE's "tranche d'effectif salarié" codes, copied from tranches-effectifs-insee.csv:
# (code, French label, minimum, maximum). The bounds feed schema.org's QuantitativeValue.
HEADCOUNT_BANDS = [
    ("NN", _("Unité non employeuse"), None, None),
    ("00", _("0 salarié"), 0, 0),
    ("01", _("1 ou 2 salariés"), 1, 2),
    ("02", _("3 à 5 salariés"), 3, 5),
    ("03", _("6 à 9 salariés"), 6, 9),
    ("11", _("10 à 19 salariés"), 10, 19),
    ("12", _("20 à 49 salariés"), 20, 49),
    ("21", _("50 à 99 salariés"), 50, 99),
    ("22", _("100 à 199 salariés"), 100, 199),
    ("31", _("200 à 249 salariés"), 200, 249),
    ("32", _("250 à 499 salariés"), 250, 499),
    ("41", _("500 à 999 salariés"), 500, 999),
    ("42", _("1 000 à 1 999 salariés"), 1000, 1999),
    ("51", _("2 000 à 4 999 salariés"), 2000, 4999),
    ("52", _("5 000 à 9 999 salariés"), 5000, 9999),
    ("53", _("10 000 salariés et plus"), 10000, None),
]
HEADCOUNT_CHOICES = [(code, label) for code, label, _min, _max in HEADCOUNT_BANDS]
HEADCOUNT_BOUNDS = {code: (low, high) for code, _label, low, high in HEADCOUNT_BANDS}
HEADCOUNT_ORDER = {code: index for index, (code, *_rest) in enumerate(HEADCOUNT_BANDS)}
