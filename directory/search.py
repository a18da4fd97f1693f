"""Directory search: text, filters, facet counts and a page of results, on the search table.

Everything runs on ActorSearchEntry (directory/search_index.py), one narrow row per listed
actor: filters and facet counts never join Wagtail's page table, and a page of results is
sorted and sliced there before its few actors are loaded.

The text part depends on the search backend (WAGTAILSEARCH_BACKENDS): with the PostgreSQL
database backend it runs on the table's own tsvector (stemmed, unaccented, name prefixes) with
a trigram fallback for typos; with SQLite's it runs on the table's `search_text`, the same
lexemes, and the same fallback computed in Python (core/text_search.py); with an external
backend (Elasticsearch, OpenSearch) the backend finds the matching actors, and the table does
the rest.
"""

import re

from django.contrib.postgres.search import SearchQuery
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, Count, F, Q, Value, When
from django.db.models.functions import Concat
from django.utils.functional import cached_property
from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from core.cache import until_next_publication
from core.pagination import page_index
from core.text_search import (
    WORD_SIMILARITY_THRESHOLD,
    WordSimilar,
    similar_words,
    stems,
    trigram_substrings,
)

from .cards import actor_cards
from .forms import DirectoryFilterForm
from .models import ActorPage, ActorSearchEntry, Commune, Sector
from .search_index import PREFIX_CONFIG, plain, search_config

# Form field → column of the search table.
FILTER_COLUMNS = {
    "family": "family",
    "sector": "sector_ids",
    "commune": "commune_id",
    "band": "headcount_band",
}
# Anything but letters, digits, apostrophes and hyphens is query syntax for one backend or
# another (FTS5 quotes, tsquery operators…): the public types words, not expressions.
QUERY_SYNTAX = re.compile(r"[^\w\s'’-]")
# Matches no entry, and still compiles (unlike `pk__in=[]`) into facet_counts' SQL.
NO_ENTRY = Q(page_id__isnull=True)
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
    """Entries whose tsvector has the words (stemmed), or whose name has words starting with
    each of them (name_vector, unstemmed too): "jardins" finds Jardin, "jard" and "eco" find
    Jardins and Économie."""
    tokens = re.findall(r"[^\W_]+", words)
    prefixes = " & ".join(f"{token}:*" for token in tokens)
    match = Q(search_vector=SearchQuery(words, config=config))
    if prefixes:
        match |= Q(name_vector=SearchQuery(prefixes, config=PREFIX_CONFIG, search_type="raw"))
    return match


def text_match(words, language):
    """vector_match on `search_text`: entries holding every lexeme of the words, or whose name
    has words starting with each of the words."""
    lexemes = stems(words, language)
    stemmed = NO_ENTRY  # like an empty tsquery (stop words only), which matches nothing
    if lexemes:
        stemmed = Q(*(Q(search_text__contains=f" {lexeme} ") for lexeme in lexemes))
    tokens = plain(words).split()
    if not tokens:
        return stemmed
    prefixes = Q(*(Q(spaced_title__contains=f" {token}") for token in tokens))
    return stemmed | prefixes


def fuzzy_match(words):
    """Entries with a name word close to the query (pg_trgm's `<%`, the trigram index)."""
    return Q(WordSimilar(Value(plain(words)), F("plain_title")))


def fuzzy_ids(entries, words):
    """fuzzy_match's entries, measured in Python where pg_trgm is missing (the few thousand
    names of a directory)."""
    query = plain(words)
    substrings = trigram_substrings(query)
    if not substrings:
        return []
    # Names sharing too few of the query's trigrams are left out in SQL, unmeasured.
    shared = sum(
        (Case(When(spaced_name__contains=part, then=1), default=0) for part in substrings),
        Value(0),
    )
    candidates = (
        entries.annotate(spaced_name=Concat(Value(" "), "plain_title", Value(" ")))
        .annotate(shared=shared)
        .filter(shared__gte=WORD_SIMILARITY_THRESHOLD * len(substrings))
    )
    return similar_words(query, dict(candidates.values_list("page_id", "plain_title")))


def cached(request, key, compute):
    """`compute()`, kept in the cache until the next publication, even without a cache shared
    by the workers (CACHE_SECONDS then bounds how stale another worker's copy can be)."""
    return until_next_publication(request, f"directory:{key}", compute, timeout=CACHE_SECONDS)


def form_choices(request, locale_id):
    """Communes, the locale's sectors and its language: read once per publication rather
    than on every search."""
    return cached(
        request,
        f"choices:{locale_id}",
        lambda: (
            list(Commune.objects.all()),
            list(Sector.objects.filter(locale_id=locale_id).order_by("name")),
            Locale.objects.get(pk=locale_id).language_code,
        ),
    )


