"""The catalogue of indicators: the snippet, its admin, the cards that choose one, and the
data migration that gave every existing card its indicator without changing a value."""

import importlib
import json
import re
from io import StringIO

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale, Page, ReferenceIndex

from core.figures import FigureCardBlock
from factsheet import checks
from factsheet.models import FactsheetPage, Indicator
from home.models import HomePage

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("factsheet.migrations.0008_indicators_from_figure_cards")
HOME_MIGRATION = importlib.import_module("home.migrations.0014_figures_link_to_indicators")


def make_indicator(code="emplois", locale=None, **fields):
    fields = {
        "name": "Emplois de l'ESS",
        "definition": "<p>Nombre d'emplois.</p>",
        "kind": "count",
        "unit": "emplois",
        "territory": "CA Hénin-Carvin",
        **fields,
    }
    return Indicator.objects.create(code=code, locale=locale or Locale.get_default(), **fields)


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "pw"))
    return client


# --- the snippet ------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["Emplois", "emplois ess", "é", "-emplois", "x" * 41, ""])
def test_a_malformed_code_is_refused_with_the_rule(home_page, code):
    indicator = Indicator(
        code=code, name="N", definition="<p>D</p>", territory="T", locale=Locale.get_default()
    )
    with pytest.raises(ValidationError) as error:
        indicator.full_clean()
    assert "code" in error.value.message_dict


def test_a_code_already_used_in_the_language_is_refused_with_the_indicator_using_it(home_page):
    make_indicator()
    duplicate = Indicator(
        code="emplois",
        name="Autre",
        definition="<p>D</p>",
        territory="T",
        locale=Locale.get_default(),
    )
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "déjà celui de l'indicateur « Emplois de l'ESS »" in error.value.message_dict["code"][0]
    # The English translation carries the same code.
    english, _created = Locale.objects.get_or_create(language_code="en")
    translation = Indicator(
        code="emplois", name="SSE jobs", definition="<p>D</p>", territory="T", locale=english
    )
    translation.full_clean()


def test_the_admin_lists_searches_and_filters_the_catalogue(editor, home_page):
    make_indicator()
    make_indicator("part-emplois", name="Part des emplois", kind="percent", unit="%")
    url = reverse("wagtailsnippets_factsheet_indicator:list")
    html = editor.get(url).content.decode()
    assert "Emplois de l&#x27;ESS" in html and "Part des emplois" in html
    html = editor.get(url, {"q": "part"}).content.decode()
    assert "Part des emplois" in html and "Emplois de l&#x27;ESS" not in html
    html = editor.get(url, {"kind": "count"}).content.decode()
    assert "Emplois de l&#x27;ESS" in html and "Part des emplois" not in html
    assert editor.get(url, {"kind": "nonsense"}).status_code == 200


def test_creating_a_duplicate_in_the_admin_gives_a_field_error(editor, home_page):
    make_indicator()
    response = editor.post(
        reverse("wagtailsnippets_factsheet_indicator:add"),
        {
            "code": "emplois",
            "name": "Doublon",
            "definition": json.dumps(
                {
                    "blocks": [
                        {
                            "key": "a",
                            "type": "unstyled",
                            "text": "D",
                            "depth": 0,
                            "inlineStyleRanges": [],
                            "entityRanges": [],
                        }
                    ],
                    "entityMap": {},
                }
            ),
            "kind": "count",
            "territory": "CA Hénin-Carvin",
        },
    )
    assert response.status_code == 200
    assert "est déjà celui de l&#x27;indicateur" in response.content.decode()
    assert Indicator.objects.count() == 1


def used_by_a_page(home_page, indicator):
    page = FactsheetPage(
        title="Chiffres",
        slug="chiffres",
        territory="T",
        body=[
            {
                "type": "figure",
                "value": {"value": "3761", "kind": "number", "indicator": indicator.pk},
            }
        ],
    )
    home_page.add_child(instance=page)
    page.save_revision().publish()
    ReferenceIndex.create_or_update_for_object(page)
    return page


