"""Benchmark of the directory search on PostgreSQL or SQLite (not a test).

Fills a dedicated database with 50 000 synthetic actors (invented names, never real ones),
then times at least 200 mixed searches through the code the directory page uses
(DirectorySearch: text, filters, facet counts, one page of results) and, on the same data,
a naive baseline where the text part is a plain `icontains` on name and summary.

    createdb -h 127.0.0.1 -U postgres ess_directory_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ess_directory_bench \
        /path/to/python bench/directory_search.py [--actors 50000] [--queries 240]

    DATABASE_URL=sqlite:////tmp/ess_directory_bench.sqlite3 \
        /path/to/python bench/directory_search.py --actors 5000

The database name (SQLite: the file's name) must end in "_bench": the script adds rows and is
not for real data.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ess_site.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Q  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from directory.choices import HEADCOUNT_CHOICES, Family  # noqa: E402
from directory.models import ActorPage, Commune, DirectoryIndexPage, Sector  # noqa: E402
from directory.search import DirectorySearch  # noqa: E402
from directory.search_index import index_actors  # noqa: E402
from home.models import HomePage  # noqa: E402

KINDS = ["Association", "Coopérative", "Mutuelle", "Atelier", "Jardins", "Collectif", "Régie"]
THEMES = [
    "de l'insertion",
    "du réemploi",
    "des mobilités solidaires",
    "de l'alimentation durable",
    "de l'économie circulaire",
    "du logement",
    "de la culture",
    "des services à la personne",
    "de l'énergie citoyenne",
    "de la santé",
]
SENTENCES = [
    "Accompagne des personnes éloignées de l'emploi.",
    "Propose des paniers de légumes biologiques.",
    "Répare et revend des objets du quotidien.",
    "Anime des ateliers pour les habitants du quartier.",
    "Gère une épicerie solidaire.",
    "Organise le covoiturage et le prêt de vélos.",
    "Rénove des logements avec des salariés en insertion.",
    "Soutient des projets culturels de proximité.",
]
SECTORS = ["Espaces verts", "Bâtiment", "Alimentation", "Mobilité", "Culture", "Santé"]
TEXT_QUERIES = [
    "jardin", "jardins", "insertion", "henin", "cooperative", "mutuelle", "reemploi",
    "jard", "eco", "mob", "epicerie", "velo", "logement", "culture citoyenne",
    "mutuele", "jardinn", "cooperativ", "alimentation durable", "carvin", "sante",
]  # fmt: skip


def add_synthetic_actors(index, count, rng, sectors):
    """Add `count` synthetic live actors under `index` in bulk (after any it has), then index
    them for search; shared with bench/site_bench.py, which adds them to the demo directory."""
    last = index.get_last_child()
    first_step = Page._str2int(last.path[-Page.steplen :]) + 1 if last else 1
    existing = index.get_children().count()
    communes = list(Commune.objects.all())
    content_type = ContentType.objects.get_for_model(ActorPage)
    bands = [code for code, _label in HEADCOUNT_CHOICES]
    families = [*Family.values, ""]
    started = time.perf_counter()
    with transaction.atomic():
        pages = []
        for number in range(first_step, first_step + count):
            title = f"{rng.choice(KINDS)} {rng.choice(THEMES)} {number}"
            pages.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=f"acteur-synthetique-{number}",
                    content_type=content_type,
                    locale=index.locale,
                    path=index._get_path(index.path, index.depth + 1, number),
                    depth=index.depth + 1,
                    numchild=0,
                    url_path=f"{index.url_path}acteur-synthetique-{number}/",
                    live=True,
                    has_unpublished_changes=False,
                )
            )
        created = Page.objects.bulk_create(pages, batch_size=5000)
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO directory_actorpage (page_ptr_id, family, commune_id, summary,"
                " headcount_band, street_address, siret, rna, website, email, phone,"
                " image_alt, menu_title, body) VALUES (%s, %s, %s, %s, %s, '', '', '', '', '', '',"
                " '', '', '[]')",
                [
                    (
                        page.pk,
                        rng.choice(families),
                        rng.choice(communes).pk,
                        " ".join(rng.sample(SENTENCES, 2)),
                        rng.choice(bands),
                    )
                    for page in created
                ],
            )
            cursor.executemany(
                "INSERT INTO directory_actorpage_sectors (actorpage_id, sector_id) VALUES (%s, %s)",
                [(page.pk, rng.choice(sectors).pk) for page in created],
            )
        Page.objects.filter(pk=index.pk).update(numchild=existing + count)
    print(f"created {count} actors in {time.perf_counter() - started:.1f} s", flush=True)
    started = time.perf_counter()
    backend = get_search_backend()
    queryset = ActorPage.objects.select_related("commune").prefetch_related("sectors")
    created_ids = [page.pk for page in created]
    for start in range(0, count, 2000):
        chunk = created_ids[start : start + 2000]
        backend.add_bulk(ActorPage, list(queryset.filter(pk__in=chunk)))
    # Bulk inserts send no publication signal: the directory's search table is filled here.
    index_actors(ActorPage.objects.filter(pk__in=created_ids))
    connection.cursor().execute("ANALYZE")
    print(f"indexed in {time.perf_counter() - started:.1f} s", flush=True)


def fill(count, rng):
    """Create the directory and `count` synthetic actors in bulk, then index them."""
    if DirectoryIndexPage.objects.exists():
        index = DirectoryIndexPage.objects.get()
        existing = ActorPage.objects.child_of(index).count()
        if existing >= count:
            return index
        raise SystemExit(f"{existing} actors already present; drop the bench database first.")
    locale = Locale.get_default()
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Bench", slug="bench", locale=locale))
    index = home.add_child(instance=DirectoryIndexPage(title="Annuaire", slug="annuaire"))
    sectors = [Sector.objects.create(name=name, locale=locale) for name in SECTORS]
    add_synthetic_actors(index, count, rng, sectors)
    return DirectoryIndexPage.objects.get(pk=index.pk)


class NaiveSearch(DirectorySearch):
    """The same filters and facets, with the text matched by icontains on the actors' name and
    summary instead of the search index, and no typo tolerance."""

    text_source = "backend"  # no typo fallback

    def text_matches(self, words):
        actors = ActorPage.objects.filter(Q(title__icontains=words) | Q(summary__icontains=words))
        return self.entries.filter(page_id__in=actors.values("pk"))


def make_queries(rng, total):
    communes = list(Commune.objects.values_list("insee_code", flat=True))
    sector_ids = list(Sector.objects.values_list("pk", flat=True))
    filters = [
        lambda: {"family": rng.choice(Family.values)},
        lambda: {"commune": rng.choice(communes)},
        lambda: {"sector": str(rng.choice(sector_ids))},
        lambda: {"band": rng.choice(["11", "12", "21", "22"])},
    ]
    queries = []
    for number in range(total):
        kind = number % 3
        params = {}
        if kind in (0, 1):
            params["q"] = rng.choice(TEXT_QUERIES)
        if kind in (1, 2):
            for make in rng.sample(filters, rng.randint(1, 3)):
                params.update(make())
        if number % 5 == 0:
            params["page"] = str(rng.randint(1, 5))
        queries.append(params)
    return queries


def time_searches(search_class, index, queries):
    timings = []
    for params in queries:
        request = RequestFactory().get("/", params)
        started = time.perf_counter()
        result = search_class(index, request).run(DirectoryIndexPage.paginate_by)
        list(result["page"].object_list)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=50_000)
    parser.add_argument("--queries", type=int, default=240)
    args = parser.parse_args()
    name = str(connection.settings_dict["NAME"])
    bench_name = Path(name).stem if connection.vendor == "sqlite" else name
    if connection.vendor not in ("postgresql", "sqlite") or not bench_name.endswith("_bench"):
        raise SystemExit("Run on PostgreSQL or SQLite, on a database whose name ends in _bench.")
    call_command("migrate", verbosity=0)
    rng = random.Random(2024)  # fixed seed: the same data and queries on every run
    index = fill(args.actors, rng)
    queries = make_queries(rng, args.queries)
    time_searches(DirectorySearch, index, queries[:20])  # warm the caches
    print(f"{len(queries)} queries on {index.actors().count()} actors ({name})")
    print(f"{'':28}{'p50 (ms)':>10}{'p95 (ms)':>10}{'max (ms)':>10}")
    for label, search_class in [
        ("directory search", DirectorySearch),
        ("naive icontains", NaiveSearch),
    ]:
        timings = time_searches(search_class, index, queries)
        print(
            f"{label:28}{statistics.median(timings):>10.1f}{percentile(timings, 0.95):>10.1f}"
            f"{max(timings):>10.1f}"
        )


if __name__ == "__main__":
    main()