# The facets as columns of the `matched` table in facet_counts' query.
FACET_COLUMNS = {"family": "family", "commune": "commune_id", "band": "band"}
# PostgreSQL's GROUPING(family, commune_id, band, sectors) of each grouping set: a bit set for
# each column the set leaves out, the first column the highest bit.
GROUPING_SETS = {0b0111: "family", 0b1011: "commune", 0b1101: "band", 0b1110: "sectors"}
ALL_MATCHES = 0b1111  # the empty set: every match in one group
PAGE_ROW = -1  # the page's rows, after the counts'


def facet_counts(matched, filters, page=None):
    """Disjunctive facet counts, the total under every filter and the number of text matches,
    in one query that finds the matching entries once: {facet: {value: count}, …}; with `page`
    (zero-based index, size), the ids of that page of results too, under "page", each with its
    position in the page (an index past the end gives the last page, as Paginator.get_page does).

    Each facet's values are counted under every filter but its own. The matching entries are a
    common table expression, which PostgreSQL computes once as it is read twice (the ORM cannot
    write one), counted with grouping sets there, by a union of counts elsewhere; only table and
    column names are written into the SQL, every value is a parameter."""
    base, params = matched.values(
        "page_id", "family", "commune_id", "headcount_band", "title", "sector_ids"
    ).query.sql_with_params()
    params = list(params)

    def where(skip=None):
        conditions = []
        for name, value in filters.items():
            if name == skip:
                continue
            if name == "sector":
                conditions.append("sectors LIKE %s")
                params.append(f"% {value} %")
            else:
                conditions.append(f"{FACET_COLUMNS[name]} = %s")
                params.append(value)
        return " AND ".join(conditions) or "1 = 1"

    sql = f"WITH matched (page_id, family, commune_id, band, title, sectors) AS ({base}) "
    if connection.vendor == "postgresql":
        sql, read = _grouping_sets_sql(sql, where, page, params), _grouping_sets_rows
    else:
        sql, read = _union_sql(sql, where, page, params), iter
    counts = {name: {} for name in [*FACET_COLUMNS, "sector", "total", "matched", "page"]}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for name, value, count in read(cursor.fetchall()):
            if name == "sectors":
                for sector in value.split():
                    counts["sector"][sector] = counts["sector"].get(sector, 0) + count
            else:
                counts[name][value or ""] = count
    return counts


def _page_sql(where, page, params, *, label, total, source, pad=""):
    """The page's ids, each with its position in the page (UNION ALL keeps no order), from the
    matches sorted by name, as rows (label, id, position{pad}); `total` read from `source()`
    is the number of matches under the filters, for the last page when the index is past it."""
    filtered = where()
    index, size = page
    params.extend([size, size, index, size, index, size])
    return (
        f"SELECT {label}, CAST(page_id AS TEXT), ROW_NUMBER() OVER (ORDER BY title, page_id)"  # noqa: S608
        f"{pad} FROM (SELECT page_id, title FROM matched WHERE {filtered} "
        "ORDER BY title, page_id LIMIT %s OFFSET %s * (SELECT CASE "
        f"WHEN %s <= ({total} - 1) / %s THEN %s ELSE ({total} - 1) / %s END "
        f"FROM {source()})) AS page_ids"
    )


def _union_sql(sql, where, page, params):
    """facet_counts' query as a union of one grouped count per facet, each reading the
    matches (SQLite, which has no grouping sets): rows (name, value, count)."""
    branches = [
        f"SELECT '{name}', CAST({column} AS TEXT), COUNT(*) FROM matched "  # noqa: S608
        f"WHERE {where(skip=name)} GROUP BY {column}"
        for name, column in FACET_COLUMNS.items()
    ]
    branches.append(
        # By list of sectors (a few distinct values), each list's count then added to each of
        # its sectors by facet_counts.
        f"SELECT 'sectors', sectors, COUNT(*) FROM matched "  # noqa: S608
        f"WHERE {where(skip='sector')} GROUP BY sectors"
    )
    branches.append(f"SELECT 'total', '', COUNT(*) FROM matched WHERE {where()}")  # noqa: S608
    branches.append("SELECT 'matched', '', COUNT(*) FROM matched")
    if page:
        branches.append(
            _page_sql(
                where,
                page,
                params,
                label="'page'",
                total="COUNT(*)",
                source=lambda: f"matched WHERE {where()}",
            )
        )
    return sql + " UNION ALL ".join(branches)


