"""Yearly editions of the factsheet: which edition a series shows, and where each lives.

A factsheet is a series of editions, one per reference year (the year of the data). The
series root is the FactsheetPage under the home page (``/fr/chiffres-cles/``); every later
edition is a FactsheetPage child of it whose slug is its year (``/fr/chiffres-cles/2025/``).
The root is an edition too, the first one; its own archive address is
``/fr/chiffres-cles/<its year>/``. The root's address always shows the latest published
edition (the greatest reference year), so publishing a new child edition moves the factsheet
forward and the others stay online as archives. An indicator's series through the editions
is ``indicators.series``. docs/editions.md tells the whole story.

Everything here answers in a constant number of queries, whatever the number of editions.
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction

STEP = Page.steplen


def parent_path(page) -> str:
    return page.path[:-STEP]


def _ordered(pages):
    """Oldest first: by reference year (an edition without one first), then tree order."""
    return sorted(
        pages, key=lambda p: (p.reference_year is not None, p.reference_year or 0, p.path)
    )


def _annotated(queryset):
    """Each page with ``is_child_edition`` (its parent is a factsheet) and ``restricted``
    (a view restriction of its own), computed in the same query."""
    from .models import FactsheetPage

    return queryset.annotate(
        is_child_edition=Exists(
            FactsheetPage.objects.filter(
                path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - STEP)
            )
        ),
        restricted=Exists(PageViewRestriction.objects.filter(page_id=OuterRef("pk"))),
    )


def series_of(page, *, with_body=False, published_only=False) -> list:
    """The published editions of ``page``'s series (``page`` included), oldest first.

    One query. Editions a visitor may not see (unpublished, or with a view restriction of
    their own) are left out; ``page`` itself is always in, so that an editor's preview of a
    draft still finds its place. Each edition knows ``is_child_edition``.
    """
    from .models import FactsheetPage

    parent = parent_path(page)
    candidates = FactsheetPage.objects.filter(
        Q(path=parent)  # the series root, when ``page`` is a later edition
        | Q(path__startswith=parent, depth=page.depth)  # ``page`` and its sibling editions
        | Q(path__startswith=page.path, depth=page.depth + 1)  # editions under a root
    )
    if not with_body:
        candidates = candidates.defer_streamfields()
    candidates = list(_annotated(candidates))
    own = next((c for c in candidates if c.pk == page.pk), None)
    is_child = own.is_child_edition if own is not None else False
    if is_child:  # the root and its children
        members = [
            c
            for c in candidates
            if c.path == parent or (c.depth == page.depth and c.path.startswith(parent))
        ]
    else:  # ``page`` is the root: it and its children, not its sibling factsheets
        members = [c for c in candidates if c.pk == page.pk or c.depth == page.depth + 1]
    visible = [
        c
        for c in members
        if (c.pk == page.pk and not published_only) or (c.live and not c.restricted)
    ]
    return _ordered(visible)


def edition_with_year(page, parent, year):
    """Another edition of the series ``page`` belongs to (under ``parent``) with this
    reference year, published or not, or None. One query."""
    from .models import FactsheetPage

    if parent.specific_class is FactsheetPage:  # a later edition: its root and siblings
        others = FactsheetPage.objects.filter(
            Q(pk=parent.pk) | Q(path__startswith=parent.path, depth=parent.depth + 1)
        )
    elif page.path:  # a series root: its children
        others = FactsheetPage.objects.filter(path__startswith=page.path, depth=page.depth + 1)
    else:  # a new root has no editions yet
        return None
    if page.pk:
        others = others.exclude(pk=page.pk)
    return others.filter(reference_year=year).defer_streamfields().first()


def latest_of(series):
    """The latest published edition of a series (``series`` as ``series_of`` returns it)."""
    published = [edition for edition in series if edition.live and not edition.restricted]
    return published[-1] if published else None


def edition_url(edition, request=None) -> str:
    """The edition's own, citable address: ``/fr/chiffres-cles/2023/``.

    A later edition is served at its own URL (its slug is its year); the series root at
    ``<its URL><its year>/``, or at its URL alone while it has no reference year.
    """
    url = edition.get_url(request) or ""
    if not getattr(edition, "is_child_edition", False) and edition.reference_year:
        return f"{url}{edition.reference_year}/"
    return url
