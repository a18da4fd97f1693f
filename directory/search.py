"""Directory search: text through Wagtail's search backend, then filters, facets and paging.

The text part goes through the configured search backend, so a large deployment can switch
to Elasticsearch or OpenSearch by settings; filters and facet counts are plain ORM queries on
the matching ids, one aggregate query per facet whatever the number of values.
"""

import re

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils.functional import cached_property
from wagtail.search.backends import get_search_backend

from .forms import DirectoryFilterForm
from .models import Commune, Sector

# Form field → ORM lookup on ActorPage.
FILTER_LOOKUPS = {
    "family": "family",
    "sector": "sectors",
    "commune": "commune__insee_code",
    "band": "headcount_band",
}
# The same, as grouped in the facet queries: no join for the commune.
FACET_FIELDS = {**FILTER_LOOKUPS, "commune": "commune_id"}
# Anything but letters, digits, apostrophes and hyphens is query syntax for one backend or
# another (FTS5 quotes, tsquery operators…): the public types words, not expressions.
QUERY_SYNTAX = re.compile(r"[^\w\s'’-]")


def plain_words(query):
    return " ".join(QUERY_SYNTAX.sub(" ", query).split())


def _ids(results):
    """The matching ids as a subquery for database backends, a list for external ones."""
    if hasattr(results, "get_queryset"):
        return results.get_queryset().values("pk")
    return [hit.pk for hit in results]


def text_matches(actors, query):
    """Ids of the actors matching the text query: full text (stemmed, unaccented where the
    database can), or a prefix of a word of the name; with no such match, the backend's
    typo-tolerant search where it offers one (pg_trgm on PostgreSQL).

    The ids are read once, so that the facet and page queries that follow do not each run
    the text search again."""
    backend = get_search_backend()
    full_text = _ids(backend.search(query, actors, operator="and", order_by_relevance=False))
    prefix = _ids(backend.autocomplete(query, actors, operator="and", order_by_relevance=False))
    # The searches ran on `actors`: their ids need no second pass through its page filters.
    ids = list(
        actors.model.objects.filter(Q(pk__in=full_text) | Q(pk__in=prefix)).values_list(
            "pk", flat=True
        )
    )
    fuzzy = getattr(backend, "fuzzy_query", None)
    if fuzzy is not None and not ids:
        ids = list(
            actors.model.objects.filter(
                pk__in=_ids(backend.search(fuzzy(query), actors, order_by_relevance=False))
            ).values_list("pk", flat=True)
        )
    return ids


class CountedPaginator(Paginator):
    """A paginator told the total, which the facet counts already give."""

    def __init__(self, object_list, per_page, total):
        super().__init__(object_list, per_page)
        self.total = total

    @cached_property
    def count(self):
        return self.total


class DirectorySearch:
    """One search of the directory, from the URL's parameters to the page of results.

    Facet counts are disjunctive: each filter's values are counted with the text query and
    the other filters applied, so that a visitor sees what choosing a value would give. They
    come from two aggregate queries (actors grouped by family, commune and band; the same
    with sector), whatever the number of values, and give the total too.
    """

    def __init__(self, actors, params, locale_id):
        self.actors = actors
        sectors = Sector.objects.filter(locale_id=locale_id).order_by("name")
        communes = list(Commune.objects.all())
        self.insee_codes = {commune.pk: commune.insee_code for commune in communes}
        self.form = DirectoryFilterForm(params, sectors=sectors, communes=communes)
        self.form.is_valid()
        self.params = params

    @cached_property
    def filters(self):
        """The filters that were given and are valid; invalid ones are reported, not applied."""
        cleaned = self.form.cleaned_data
        return {name: cleaned[name] for name in FILTER_LOOKUPS if cleaned.get(name)}

    @cached_property
    def query(self):
        return (self.form.cleaned_data.get("q") or "").strip()

    @cached_property
    def words(self):
        return plain_words(self.query)

    @cached_property
    def matched(self):
        if not self.words:
            return self.actors
        return self.actors.model.objects.filter(pk__in=text_matches(self.actors, self.words))

    def results(self):
        queryset = self.matched
        for name, value in self.filters.items():
            queryset = queryset.filter(**{FILTER_LOOKUPS[name]: value})
        return queryset.defer_streamfields().select_related("commune").order_by("title", "pk")

    def all_results(self):
        return self.results().prefetch_related("sectors")

    @cached_property
    def cubes(self):
        """Matching actors counted by (family, commune, band), and by the same plus sector."""

        def grouped(names):
            fields = [FACET_FIELDS[name] for name in names]
            rows = self.matched.order_by().values(*fields).annotate(total=Count("pk"))
            cubes = []
            for row in rows:
                values = {name: str(row[FACET_FIELDS[name]] or "") for name in names}
                values["commune"] = self.insee_codes.get(row["commune_id"], "")
                cubes.append((values, row["total"]))
            return cubes

        names = ["family", "commune", "band"]
        return grouped(names), grouped([*names, "sector"])

    def _count(self, skip=None):
        """Totals by value of `skip` (or overall) under every filter but `skip`."""
        by_actor, by_sector = self.cubes
        wanted = {name: str(value) for name, value in self.filters.items() if name != skip}
        rows = by_sector if skip == "sector" or "sector" in wanted else by_actor
        counts = {}
        for values, total in rows:
            if all(values[name] == value for name, value in wanted.items()):
                key = values[skip] if skip else ""
                counts[key] = counts.get(key, 0) + total
        return counts

    def facets(self):
        return {name: self._count(skip=name) for name in FILTER_LOOKUPS}

    def total(self):
        return self._count().get("", 0)

    def run(self, per_page):
        self.form.add_counts(self.facets())
        paginator = CountedPaginator(self.results(), per_page, self.total())
        return {
            "form": self.form,
            "page": paginator.get_page(self.params.get("page")),
            "query": self.query,
            "is_filtered": bool(self.query or self.filters),
        }
