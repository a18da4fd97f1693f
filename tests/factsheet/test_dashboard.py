"""The ESS officer's panel on the admin's dashboard: pages waiting for moderation, figures a
reader cannot check, the factsheet's last publication; in a fixed number of queries."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from factsheet.dashboard import EssDeskPanel
from factsheet.models import FactsheetPage
from home.models import ContentPage
from tests.accounts import create_editor

pytestmark = pytest.mark.django_db


def card(value, label, **fields):
    return {"value": value, "kind": "number", "label": label, "scale": "units", **fields}


def body(*cards):
    return [{"type": "figure_group", "value": {"heading": "Emplois", "figures": list(cards)}}]


# Test data: the brochure dates none of its figures, so its values are never given a year here.
SOURCE = "Source de test"
SOURCED = card("100", "emplois de test", source=SOURCE, year=2024)
NO_SOURCE = card("20", "établissements de test", year=2024)
NOTHING = card("19.2", "salarié·es par établissement", decimals=1)


def factsheet(home_page, slug, cards, **fields):
    page = FactsheetPage(
        title=f"Chiffres clés {slug}", slug=slug, territory="CA Hénin-Carvin", body=body(*cards)
    )
    for name, value in fields.items():
        setattr(page, name, value)
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


def submit(home_page, user, slug):
    page = home_page.add_child(instance=ContentPage(title=f"Mentions {slug}", slug=slug))
    page.save_revision(user=user)
    page.get_workflow().start(page, user)
    return page


def panel_html(rf, user):
    request = rf.get("/admin/")
    request.user = user
    return EssDeskPanel().render_html({"request": request, "csrf_token": ""})


def test_the_dashboard_shows_moderation_uncheckable_figures_and_last_publication(client, home_page):
    editor = create_editor()
    sheet = factsheet(home_page, "a", [SOURCED, NO_SOURCE, NOTHING])
    published = datetime(2025, 3, 14, 10, 30, tzinfo=UTC)
    FactsheetPage.objects.filter(pk=sheet.pk).update(last_published_at=published)
    waiting = submit(home_page, editor, "mentions")

    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Le point sur le site de l'ESS" in html
    edit = reverse("wagtailadmin_pages:edit", args=[waiting.pk])
    assert f'<a href="{edit}">Mentions mentions</a>' in html
    assert "Validation par un modérateur" in html and "soumise par editrice" in html
    sheet_edit = reverse("wagtailadmin_pages:edit", args=[sheet.pk])
    assert f'<a href="{sheet_edit}">Chiffres clés a</a>' in html
    assert "Dernière publication : 14 mars 2025" in html
    assert "2 chiffres sans source ou sans année" in html
    assert "20 établissements de test — manque la source" in html
    assert "19,2 salarié·es par établissement — manque la source et l&#x27;année" in html
    assert "100 emplois de test" not in html.split("sans source ou sans année")[1]


def test_the_page_s_own_source_and_year_count_for_its_figures(rf, home_page):
    factsheet(
        home_page,
        "b",
        [NO_SOURCE, NOTHING],
        data_source=SOURCE,
        reference_year=2024,
    )
    html = panel_html(rf, create_editor())
    assert "Chaque chiffre a sa source et son année." in html
    assert "Aucune page n'attend de modération." in html


def test_an_indicator_with_a_source_sources_its_figures(rf, home_page):
    from tests.factsheet.demo_body import demo_indicators

    indicator = next(iter(demo_indicators().values()))
    indicator.source = SOURCE
    indicator.save()
    factsheet(home_page, "c", [card("100", "emplois de test", year=2024, indicator=indicator.pk)])
    assert "Chaque chiffre a sa source et son année." in panel_html(rf, create_editor())


def test_a_never_published_factsheet_says_so(rf, home_page):
    page = FactsheetPage(title="Brouillon", slug="brouillon", territory="CA", body=body(SOURCED))
    home_page.add_child(instance=page)
    FactsheetPage.objects.filter(pk=page.pk).update(live=False, last_published_at=None)
    assert "Jamais publiée." in panel_html(rf, create_editor())


def test_the_panel_costs_the_same_queries_however_many_pages_and_figures(rf, home_page):
    editor = create_editor()
    factsheet(home_page, "d0", [NO_SOURCE])
    submit(home_page, editor, "m0")
    panel_html(rf, editor)  # warm the content types' cache
    with CaptureQueriesContext(connection) as few:
        panel_html(rf, editor)
    for n in range(1, 4):
        factsheet(home_page, f"d{n}", [SOURCED, NO_SOURCE, NOTHING] * 2)
        submit(home_page, editor, f"m{n}")
    with CaptureQueriesContext(connection) as many:
        html = panel_html(rf, editor)
    assert html.count("Chiffres clés d") == 4 and html.count("Mentions m") == 4
    assert len(many) == len(few) <= 4, [q["sql"] for q in many.captured_queries]


def test_long_lists_are_cut_short(rf, home_page):
    editor = create_editor()
    factsheet(home_page, "e", [NOTHING] * 12)
    html = panel_html(rf, editor)
    assert "12 chiffres sans source ou sans année" in html
    assert html.count("manque la source et l&#x27;année") == 10
    assert "… et 2 autres chiffres." in html
