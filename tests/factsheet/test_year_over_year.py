"""Year-over-year: a factsheet card says how its figure changed since the previous edition that
published its indicator, in the reader's language; the editor is told when it cannot.

Every value here is test data (round numbers, labelled "de test"), never a figure of the
brochure.
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from factsheet import checks, indicators
from factsheet.models import FactsheetPage
from tests.factsheet.edition_bodies import card, edition, in_english

pytestmark = pytest.mark.django_db
NNBSP, NBSP = "\u202f", "\u00a0"


def changes(client, path):
    """{card label: its change line, or None} of the factsheet at ``path``."""
    html = client.get(path).content.decode()
    found = {}
    for card_html in html.split('<div class="figure-card"')[1:]:
        card_html = card_html[: card_html.index("</li>")]
        label = re.search(r'<p class="figure-card__label">(.*?)</p>', card_html).group(1)
        change = re.search(r'<p class="figure-card__change">(.*?)</p>', card_html)
        found[label] = change.group(1) if change else None
    return found


@pytest.fixture
def series(home_page):
    """Three published editions: the root (2021) and two children (2022, 2023)."""
    root = edition(home_page, 2021, 1000, "10.0", slug="chiffres-cles")
    return root, edition(root, 2022, 1100, "12.5"), edition(root, 2023, 1210, "11.0")


def test_counts_and_percentages_change_since_the_previous_edition_in_french(client, series):
    # A count: absolute and relative; a percentage: in points, here down.
    assert changes(client, "/fr/chiffres-cles/") == {
        "emplois de test": f"+110 (+10,0{NBSP}%) depuis 2022",
        "part de test": "−1,5 point depuis 2022",
    }
    assert changes(client, "/fr/chiffres-cles/2022/") == {
        "emplois de test": f"+100 (+10,0{NBSP}%) depuis 2021",
        "part de test": "+2,5 points depuis 2021",
    }
    # The first edition has nothing to compare with.
    assert changes(client, "/fr/chiffres-cles/2021/") == {
        "emplois de test": None,
        "part de test": None,
    }


def test_changes_in_english(client, series):
    in_english(*series)
    assert changes(client, "/en/key-figures/") == {
        "emplois de test": "+110 (+10.0%) since 2022",
        "part de test": "−1.5 points since 2022",
    }
    assert changes(client, "/en/key-figures/2022/")["part de test"] == "+2.5 points since 2021"


def test_negative_and_zero_changes(client, series):
    root = series[0]
    edition(root, 2024, 990, "11.0")
    assert changes(client, "/fr/chiffres-cles/") == {
        "emplois de test": f"−220 (−18,2{NBSP}%) depuis 2023",
        "part de test": "stable depuis 2023",
    }
    edition(root, 2025, 990, "11.04")  # 11,0 % as the card writes it
    assert set(changes(client, "/fr/chiffres-cles/").values()) == {"stable depuis 2024"}
    in_english(root)  # the English root alone is the English series
    with translation.override("en"):
        older, newer = indicators.series(
            indicators.edition_pages(FactsheetPage.objects.get(pk=root.pk)),
            series[0].body[0].value["figures"][0]["indicator"],
        )[-2:]
        assert indicators.change_text(older, newer) == "unchanged since 2024"


def test_amounts_change_at_the_cards_scale(client, home_page):
    root = edition(
        home_page,
        2022,
        1,
        "1.0",
        slug="chiffres-cles",
        extra=[card("masse-test", 2, kind="euro", scale="millions", decimals=1)],
    )
    edition(
        root,
        2023,
        1,
        "1.0",
        extra=[card("masse-test", "2.5", kind="euro", scale="millions", decimals=1)],
    )
    assert changes(client, "/fr/chiffres-cles/")["test masse-test"] == (
        f"+500{NBSP}k{NBSP}€ (+25,0{NBSP}%) depuis 2022"
    )


def test_an_unpublished_or_private_previous_edition_is_skipped(client, series):
    root, second, third = series
    since_2021 = f"+210 (+21,0{NBSP}%) depuis 2021"
    restriction = PageViewRestriction.objects.create(
        page=second, restriction_type="password", password="x"
    )
    assert changes(client, "/fr/chiffres-cles/")["emplois de test"] == since_2021
    restriction.delete()
    second.unpublish()
    assert changes(client, "/fr/chiffres-cles/")["emplois de test"] == since_2021


def two_editions(home_page, first_year, first_card, second_card, **root_fields):
    """A root edition of ``first_year`` and a 2023 child, each with one more card."""
    root = edition(
        home_page, first_year, 1000, "10.0", slug="chiffres-cles", extra=[first_card], **root_fields
    )
    return root, edition(root, 2023, 1100, "10.0", extra=[second_card])


def test_a_changed_unit_shows_no_comparison_and_warns_the_editor(client, home_page, admin_client):
    root, latest = two_editions(
        home_page,
        2022,
        card("postes-test", 50, unit="postes", label="postes de test"),
        card("postes-test", 60, unit="emplois", label="postes de test"),
    )
    assert changes(client, "/fr/chiffres-cles/")["postes de test"] is None
    panel = checks_panel(admin_client, latest)
    assert (
        "« 60 emplois postes de test » : pas d&#x27;évolution affichée sur la page publique, car "
        "son unité a changé depuis l&#x27;édition « Chiffres clés de test 2022 » (« postes » en "
        "2022, « emplois » ici)."
    ) in panel
    assert "emplois de test" not in panel  # the figures that compare are not listed
    with translation.override("en"):  # an editor who reads the admin in English
        assert checks.missing_changes(latest) == [
            "“60 emplois postes de test”: no change shown on the public page, because its unit "
            "has changed since the edition “Chiffres clés de test 2022” (“postes” in 2022, "
            "“emplois” here)."
        ]


def test_a_changed_nature_or_a_previous_edition_without_year_warns_the_editor(
    client, home_page, admin_client
):
    root, latest = two_editions(
        home_page,
        None,
        card("densite-test", 5, label="densité de test"),
        card("densite-test", 5, kind="per_thousand", label="densité de test"),
        title="Chiffres clés de test sans année",
    )
    assert set(changes(client, "/fr/chiffres-cles/").values()) == {None}
    panel = checks_panel(admin_client, latest)
    # Every figure the yearless edition published.
    assert panel.count("n&#x27;a pas d&#x27;année de référence") == 3
    assert (
        "« 5 pour 1\u202f000 habitants densité de test » : pas d&#x27;évolution affichée sur la "
        "page publique, car l&#x27;édition « Chiffres clés de test sans année », qui publiait "
        "ce chiffre, n&#x27;a pas d&#x27;année de référence."
    ) in panel
    assert "sa nature a changé" not in panel  # the year comes first
    root.reference_year = 2022
    root.save_revision().publish()
    panel = checks_panel(admin_client, latest)
    assert (
        "« 5 pour 1\u202f000 habitants densité de test » : pas d&#x27;évolution affichée sur la "
        "page publique, car sa nature a changé depuis l&#x27;édition « Chiffres clés de test "
        "sans année » (Nombre en 2022, Ratio pour 1 000 habitants ici)."
    ) in panel


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "pw"))
    return client


def checks_panel(admin_client, page):
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    start = html.index('class="figure-checks')
    return html[start : html.index("Calculé à partir du dernier brouillon", start)]


def test_the_factsheet_stays_within_its_budget_whatever_the_cards_and_editions(
    client, home_page, django_assert_max_num_queries
):
    many = [card(f"test-{n}", 100 + n, label=f"chiffre de test {n}") for n in range(6)]
    root = edition(home_page, 2010, 1000, "10.0", slug="chiffres-cles", extra=many)
    counts = []
    for year in range(2011, 2016):
        edition(root, year, 1000 + year, "10.0", extra=many)
        client.get("/fr/chiffres-cles/")  # warm the per-process caches
        with django_assert_max_num_queries(10) as queries:
            html = client.get("/fr/chiffres-cles/").content.decode()
        assert html.count('class="figure-card__change"') == 8
        counts.append(len(queries))
    assert len(set(counts)) == 1, counts
