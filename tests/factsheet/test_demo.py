"""The demo command builds the key-figures page from the brochure, once."""

from io import StringIO

import pytest
from django.core.management import call_command

from factsheet import checks
from factsheet.models import FactsheetPage

pytestmark = pytest.mark.django_db

BROCHURE_FIGURES = {
    "14",
    "126895",
    "8.7",
    "1132",
    "18",
    "7.8",
    "3761",
    "1.7",
    "7.2",
    "9.5",
    "196",
    "7.5",
    "1.5",
    "19.2",
    "89",
    "6",
    "5",
    "91.3",
    "7.7",
    "1.3",
}


def run_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_the_demo_factsheet_holds_every_brochure_figure_and_no_other(client):
    run_demo()
    page = FactsheetPage.objects.get(slug="chiffres-cles")
    assert page.live and page.title == "Les chiffres clés de l'ESS – CA Hénin-Carvin"
    assert page.reference_year is None and page.data_source == ""
    response = client.get("/fr/chiffres-cles/donnees/json/")
    values = [str(figure["value"]) for figure in response.json()["figures"]]
    assert sorted(values) == sorted(BROCHURE_FIGURES)
    assert all(not f["year"] and not f["source"] for f in response.json()["figures"])
    assert [c.status for c in checks.compute_checks(page.body)] == ["ok", "ok"]
    html = client.get(page.url).content.decode()
    # The missing sector breakdown is an editor note: in the editing form, not on the site.
    assert "données à compléter" not in html and "secteur d&#x27;activité" not in html
    assert any(block.block_type == "editor_note" for block in page.body)


def test_running_the_demo_twice_keeps_the_editor_changes():
    run_demo()
    page = FactsheetPage.objects.get(slug="chiffres-cles")
    page.title = "Titre revu par l'éditrice"
    page.save_revision().publish()
    output = run_demo()
    assert "Les chiffres clés de l'ESS – CA Hénin-Carvin : déjà présente, conservée." in output
    assert (
        FactsheetPage.objects.get(locale__language_code="fr").title == "Titre revu par l'éditrice"
    )
