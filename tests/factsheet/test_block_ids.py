"""A block's stored id never breaks its page: ids are normalised for URLs, a block whose id is
no UUID gets no link of its own, and a block that fails to render is left out (issue #21)."""

import logging

import pytest

from core.blocks import url_block_id
from factsheet.models import FactsheetPage

pytestmark = pytest.mark.django_db


def with_chart_id(page, new_id):
    """`page` republished with its chart's stored id replaced, as an import may store it."""
    raw = [dict(block) for block in page.body.raw_data]
    chart = next(block for block in raw if block["type"] == "chart")
    old_id, chart["id"] = chart["id"], new_id
    page.body = raw
    page.save_revision().publish()
    return FactsheetPage.objects.get(pk=page.pk), old_id


@pytest.mark.parametrize(
    "stored, expected",
    [
        ("0F8FAD5B-D9CB-469F-A165-70867728950E", "0f8fad5b-d9cb-469f-a165-70867728950e"),
        (" 0f8fad5b-d9cb-469f-a165-70867728950e\n", "0f8fad5b-d9cb-469f-a165-70867728950e"),
        ("graphique-1", None),
        ("", None),
        (None, None),
        ("../../etc/passwd", None),
    ],
)
def test_block_ids_as_urls_carry_them(stored, expected):
    assert url_block_id(stored) == expected


def test_an_upper_case_chart_id_keeps_the_page_and_its_csv_link(client, factsheet):
    upper = "0F8FAD5B-D9CB-469F-A165-70867728950E"
    factsheet, _old = with_chart_id(factsheet, upper)
    response = client.get(factsheet.url)
    assert response.status_code == 200
    link = f"{factsheet.url}graphiques/{upper.lower()}/csv/"
    assert f'href="{link}"' in response.content.decode()
    assert client.get(link).status_code == 200


@pytest.mark.parametrize("stored", ["graphique-1", "x" * 300, '"><script>alert(1)</script>'])
def test_a_chart_whose_id_is_no_uuid_renders_without_its_csv_link(client, factsheet, stored):
    factsheet, _old = with_chart_id(factsheet, stored)
    response = client.get(factsheet.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<title id="graphique-narrow-titre">Répartition des établissements' in html
    assert "/graphiques/" not in html and "<script>alert" not in html


def test_a_block_that_fails_to_render_is_left_out_and_logged(client, factsheet, caplog):
    raw = [dict(block) for block in factsheet.body.raw_data]
    chart = next(block for block in raw if block["type"] == "chart")
    chart["value"] = {**chart["value"], "chart_type": "camembert-inconnu"}
    factsheet.body = raw
    factsheet.save_revision().publish()
    with caplog.at_level(logging.ERROR, logger="core.templatetags.block_tags"):
        response = client.get(factsheet.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<title id="graphique-' not in html
    assert "126\u202f895" in html  # the rest of the page is there
    assert "impossible à afficher" in caplog.text
    assert "ne peut pas être affiché" not in html  # the editor's notice is for previews only
