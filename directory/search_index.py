"""The directory's search table (ActorSearchEntry): which actors it holds and how rows are built.

One row per live actor that no view restriction hides, copied from the page on every change a
visitor could see (directory/signals.py), or rebuilt in bulk (`rebuild`). On PostgreSQL each row
also gets a weighted tsvector in the text search configuration of the actor's language,
computed as the row is inserted (an update afterwards would leave a dead copy of every row);
on other databases it gets the same text as lexemes (`search_text`, core/text_search.py).
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Substr
from django.utils import translation
from wagtail.models import Page

from core.text_search import stems, words

from .choices import Family
from .models import ActorPage, ActorSearchEntry

# Not stemmed: the name's words as typed, for prefix matching ("jard" → Jardins).
PREFIX_CONFIG = "simple_unaccent"
BODY_FIELD = ActorPage._meta.get_field("body")
PARENT_PATH = Substr(OuterRef("path"), 1, (OuterRef("depth") - 1) * Page.steplen)


def search_config(language_code):
    """The language's text search configuration (created by the migrations 0003 and 0008)."""
    return settings.TEXT_SEARCH_CONFIGS.get(language_code, PREFIX_CONFIG)


def plain(text):
    """Its words in lower case without accents: "L'Économie" → "l economie"."""
    return " ".join(words(text))


def sector_list(ids):
    """The search table's sector_ids: " 3 7 " (a filter is `LIKE '% 3 %'`)."""
    ids = sorted(ids)
    return f" {' '.join(str(pk) for pk in ids)} " if ids else ""


def _details(actor):
    """What the search text holds besides the name, in the actor's language."""
    with translation.override(actor.locale.language_code):
        family = str(Family(actor.family).label) if actor.family else ""
    details = [
        actor.summary,
        *(sector.name for sector in actor.sectors.all()),
        actor.commune.name if actor.commune else "",
        family,
        *BODY_FIELD.get_searchable_content(actor.body),
    ]
    return " ".join(part for part in details if part)


def _search_vector(actor, details):
    config = search_config(actor.locale.language_code)
    title = Value(actor.title)
    return (
        SearchVector(title, config=config, weight="A")
        + SearchVector(title, config=PREFIX_CONFIG, weight="A")
        + SearchVector(Value(details), config=config, weight="B")
    )


def _name_vector(actor):
    """The name's lexemes, stemmed and as typed: the weight-A part of the search vector, in a
    column of its own so that name prefixes ("jard:*") are matched by its GIN index alone. On
    the whole vector, a prefix limited to weight A needs every matching row's vector read again
    and is estimated from every word's statistics, so the planner scanned the whole table."""
    config = search_config(actor.locale.language_code)
    title = Value(actor.title)
    return SearchVector(title, config=config) + SearchVector(title, config=PREFIX_CONFIG)


def _search_text(actor, details):
    """The lexemes the tsvector would hold, each between spaces (" jardin insert artois "),
    so that a lexeme is found with LIKE '% lexeme %'."""
    lexemes = stems(f"{actor.title} {details}", actor.locale.language_code)
    return f" {' '.join(lexemes)} "


def _entry(actor):
    details = _details(actor)
    on_postgresql = connection.vendor == "postgresql"
    return ActorSearchEntry(
        page_id=actor.pk,
        directory_id=actor.parent_id,
        title=actor.title,
        family=actor.family,
        commune_id=actor.commune_id,
        headcount_band=actor.headcount_band,
        plain_title=plain(actor.title),
        sector_ids=sector_list(sector.pk for sector in actor.sectors.all()),
        search_vector=_search_vector(actor, details) if on_postgresql else None,
        name_vector=_name_vector(actor) if on_postgresql else None,
        search_text="" if on_postgresql else _search_text(actor, details),
    )


def _listed(actors):
    """The actors of `actors` the directory lists, with what their rows need in few queries."""
    return (
        actors.live()
        .public()
        .select_related("locale", "commune")
        .prefetch_related("sectors")
        # The parent's id found by path in the same query, rather than one query per actor.
        .annotate(parent_id=Subquery(Page.objects.filter(path=PARENT_PATH).values("pk")[:1]))
        .order_by("pk")
    )


def index_actors(actors, chunk_size=1000, progress=None):
    """Bring the rows of `actors` (an ActorPage queryset) up to date; return how many are listed."""
    listed = 0
    ids = list(actors.values_list("pk", flat=True))
    for start in range(0, len(ids), chunk_size):
        chunk = ids[start : start + chunk_size]
        with transaction.atomic():
            ActorSearchEntry.objects.filter(page_id__in=chunk).delete()
            chunk_actors = list(_listed(ActorPage.objects.filter(pk__in=chunk)))
            ActorSearchEntry.objects.bulk_create(_entry(actor) for actor in chunk_actors)
        listed += len(chunk_actors)
        if progress:
            progress(start + len(chunk), len(ids))
    return listed


def rebuild(progress=None):
    """Rebuild the whole table (idempotent); return the number of actors listed."""
    with transaction.atomic():
        ActorSearchEntry.objects.all().delete()
        listed = index_actors(ActorPage.objects.all(), progress=progress)
    if connection.vendor == "postgresql":
        # Fresh statistics, or the planner guesses the text matches from an empty table.
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {ActorSearchEntry._meta.db_table}")
    return listed
