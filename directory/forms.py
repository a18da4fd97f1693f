"""The directory's search form: one text query and four filters, read from the URL."""

from django import forms

from .choices import HEADCOUNT_CHOICES, Family

# Longer queries are refused with a message: nobody types 200 characters into a directory,
# and the search engine should not have to parse a pasted essay.
MAX_QUERY_LENGTH = 200


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(
        label="Rechercher un acteur",
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text="Un nom, une activité, une commune… par ex. « jardin » ou « insertion ».",
        error_messages={
            "max_length": "Votre recherche est trop longue (%(show_value)d caractères) : "
            "%(limit_value)d au plus.",
            "null_characters_not_allowed": "Votre recherche contient un caractère invalide.",
        },
    )
    family = forms.ChoiceField(label="Famille de l'ESS", required=False)
    sector = forms.TypedChoiceField(label="Secteur d'activité", required=False, coerce=int)
    commune = forms.ChoiceField(label="Commune", required=False)
    band = forms.ChoiceField(label="Tranche d'effectif salarié", required=False)

    def __init__(self, data, *, sectors, communes):
        super().__init__(data)
        invalid = "Cette valeur n’existe pas dans la liste (« %(value)s »)."
        self.fields["family"].choices = [("", "Toutes les familles"), *Family.choices]
        self.fields["sector"].choices = [("", "Tous les secteurs")] + [
            (sector.pk, sector.name) for sector in sectors
        ]
        self.fields["commune"].choices = [("", "Toutes les communes")] + [
            (commune.insee_code, commune.name) for commune in communes
        ]
        self.fields["band"].choices = [("", "Toutes les tailles"), *HEADCOUNT_CHOICES]
        for name in ("family", "sector", "commune", "band"):
            self.fields[name].error_messages["invalid_choice"] = invalid

    def add_counts(self, facets):
        """Write each option's number of actors for the current search into its label."""
        for name, counts in facets.items():
            field = self.fields[name]
            field.choices = [
                (value, label if value == "" else f"{label} ({counts.get(str(value), 0)})")
                for value, label in field.choices
            ]


class SupportServiceFilterForm(forms.Form):
    category = forms.TypedChoiceField(label="Catégorie", required=False, coerce=int)
    stage = forms.ChoiceField(label="Étape du projet", required=False)

    def __init__(self, data, *, categories):
        from .models import STAGES

        super().__init__(data)
        self.fields["category"].choices = [("", "Toutes les catégories")] + [
            (category.pk, category.name) for category in categories
        ]
        self.fields["stage"].choices = [("", "Toutes les étapes"), *STAGES]
        for name in ("category", "stage"):
            self.fields[name].error_messages["invalid_choice"] = (
                "Cette valeur n’existe pas dans la liste (« %(value)s »)."
            )

    def apply(self, services):
        if self.cleaned_data.get("category"):
            services = services.filter(category_id=self.cleaned_data["category"])
        if self.cleaned_data.get("stage"):
            services = services.filter(**{f"stage_{self.cleaned_data['stage']}": True})
        return services