def test_deleting_an_indicator_still_used_is_refused_with_the_pages(editor, home_page):
    indicator = make_indicator()
    used_by_a_page(home_page, indicator)
    url = reverse("wagtailsnippets_factsheet_indicator:delete", args=[indicator.pk])
    response = editor.post(url, follow=True)
    html = response.content.decode()
    assert Indicator.objects.filter(pk=indicator.pk).exists()
    assert "est encore utilisé et ne peut pas être supprimé" in html
    assert "Chiffres" in html
    # The bulk action too.
    bulk = (
        reverse("wagtail_bulk_action", args=("factsheet", "indicator", "delete"))
        + f"?id={indicator.pk}"
    )
    response = editor.post(bulk, follow=True)
    assert "est encore utilisé et ne peut pas être supprimé" in response.content.decode()
    assert Indicator.objects.filter(pk=indicator.pk).exists()


def test_an_unused_indicator_can_be_deleted(editor, home_page):
    indicator = make_indicator()
    url = reverse("wagtailsnippets_factsheet_indicator:delete", args=[indicator.pk])
    editor.post(url)
    assert not Indicator.objects.exists()


# --- the figure card --------------------------------------------------------------------


def card(**value):
    block = FigureCardBlock()
    return block, block.to_python({"value": "3761", "kind": "number", **value})


def test_a_card_without_label_or_unit_shows_its_indicators_name_and_source(home_page):
    indicator = make_indicator(source="Observatoire")
    block, value = card(indicator=indicator.pk)
    html = block.render(value)
    assert "Emplois de l&#x27;ESS" in html and "Observatoire" in html
    block, value = card(indicator=indicator.pk, label="emplois ESS")
    assert "emplois ESS" in block.render(value) and "Emplois de" not in block.render(value)


def test_a_card_whose_kind_does_not_fit_its_indicator_is_refused(home_page):
    indicator = make_indicator(kind="percent", unit="%")
    block, value = card(indicator=indicator.pk)
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    assert "nature « Pourcentage »" in str(error.value.block_errors["kind"])


def test_a_card_whose_indicator_was_deleted_still_shows_its_number(home_page):
    indicator = make_indicator()
    raw = indicator.pk
    indicator.delete()
    block, value = card(indicator=raw, label="emplois ESS")
    html = block.render(value)
    assert "3\u202f761" in html and "emplois ESS" in html


def test_the_checks_find_a_figure_by_its_indicators_code(home_page):
    emplois = make_indicator()
    etablissements = make_indicator("etablissements", name="Établissements")
    page = used_by_a_page(home_page, emplois)
    page.body = [
        {"type": "figure", "value": {"value": "3761", "kind": "number", "indicator": emplois.pk}},
        {
            "type": "figure",
            "value": {"value": "196", "kind": "number", "indicator": etablissements.pk},
        },
        {
            "type": "figure",
            "value": {
                "value": "19.2",
                "kind": "number",
                "decimals": 1,
                "check": "quotient",
                "numerator": "emplois",
                "denominator": "etablissements",
            },
        },
    ]
    [result] = checks.compute_checks(page.body)
    assert result.ok


# --- the demo and the migration ----------------------------------------------------------


def cards_of(page):
    for field in ("body", "key_figures"):
        stream = getattr(page, field, None)
        if stream is None:
            continue
        yield from (item for _position, _kind, item in MIGRATION.items_of(MIGRATION.raw(stream)))


def test_every_demo_card_has_its_indicator_in_both_languages(empty_cache):
    call_command("load_demo", stdout=StringIO())
    english = Locale.objects.get(language_code="en")
    by_pk = {indicator.pk: indicator for indicator in Indicator.objects.all()}
    for page in FactsheetPage.objects.all():
        items = list(cards_of(page))
        assert len(items) == 20
        assert all(item.get("indicator") in by_pk for item in items)
        assert {by_pk[item["indicator"]].locale_id for item in items} == {page.locale_id}
    french = Indicator.objects.filter(locale=Locale.get_default())
    assert french.count() == 20
    for indicator in french:
        translation = indicator.get_translation(english)
        assert translation.code == indicator.code and translation.name != ""
    assert Indicator.objects.get(code="emplois", locale=english).name == "SSE jobs"
    for home in HomePage.objects.all():
        assert all(item.get("indicator") in by_pk for item in cards_of(home))


NUMBER = re.compile(r'class="figure-card__value">([^<]*)|<td class="num">([^<]*)')


def numbers_of_every_page(client):
    cache.clear()
    return {
        page.url: NUMBER.findall(client.get(page.url).content.decode())
        for page in Page.objects.filter(depth__gt=1).specific()
    }


