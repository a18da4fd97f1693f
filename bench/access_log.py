"""Cost of one gunicorn access-log call (not a test): gunicorn's own logger against the site's.

Both loggers are set up from gunicorn.conf.py and given a request as gunicorn parses it (a
browser's GET behind the proxy, and wrk's) with the response headers of a cached page; the
access log goes to FILE (default /dev/null) and the best of several timeit runs is printed in
µs per call. "gunicorn Logger" is gunicorn's generic access log through core.logging's
JsonFormatter, with the format the site used before core.logging.AccessLogger.

    python bench/access_log.py [FILE] [--rounds 3]
"""

import argparse
import runpy
import socket
import sys
import timeit
from datetime import timedelta
from functools import partial
from pathlib import Path

from gunicorn.config import Config
from gunicorn.http import wsgi
from gunicorn.http.parser import RequestParser

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

BROWSER = (
    b"GET /fr/annuaire/?commune=62427 HTTP/1.1\r\n"
    b"Host: ess-henin-carvin.fr\r\n"
    b"User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0\r\n"
    b"Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
    b"Accept-Language: fr,fr-FR;q=0.8,en-US;q=0.5,en;q=0.3\r\n"
    b"Accept-Encoding: gzip, deflate, br, zstd\r\n"
    b"Referer: https://ess-henin-carvin.fr/fr/\r\n"
    b"Upgrade-Insecure-Requests: 1\r\n"
    b"Sec-Fetch-Dest: document\r\nSec-Fetch-Mode: navigate\r\nSec-Fetch-Site: same-origin\r\n"
    b"X-Forwarded-For: 203.0.113.7\r\nX-Forwarded-Proto: https\r\n\r\n"
)
WRK = b"GET /fr/ HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n\r\n"
CACHED_PAGE_HEADERS = [
    ("Content-Type", "text/html; charset=utf-8"),
    ("Content-Length", "12650"),
    ("Cache-Control", "max-age=0, public, s-maxage=300"),
    ("Vary", "Accept-Language, Cookie"),
    ("Content-Language", "fr"),
    ("X-Frame-Options", "DENY"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'"),
    ("X-Page-Cache", "hit"),
]
LOGGERS = {
    "gunicorn Logger": {
        "logger_class": "gunicorn.glogging.Logger",
        "access_log_format": '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"',
    },
    "core.logging.AccessLogger": {},
}


def logger(overrides):
    cfg = Config()
    settings = {**runpy.run_path(str(PROJECT / "gunicorn.conf.py")), **overrides}
    for name, value in settings.items():
        if name in cfg.settings:
            cfg.set(name, value)
    return cfg.logger_class(cfg), cfg


def exchange(raw, cfg):
    """(response, request, environ) as gunicorn's worker hands them to the access log."""
    request = next(RequestParser(cfg, iter([raw]), ("127.0.0.1", 40000)))
    sock, _peer = socket.socketpair()
    response, environ = wsgi.create(request, sock, ("127.0.0.1", 40000), "127.0.0.1:8000", cfg)
    response.start_response("200 OK", CACHED_PAGE_HEADERS)
    response.sent = 12650
    return response, request, environ


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default="/dev/null")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    report = sys.stdout
    # logconfig_dict's handler is ext://sys.stdout, looked up when each logger is set up.
    sys.stdout = open(args.file, "a", encoding="utf-8")  # noqa: SIM115 - for the whole run
    loggers = {name: logger(overrides) for name, overrides in LOGGERS.items()}
    elapsed = timedelta(microseconds=2345)  # as gunicorn's worker measures the request
    for round_ in range(1, args.rounds + 1):  # interleaved: the machine's load moves
        for name, (log, cfg) in loggers.items():
            for label, raw in (("browser", BROWSER), ("wrk", WRK)):
                call = partial(log.access, *exchange(raw, cfg), elapsed)
                per_call = min(timeit.repeat(call, number=10000, repeat=5)) / 10000 * 1e6
                print(f"round {round_}  {name:26} {label:8} {per_call:6.1f} µs", file=report)


if __name__ == "__main__":
    main()
