"""What the agenda lists: its items, filtered, counted, upcoming first, then the archive.

Everything happens in the database, in a number of queries that does not grow with the
items: the month choices (one query), the counts of every filter's options (one query of
conditional counts; disjunctive, as in the directory: each filter's options are counted under
the other filters), the upcoming items, and one page of the archive. Listings read the base
table's columns, never the types' own tables.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.apps import apps
from django.db.models import Count, F, Q
from django.db.models.functions import Coalesce, Lower

from core import navigation
from core.cache import until_next_publication
from core.pagination import get_page
from core.widgets import INVALID_CHOICE

from . import clock
from .choices import Axis, Kind
from .forms import AgendaFilterForm

# The month filter offers the months between five years back and two years ahead that hold an
# item: a bounded number of counts, whatever dates an editor types.
MONTHS_BACK = 60
MONTHS_AHEAD = 24


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


# Open calls and the next events first, by start; items with dates to announce last.
UPCOMING_ORDER = [F("starts_at").asc(nulls_last=True), Lower("title")]
# The archive, latest first: by end, or by start for an event without an end time.
ARCHIVE_ORDER = [Coalesce("ends_at", "starts_at").desc(), Lower("title").desc()]


def add_months(day, number):
    """The first day of the month `number` months after (or before) `day`'s."""
    index = day.year * 12 + day.month - 1 + number
    return datetime.date(index // 12, index % 12 + 1, 1)


def spans_month_q(first_day):
    """Items whose dates touch the month starting on `first_day` (Paris time); an item
    without an end is in the month of its start (AgendaItemPage.listing_end)."""
    start = clock.start_of_day(first_day)
    end = clock.start_of_day(add_months(first_day, 1))
    return Q(starts_at__lt=end) & (
        Q(ends_at__gt=start) | Q(ends_at__isnull=True, starts_at__gte=start)
    )


def attach_communes(items, request, commune_list=None):
    """`items`, each with its commune (`commune_shown`), from `commune_list` when the caller
    has read it already."""
    by_id = {commune.pk: commune for commune in commune_list or communes(request)}
    for item in items:
        item.commune_shown = by_id.get(item.commune_id)
    return items


@dataclass
class Results:
    form: AgendaFilterForm
    upcoming: list
    archive: object  # a page of past items (django.core.paginator.Page)
    past: object  # every past item, latest first (a queryset, read only by the calendar)
    is_filtered: bool


class AgendaListing:
    def __init__(self, index, request):
        self.index = index
        self.request = request
        self.now = clock.now()
        self.communes = communes(request)
        self.commune_pks = {commune.insee_code: commune.pk for commune in self.communes}

    def window(self):
        """The months (YYYY-MM) the month filter may offer."""
        this_month = self.now.date().replace(day=1)
        return [f"{add_months(this_month, n):%Y-%m}" for n in range(-MONTHS_BACK, MONTHS_AHEAD + 1)]

    def option_q(self, name, value):
        """The items that filter `name` at `value` keeps."""
        if name == "type":
            return Q(kind=value)
        if name == "commune":
            return Q(commune_id=self.commune_pks[value])
        if name == "axe":
            return Q(axis=value)
        year, month = (int(part) for part in value.split("-"))
        return spans_month_q(datetime.date(year, month, 1))

    def count(self, items, chosen):
        """({filter: {value: number of items under the other filters}}, {month: number of
        items, unfiltered}, number of past items under all the filters: the archive's length,
        so that its page needs no count of its own) in one query."""
        options = {
            "type": Kind.values,
            "commune": list(self.commune_pks),
            "axe": Axis.values,
            "mois": self.window(),
        }
        aggregates = {
            f"held_{number}": Count("pk", filter=self.option_q("mois", month))
            for number, month in enumerate(options["mois"])
        }
        aggregates["past"] = Count(
            "pk",
            filter=Q(*(self.option_q(name, v) for name, v in chosen.items()))
            & ~upcoming_q(self.now),
        )
        for name, values in options.items():
            others = Q(*(self.option_q(other, v) for other, v in chosen.items() if other != name))
            for number, value in enumerate(values):
                aggregates[f"{name}_{number}"] = Count(
                    "pk", filter=others & self.option_q(name, value)
                )
        counts = items.aggregate(**aggregates)
        held = {month: counts[f"held_{n}"] for n, month in enumerate(options["mois"])}
        return (
            {
                name: {value: counts[f"{name}_{number}"] for number, value in enumerate(values)}
                for name, values in options.items()
            },
            held,
            counts["past"],
        )

    def run(self, per_page):
        items = items_of(self.index)
        # Any month of the window passes validation; those no item holds are then left out
        # of the choices and, when asked for, reported like any unknown value.
        form = AgendaFilterForm(
            self.request.GET, communes=self.communes, months=[(m, m) for m in self.window()]
        )
        form.is_valid()  # invalid values are reported by the form and left out of the filter
        chosen = {
            name: form.cleaned_data.get(name)
            for name in form.FILTERS
            if getattr(form, "cleaned_data", {}).get(name)
        }
        counts, held, past_total = self.count(items, chosen)
        if (month := chosen.get("mois")) and not held[month]:
            form.add_error("mois", forms.ValidationError(INVALID_CHOICE, params={"value": month}))
            del chosen["mois"]
            counts, held, past_total = self.count(items, chosen)
        form.fields["mois"].choices = [
            ("", form.fields["mois"].choices[0][1]),
            *((month, month_label(month)) for month, number in held.items() if number),
        ]
        form.add_counts(counts)
        matched = items.filter(*(self.option_q(name, value) for name, value in chosen.items()))
        upcoming = matched.filter(upcoming_q(self.now)).order_by(*UPCOMING_ORDER)
        past = matched.exclude(upcoming_q(self.now)).order_by(*ARCHIVE_ORDER)
        archive = get_page(
            past, per_page, self.request.GET.get("page"), total_of=lambda _first: past_total
        )
        attach_communes(archive.object_list, self.request, self.communes)
        return Results(
            form=form,
            upcoming=attach_communes(list(upcoming), self.request, self.communes),
            archive=archive,
            past=past,
            is_filtered=bool(chosen),
        )


def month_label(month):
    """ "novembre 2026" for "2026-11", in the active language."""
    from .formatting import format_month

    year, number = (int(part) for part in month.split("-"))
    return format_month(year, number)


def upcoming_items(request, home, *, axes=None, limit=None):
    """Live, public items not past under `home` (one language tree), open calls and next
    events first: for other pages (the home page, a roadmap's axes). Read once per publication:
    items leave the list with time but never join it (a publication does that), so the list as
    read, less the items past since, is the list the query would give now."""
    axes_key = "*" if axes is None else ",".join(sorted(axes))

    def read():
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
        return attach_communes(list(pages.order_by(*UPCOMING_ORDER)), request)

    now = clock.now()
    kept = until_next_publication(request, f"agenda:upcoming:{home.pk}:{axes_key}", read)
    items = [item for item in kept if not item.is_past(now)]
    return items[:limit] if limit else items


def organiser_events(request, actor):
    """{"organiser_events": [...]}: the live, public upcoming events `actor` organises. Every
    organiser's are read at once, once per publication, as upcoming_items reads its list (items
    leave it with time, only a publication adds one): a profile then needs no query for them."""

    def read():
        pages = (
            apps.get_model("agenda", "EventPage")
            .objects.filter(organiser__isnull=False)
            .live()
            .exclude(navigation.is_private())
            .filter(upcoming_q())
            .only(*CARD_FIELDS, "organiser")
        )
        by_organiser = {}
        for page in attach_communes(list(pages.order_by(*UPCOMING_ORDER)), request):
            by_organiser.setdefault(page.organiser_id, []).append(page)
        return by_organiser

    now = clock.now()
    kept = until_next_publication(request, "agenda:organiser_events", read)
    return {"organiser_events": [item for item in kept.get(actor.pk, []) if not item.is_past(now)]}
