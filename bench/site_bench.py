"""Benchmark of the public pages as served in production (not a test): `make bench`.

On a PostgreSQL database whose name ends in "_bench" (created if missing), loads the demo
content and adds synthetic actors (50 000 by default, invented names), then starts on loopback,
side by side and with the same gunicorn settings (gunicorn.conf.py: worker count and class):
the site with its page cache off, the site with it on (Redis), and the floor, a bare Django
project (bench/floor/: startproject's middleware, no database, no access log) whose one view
returns HTML of the median size of the site's pages. Then, in rounds, wrk measures the floor and
each public page type, uncached and cached — requests/s and p50/p99 latency — and every figure
is given as a ratio to the floor of its round (the median of the rounds). Prints a Markdown
table with the SQL queries of each page, the load average and the targets; with --write, puts
it in docs/benchmarks.md between its markers.

    apt-get install -y wrk          # Debian/Ubuntu; `brew install wrk` on macOS
    python bench/site_bench.py [--actors 50000] [--duration 10] [--rounds 3] [--port 8131] [--write]

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
import statistics
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
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

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
    # (label, path, uncached target as a ratio to the floor)
    return [
        ("Home page", home.url, 0.06),
        ("Factsheet", FactsheetPage.objects.live().get(**french).url, 0.06),
        ("Directory, no query", directory.url, 0.06),
        ("Directory, text query", f"{directory.url}?q=jardin", 0.03),
        ("Directory, filter", f"{directory.url}?commune={commune.insee_code}", 0.06),
        ("Actor profile", demo_actor.url, 0.06),
        ("Support services", services.url, 0.06),
        ("Support service", SupportServicePage.objects.live().filter(**french).first().url, 0.06),
        ("Plan du site", ContentPage.objects.live().get(slug="plan-du-site", **french).url, 0.06),
        ("Site search", "/fr/recherche/?q=insertion", 0.02),
    ]


CACHED_TARGET = 0.9
PROXY_TARGET = 5


def fetch(base, path):
    with urllib.request.urlopen(base + path, timeout=30) as response:  # noqa: S310 - loopback
        return response.status, dict(response.headers), response.read()


def start_server(args, env, port, log, health="/healthz"):
    env = {**os.environ, **env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    # Production recycles a worker every thousand requests or so: hours on this site, but
    # every few seconds at the floor's rate, where each restart would cost the pages measured
    # next seconds of Django start-up. The benchmark measures the steady state.
    env["GUNICORN_MAX_REQUESTS"] = "0"
    gunicorn = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen(  # noqa: S603 - the project's own server
        [str(gunicorn), "-c", *args], cwd=PROJECT, env=env, stdout=log, stderr=log
    )
    base = f"http://127.0.0.1:{port}"
    for _attempt in range(150):
        try:
            if fetch(base, health)[0] == 200:
                return process, base
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"gunicorn did not start; see {log.name}")


def start_site(port, page_cache_seconds, log):
    return start_server(
        ["gunicorn.conf.py"], {"PAGE_CACHE_SECONDS": str(page_cache_seconds)}, port, log
    )


def start_floor(port, page_bytes, log):
    return start_server(
        [str(PROJECT / "bench" / "floor" / "gunicorn.conf.py")],
        {"FLOOR_PAGE_BYTES": str(page_bytes), "DJANGO_SETTINGS_MODULE": "floor_site.settings"},
        port,
        log,
        health="/",
    )


def start_varnish(app_port, port, workdir, log):
    """Varnish with the repository's VCL in front of the cached site; None without varnishd."""
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    if not os.path.exists(varnishd):
        return None
    vcl = Path(workdir) / "ess.vcl"
    source = (PROJECT / "deploy" / "varnish" / "ess.vcl").read_text()
    vcl.write_text(source.replace('.port = "8000";', f'.port = "{app_port}";'))
    process = subprocess.Popen(  # noqa: S603 - fixed binary
        [varnishd, "-F", "-j", "none", "-n", str(Path(workdir) / "varnish")]
        + ["-a", f"127.0.0.1:{port}", "-f", str(vcl), "-s", "malloc,256m"],
        stdout=log,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    for _attempt in range(100):
        try:
            fetch(base, "/healthz")
            return process, base
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"varnishd did not start; see {log.name}")


def stop(process):
    process.terminate()
    process.wait(timeout=30)


