"""CPU a request costs inside one process (not a test): the WSGI application called in a loop.

On a shared, loaded machine, wrk's requests per second move with the other jobs; the CPU time
this process spends on a request (`time.process_time`) moves far less. For each public page of
bench/site_bench.py (the same database: PostgreSQL `*_bench`, demo content and synthetic
actors, created as there if missing), with the bench settings and the page cache off (the menu
and footer cached, as on every page but the first after a publication), it calls the site's
WSGI application N times after a warm-up and prints the CPU and the wall time per request (the
difference is mostly PostgreSQL). The floor, bench/floor's bare Django view, is measured the
same way in a subprocess of its own, and every page's CPU is also given as floor CPU / page CPU,
comparable with the uncached targets (0.06×, 0.03×, 0.02×).

    python bench/wsgi_cpu.py [--requests 200] [--only factsheet] [--profile out.prof]

Environment as for site_bench.py: DATABASE_URL, REDIS_URL (a Redis database of its own).
"""

import argparse
import io
import os
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
FLOOR = PROJECT / "bench" / "floor"


def environ(path):
    path, _, query = path.partition("?")
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def call(application, path):
    status = []
    body = b"".join(application(environ(path), lambda s, headers, *exc: status.append(s)))
    if not status[0].startswith("200"):
        raise SystemExit(f"{path} answered {status[0]}")
    return body


def measure(application, path, requests):
    """(CPU µs, wall ms) per request, after three requests of warm-up."""
    for _warm in range(3):
        call(application, path)
    cpu, wall = time.process_time(), time.perf_counter()
    for _request in range(requests):
        call(application, path)
    return (
        (time.process_time() - cpu) / requests * 1e6,
        (time.perf_counter() - wall) / requests * 1e3,
    )


def floor_cpu(requests):
    """The floor's CPU µs per request, measured in a process of its own (other settings)."""
    result = subprocess.run(  # noqa: S603 - this script
        [sys.executable, __file__, "--floor", "--requests", str(requests)],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "floor_site.settings"},
        capture_output=True,
        text=True,
        check=True,
    )
    return float(result.stdout.split()[0])


def run_floor(requests):
    sys.path.insert(0, str(FLOOR))
    from django.core.wsgi import get_wsgi_application

    print(measure(get_wsgi_application(), "/", requests)[0])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200, help="per page, after 3 to warm")
    parser.add_argument("--only", help="only the pages whose label or path contains this")
    parser.add_argument("--profile", help="cProfile the loop into this file (one page)")
    parser.add_argument("--floor", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.floor:
        return run_floor(args.requests)
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    sys.path.insert(0, str(PROJECT))
    from django.core.wsgi import get_wsgi_application

    from bench import site_bench  # sets up Django with the bench settings

    site_bench.prepare(50_000)
    application = get_wsgi_application()
    urls = [
        (label, path)
        for label, path, _target in site_bench.public_urls()
        if not args.only or args.only.lower() in f"{label} {path}".lower()
    ]
    if args.profile:
        import cProfile

        (label, path), *_others = urls
        call(application, path)
        # CPU time, not wall time: waiting on PostgreSQL or Redis under load is not the
        # process's cost.
        profiler = cProfile.Profile(time.process_time)
        profiler.runcall(measure, application, path, args.requests)
        profiler.dump_stats(args.profile)
        print(f"{label} ({path}): profile in {args.profile}")
        return None
    floor = floor_cpu(args.requests * 5)
    print(f"load average {os.getloadavg()[0]:.1f}; {args.requests} requests a page")
    print("| page | CPU µs/request | wall ms/request | floor CPU / page CPU |")
    print("| --- | ---: | ---: | ---: |")
    print(f"| floor (`bench/floor/`) | {floor:.0f} | | 1 |")
    for label, path in urls:
        cpu, wall = measure(application, path, args.requests)
        print(f"| {label} (`{path}`) | {cpu:.0f} | {wall:.1f} | {floor / cpu:.3f} |")
    return None


if __name__ == "__main__":
    main()
