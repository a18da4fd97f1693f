"""The agenda's forms: its filters, read from the URL, and the editors' page forms."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from core.widgets import INVALID_CHOICE, Select

from . import clock
from .choices import Axis, Kind

MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class AgendaFilterForm(forms.Form):
    """Type, commune, roadmap axis and month. A value that is not in the list is reported by
    the form and left out of the filter, never an error page."""

    type = forms.ChoiceField(label=_("Type"), required=False, widget=Select)
    commune = forms.ChoiceField(label=_("Commune"), required=False, widget=Select)
    axe = forms.ChoiceField(label=_("Axe de la feuille de route"), required=False, widget=Select)
    mois = forms.ChoiceField(label=_("Mois"), required=False, widget=Select)

    # Form field → the item's attribute it filters on (listing.AgendaListing).
    FILTERS = ("type", "commune", "axe", "mois")

    def __init__(self, data, *, communes, months):
        super().__init__(data)
        self.fields["type"].choices = [("", _("Événements et appels")), *Kind.choices]
        self.fields["commune"].choices = [("", _("Toutes les communes"))] + [
            (commune.insee_code, commune.name) for commune in communes
        ]
        self.fields["axe"].choices = [("", _("Tous les axes")), *Axis.choices]
        self.fields["mois"].choices = [("", _("Tous les mois")), *months]
        for name in self.FILTERS:
            self.fields[name].error_messages["invalid_choice"] = INVALID_CHOICE

    def clean_mois(self):
        value = self.cleaned_data["mois"]
        if value and not MONTH.match(value):
            raise forms.ValidationError(_("Un mois s’écrit AAAA-MM, par ex. 2026-11."))
        return value

    def add_counts(self, counts):
        """Write each option's number of items for the current filters into its label."""
        for name, by_value in counts.items():
            field = self.fields[name]
            field.choices = [
                (value, label if value == "" else f"{label} ({by_value.get(str(value), 0)})")
                for value, label in field.choices
            ]


def fr_date(day):
    """A day as editors' messages write it: 14/03/2026."""
    return day.strftime("%d/%m/%Y")


class EventPageForm(WagtailAdminPageForm):
    archive_past = forms.BooleanField(
        label="Ajouter aux archives un événement déjà passé",
        required=False,
        help_text="À cocher seulement pour publier un événement terminé : il ira directement "
        "dans les archives de l'agenda.",
    )

    def clean(self):
        cleaned_data = super().clean()
        if self.is_deferred_validation or self.instance.first_published_at:
            return cleaned_data
        from .models import EventPage

        draft = EventPage(
            start_date=cleaned_data.get("start_date"),
            start_time=cleaned_data.get("start_time"),
            end_date=cleaned_data.get("end_date"),
            end_time=cleaned_data.get("end_time"),
        )
        draft.starts_at, draft.ends_at, draft.all_day = draft.instants()
        if (
            draft.start_date
            and draft.is_past()
            and not cleaned_data.get("archive_past")
            and "start_date" not in self.errors
        ):
            last_day = draft.end_date or draft.start_date
            self.add_error(
                "start_date",
                f"Cet événement est déjà passé (il s'est terminé le {fr_date(last_day)}, "
                f"nous sommes le {fr_date(clock.today())}) : il ne peut pas être publié comme "
                "à venir. Corrigez ses dates, ou cochez « Ajouter aux archives un événement "
                "déjà passé ».",
            )
        return cleaned_data


class CallForProjectsPageForm(WagtailAdminPageForm):
    pass
