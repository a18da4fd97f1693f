"""The ESS officer's panel on the admin's dashboard: what is waiting for them.

Pages waiting for moderation (Wagtail's own workflow states), the factsheets' figures a reader
could not check (no source, no year, once the page's own source and year are taken into
account, as the exports do), and when each factsheet was last published. Read in a fixed
number of queries however many pages, figures and indicators there are: the figures come from
the stored body (no block is built), their indicators' sources in one query.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from core.figures import figure_text

from .models import FactsheetPage, Indicator

# What the panel lists before saying "and N more".
MAX_LISTED = 10


@dataclass(frozen=True)
class Moderation:
    title: str
    edit_url: str
    task: str
    requested_by: str
    requested_at: datetime


@dataclass(frozen=True)
class UncheckableFigure:
    text: str
    missing: str  # "la source", "l'année", "la source et l'année"


@dataclass
class FactsheetDesk:
    title: str
    language: str
    edit_url: str
    live: bool
    last_published_at: datetime | None
    figures: list[UncheckableFigure] = field(default_factory=list)


def pages_in_moderation() -> list[Moderation]:
    """Pages whose workflow is in progress, oldest request first (2 queries)."""
    states = list(
        WorkflowState.objects.active()
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .select_related("requested_by", "current_task_state__task")
        .order_by("created_at")
    )
    titles = dict(
        Page.objects.filter(pk__in=[int(s.object_id) for s in states]).values_list("pk", "title")
    )
    return [
        Moderation(
            title=titles.get(int(state.object_id), "?"),
            edit_url=reverse("wagtailadmin_pages:edit", args=[state.object_id]),
            task=state.current_task_state.task.name if state.current_task_state else "",
            requested_by=(
                state.requested_by.get_full_name() or state.requested_by.get_username()
                if state.requested_by
                else ""
            ),
            requested_at=state.created_at,
        )
        for state in states
        if int(state.object_id) in titles
    ]


def _raw_figures(raw_body):
    """Every figure card's stored value in a factsheet body, in reading order."""
    for block in raw_body or []:
        if block.get("type") == "figure":
            yield block.get("value") or {}
        elif block.get("type") == "figure_group":
            for item in (block.get("value") or {}).get("figures") or []:
                # A list item is stored as {"type": "item", "value": …, "id": …}.
                is_item = item.get("type") == "item" and isinstance(item.get("value"), dict)
                yield (item["value"] if is_item else item) or {}


def _figure_text(raw) -> str:
    try:
        number = Decimal(str(raw.get("value")))
    except (InvalidOperation, ValueError):
        number = None
    value = {**raw, "value": number, "kind": raw.get("kind") or "number"}
    return " ".join(part for part in (*figure_text(value), raw.get("label") or "") if part)


def factsheets() -> list[FactsheetDesk]:
    """Every factsheet, French first, with its uncheckable figures (2 queries)."""
    pages = list(
        FactsheetPage.objects.select_related("locale").order_by("locale__language_code", "pk")
    )
    bodies = {page.pk: list(_raw_figures(page.body.raw_data)) for page in pages}
    indicator_ids = {
        raw["indicator"]
        for figures in bodies.values()
        for raw in figures
        if isinstance(raw.get("indicator"), int)
    }
    sourced = set(
        Indicator.objects.filter(pk__in=indicator_ids)
        .exclude(source="")
        .values_list("pk", flat=True)
        if indicator_ids
        else []
    )
    desks = []
    for page in pages:
        desk = FactsheetDesk(
            title=page.title,
            language=page.locale.get_display_name(),
            edit_url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
            live=page.live,
            last_published_at=page.last_published_at,
        )
        for raw in bodies[page.pk]:
            no_source = not (raw.get("source") or page.data_source) and (
                raw.get("indicator") not in sourced
            )
            no_year = not (raw.get("year") or page.reference_year)
            if no_source or no_year:
                missing = (
                    _("la source et l'année")
                    if no_source and no_year
                    else _("la source")
                    if no_source
                    else _("l'année")
                )
                desk.figures.append(UncheckableFigure(_figure_text(raw), missing))
        desks.append(desk)
    return desks


class EssDeskPanel(Component):
    """The dashboard panel; first on the page, above Wagtail's own panels."""

    name = "ess_desk"
    template_name = "factsheet/panels/ess_desk.html"
    order = 50

    def get_context_data(self, parent_context=None):
        context = super().get_context_data(parent_context)
        moderation = pages_in_moderation()
        sheets = factsheets()
        for sheet in sheets:
            sheet.more = max(0, len(sheet.figures) - MAX_LISTED)
            sheet.listed = sheet.figures[:MAX_LISTED]
        context.update(
            moderation=moderation[:MAX_LISTED],
            moderation_more=max(0, len(moderation) - MAX_LISTED),
            moderation_count=len(moderation),
            factsheets=sheets,
        )
        return context
