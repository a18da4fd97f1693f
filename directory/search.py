"""Directory search: text, filters, facet counts and a page of results, on the search table.

Everything runs on ActorSearchEntry (directory/search_index.py), one narrow row per listed
actor: filters and facet counts never join Wagtail's page table, and a page of results is
sorted and sliced there before its few actors are loaded.

The text part depends on the search backend (WAGTAILSEARCH_BACKENDS): with the PostgreSQL
database backend it runs on the table's own tsvector (stemmed, unaccented, name prefixes) with
a trigram fallback for typos; with any other backend (SQLite's FTS5, Elasticsearch,
OpenSearch) the backend finds the matching actors, and the table does the rest.
"""

import re

from django.contrib.postgres.search import SearchQuery
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, F, IntegerField, Q, Value
from django.utils.functional import cached_property
from modelsearch.backends.database.postgres.postgres import FUnaccent, PostgresSearchBackend
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from home.cache import current_generation
from search.backends import WordSimilar

from .forms import DirectoryFilterForm
from .models import ActorPage, ActorSearchEntry, Commune, Sector
from .search_index import PREFIX_CONFIG, search_config

# Form field → column of the search table.
FILTER_COLUMNS = {
    "family": "family",
    "sector": "sectors",
    "commune": "commune_id",
    "band": "headcount_band",
}
# Anything but letters, digits, apostrophes and hyphens is query syntax for one backend or
# another (FTS5 quotes, tsquery operators…): the public types words, not expressions.
QUERY_SYNTAX = re.compile(r"[^\w\s'’-]")
# Bounds how long a cache private to one process (several workers without Redis) can lag
# behind a publication made through another process; a shared cache is told at once.
CACHE_SECONDS = 300


def plain_words(query):
    return " ".join(QUERY_SYNTAX.sub(" ", query).split())


def _ids(results):
    """The matching ids as a subquery for database backends, a list for external ones."""
    if hasattr(results, "get_queryset"):
        return results.get_queryset().values("pk")
    return [hit.pk for hit in results]


def backend_match(directory, words):
    """Entries the search backend finds: full text, or a prefix of a word of the name."""
    backend = get_search_backend()
    actors = ActorPage.objects.child_of(directory).live()
    full_text = backend.search(words, actors, operator="and", order_by_relevance=False)
    prefix = backend.autocomplete(words, actors, operator="and", order_by_relevance=False)
    return Q(page_id__in=_ids(full_text)) | Q(page_id__in=_ids(prefix))


def vector_match(words, config):
    """Entries whose tsvector has the words (stemmed), or prefixes of them in the name (weight
    A, unstemmed): "jardins" finds Jardin, "jard" and "eco" find Jardins and Économie."""
    tokens = re.findall(r"[^\W_]+", words)
    prefixes = " & ".join(f"{token}:*A" for token in tokens)
    query = SearchQuery(words, config=config)
    if prefixes:
        query |= SearchQuery(prefixes, config=PREFIX_CONFIG, search_type="raw")
    return Q(search_vector=query)


def fuzzy_match(words):
    """Entries with a name word close to the query (pg_trgm's `<%`, the trigram index)."""
    return Q(WordSimilar(FUnaccent(Value(words)), FUnaccent(F("title"))))


def cached(key, compute):
    """`compute()`, kept in the cache until the next publication (home/cache.py's generation)."""
    key = f"directory:{current_generation()}:{key}"
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_SECONDS)
    return value


def form_choices(locale_id):
    """Communes, the locale's sectors and its language: read once per publication rather
    than on every search."""
    return cached(
        f"choices:{locale_id}",
        lambda: (
            list(Commune.objects.all()),
            list(Sector.objects.filter(locale_id=locale_id).order_by("name")),
            Locale.objects.get(pk=locale_id).language_code,
        ),
    )


def facet_cubes(entries):
    """Entries counted by (family, commune, band), and by the same plus sector, in one query:
    rows of the first kind have `sector` None and `by_sector` 0."""
    columns = ["family", "commune_id", "headcount_band"]
    by_actor = (
        entries.order_by()
        .values(*columns)
        .annotate(
            sector=Value(None, IntegerField()),
            by_sector=Value(0, IntegerField()),
            total=Count("pk"),
        )
    )
    by_sector = (
        entries.order_by()
        .values(*columns, "sectors")
        .annotate(by_sector=Value(1, IntegerField()), total=Count("pk"))
    )
    cubes = ([], [])
    for row in by_actor.union(by_sector, all=True):
        values = {
            "family": row["family"],
            "commune": row["commune_id"],
            "band": row["headcount_band"],
            "sector": row["sector"],
        }
        cubes[row["by_sector"]].append(({k: str(v or "") for k, v in values.items()}, row["total"]))
    return cubes


