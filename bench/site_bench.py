"""Benchmark of the public pages as served in production (not a test): `make bench`.

On a PostgreSQL database whose name ends in "_bench" (created if missing), loads the demo
content and adds synthetic actors (50 000 by default, invented names), then starts gunicorn with
gunicorn.conf.py and the bench settings (production settings over plain HTTP, plus the floor
view) on loopback, and measures each public page type with wrk — requests/s and p50/p99
latency — next to the floor (a minimal Django view through the same middleware and the same
gunicorn), twice: page cache off, then on (Redis). Prints a Markdown table of the results, the
ratios to the floor, the load average, and the factsheet's HTML + CSS and JavaScript weight.

    apt-get install -y wrk          # Debian/Ubuntu; `brew install wrk` on macOS
    python bench/site_bench.py [--actors 50000] [--duration 10] [--port 8131]

Environment: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/ess_bench), REDIS_URL
(default redis://127.0.0.1:6379/7, flushed between runs: use a database of its own),
WEB_CONCURRENCY (gunicorn workers, default 2 × cores + 1 as in production).
"""

import argparse
import os
import platform
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))
os.environ["DJANGO_SETTINGS_MODULE"] = "ess_site.settings.bench"
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/ess_bench")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/7")
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")

import django  # noqa: E402
import psycopg  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from bench.directory_search import add_synthetic_actors  # noqa: E402
from directory.models import (  # noqa: E402
    ActorPage,
    Commune,
    DirectoryIndexPage,
    Sector,
    SupportServiceIndexPage,
    SupportServicePage,
)
from factsheet.models import FactsheetPage  # noqa: E402
from home.models import ContentPage  # noqa: E402

WRK_HELP = "wrk is missing: `apt-get install -y wrk` (Debian/Ubuntu) or `brew install wrk`."


def ensure_database():
    settings = connection.settings_dict
    if connection.vendor != "postgresql" or not settings["NAME"].endswith("_bench"):
        raise SystemExit("Run on PostgreSQL, on a database whose name ends in _bench.")
    dsn = {
        "host": settings["HOST"],
        "port": settings["PORT"] or 5432,
        "user": settings["USER"],
        "password": settings["PASSWORD"],
        "dbname": "postgres",
        "autocommit": True,
    }
    with psycopg.connect(**dsn) as admin:
        exists = admin.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [settings["NAME"]]
        ).fetchone()
        if not exists:
            admin.execute(f'CREATE DATABASE "{settings["NAME"]}"')


def add_actors(total, rng_seed=2024):
    """Bring the demo directory up to `total` actors with synthetic ones, indexed for search."""
    import random

    index = DirectoryIndexPage.objects.get(locale__language_code="fr")
    existing = ActorPage.objects.child_of(index).count()
    if existing < total:
        sectors = list(Sector.objects.filter(locale=index.locale))
        # The same data on every machine.
        add_synthetic_actors(index, total - existing, random.Random(rng_seed), sectors)


