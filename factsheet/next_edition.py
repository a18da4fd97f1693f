"""« Préparer l'édition suivante »: a new draft edition copied from the latest published one.

The copy is a child of the series root (``editions``) for the next reference year, a draft
that nobody sees until it is published, every figure card and chart of it marked as carried
over (``carry_over``) so that the editor updates or confirms each value before publishing.
Editions are prepared in French, the source language; the English edition is a translation of
the new French one, made and synchronised with wagtail-localize as any page.
"""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy
from wagtail.models import Locale

from . import carry_over, editions
from .models import FactsheetPage, future_year_error, year_clash_error


def series_root(page):
    """The root of the series ``page`` belongs to: itself, or its parent for a later edition."""
    parent = page.get_parent()
    return parent.specific if parent.specific_class is FactsheetPage else page


def is_source_language(page) -> bool:
    """Editions are prepared in the site's default language (French), never in a translation."""
    return page.locale_id == Locale.get_default().pk


def can_prepare(root, user) -> bool:
    """Whoever may add a page under the series root may prepare its next edition."""
    return FactsheetPage.can_create_at(root) and root.permissions_for_user(user).can_add_subpage()


def latest_edition(root):
    """The latest published edition of the series, with its body, or None."""
    latest = editions.latest_of(editions.series_of(root))
    return FactsheetPage.objects.get(pk=latest.pk) if latest is not None else None


class NextEditionForm(forms.Form):
    """The year of the new edition: the latest edition's plus one, or asked for when the latest
    states none (the demo's brochure)."""

    reference_year = forms.IntegerField(
        label=gettext_lazy("Année de référence des données de la nouvelle édition"),
        min_value=1900,
        max_value=2100,
        help_text=gettext_lazy("L'année des données (pas celle de la publication), par ex. 2024."),
    )

    def __init__(self, *args, root, latest, **kwargs):
        super().__init__(*args, **kwargs)
        self.root, self.latest = root, latest
        if latest.reference_year is not None:
            # Fixed: the next edition follows the latest one.
            del self.fields["reference_year"]

    def year(self):
        if self.latest.reference_year is not None:
            return self.latest.reference_year + 1
        return self.cleaned_data.get("reference_year")

    def clean(self):
        cleaned_data = super().clean()
        year = self.year()
        if year is not None:
            error = future_year_error(year) or year_clash_error(FactsheetPage(), self.root, year)
            if error:
                raise forms.ValidationError(error)
        return cleaned_data


@transaction.atomic
def prepare(latest, root, year, user):
    """The new draft edition: ``latest`` copied under ``root`` for ``year``, every value marked
    as carried over. Its revisions start afresh, with the copy."""
    return latest.copy(
        to=root,
        recursive=False,
        copy_revisions=False,
        keep_live=False,
        user=user,
        update_attrs={
            "slug": str(year),
            "reference_year": year,
            "publication_date": None,
            "show_in_menus": False,  # an edition is reached from its series, not the menu
            "body": carry_over.mark(latest.body.raw_data),
        },
        log_action="wagtail.copy",
    )
