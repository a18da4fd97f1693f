"""Benchmark runs (bench/site_bench.py): production settings over plain HTTP on loopback.

Adds the floor, a minimal Django view at /bench-floor that goes through the same middleware
and the same gunicorn as the pages it is compared with. Never deploy with these settings.
"""

from .production import *  # noqa: F403

# wrk talks plain HTTP to gunicorn on loopback; there is no proxy to say "https".
SECURE_SSL_REDIRECT = False
BENCH_FLOOR = True