def prepare(actors):
    ensure_database()
    call_command("migrate", verbosity=0)
    # Once: run again, load_demo would translate the synthetic actors into English one by one.
    if not DirectoryIndexPage.objects.exists():
        call_command("load_demo", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    add_actors(actors)


def public_urls():
    # The French pages: the demo has an English copy of each.
    french = {"locale__language_code": "fr"}
    directory = DirectoryIndexPage.objects.live().get(**french)
    demo_actor = (
        ActorPage.objects.live()
        .filter(**french)
        .exclude(slug__startswith="acteur-synthetique")
        .first()
    )
    commune = Commune.objects.filter(actors__live=True).first()
    home = directory.get_parent()
    services = SupportServiceIndexPage.objects.live().get(**french)
    return [
        ("Floor (minimal Django view)", "/bench-floor"),
        ("Home page", home.url),
        ("Factsheet", FactsheetPage.objects.live().get(**french).url),
        ("Directory, no query", directory.url),
        ("Directory, text query", f"{directory.url}?q=jardin"),
        ("Directory, filter", f"{directory.url}?commune={commune.insee_code}"),
        ("Actor profile", demo_actor.url),
        ("Support services", services.url),
        ("Support service", SupportServicePage.objects.live().filter(**french).first().url),
        ("Plan du site", ContentPage.objects.live().get(slug="plan-du-site", **french).url),
        ("Site search", "/fr/recherche/?q=insertion"),
    ]


def fetch(base, path):
    with urllib.request.urlopen(base + path, timeout=30) as response:  # noqa: S310 - loopback
        return response.status, dict(response.headers), response.read()


def start_gunicorn(port, page_cache_seconds, log):
    env = {**os.environ, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    # Production recycles a worker every thousand requests or so: hours on this site, but
    # every few seconds at the floor's rate, where each restart would cost the pages measured
    # next seconds of Django start-up. The benchmark measures the steady state.
    env["GUNICORN_MAX_REQUESTS"] = "0"
    env["PAGE_CACHE_SECONDS"] = str(page_cache_seconds)
    gunicorn = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen(  # noqa: S603 - the project's own server
        [str(gunicorn), "-c", "gunicorn.conf.py"], cwd=PROJECT, env=env, stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{port}"
    for _attempt in range(100):
        try:
            if fetch(base, "/healthz")[0] == 200:
                return process, base
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"gunicorn did not start; see {log.name}")


def to_ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(base, path, duration, threads, connections):
    result = subprocess.run(  # noqa: S603 - fixed tool, loopback URL
        [
            shutil.which("wrk"),
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            "--timeout",
            "10s",
            base + path,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": to_ms(re.search(r"\s50%\s+(\S+)", out).group(1)),
        "p99": to_ms(re.search(r"\s99%\s+(\S+)", out).group(1)),
        "errors": int(errors.group(1)) if errors else 0,
    }


def measure(urls, port, page_cache_seconds, args, log):
    cache.clear()
    process, base = start_gunicorn(port, page_cache_seconds, log)
    try:
        for _label, path in urls:
            for _warm in range(3):  # renditions, connection pools, the page cache
                status, headers, _body = fetch(base, path)
                if status != 200:
                    raise SystemExit(f"{path} answered {status}")
            if page_cache_seconds and path != "/bench-floor":
                assert headers.get("X-Page-Cache") == "hit", f"{path} is not served from cache"
        return {
            path: wrk(base, path, args.duration, args.threads, args.connections)
            for _label, path in urls
        }
    finally:
        process.terminate()
        process.wait(timeout=30)


def page_weight(base_url_path, port, log):
    """Bytes of the factsheet's HTML, of its stylesheets and of its scripts (JSON-LD is data)."""
    process, base = start_gunicorn(port, 0, log)
    try:
        html = fetch(base, base_url_path)[2]
        text = html.decode()
        css = sum(
            len(fetch(base, href)[2])
            for href in re.findall(r'<link rel="stylesheet"[^>]*href="([^"]+)"', text)
        )
        scripts = [
            (attrs, body)
            for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", text, re.S)
            if "application/ld+json" not in attrs
        ]
        js = sum(
            len(fetch(base, src.group(1))[2]) if (src := re.search(r'src="([^"]+)"', a)) else len(b)
            for a, b in scripts
        )
        return len(html), css, js
    finally:
        process.terminate()
        process.wait(timeout=30)


def table(urls, uncached, cached):
    floor_u, floor_c = uncached["/bench-floor"]["rps"], cached["/bench-floor"]["rps"]
    lines = [
        "| Page | Uncached req/s | p50 ms | p99 ms | × floor | Cached req/s | p50 ms | p99 ms "
        "| × floor |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for label, path in urls:
        u, c = uncached[path], cached[path]
        lines.append(
            f"| {label} (`{path}`) | {u['rps']:.0f} | {u['p50']:.1f} | {u['p99']:.1f} "
            f"| {u['rps'] / floor_u:.3f} | {c['rps']:.0f} | {c['p50']:.1f} | {c['p99']:.1f} "
            f"| {c['rps'] / floor_c:.2f} |"
        )
    errors = sum(r["errors"] for r in [*uncached.values(), *cached.values()])
    return "\n".join(lines), errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=50_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per URL")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=8131)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit(WRK_HELP)
    prepare(args.actors)
    urls = public_urls()
    load_before = os.getloadavg()
    with tempfile.NamedTemporaryFile("w", prefix="bench-gunicorn-", suffix=".log") as log:
        html, css, js = page_weight(urls[2][1], args.port, log)
        uncached = measure(urls, args.port, 0, args, log)
        cached = measure(urls, args.port, 600, args, log)
    load_after = os.getloadavg()
    rows, errors = table(urls, uncached, cached)
    workers = os.environ.get("WEB_CONCURRENCY", os.cpu_count() * 2 + 1)
    print(
        f"\n{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.node()}: {os.cpu_count()} cores, "
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}; "
        f"{ActorPage.objects.count()} actors; gunicorn {workers} sync workers; wrk "
        f"-t{args.threads} -c{args.connections} -d{args.duration}s on loopback; load average "
        f"{load_before[0]:.1f} before, {load_after[0]:.1f} after.\n"
    )
    print(rows)
    print(
        f"\nFactsheet: HTML {html / 1024:.1f} KB + CSS {css / 1024:.1f} KB = "
        f"{(html + css) / 1024:.1f} KB uncompressed; JavaScript {js / 1024:.1f} KB."
    )
    if errors:
        print(f"\nWARNING: {errors} responses were not 2xx/3xx.")


if __name__ == "__main__":
    main()
