"""Public paths in the reader's language: /en/search/, /en/contribute/…; the French path
reached under /en/ redirects permanently to the English one, query string kept."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "kwargs", "french", "english"),
    [
        ("search", {}, "/fr/recherche/", "/en/search/"),
        ("contribuer:propose", {}, "/fr/contribuer/proposer/", "/en/contribute/suggest/"),
        ("contribuer:thanks", {}, "/fr/contribuer/merci/", "/en/contribute/thanks/"),
        (
            "contribuer:correct",
            {"page_id": 7},
            "/fr/contribuer/corriger/7/",
            "/en/contribute/correct/7/",
        ),
    ],
)
def test_paths_are_translated(name, kwargs, french, english):
    with translation.override("fr"):
        assert reverse(name, kwargs=kwargs) == french
    with translation.override("en"):
        assert reverse(name, kwargs=kwargs) == english


def test_the_french_path_under_en_redirects_to_the_english_one(client, home_page):
    response = client.get("/en/recherche/", {"q": "jardin bio"})
    assert response.status_code == 301
    assert response["Location"] == "/en/search/?q=jardin+bio"
    response = client.get("/en/contribuer/corriger/12/")
    assert response.status_code == 301 and response["Location"] == "/en/contribute/correct/12/"
    # The contribution form, the address an English visitor of the French site would guess.
    response = client.get("/en/contribuer/proposer/")
    assert response.status_code == 301 and response["Location"] == "/en/contribute/suggest/"


def test_the_french_and_english_paths_answer(client, home_page):
    assert client.get("/fr/recherche/").status_code == 200
    assert client.get("/en/search/").status_code == 200
    assert client.get("/en/search/", {"q": "x"}).status_code == 200
