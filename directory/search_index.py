"""The directory's search table (ActorSearchEntry): which actors it holds and how rows are built.

One row per live actor that no view restriction hides, copied from the page on every change a
visitor could see (directory/signals.py), or rebuilt in bulk (`rebuild`). On PostgreSQL each row
also gets a weighted tsvector in the text search configuration of the actor's language.
"""

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Substr
from django.utils import translation
from wagtail.models import Page

from .choices import Family
from .models import ActorPage, ActorSearchEntry

# Text search configurations created by the migrations 0003 and 0008, by page language.
SEARCH_CONFIGS = {"fr": "french_unaccent", "en": "english_unaccent"}
# Not stemmed: the name's words as typed, for prefix matching ("jard" → Jardins).
PREFIX_CONFIG = "simple_unaccent"
BODY_FIELD = ActorPage._meta.get_field("body")
PARENT_PATH = Substr(OuterRef("path"), 1, (OuterRef("depth") - 1) * Page.steplen)


def search_config(language_code):
    return SEARCH_CONFIGS.get(language_code, PREFIX_CONFIG)


def _entry(actor):
    language = actor.locale.language_code
    with translation.override(language):
        family = str(Family(actor.family).label) if actor.family else ""
    text = [
        actor.summary,
        *(sector.name for sector in actor.sectors.all()),
        actor.commune.name if actor.commune else "",
        family,
        *BODY_FIELD.get_searchable_content(actor.body),
    ]
    return ActorSearchEntry(
        page_id=actor.pk,
        directory_id=actor.parent_id,
        title=actor.title,
        family=actor.family,
        commune_id=actor.commune_id,
        headcount_band=actor.headcount_band,
        text="\n".join(part for part in text if part),
        search_config=search_config(language),
    )


def _indexable(actors):
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


def index_actors(actors, chunk_size=2000, progress=None):
    """Bring the rows of `actors` (an ActorPage queryset) up to date; return how many are listed."""
    listed = 0
    ids = list(actors.values_list("pk", flat=True))
    for start in range(0, len(ids), chunk_size):
        chunk = ids[start : start + chunk_size]
        with transaction.atomic():
            ActorSearchEntry.objects.filter(page_id__in=chunk).delete()
            actors_chunk = list(_indexable(ActorPage.objects.filter(pk__in=chunk)))
            ActorSearchEntry.objects.bulk_create(_entry(actor) for actor in actors_chunk)
            ActorSearchEntry.sectors.through.objects.bulk_create(
                ActorSearchEntry.sectors.through(actorsearchentry_id=actor.pk, sector_id=sector.pk)
                for actor in actors_chunk
                for sector in actor.sectors.all()
            )
            if connection.vendor == "postgresql":
                _fill_vectors(ActorSearchEntry.objects.filter(page_id__in=chunk))
        listed += len(actors_chunk)
        if progress:
            progress(min(start + chunk_size, len(ids)), len(ids))
    return listed


def _fill_vectors(entries):
    config = F("search_config")
    entries.update(
        search_vector=SearchVector("title", config=config, weight="A")
        + SearchVector("title", config=PREFIX_CONFIG, weight="A")
        + SearchVector("text", config=config, weight="B")
    )


def rebuild(progress=None):
    """Rebuild the whole table (idempotent); return the number of actors listed."""
    with transaction.atomic():
        ActorSearchEntry.objects.all().delete()
        return index_actors(ActorPage.objects.all(), progress=progress)
