"""Hostile input on the public URLs never produces a server error (a small, repeatable set).

`make fuzz` runs the same generators over every public URL of the demo site, ten thousand times.
"""

from urllib.parse import quote

import pytest
from django.test import Client

from bench.fuzz import NUMBERS, SQL_LIKE, TRAVERSAL, discover_urls, fuzz

pytestmark = pytest.mark.django_db

HOSTILE = [
    "%00",
    "abc%00def",
    "%FF%FE%FD",  # invalid UTF-8
    "%C3%28",  # truncated two-byte sequence
    "%ED%A0%80",  # an encoded UTF-16 surrogate
    "é" * 20_000,
    *(quote(value, safe="%") for value in [*SQL_LIKE, *TRAVERSAL, *NUMBERS]),
]


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("parameter", ["q", "page"])
@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_query_values_on_the_home_page(visitor, home_page, parameter, value):
    response = visitor.get(f"/fr/?{parameter}={value}")
    assert response.status_code < 500


@pytest.mark.parametrize("value", HOSTILE[:5] + [quote(t, safe="%") for t in TRAVERSAL])
@pytest.mark.parametrize("prefix", ["/fr/", "/en/", "/xx/", "/"])
def test_hostile_path_segments(visitor, home_page, prefix, value):
    response = visitor.get(f"{prefix}{value}/")
    assert response.status_code < 500
    assert b"root:" not in response.content


def test_generated_cases_over_every_public_url(visitor, home_page):
    urls = discover_urls()
    assert "/fr/" in urls and "/healthz" in urls
    statuses, failures = fuzz(visitor, urls, cases=150, seed=0)
    assert sum(statuses.values()) == 150
    assert failures == []