def to_ms(value):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def wrk(base, path, args):
    result = subprocess.run(  # noqa: S603 - fixed tool, loopback URL
        [
            shutil.which("wrk"),
            f"-t{args.threads}",
            f"-c{args.connections}",
            f"-d{args.duration}s",
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


def warm(base, path, expect_hit):
    for _warm in range(3):  # renditions, connection pools, the page cache
        status, headers, _body = fetch(base, path)
        if status != 200:
            raise SystemExit(f"{base}{path} answered {status}")
    if expect_hit:
        assert headers.get("X-Page-Cache") == "hit", f"{path} is not served from the page cache"


def count_queries(urls):
    """SQL queries of each page with the page cache off, on the third request of this process
    (its menu and footer cached, as on any page but the first after a publication)."""
    client = Client(HTTP_HOST="127.0.0.1")
    counts = {}
    with override_settings(PAGE_CACHE_SECONDS=0):
        for _label, path, _target in urls:
            client.get(path)
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            assert response.status_code == 200, path
            counts[path] = len(queries)
    return counts


def page_sizes(base, urls):
    return {path: len(fetch(base, path)[2]) for _label, path, _target in urls}


def page_weight(base, path):
    """Bytes of a page's HTML, of its stylesheets and of its scripts (JSON-LD is data)."""
    html = fetch(base, path)[2]
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


def run_rounds(floor, targets, args):
    """floor: (base, path); targets: {path: {phase: (base, path)}}. Each round measures, for
    each page, the floor and then the page in each phase, so that each figure has a floor
    measured seconds before it: the machine's load changes within a run. Returns
    {(phase, path): [result of each round]} and {path: [the floor before it, each round]}."""
    results, floors = {}, {}
    for _round in range(args.rounds):
        for path, phases in targets.items():
            floors.setdefault(path, []).append(wrk(*floor, args))
            for phase, (base, url) in phases.items():
                results.setdefault((phase, path), []).append(wrk(base, url, args))
    return results, floors


def summary(runs, floor_runs):
    """Median req/s, p50, p99 and ratio to the floor of the same round over the rounds, and
    the ratios' range."""
    ratios = [r["rps"] / f["rps"] for r, f in zip(runs, floor_runs, strict=True)]
    return {
        "rps": statistics.median(r["rps"] for r in runs),
        "p50": statistics.median(r["p50"] for r in runs),
        "p99": statistics.median(r["p99"] for r in runs),
        "ratio": statistics.median(ratios),
        "low": min(ratios),
        "high": max(ratios),
        "errors": sum(r["errors"] for r in runs),
    }


def ratio_text(s, digits):
    text = f"{s['ratio']:.{digits}f}"
    if s["low"] != s["high"]:
        text += f" ({s['low']:.{digits}f}–{s['high']:.{digits}f})"
    return text


def table(urls, results, floors, queries):
    every_floor = [run for runs in floors.values() for run in runs]
    floor = summary(every_floor, every_floor)
    proxy = any(phase == "proxy" for phase, _path in results)
    lines = [
        "| Page | Uncached req/s | p50 ms | p99 ms | × floor | target | Cached req/s | p50 ms "
        "| p99 ms | × floor | " + ("Varnish req/s | × floor | " if proxy else "") + "SQL queries |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        + ("---:|---:|" if proxy else "")
        + "---:|",
        f"| Floor: bare Django (`bench/floor/`) | {floor['rps']:.0f} | {floor['p50']:.1f} "
        f"| {floor['p99']:.1f} | 1 | | | | | | " + ("| | " if proxy else "") + "0 |",
    ]
    missed = []
    for label, path, target in urls:
        u = summary(results[("uncached", path)], floors[path])
        c = summary(results[("cached", path)], floors[path])
        via = ""
        if proxy:
            v = summary(results[("proxy", path)], floors[path])
            via = f"{v['rps']:.0f} | {ratio_text(v, 1)} | "
            if v["ratio"] < PROXY_TARGET:
                missed.append(f"{label} through Varnish {v['ratio']:.1f}× < {PROXY_TARGET}×")
        lines.append(
            f"| {label} (`{path}`) | {u['rps']:.0f} | {u['p50']:.1f} | {u['p99']:.1f} "
            f"| {ratio_text(u, 3)} | {target} | {c['rps']:.0f} | {c['p50']:.1f} "
            f"| {c['p99']:.1f} | {ratio_text(c, 2)} | {via}{queries[path]} |"
        )
        if u["ratio"] < target:
            missed.append(f"{label} uncached {u['ratio']:.3f}× < {target}×")
        if c["ratio"] < CACHED_TARGET:
            missed.append(f"{label} cached {c['ratio']:.2f}× < {CACHED_TARGET}×")
    errors = sum(r["errors"] for runs in results.values() for r in runs)
    errors += sum(r["errors"] for r in every_floor)
    return "\n".join(lines), missed, errors


def commit():
    def git(*args):
        return subprocess.run(  # noqa: S603 - fixed tool
            [shutil.which("git"), *args], cwd=PROJECT, capture_output=True, text=True, check=False
        ).stdout.strip()

    sha = git("rev-parse", "--short", "HEAD") or "unknown"
    return sha + ("+changes" if git("status", "--porcelain", "--untracked-files=no") else "")


MARK_START = "<!-- make bench: start -->"
MARK_END = "<!-- make bench: end -->"


def write_report(report):
    path = PROJECT / "docs" / "benchmarks.md"
    text = path.read_text()
    if MARK_START not in text or MARK_END not in text:
        raise SystemExit(f"{path} lacks the markers {MARK_START} … {MARK_END}")
    before, after = text.partition(MARK_START)[0], text.partition(MARK_END)[2]
    path.write_text(f"{before}{MARK_START}\n{report}\n{MARK_END}{after}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=50_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per URL")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--port", type=int, default=8131, help="and the three ports after it")
    parser.add_argument("--write", action="store_true", help="write into docs/benchmarks.md")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit(WRK_HELP)
    prepare(args.actors)
    urls = public_urls()
    queries = count_queries(urls)
    cache.clear()
    load_before = os.getloadavg()
    servers = []
    with (
        tempfile.NamedTemporaryFile("w", prefix="bench-gunicorn-", suffix=".log") as log,
        tempfile.TemporaryDirectory(prefix="bench-varnish-") as workdir,
    ):
        try:
            servers.append(start_site(args.port, 0, log))
            uncached = servers[-1][1]
            servers.append(start_site(args.port + 1, 600, log))
            cached = servers[-1][1]
            sizes = page_sizes(uncached, urls)
            page_bytes = int(statistics.median(sizes.values()))
            html, css, js = page_weight(uncached, urls[1][1])
            servers.append(start_floor(args.port + 2, page_bytes, log))
            floor = servers[-1][1]
            varnish = start_varnish(args.port + 1, args.port + 3, workdir, log)
            if varnish:
                servers.append(varnish)
            targets = {}
            for _label, path, _target in urls:
                warm(uncached, path, expect_hit=False)
                warm(cached, path, expect_hit=True)
                targets[path] = {"uncached": (uncached, path), "cached": (cached, path)}
                if varnish:
                    warm(varnish[1], path, expect_hit=False)
                    targets[path]["proxy"] = (varnish[1], path)
            results, floors = run_rounds((floor, "/"), targets, args)
        finally:
            for process, _base in servers:
                stop(process)
    load_after = os.getloadavg()
    rows, missed, errors = table(urls, results, floors, queries)
    workers = os.environ.get("WEB_CONCURRENCY", os.cpu_count() * 2 + 1)
    report = [
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {commit()}, {platform.node()}: "
        f"{os.cpu_count()} cores, {platform.processor() or platform.machine()}, Python "
        f"{platform.python_version()}; {ActorPage.objects.count()} actors; gunicorn {workers} "
        f"sync workers for the site and for the floor; wrk -t{args.threads} "
        f"-c{args.connections} -d{args.duration}s on loopback, {args.rounds} rounds (medians; "
        "each page's ratio to the floor measured just before it, their range in brackets); "
        "floor page "
        f"{page_bytes / 1024:.1f} KB (the pages' median); load average {load_before[0]:.1f} "
        f"before, {load_after[0]:.1f} after. SQL queries: uncached, menu and footer cached; "
        "a cache hit makes none.",
        "",
        rows,
        "",
        f"Factsheet: HTML {html / 1024:.1f} KB + CSS {css / 1024:.1f} KB = "
        f"{(html + css) / 1024:.1f} KB uncompressed; JavaScript {js / 1024:.1f} KB.",
        "",
        "Targets (uncached as in the target column, cached "
        f"≥ {CACHED_TARGET}×, through Varnish ≥ {PROXY_TARGET}×): "
        + ("all met." if not missed else "missed: " + "; ".join(missed)),
    ]
    if errors:
        report += ["", f"WARNING: {errors} responses were not 2xx/3xx."]
    report = "\n".join(report)
    print(report)
    if args.write:
        write_report(report)


if __name__ == "__main__":
    main()