def test_the_migration_links_every_card_without_changing_a_number(client, empty_cache):
    call_command("load_demo", stdout=StringIO())
    # The content as it was before the catalogue: no card refers to an indicator.
    for page in FactsheetPage.objects.all():
        stream = MIGRATION.raw(page.body)
        for _position, _kind, item in MIGRATION.items_of(stream):
            item.pop("indicator", None)
        page.body = stream
        page.save(update_fields=["body"])
        revision = page.latest_revision
        revision.content["body"] = json.dumps(stream)
        revision.save(update_fields=["content"])
    for home in HomePage.objects.all():
        stream = MIGRATION.raw(home.key_figures)
        for item in HOME_MIGRATION.cards(stream):
            item.pop("indicator", None)
        home.key_figures = stream
        home.save(update_fields=["key_figures"])
    Indicator.objects.all().delete()
    before = numbers_of_every_page(client)
    assert sum(len(numbers) for numbers in before.values()) > 40

    MIGRATION.forward(apps, None)
    HOME_MIGRATION.forward(apps, None)

    after = numbers_of_every_page(client)
    assert after == before
    english = Locale.objects.get(language_code="en")
    for page in FactsheetPage.objects.all():
        codes = [Indicator.objects.get(pk=item["indicator"]).code for item in cards_of(page)]
        assert codes[:3] == ["communes", "population", "part-population-departement"]
        assert "etablissements-pour-1000-habitants" in codes and len(codes) == 20
        draft = json.loads(page.latest_revision.content["body"])
        assert sum(1 for *_rest, item in MIGRATION.items_of(draft) if item.get("indicator")) == 20
    assert Indicator.objects.filter(locale=english).count() == 20
    jobs = Indicator.objects.get(code="emplois", locale=Locale.get_default())
    assert jobs.get_translation(english).name == "SSE jobs"
    assert "<p>Nombre d'emplois de l'économie sociale" in jobs.definition
    for home in HomePage.objects.all():
        home_codes = [Indicator.objects.get(pk=item["indicator"]).code for item in cards_of(home)]
        assert home_codes == ["emplois", "etablissements", "part-ess-emplois-territoire"]
    # Running it again changes nothing.
    MIGRATION.forward(apps, None)
    assert Indicator.objects.count() == 40


def test_the_migration_names_a_card_outside_the_brochure_after_its_key_or_words(make_factsheet):
    page = make_factsheet(
        body=[
            {
                "type": "figure",
                "value": {"value": "12", "kind": "number", "label": "jardins partagés"},
            },
            {
                "type": "figure",
                "value": {"value": "3", "kind": "percent", "label": "x", "key": "taux-x"},
            },
        ]
    )
    MIGRATION.forward(apps, None)
    page.refresh_from_db()
    first, second = (Indicator.objects.get(pk=item["indicator"]) for item in cards_of(page))
    assert (first.code, first.name, first.kind) == ("jardins-partages", "Jardins partagés", "count")
    assert (second.code, second.kind) == ("taux-x", "percent")


def test_a_chart_row_whose_indicator_has_another_nature_is_refused(home_page):
    from factsheet.blocks import ChartBlock

    count = make_indicator()
    block = ChartBlock()
    value = block.to_python(
        {
            "title": "Statuts",
            "chart_type": "bars",
            "rows": [
                {"label": "Associations", "value": "89", "indicator": count.pk},
                {"label": "Autres", "value": "11"},
            ],
            "summary": "s",
            "kind": "percent",
            "decimals": 0,
        }
    )
    with pytest.raises(ValidationError) as error:
        block.clean(value)
    rows = error.value.block_errors["rows"]
    assert "nature « Nombre (effectif) »" in str(rows.block_errors[0].block_errors["indicator"])


def test_the_chooser_shows_code_unit_and_latest_value(editor, factsheet):
    url = reverse("wagtailsnippetchoosers_factsheet_indicator:choose")
    response = editor.get(url)
    assert response.status_code == 200
    html = response.json()["html"]
    assert "Dernière valeur publiée" in html
    assert "etablissements-pour-1000-habitants" in html
    assert "3\u202f761 emplois" in html and "91,3\u00a0M\u00a0€" in html
    results = editor.get(
        reverse("wagtailsnippetchoosers_factsheet_indicator:choose_results"), {"q": "masse"}
    ).content.decode()
    results = json.loads(results)["html"] if results.startswith("{") else results
    assert "91,3\u00a0M\u00a0€" in results and "3\u202f761" not in results
