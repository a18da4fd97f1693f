"""The directory's search form: one text query and four filters, read from the URL."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from core.formatting import format_number
from core.widgets import INVALID_CHOICE, Pairs, Select

from .choices import HEADCOUNT_CHOICES, Family

# Longer queries are refused with a message: nobody types 200 characters into a directory,
# and the search engine should not have to parse a pasted essay.
MAX_QUERY_LENGTH = 200


# The results heading names the family chosen ("4 associations"), else says "actors". "n"
# chooses the plural form, "count" is the number as written in the reader's language.
RESULT_COUNTS = {
    Family.ASSOCIATION: ngettext_lazy("%(count)s association", "%(count)s associations", "n"),
    Family.COOPERATIVE: ngettext_lazy("%(count)s coopérative", "%(count)s coopératives", "n"),
    Family.MUTUELLE: ngettext_lazy("%(count)s mutuelle", "%(count)s mutuelles", "n"),
    Family.FONDATION: ngettext_lazy("%(count)s fondation", "%(count)s fondations", "n"),
    Family.SOCIETE_COMMERCIALE: ngettext_lazy(
        "%(count)s société commerciale de l’ESS", "%(count)s sociétés commerciales de l’ESS", "n"
    ),
}
ANY_RESULT_COUNT = ngettext_lazy("%(count)s acteur", "%(count)s acteurs", "n")


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Rechercher un acteur"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=_("Un nom, une activité, une commune… par ex. « jardin » ou « insertion »."),
        error_messages={
            "max_length": _(
                "Votre recherche est trop longue (%(show_value)d caractères) : "
                "%(limit_value)d au plus."
            ),
            "null_characters_not_allowed": _("Votre recherche contient un caractère invalide."),
        },
    )
    family = forms.ChoiceField(label=_("Famille de l'ESS"), required=False, widget=Select)
    sector = forms.TypedChoiceField(
        label=_("Secteur d'activité"), required=False, coerce=int, widget=Select
    )
    commune = forms.ChoiceField(label=_("Commune"), required=False, widget=Select)
    band = forms.ChoiceField(label=_("Tranche d'effectif salarié"), required=False, widget=Select)

    def __init__(self, data, *, sectors, communes):
        super().__init__(data)
        self.fields["family"].choices = Pairs([("", _("Toutes les familles")), *Family.choices])
        self.fields["sector"].choices = Pairs(
            [("", _("Tous les secteurs")), *((sector.pk, sector.name) for sector in sectors)]
        )
        self.fields["commune"].choices = Pairs(
            [("", _("Toutes les communes"))]
            + [(commune.insee_code, commune.name) for commune in communes]
        )
        self.fields["band"].choices = Pairs([("", _("Toutes les tailles")), *HEADCOUNT_CHOICES])
        for name in ("family", "sector", "commune", "band"):
            self.fields[name].error_messages["invalid_choice"] = INVALID_CHOICE

    def results_heading(self, count):
        """The number of results named after the filters applied: "4 associations · Carvin"."""
        cleaned = getattr(self, "cleaned_data", {})
        words = RESULT_COUNTS.get(cleaned.get("family"), ANY_RESULT_COUNT) % {
            "n": count,
            "count": format_number(count),
        }
        labels = [
            str(dict(self.fields[name].choices).get(cleaned[name], ""))
            for name in ("sector", "commune", "band")
            if cleaned.get(name)
        ]
        return " · ".join([words, *filter(None, labels)])

    def add_counts(self, facets):
        """Write each option's number of actors for the current search into its label; an
        option that would list nobody is left out, unless it is the one chosen (the reader
        must see what filters the list, and be able to change it)."""
        for name, counts in facets.items():
            field = self.fields[name]
            chosen = str(self.data.get(name, ""))
            choices = []
            for value, label in field.choices:
                count = counts.get(str(value), 0)
                if value == "":
                    choices.append((value, label))
                elif count or str(value) == chosen:
                    choices.append((value, f"{label} ({count})"))
            field.choices = Pairs(choices)


class SupportServiceFilterForm(forms.Form):
    category = forms.TypedChoiceField(
        label=_("Catégorie"), required=False, coerce=int, widget=Select
    )
    stage = forms.ChoiceField(label=_("Étape du projet"), required=False, widget=Select)

    def __init__(self, data, *, categories):
        from .models import STAGES

        super().__init__(data)
        self.fields["category"].choices = [("", _("Toutes les catégories"))] + [
            (category.pk, category.name) for category in categories
        ]
        self.fields["stage"].choices = [("", _("Toutes les étapes")), *STAGES]
        for name in ("category", "stage"):
            self.fields[name].error_messages["invalid_choice"] = INVALID_CHOICE

    def apply(self, services):
        """The entries of `services` (directory.service_list) that the valid filters keep."""
        category = self.cleaned_data.get("category")
        stage = self.cleaned_data.get("stage")
        return [
            service
            for service in services
            if (not category or service.category_id == category)
            and (not stage or stage in service.stages)
        ]
