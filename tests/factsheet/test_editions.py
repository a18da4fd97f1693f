"""Yearly editions: the latest at the factsheet's address, the others archived below it, and
each figure's series across them.

Every value here is test data (round numbers, labelled "de test"), never a figure of the
brochure.
"""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from factsheet import editions, indicators
from factsheet.models import FactsheetPage
from tests.factsheet.edition_bodies import card, edition, in_english, indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def series(home_page):
    """Three published editions: the root (2021) and two children (2022, 2023)."""
    root = edition(home_page, 2021, 1000, "10.0", slug="chiffres-cles")
    second = edition(root, 2022, 1100, "12.5")
    third = edition(root, 2023, 1210, "11.0")
    return root, second, third


def test_a_later_editions_address_is_its_year(series):
    root, second, third = series
    assert (second.slug, third.slug) == ("2022", "2023")
    assert second.url == "/fr/chiffres-cles/2022/"


def test_the_factsheet_address_shows_the_latest_edition_without_banner(client, series):
    html = client.get("/fr/chiffres-cles/").content.decode()
    assert "Chiffres clés de test 2023" in html
    assert "1\u202f210" in html
    assert "Édition archivée" not in html and "edition-banner" not in html
    # Its data files are the latest edition's too.
    csv = client.get("/fr/chiffres-cles/donnees/csv/").content.decode()
    assert "1210" in csv and "1000" not in csv


def test_an_archived_edition_says_so_and_links_to_the_latest(client, series):
    response = client.get("/fr/chiffres-cles/2022/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chiffres clés de test 2022" in html and "1\u202f100" in html
    banner = html[
        html.index('class="edition-banner"') : html.index("</div>", html.index("edition-banner"))
    ]
    assert 'role="note"' in banner
    assert "Édition archivée : les chiffres de 2022." in banner
    assert '<a href="/fr/chiffres-cles/">Voir la dernière édition (chiffres de 2023)</a>' in banner
    assert "noindex" not in html  # archives are real documents
    # Its data are its own, at its own address.
    assert 'href="/fr/chiffres-cles/2022/donnees/csv/"' in html
    assert "1100" in client.get("/fr/chiffres-cles/2022/donnees/csv/").content.decode()


def test_the_first_edition_is_archived_at_the_roots_year(client, series):
    html = client.get("/fr/chiffres-cles/2021/").content.decode()
    assert "Chiffres clés de test 2021" in html and "1\u202f000" in html
    assert "Édition archivée : les chiffres de 2021." in html
    assert 'href="/fr/chiffres-cles/2021/donnees/csv/"' in html
    csv = client.get("/fr/chiffres-cles/2021/donnees/csv/").content.decode()
    assert "1000" in csv and "1210" not in csv


def test_the_latest_editions_year_address_shows_it_without_banner(client, series):
    html = client.get("/fr/chiffres-cles/2023/").content.decode()
    assert "Chiffres clés de test 2023" in html and "edition-banner" not in html


def test_every_edition_lists_the_others(client, series):
    html = client.get("/fr/chiffres-cles/2022/").content.decode()
    nav = html[html.index('class="factsheet__editions"') :]
    nav = nav[: nav.index("</nav>")]
    assert '<a href="/fr/chiffres-cles/2021/">2021</a>' in nav
    assert '<strong aria-current="page">2022</strong>' in nav
    assert '<a href="/fr/chiffres-cles/2023/">2023</a>' in nav


@pytest.mark.parametrize(
    "path",
    [
        "/fr/chiffres-cles/2019/",  # no edition that year
        "/fr/chiffres-cles/2099/",
        "/fr/chiffres-cles/20x2/",  # malformed
        "/fr/chiffres-cles/02022/",
        "/fr/chiffres-cles/2021/2022/",  # an edition under the root's year
        "/fr/chiffres-cles/2022/2022/",
        "/fr/chiffres-cles/2021/donnees/xml/",
    ],
)
def test_an_unknown_or_malformed_edition_year_is_a_404(client, series, path):
    assert client.get(path).status_code == 404


def test_an_unpublished_edition_is_neither_latest_nor_listed(client, series):
    root, _, third = series
    third.unpublish()
    html = client.get("/fr/chiffres-cles/").content.decode()
    assert "Chiffres clés de test 2022" in html
    assert "/fr/chiffres-cles/2023/" not in html
    assert client.get("/fr/chiffres-cles/2023/").status_code == 404


def test_editions_in_english(client, series):
    in_english(*series)
    html = client.get("/en/key-figures/").content.decode()
    assert "Test key figures 2023" in html and "1,210" in html
    html = client.get("/en/key-figures/2022/").content.decode()
    assert "Archived edition: the figures for 2022." in html
    assert '<a href="/en/key-figures/">See the latest edition (figures for 2023)</a>' in html
    assert "Archived edition: the figures for 2021." in (
        client.get("/en/key-figures/2021/").content.decode()
    )
    assert client.get("/en/key-figures/2020/").status_code == 404


# Budgets: the factsheet and its archives, constant in the number of editions -------------

QUERY_BUDGET = 10


@pytest.mark.parametrize("path", ["/fr/chiffres-cles/", "/fr/chiffres-cles/2021/"])
def test_the_page_budget_holds_whatever_the_number_of_editions(
    client, home_page, path, django_assert_max_num_queries
):
    root = edition(home_page, 2021, 1000, "10.0", slug="chiffres-cles")
    counts = []
    for year in range(2010, 2015):
        edition(root, year, 1000 + year, "10.0")
        client.get(path)  # warm the per-process caches
        with django_assert_max_num_queries(QUERY_BUDGET) as queries:
            assert client.get(path).status_code == 200
        counts.append(len(queries))
    assert len(set(counts)) == 1, counts


# Validation: the year of an edition ---------------------------------------------------------


@pytest.fixture
def frozen_today(monkeypatch):
    class FrozenDate(datetime.date):
        @classmethod
        def today(cls):
            return cls(2024, 6, 1)

    monkeypatch.setattr("factsheet.models.date", FrozenDate)


def test_a_year_in_the_future_is_refused_in_french(series, frozen_today):
    root = series[0]
    with pytest.raises(ValidationError) as error:
        edition(root, 2025, 1, "1.0")
    assert error.value.message_dict["reference_year"] == [
        "L'année de référence 2025 est dans le futur : une édition publie des données déjà "
        "connues, d'une année au plus égale à 2024."
    ]


def test_a_year_already_used_is_refused_in_french(series):
    root, second, _ = series
    with pytest.raises(ValidationError) as error:
        edition(root, 2022, 1, "1.0", slug="doublon")
    assert error.value.message_dict["reference_year"] == [
        "L'année de référence 2022 est déjà celle de l'édition « Chiffres clés de test "
        "2022 » : chaque édition de ces chiffres clés porte sur une année différente."
    ]
    # An existing edition moved onto another's year.
    second.reference_year = 2023
    with pytest.raises(ValidationError) as error:
        second.save()
    assert "déjà celle de l'édition « Chiffres clés de test 2023 »" in str(error.value)
    # The root's own year counts too.
    with pytest.raises(ValidationError):
        edition(root, 2021, 1, "1.0", slug="doublon")


def test_another_territorys_factsheet_may_use_the_same_year(home_page, series):
    other = edition(home_page, 2022, 5, "5.0", slug="autre-territoire")
    assert other.live


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "pw"))
    return client