# The counts of each row of _grouping_sets_sql but the last (every match), each with the filter
# it is counted without: each facet under the filters but its own, the total under all.
COUNTED = {
    "by_family": "family",
    "by_commune": "commune",
    "by_band": "band",
    "by_sectors": "sector",
    "total": None,
}


def _grouping_sets_sql(sql, where, page, params):
    """facet_counts' query on PostgreSQL: every count in one pass over the matches, grouped by
    each facet and by nothing (grouping sets), then the page, its offset bounded by the total
    so counted: rows (GROUPING(…), value, *COUNTED, every match). Each union branch of the
    other query reads the matches again, which cost PostgreSQL a fifth more time."""
    counted = "".join(
        f"COUNT(*) FILTER (WHERE {where(skip=skip)}) AS {name}, " for name, skip in COUNTED.items()
    )
    sql += (
        ", counts AS (SELECT GROUPING(family, commune_id, band, sectors) AS grouping_set, "  # noqa: S608
        f"COALESCE(family, CAST(commune_id AS TEXT), band, sectors), {counted}COUNT(*) "
        "FROM matched GROUP BY GROUPING SETS ((family), (commune_id), (band), (sectors), ())) "
        "SELECT * FROM counts"
    )
    if page:
        sql += " UNION ALL " + _page_sql(
            where,
            page,
            params,
            label=PAGE_ROW,
            total="total",
            source=lambda: f"counts WHERE grouping_set = {ALL_MATCHES}",
            pad=", 0" * len(COUNTED),
        )
    return sql


def _grouping_sets_rows(rows):
    """_grouping_sets_sql's rows as _union_sql's: (name, value, count), leaving out the values
    a facet's filters leave no match for, as the union's WHERE does."""
    for grouping_set, value, *numbers in rows:
        counts = dict(zip([*COUNTED, "matched"], numbers, strict=True))
        if grouping_set == PAGE_ROW:
            yield "page", value, numbers[0]
        elif grouping_set == ALL_MATCHES:
            yield "total", "", counts["total"]
            yield "matched", "", counts["matched"]
        elif count := counts[f"by_{GROUPING_SETS[grouping_set]}"]:
            yield GROUPING_SETS[grouping_set], value, count


def directory_cubes(entries):
    """Every entry counted by (family, commune, band), and by the same plus sector: what
    the facet counts of any search without text are computed from (`counts_from_cubes`)."""
    columns = ["family", "commune_id", "headcount_band"]
    entries = entries.order_by()
    by_actor = entries.values_list(*columns).annotate(total=Count("pk"))
    by_sectors = entries.values_list(*columns, "sector_ids").annotate(total=Count("pk"))
    # A row per sector of each list (an entry without sector: one row, sector None).
    by_sector = [
        (*row[:3], sector, row[-1])
        for row in by_sectors
        for sector in [int(pk) for pk in row[3].split()] or [None]
    ]
    return list(by_actor), by_sector


def counts_from_cubes(cubes, filters):
    """facet_counts' answer for the whole directory, from its cubes: a few thousand rows at
    most, read once in memory rather than counting every entry for each set of filters.

    A row missing no filter counts for every facet and the total; a row missing one filter
    counts only for that filter's facet (disjunctive counts); others count for nothing."""
    by_actor, by_sector = cubes
    dimensions = ["family", "commune", "band", "sector"]
    wanted = [(dimensions.index(name), value) for name, value in filters.items()]
    counts = {name: {} for name in [*dimensions, "total"]}
    total = None  # stands for the total among the dimensions' indexes

    def add(rows, targets):
        for row in rows:
            missed = [index for index, value in wanted if row[index] != value]
            if not missed:
                hits = targets
            elif len(missed) == 1 and missed[0] in targets:
                hits = missed
            else:
                continue
            for index in hits:
                name, key = ("total", "") if index is total else (dimensions[index], row[index])
                key = str(key or "")
                counts[name][key] = counts[name].get(key, 0) + row[-1]

    # An actor with several sectors has a row per sector in by_sector, one row in by_actor.
    if "sector" in filters:
        add(by_sector, [0, 1, 2, 3, total])
    else:
        add(by_actor, [0, 1, 2, total])
        add(by_sector, [3])
    return counts


class EntryPaginator(Paginator):
    """Pages of search entries, told the total (the facet counts give it), whose pages hold
    the actors' cards (directory/cards.py); the ids of the page are given when the counts came
    with them, or else read from the sorted entries."""

    def __init__(self, entries, per_page, total, page_ids=None, *, request):
        super().__init__(entries.values_list("page_id", flat=True), per_page)
        self.total = total
        self.page_ids = page_ids
        self.request = request

    @cached_property
    def count(self):
        return self.total

    def _get_page(self, object_list, number, paginator):
        ids = list(object_list) if self.page_ids is None else self.page_ids
        return super()._get_page(actor_cards(self.request, ids), number, paginator)