class EntryPaginator(Paginator):
    """Pages of search entries, told the total (the facet counts give it), whose pages hold
    the actors themselves: only a page's entries are read from the sorted table, then their
    actors with their commune, in one query."""

    def __init__(self, entries, per_page, total):
        super().__init__(entries.values("page_id"), per_page)
        self.total = total

    @cached_property
    def count(self):
        return self.total

    def _get_page(self, object_list, number, paginator):
        actors = (
            ActorPage.objects.filter(pk__in=object_list)
            .defer_streamfields()
            .select_related("commune")
            .order_by("title", "pk")
        )
        return super()._get_page(list(actors), number, paginator)


class DirectorySearch:
    """One search of the directory, from the URL's parameters to the page of results.

    Facet counts are disjunctive: each filter's values are counted with the text query and
    the other filters applied, so that a visitor sees what choosing a value would give. They
    come from one aggregate query over the matching entries whatever the number of values,
    which gives the total too; without text it is the same for every search, hence cached.
    """

    def __init__(self, directory, params):
        self.directory = directory
        communes, sectors, self.language = form_choices(directory.locale_id)
        self.commune_ids = {commune.insee_code: commune.pk for commune in communes}
        self.form = DirectoryFilterForm(params, sectors=sectors, communes=communes)
        self.form.is_valid()
        self.params = params

    @cached_property
    def filters(self):
        """The filters that were given and are valid; invalid ones are reported, not applied."""
        cleaned = self.form.cleaned_data
        filters = {name: cleaned[name] for name in FILTER_COLUMNS if cleaned.get(name)}
        if "commune" in filters:
            filters["commune"] = self.commune_ids[filters["commune"]]
        return filters

    @cached_property
    def query(self):
        return (self.form.cleaned_data.get("q") or "").strip()

    @cached_property
    def words(self):
        return plain_words(self.query)

    @cached_property
    def entries(self):
        return ActorSearchEntry.objects.filter(directory_id=self.directory.pk)

    @cached_property
    def on_vectors(self):
        return isinstance(get_search_backend(), PostgresSearchBackend)

    @cached_property
    def matched(self):
        """The entries the text query matches (every entry without text)."""
        if not self.words:
            return self.entries
        if not self.on_vectors:
            return self.entries.filter(backend_match(self.directory, self.words))
        return self.entries.filter(vector_match(self.words, search_config(self.language)))

    @cached_property
    def cubes(self):
        if not self.words:
            return cached(f"facets:{self.directory.pk}", lambda: facet_cubes(self.entries))
        cubes = facet_cubes(self.matched)
        if not cubes[0] and self.on_vectors:
            # Nothing matches: the name may hold a typo ("mutulle"); the counts tell, at no
            # extra query when something matches.
            self.matched = self.entries.filter(fuzzy_match(self.words))
            cubes = facet_cubes(self.matched)
        return cubes

    def results(self):
        self.cubes  # noqa: B018 - decides whether typos are tolerated (see above)
        entries = self.matched
        for name, value in self.filters.items():
            entries = entries.filter(**{FILTER_COLUMNS[name]: value})
        return entries.order_by("title", "page_id")

    def all_results(self):
        return (
            ActorPage.objects.filter(pk__in=self.results().values("page_id"))
            .defer_streamfields()
            .select_related("commune")
            .prefetch_related("sectors")
            .order_by("title", "pk")
        )

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
        counts = {name: self._count(skip=name) for name in FILTER_COLUMNS}
        # The form's commune options are INSEE codes.
        insee_codes = {str(pk): code for code, pk in self.commune_ids.items()}
        counts["commune"] = {insee_codes.get(pk, ""): n for pk, n in counts["commune"].items()}
        return counts

    def total(self):
        return self._count().get("", 0)

    def run(self, per_page):
        self.form.add_counts(self.facets())
        paginator = EntryPaginator(self.results(), per_page, self.total())
        return {
            "form": self.form,
            "page": paginator.get_page(self.params.get("page")),
            "query": self.query,
            "is_filtered": bool(self.query or self.filters),
        }