def admin_form(year, publish):
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    data = {
        "title": f"Édition de test {year}",
        "slug": "nouvelle-edition",
        "territory": "Territoire de test",
        "reference_year": str(year or ""),
        "publication_date": "",
        "data_source": "",
        "method_note": rich_text(""),
        "body": streamfield([]),
    }
    if publish:
        data["action-publish"] = "action-publish"
    return nested_form_data(data)


def test_the_admin_requires_a_year_to_publish_but_not_to_save_a_draft(admin_client, series):
    root = series[0]
    url = reverse("wagtailadmin_pages:add", args=("factsheet", "factsheetpage", root.pk))
    response = admin_client.post(url, admin_form(None, publish=True))
    assert response.status_code == 200
    assert "Indiquez l&#x27;année de référence des données" in response.content.decode()
    response = admin_client.post(url, admin_form(None, publish=False))
    assert response.status_code == 302
    assert not FactsheetPage.objects.get(slug="nouvelle-edition").live


def test_a_factsheet_alone_publishes_without_a_year_a_root_with_editions_does_not(
    admin_client, home_page, series
):
    # The brochure states no year: a single factsheet, like the demo's, stays publishable.
    url = reverse("wagtailadmin_pages:add", args=("factsheet", "factsheetpage", home_page.pk))
    response = admin_client.post(url, admin_form(None, publish=True))
    assert response.status_code == 302
    assert FactsheetPage.objects.get(slug="nouvelle-edition").live
    # Once it heads a series, its year places it among the editions.
    data = admin_form(None, publish=True)
    data["slug"] = "chiffres-cles"
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=(series[0].pk,)), data)
    assert response.status_code == 200
    assert "Indiquez l&#x27;année de référence des données" in response.content.decode()


def test_the_admin_refuses_a_year_already_used_as_a_field_error(admin_client, series):
    root, second, _ = series
    url = reverse("wagtailadmin_pages:add", args=("factsheet", "factsheetpage", root.pk))
    response = admin_client.post(url, admin_form(2022, publish=True))
    assert response.status_code == 200
    assert "est déjà celle de l&#x27;édition « Chiffres clés de test 2022 »" in (
        response.content.decode()
    )
    # Editing an edition onto another's year: the same message, no 500.
    edit = reverse("wagtailadmin_pages:edit", args=(second.pk,))
    data = admin_form(2023, publish=True)
    response = admin_client.post(edit, data)
    assert response.status_code == 200
    assert "est déjà celle de l&#x27;édition « Chiffres clés de test 2023 »" in (
        response.content.decode()
    )


