"""Directory search: text through Wagtail's search backend, then filters, facets and paging.

The text part goes through the configured search backend, so a large deployment can switch
to Elasticsearch or OpenSearch by settings; filters and facet counts are plain ORM queries on
the matching ids, one aggregate query per facet whatever the number of values.
"""

import re

from django.core.paginator import Paginator
from django.db.models import Count
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
FACET_VALUES = {
    "family": "family",
    "sector": "sectors",
    "commune": "commune__insee_code",
    "band": "headcount_band",
}


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
    """The actors matching the text query: full text (stemmed, unaccented where the
    database can), or a prefix of a word of the name; with no such match, the backend's
    typo-tolerant search where it offers one (pg_trgm on PostgreSQL)."""
    backend = get_search_backend()
    full_text = _ids(backend.search(query, actors, operator="and", order_by_relevance=False))
    prefix = _ids(backend.autocomplete(query, actors, operator="and", order_by_relevance=False))
    matches = actors.filter(pk__in=full_text) | actors.filter(pk__in=prefix)
    fuzzy = getattr(backend, "fuzzy_query", None)
    if fuzzy is not None and not matches.exists():
        matches = actors.filter(
            pk__in=_ids(backend.search(fuzzy(query), actors, order_by_relevance=False))
        )
    return matches


class DirectorySearch:
    """One search of the directory, from the URL's parameters to the page of results."""

    def __init__(self, actors, params):
        self.actors = actors
        sectors = list(Sector.objects.filter(actors__in=actors).distinct().order_by("name"))
        self.form = DirectoryFilterForm(params, sectors=sectors, communes=Commune.objects.all())
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
        return text_matches(self.actors, self.words)

    def _filtered(self, skip=None):
        queryset = self.matched
        for name, value in self.filters.items():
            if name != skip:
                queryset = queryset.filter(**{FILTER_LOOKUPS[name]: value})
        return queryset

    def results(self):
        return self._filtered().select_related("commune").order_by("title", "pk")

    def all_results(self):
        return self.results().prefetch_related("sectors")

    def facets(self):
        """For each filter, how many actors each value would give, the other filters kept."""
        facets = {}
        for name, field in FACET_VALUES.items():
            rows = (
                self._filtered(skip=name)
                .order_by()
                .values(field)
                .annotate(total=Count("pk", distinct=True))
            )
            facets[name] = {str(row[field]): row["total"] for row in rows if row[field]}
        return facets

    def run(self, per_page):
        self.form.add_counts(self.facets())
        page = Paginator(self.results(), per_page).get_page(self.params.get("page"))
        return {
            "form": self.form,
            "page": page,
            "query": self.query,
            "is_filtered": bool(self.query or self.filters),
        }
