"""What the agenda lists: its items, filtered, counted, upcoming first, then the archive.

An agenda holds tens of items a year, not thousands: the index reads the listing columns of
all its live, public items in one query (the base table, never the types' own tables) and
filters, counts and sorts them in Python. The counts are disjunctive, as in the directory:
each filter's options are counted under the other filters.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q

from core import navigation
from core.cache import until_next_publication
from core.pagination import get_page

from . import clock
from .forms import AgendaFilterForm

# The base table's columns a card needs (includes/agenda_card.html), and what building its
# link needs.
CARD_FIELDS = [
    "title",
    "url_path",
    "live",
    "locale",
    "translation_key",
    "content_type",
    "path",
    "depth",
    "kind",
    "axis",
    "commune",
    "summary",
    "date_note",
    "starts_at",
    "ends_at",
    "all_day",
]


def communes(request):
    """The 14 communes, read once per publication (the directory owns them)."""
    commune_model = apps.get_model("directory", "Commune")
    return until_next_publication(
        request, "agenda:communes", lambda: list(commune_model.objects.order_by("name"))
    )


def item_model():
    return apps.get_model("agenda", "AgendaItemPage")


def items_of(index):
    """The live, public items of one agenda, with only what cards show."""
    pages = item_model().objects.child_of(index).live()
    return navigation.public_children(pages, index).only(*CARD_FIELDS)


def upcoming_q(now=None):
    """Items not past at `now`, in SQL (AgendaItemPage.listing_end)."""
    now = now or clock.now()
    start_of_today = clock.start_of_day(now.date())
    return Q(ends_at__gt=now) | (
        Q(ends_at__isnull=True) & (Q(all_day=True) | Q(starts_at__gte=start_of_today))
    )


def upcoming_order(item):
    """Open calls and the next events first, by start; items with dates to announce last."""
    return (item.starts_at is None, item.starts_at or clock.now(), item.title.casefold())


def attach_communes(items, request):
    by_id = {commune.pk: commune for commune in communes(request)}
    for item in items:
        item.commune_shown = by_id.get(item.commune_id)
    return items


@dataclass
class Results:
    form: AgendaFilterForm
    upcoming: list
    archive: object  # a page of past items (django.core.paginator.Page)
    all_past: list
    total: int
    is_filtered: bool


class AgendaListing:
    def __init__(self, index, request):
        self.index = index
        self.request = request
        self.now = clock.now()

    def values(self, item):
        """{filter: [values]} of one item: what each filter may match."""
        return {
            "type": [item.kind],
            "commune": [self.insee.get(item.commune_id, "")],
            "axe": [item.axis],
            "mois": item.months(),
        }

    def run(self, per_page):
        items = attach_communes(list(items_of(self.index)), self.request)
        commune_list = communes(self.request)
        self.insee = {commune.pk: commune.insee_code for commune in commune_list}
        values = {item.pk: self.values(item) for item in items}
        months = sorted({month for item in items for month in values[item.pk]["mois"]})
        form = AgendaFilterForm(
            self.request.GET,
            communes=commune_list,
            months=[(month, month_label(month)) for month in months],
        )
        form.is_valid()  # invalid values are reported by the form and left out of the filter
        chosen = {
            name: form.cleaned_data.get(name)
            for name in form.FILTERS
            if getattr(form, "cleaned_data", {}).get(name)
        }

        def matches(item, skip=None):
            return all(
                value in values[item.pk][name] for name, value in chosen.items() if name != skip
            )

        counts = {}
        for name in form.FILTERS:
            by_value = {}
            for item in items:
                if matches(item, skip=name):
                    for value in set(values[item.pk][name]):
                        by_value[value] = by_value.get(value, 0) + 1
            counts[name] = by_value
        form.add_counts(counts)

        matched = [item for item in items if matches(item)]
        upcoming = sorted(
            (item for item in matched if not item.is_past(self.now)), key=upcoming_order
        )
        past = sorted(
            (item for item in matched if item.is_past(self.now)),
            key=lambda item: (item.listing_end, item.title.casefold()),
            reverse=True,
        )
        return Results(
            form=form,
            upcoming=upcoming,
            archive=get_page(past, per_page, self.request.GET.get("page")),
            all_past=past,
            total=len(matched),
            is_filtered=bool(chosen),
        )


def month_label(month):
    """ "novembre 2026" for "2026-11", in the active language."""
    from .formatting import format_month

    year, number = (int(part) for part in month.split("-"))
    return format_month(year, number)


def upcoming_items(request, home, *, axes=None, limit=None):
    """Live, public items not past under `home` (one language tree), open calls and next
    events first: for other pages (the home page, a roadmap's axes). One query, plus the
    communes once per publication."""
    pages = (
        item_model()
        .objects.descendant_of(home)
        .live()
        .exclude(navigation.is_private())
        .filter(upcoming_q())
        .only(*CARD_FIELDS)
    )
    if axes is not None:
        pages = pages.filter(axis__in=axes)
    items = sorted(pages, key=upcoming_order)
    return attach_communes(items[:limit] if limit else items, request)


def organiser_events(request, actor):
    """{"organiser_events": [...]}: the live, public upcoming events `actor` organises."""
    pages = (
        apps.get_model("agenda", "EventPage")
        .objects.filter(organiser_id=actor.pk)
        .live()
        .exclude(navigation.is_private())
        .filter(upcoming_q())
        .only(*CARD_FIELDS)
    )
    return {"organiser_events": attach_communes(sorted(pages, key=upcoming_order), request)}