def test_an_edition_is_created_only_under_a_series_root(series):
    root, second, _ = series
    assert FactsheetPage.can_create_at(root)
    assert not FactsheetPage.can_create_at(second)


# The series of an indicator (factsheet.indicators) ------------------------------------------


def series_of(page, code, locale=None):
    """The series of the test indicator ``code`` through the editions of ``page``'s series."""
    edition_pages = indicators.edition_pages(FactsheetPage.objects.get(pk=page.pk))
    return indicators.series(edition_pages, indicator(code, locale=locale))


def test_a_series_lists_every_published_value_oldest_first(series):
    root, second, third = series
    points = series_of(root, "emplois-test")
    assert [(p.year, p.value) for p in points] == [
        (2021, Decimal("1000")),
        (2022, Decimal("1100")),
        (2023, Decimal("1210")),
    ]
    assert [editions.edition_url(p.edition) for p in points] == [
        "/fr/chiffres-cles/2021/",
        "/fr/chiffres-cles/2022/",
        "/fr/chiffres-cles/2023/",
    ]
    assert points[0].card_kind == "number" and points[0].decimals == 0
    assert points[1].text == "1\u202f100"
    with translation.override("en"):
        assert series_of(root, "emplois-test")[1].text == "1,100"
    # Any edition of the series gives the same series.
    assert [p.year for p in series_of(second, "emplois-test")] == [2021, 2022, 2023]
    shares = series_of(third, "part-test")
    assert [p.text for p in shares] == ["10,0\u00a0%", "12,5\u00a0%", "11,0\u00a0%"]


def test_a_series_in_constant_queries(home_page, django_assert_num_queries):
    root = edition(home_page, 2021, 1000, "10.0", slug="chiffres-cles")
    jobs = indicator("emplois-test")
    for year in (2022, 2023, 2024):
        edition(root, year, 1000, "10.0")
        page = FactsheetPage.objects.get(pk=root.pk)
        with django_assert_num_queries(1):  # the editions with their bodies
            points = indicators.series(indicators.edition_pages(page), jobs)
        assert len(points) == year - 2020


def test_a_series_of_one_point_and_an_indicator_no_edition_publishes(home_page):
    root = edition(home_page, 2021, 1000, "10.0", slug="chiffres-cles")
    assert len(series_of(root, "emplois-test")) == 1
    assert series_of(root, "inconnu") == []
    # The English indicator is not the French editions' one.
    assert series_of(root, "emplois-test", Locale.objects.get(language_code="en")) == []


def test_a_series_never_compares_values_whose_unit_changed(series):
    root = series[0]
    edition(root, 2024, 1, "1.0", extra=[card("postes-test", 20, unit="postes")])
    edition(root, 2020, 3, "1.0", extra=[card("postes-test", 10, unit="emplois")])
    older, newer = series_of(root, "postes-test")
    assert (older.year, newer.year) == (2020, 2024)
    assert not indicators.comparable(older, newer)
    assert indicators.series_chart([older, newer]) is None


def test_a_series_compares_amounts_written_at_another_scale(home_page):
    root = edition(
        home_page,
        2021,
        1,
        "1.0",
        slug="chiffres-cles",
        extra=[card("masse-test", 2000000, kind="euro")],
    )
    edition(root, 2022, 1, "1.0", extra=[card("masse-test", 2, kind="euro", scale="millions")])
    older, newer = series_of(root, "masse-test")
    assert indicators.comparable(older, newer)
    assert older.amount == newer.amount == Decimal("2000000")
    assert (older.text, newer.text) == ("2\u202f000\u202f000\u00a0€", "2\u00a0M\u00a0€")


def test_an_unpublished_or_private_edition_is_not_in_a_series(series):
    from wagtail.models import PageViewRestriction

    root, second, third = series
    third.unpublish()
    PageViewRestriction.objects.create(page=second, restriction_type="password", password="x")
    assert [p.year for p in series_of(root, "emplois-test")] == [2021]


def test_the_publication_date_is_typed_and_shown_the_french_way(admin_client, series):
    url = reverse("wagtailadmin_pages:add", args=("factsheet", "factsheetpage", series[0].pk))
    data = admin_form(None, publish=False)
    data["publication_date"] = "15/03/2024"
    assert admin_client.post(url, data).status_code == 302
    page = FactsheetPage.objects.get(slug="nouvelle-edition")
    assert page.publication_date == datetime.date(2024, 3, 15)
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
    assert 'value="15/03/2024"' in edit.content.decode()
