"""Benchmark runs (bench/site_bench.py): production settings over plain HTTP on loopback.

The floor the pages are compared with is a separate bare Django project (bench/floor/). Never
deploy with these settings.
"""

from .production import *  # noqa: F403

# wrk talks plain HTTP to gunicorn on loopback; there is no proxy to say "https".
SECURE_SSL_REDIRECT = False