class DirectorySearch:
    """One search of the directory, from the URL's parameters to the page of results.

    Facet counts are disjunctive: each filter's values are counted with the text query and
    the other filters applied, so that a visitor sees what choosing a value would give. They
    come from one query over the matching entries whatever the number of values, which gives
    the total too; without text they depend on the filters only, and are cached.
    """

    page = None  # (index, size) of the page of results to read with the counts

    def __init__(self, directory, request, params=None):
        """`params`: the search's parameters, when not the request's (directory/counts.py)."""
        self.directory = directory
        self.request = request
        communes, sectors, self.language = form_choices(request, directory.locale_id)
        self.commune_ids = {commune.insee_code: commune.pk for commune in communes}
        self.params = request.GET if params is None else params
        self.form = DirectoryFilterForm(self.params, sectors=sectors, communes=communes)
        self.form.is_valid()

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
    def text_source(self):
        """Where the text is matched: the table's "vector" (PostgreSQL), its "text" (SQLite),
        or the "backend" (external engines)."""
        backend = get_search_backend()
        if isinstance(backend, PostgresSearchBackend):
            return "vector"
        # By name: the SQLite backend's module cannot be imported on another database.
        on_sqlite = any(cls.__name__ == "SQLiteSearchBackend" for cls in type(backend).__mro__)
        return "text" if on_sqlite else "backend"

    def text_matches(self, words):
        if self.text_source == "vector":
            return self.entries.filter(vector_match(words, search_config(self.language)))
        if self.text_source == "text":
            spaced = self.entries.annotate(spaced_title=Concat(Value(" "), "plain_title"))
            return spaced.filter(text_match(words, self.language))
        return self.entries.filter(backend_match(self.directory, words))

    def typo_matches(self, words):
        if self.text_source == "vector":
            return self.entries.filter(fuzzy_match(words))
        ids = fuzzy_ids(self.entries, words)
        return self.entries.filter(Q(page_id__in=ids) if ids else NO_ENTRY)

    @cached_property
    def cubes(self):
        return cached(
            self.request, f"cubes:{self.directory.pk}", lambda: directory_cubes(self.entries)
        )

    @cached_property
    def matched_and_counts(self):
        """The entries the text matches (all without text) and their facet counts. When the
        text matches nothing, a name may hold a typo ("mutulle"): the entries with a name word
        close to it, where the backend allows it; the counts tell, at no extra query when
        something matches. Without text the counts depend on the filters only: cached."""
        if not self.words:
            filters = "&".join(f"{name}={value}" for name, value in sorted(self.filters.items()))
            counts = cached(
                self.request,
                f"counts:{self.directory.pk}:{filters}",
                lambda: counts_from_cubes(self.cubes, self.filters),
            )
            return self.entries, counts
        matched = self.text_matches(self.words)
        counts = facet_counts(matched, self.filters, self.page)
        if not counts["matched"].get("") and self.text_source != "backend":
            matched = self.typo_matches(self.words)
            counts = facet_counts(matched, self.filters, self.page)
        return matched, counts

    @property
    def counts(self):
        return self.matched_and_counts[1]

    def results(self):
        entries = self.matched_and_counts[0]
        for name, value in self.filters.items():
            if name == "sector":
                entries = entries.filter(sector_ids__contains=f" {value} ")
            else:
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

    def facets(self):
        facets = {name: self.counts[name] for name in FILTER_COLUMNS}
        # The form's commune options are INSEE codes.
        insee_codes = {str(pk): code for code, pk in self.commune_ids.items()}
        facets["commune"] = {insee_codes.get(pk): n for pk, n in facets["commune"].items()}
        return facets

    def total(self):
        return self.counts["total"].get("", 0)

    def run(self, per_page):
        # With text, the page's ids come with the counts, saving a second search.
        self.page = (page_index(self.params.get("page")), per_page)
        heading = self.form.results_heading(self.total())
        self.form.add_counts(self.facets())
        page_ids = None
        if self.words:  # {id: position}, in the page's order
            positions = self.counts["page"]
            page_ids = [int(pk) for pk in sorted(positions, key=positions.get)]
        paginator = EntryPaginator(
            self.results(), per_page, self.total(), page_ids, request=self.request
        )
        return {
            "form": self.form,
            "page": paginator.get_page(self.params.get("page")),
            "query": self.query,
            "is_filtered": bool(self.query or self.filters),
            "heading": heading,
        }
