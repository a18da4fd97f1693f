"""Drill-down: from a published figure to the actors of the directory behind it.

A figure card or a chart row may carry a `DirectoryFilterBlock`: a family of the ESS, a
sector, a commune and a headcount band, chosen from the directory's own taxonomies (the
choices come from core.counts, which the directory answers; never a typed URL). The public
page then links to the directory filtered that way, with the live number of published actors
listed there in the reader's language ("Voir les 12 associations listées dans l'annuaire"):
a count of listed actors, never presented as the official figure next to it.

No link is shown when no filter is chosen, when nothing is listed, or when a chosen value no
longer exists (a sector deleted since): the page never shows a dead link and never fails.
`DirectoryLinksPanel` tells the editor which links a deleted value has switched off.
"""

from dataclasses import dataclass

from django.utils.functional import cached_property
from django.utils.translation import get_language
from wagtail import blocks
from wagtail.admin.panels import Panel

from . import counts
from .map_blocks import COMMUNE_CHOICES, TaxonomyChoiceBlock

# The filters, in the order of the directory's form, with their labels for editors.
FILTER_LABELS = {
    "family": "Famille de l'ESS",
    "sector": "Secteur d'activité",
    "commune": "Commune",
    "band": "Tranche d'effectif salarié",
}


def commune_choices():
    return COMMUNE_CHOICES


CHOICES = {
    "family": counts.family_choices,
    "sector": counts.sector_choices,
    "commune": commune_choices,
    "band": counts.band_choices,
}


class DirectoryFilterBlock(blocks.StructBlock):
    """The actors of the directory behind a figure: one or more of its filters (all optional;
    none chosen means no link)."""

    family = TaxonomyChoiceBlock(
        choices=counts.family_choices,
        required=False,
        label=FILTER_LABELS["family"],
        search_index=False,
    )
    sector = TaxonomyChoiceBlock(
        choices=counts.sector_choices,
        required=False,
        label=FILTER_LABELS["sector"],
        search_index=False,
    )
    commune = TaxonomyChoiceBlock(
        choices=commune_choices, required=False, label=FILTER_LABELS["commune"], search_index=False
    )
    band = TaxonomyChoiceBlock(
        choices=counts.band_choices,
        required=False,
        label=FILTER_LABELS["band"],
        search_index=False,
    )

    class Meta:
        icon = "search"
        label = "Lien vers les acteurs de l'annuaire"
        help_text = (
            "Facultatif : les acteurs de l'annuaire que ce chiffre concerne, par ex. la famille "
            "« Association ». Le site affiche alors « Voir les 12 associations listées dans "
            "l'annuaire », nombre calculé en direct ; aucun lien si aucun acteur n'est listé."
        )
        form_classname = "directory-filter"


def filters_of(value) -> counts.ActorFilters | None:
    """The directory's filters of a DirectoryFilterBlock value, or None when none is chosen."""
    if not value:
        return None
    filters = counts.ActorFilters(**{name: value.get(name) or "" for name in FILTER_LABELS})
    return filters if filters.given() else None


@dataclass(frozen=True)
class DirectoryLink:
    url: str
    count: int
    text: str  # "Voir les 12 associations listées dans l'annuaire"


def directory_link(request, value) -> DirectoryLink | None:
    """The link to the listed actors behind a figure, in the active language; None when no
    filter is chosen, nothing is listed, or the directory cannot answer (no directory in this
    language, a value deleted since). Counts come from the directory's cached counts, so a
    page of many linked figures costs no query per figure."""
    filters = filters_of(value)
    if filters is None or request is None:
        return None
    language = get_language()
    count = counts.count(request, language, filters)
    if not count:
        return None
    url = counts.url(request, language, filters)
    if url is None:
        return None
    return DirectoryLink(url=url, count=count, text=counts.link_text(count, filters))


# --- telling editors ----------------------------------------------------------------------


def filter_values(block, value, where=""):
    """(where, DirectoryFilterBlock value) for every filter in a block's value, `where` being
    the nearest label or title above it, for a message to the editor."""
    if value is None:
        return
    if isinstance(block, DirectoryFilterBlock):
        yield where, value
    elif isinstance(block, blocks.StructBlock):
        here = value.get("label") or value.get("title") or where or block.meta.label
        for name, child in block.child_blocks.items():
            yield from filter_values(child, value.get(name), str(here))
    elif isinstance(block, blocks.ListBlock):
        for item in value:
            yield from filter_values(block.child_block, item, where)
    elif isinstance(block, blocks.StreamBlock):
        for child in value:
            yield from filter_values(child.block, child.value, where)


def stale_filters(stream_values):
    """Messages for every chosen value that is no longer a choice of the directory (a sector
    deleted, a code an old revision or an import holds): the public page drops its link."""
    known = {name: None for name in FILTER_LABELS}
    messages = []
    for stream_value in stream_values:
        if stream_value is None:
            continue
        for where, value in filter_values(stream_value.stream_block, stream_value):
            for name, label in FILTER_LABELS.items():
                chosen = value.get(name)
                if not chosen:
                    continue
                if known[name] is None:
                    known[name] = {code for code, _text in CHOICES[name]()}
                if chosen not in known[name]:
                    messages.append(
                        f"« {where} » : la valeur choisie pour « {label} » n'existe plus dans "
                        f"l'annuaire ({chosen}) ; le lien vers l'annuaire n'est plus affiché. "
                        "Choisissez une autre valeur ou videz ce champ."
                    )
    return messages


class DirectoryLinksPanel(Panel):
    """Read-only panel of the editing form, shown only when links to the directory are switched
    off because a value chosen for them no longer exists."""

    def __init__(self, field_names, **kwargs):
        super().__init__(**kwargs)
        self.field_names = field_names

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "field_names": self.field_names}

    class BoundPanel(Panel.BoundPanel):
        template_name = "core/panels/directory_links.html"

        @cached_property
        def problems(self):
            # The form's instance is the latest draft: what the editor is about to publish.
            return stale_filters(
                getattr(self.instance, name, None) for name in self.panel.field_names
            )

        def is_shown(self):
            return super().is_shown() and bool(self.problems)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["problems"] = self.problems
            return context
