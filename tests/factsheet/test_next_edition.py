"""« Préparer l'édition suivante »: the copy of the latest edition into a draft for the next
year, its values marked « pas encore mis à jour » until updated or confirmed, publishing refused
meanwhile, and who may do it.

Every value here is test data (round numbers, labelled "de test"), never a figure of the
brochure.
"""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from factsheet import carry_over, checks
from factsheet.models import FactsheetPage
from tests.accounts import create_editor
from tests.factsheet.edition_bodies import body, card, edition

from .test_editions import frozen_today  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

CHART = {
    "type": "chart",
    "value": {
        "title": "Graphique de test",
        "chart_type": "bars",
        "paste": "",
        "rows": [
            {"label": "ligne de test A", "value": "60", "indicator": None},
            {"label": "ligne de test B", "value": "40", "indicator": None},
        ],
        "summary": "Résumé de test.",
        "kind": "number",
        "decimals": 0,
        "source": "",
        "note": "",
    },
}


def standalone(key="seul-test", value=500, label="chiffre seul de test"):
    return {"type": "figure", "value": card(key, value, label=label)}


@pytest.fixture
def series(home_page):
    """Two published editions (the root, 2021, and 2022) and an unpublished draft (2020)."""
    root = edition(home_page, 2021, 1000, "10.0", slug="chiffres-cles")
    second = edition(root, 2022, 1100, "12.5")
    second.body = [*body(1100, "12.5"), standalone(), CHART]
    second.save_revision().publish()
    draft = FactsheetPage(title="Brouillon de test", territory="Test", reference_year=2020)
    root.add_child(instance=draft)
    return root, FactsheetPage.objects.get(pk=second.pk)


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "pw"))
    return client


def prepare_url(page):
    return reverse("factsheet_prepare_next_edition", args=[page.pk])


def new_edition(root, year):
    return FactsheetPage.objects.child_of(root).get(reference_year=year)


def test_the_copy_is_a_draft_for_the_next_year_with_every_value_marked(admin_client, series):
    root, latest = series
    response = admin_client.post(prepare_url(root))
    copy = new_edition(root, 2023)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[copy.pk])
    assert (copy.slug, copy.reference_year, copy.live, copy.title) == (
        "2023",
        2023,
        False,
        latest.title,
    )
    assert copy.get_parent().pk == root.pk and copy.publication_date is None
    assert copy.latest_revision is not None and copy.live_revision is None
    # The same values, in the same blocks, each marked.
    assert [c["value"] for c in checks.page_figures(copy.body)] == [
        c["value"] for c in checks.page_figures(latest.body)
    ]
    assert checks.pending_updates(copy.body) == [
        "« 1\u202f100 emplois de test »",
        "« 12,5\u00a0% part de test »",
        "« 500 chiffre seul de test »",
        "le graphique « Graphique de test »",
    ]
    # The latest edition is untouched and still the one the public sees; the draft is not.
    latest.refresh_from_db()
    assert latest.live and not checks.pending_updates(latest.body)
    assert "1\u202f100" in admin_client.get("/fr/chiffres-cles/").content.decode()
    assert admin_client.get("/fr/chiffres-cles/2023/").status_code == 404


def test_the_action_on_any_edition_prepares_the_series_next_one(admin_client, series):
    root, latest = series
    admin_client.post(prepare_url(latest))
    assert new_edition(root, 2023).depth == latest.depth


def test_a_year_already_used_is_refused_in_french_and_nothing_is_copied(admin_client, series):
    root, _ = series
    admin_client.post(prepare_url(root))
    count = FactsheetPage.objects.count()
    response = admin_client.post(prepare_url(root))
    assert response.status_code == 200
    assert "L&#x27;année de référence 2023 est déjà celle de l&#x27;édition" in (
        response.content.decode()
    )
    assert FactsheetPage.objects.count() == count


@pytest.mark.usefixtures("frozen_today")
def test_a_next_year_in_the_future_is_refused_in_french(admin_client, home_page):
    root = edition(home_page, 2024, 1000, "10.0", slug="chiffres-cles")  # "today" is in 2024
    response = admin_client.post(prepare_url(root))
    assert response.status_code == 200
    assert "L&#x27;année de référence 2025 est dans le futur" in response.content.decode()
    assert not root.get_children().exists()


def test_a_latest_edition_without_a_year_asks_for_it(admin_client, home_page):
    # The demo's brochure states no year: the editor gives the new edition's.
    root = edition(home_page, None, 1000, "10.0", slug="chiffres-cles")
    html = admin_client.get(prepare_url(root)).content.decode()
    assert "Année de référence des données de la nouvelle édition" in html
    response = admin_client.post(prepare_url(root), {"reference_year": "2099"})
    assert "L&#x27;année de référence 2099 est dans le futur" in response.content.decode()
    response = admin_client.post(prepare_url(root), {"reference_year": "vingt"})
    assert response.status_code == 200 and not root.get_children().exists()
    response = admin_client.post(prepare_url(root), {"reference_year": "2024"})
    assert response.status_code == 302
    assert new_edition(root, 2024).slug == "2024"


def test_a_series_without_a_published_edition_says_so(admin_client, home_page):
    root = FactsheetPage(title="Jamais publiée", slug="jamais", territory="Test", live=False)
    home_page.add_child(instance=root)
    response = admin_client.post(prepare_url(root), follow=True)
    assert "publiez-en une avant de préparer la suivante" in response.content.decode()
    assert not root.get_children().exists()


def test_only_post_creates_and_other_pages_are_404(admin_client, series, home_page):
    root, _ = series
    count = FactsheetPage.objects.count()
    assert admin_client.get(prepare_url(root)).status_code == 200
    assert FactsheetPage.objects.count() == count
    assert admin_client.put(prepare_url(root)).status_code == 405
    # (LocaleMiddleware sends an unknown admin address to its French one, which is a 404.)
    assert admin_client.post(prepare_url(home_page), follow=True).status_code == 404
    missing = "/admin/chiffres-cles/999999/edition-suivante/"
    assert admin_client.post(missing, follow=True).status_code == 404


def test_the_english_factsheet_points_to_the_french_one(admin_client, series):
    root, _ = series
    english_locale = Locale.objects.get_or_create(language_code="en")[0]
    english = root.copy_for_translation(english_locale, copy_parents=True)
    response = admin_client.post(prepare_url(english), follow=True)
    assert "se prépare sur les chiffres clés en français" in response.content.decode()
    assert not FactsheetPage.objects.filter(locale=english.locale, reference_year=2023).exists()


# Permission ---------------------------------------------------------------------------------


def more_menu(client, page):
    return client.get(reverse("wagtailadmin_explore", args=[page.get_parent().pk])).content


def test_whoever_may_add_an_edition_may_prepare_one(client, series):
    root, _ = series
    client.force_login(create_editor())
    assert "Préparer l&#x27;édition suivante" in more_menu(client, root).decode()
    assert client.post(prepare_url(root)).status_code == 302
    assert not new_edition(root, 2023).live


def test_no_one_else_may(client, series, django_user_model):
    root, _ = series
    reader = django_user_model.objects.create_user("lecteur", password="pw")
    reader.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(reader)
    assert "Préparer l&#x27;édition suivante" not in more_menu(client, root).decode()
    count = FactsheetPage.objects.count()
    response = client.post(prepare_url(root))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    assert FactsheetPage.objects.count() == count
    client.logout()
    response = client.post(prepare_url(root))
    assert response.status_code == 302 and "/login/" in response["Location"]


# Publishing: refused while a value is marked; a draft may be saved ---------------------------


def figure_data(value, *, unchanged=False, carried_over=""):
    data = {
        "indicator": "",
        "value": value,
        "kind": "number",
        "unit": "",
        "label": "chiffre seul de test",
        "context": "",
        "scale": "units",
        "decimals": "0",
        "year": "",
        "source": "",
        "key": "",
        "check": "",
        "numerator": "",
        "denominator": "",
        "directory_filter": {"family": "", "sector": "", "commune": "", "band": ""},
        "carried_over": carried_over,
    }
    if unchanged:
        data["unchanged"] = "on"
    return data


def edit_form(page, figures, action):
    data = {
        "title": page.title,
        "slug": page.slug,
        "territory": page.territory,
        "reference_year": str(page.reference_year),
        "publication_date": "",
        "data_source": "",
        "method_note": rich_text(""),
        "body": streamfield([("figure", figure) for figure in figures]),
    }
    if action:
        data[action] = action
    return nested_form_data(data)


@pytest.fixture
def prepared(admin_client, home_page):
    """A published edition of one figure (2021), and its next edition prepared (2022)."""
    root = edition(home_page, 2021, 1, "1.0", slug="chiffres-cles")
    root.body = [standalone(), standalone("autre-test", 700)]
    root.save_revision().publish()
    admin_client.post(prepare_url(root))
    return root, new_edition(root, 2022)


def test_publishing_is_refused_while_a_value_is_marked_naming_it(admin_client, prepared):
    root, copy = prepared
    url = reverse("wagtailadmin_pages:edit", args=[copy.pk])
    marked = [figure_data("500", carried_over="500"), figure_data("700", carried_over="700")]
    response = admin_client.post(url, edit_form(copy, marked, "action-publish"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Des valeurs copiées de l&#x27;édition précédente ne sont pas encore mises à jour" in (
        html
    )
    assert "« 500 chiffre seul de test »" in html and "« 700 chiffre seul de test »" in html
    copy.refresh_from_db()
    assert not copy.live
    # Saving the draft is allowed, and the checks panel still names them.
    response = admin_client.post(url, edit_form(copy, marked, None))
    assert response.status_code == 302
    html = admin_client.get(url).content.decode()
    assert "Pas encore mis à jour" in html and "« 700 chiffre seul de test »" in html


def test_a_changed_or_confirmed_value_is_no_longer_marked_and_publishes(admin_client, prepared):
    root, copy = prepared
    url = reverse("wagtailadmin_pages:edit", args=[copy.pk])
    updated = [
        figure_data("520", carried_over="500"),  # a new value
        figure_data("700", carried_over="700", unchanged=True),  # confirmed « inchangée »
    ]
    response = admin_client.post(url, edit_form(copy, updated, "action-publish"))
    assert response.status_code == 302
    copy.refresh_from_db()
    assert copy.live and checks.pending_updates(copy.body) == []
    # The new edition is now the factsheet's; nothing of the mark reaches the public.
    html = admin_client.get("/fr/chiffres-cles/").content.decode()
    assert "520" in html and "inchangée" not in html and "pas encore" not in html
    assert admin_client.get("/fr/chiffres-cles/2022/").status_code == 200
    for path in ("donnees/csv/", "donnees/json/"):
        data = admin_client.get(f"/fr/chiffres-cles/{path}").content.decode()
        assert "520" in data and "carried" not in data and "unchanged" not in data
    # Not indexed either: the search content of the body holds no copied value.
    searchable = copy.body.stream_block.get_searchable_content(copy.body)
    assert "500" not in " ".join(str(part) for part in searchable)


# The mark itself ---------------------------------------------------------------------------


def test_the_mark_compares_values_as_numbers_and_a_chart_as_a_whole():
    [marked_card, marked_chart] = carry_over.mark(
        [{"type": "figure", "value": card("x", "3761.000")}, CHART]
    )
    assert marked_card["value"]["carried_over"] == "3761"
    assert carry_over.card_is_marked({**marked_card["value"], "value": "3761"})
    assert not carry_over.card_is_marked({**marked_card["value"], "value": "3762"})
    assert not carry_over.card_is_marked({**marked_card["value"], "unchanged": True})
    assert not carry_over.card_is_marked(card("x", 1))  # never copied
    chart = marked_chart["value"]
    assert chart["carried_over"] == "60;40" and carry_over.chart_is_marked(chart)
    assert not carry_over.chart_is_marked({**chart, "rows": chart["rows"][:1]})
    assert not carry_over.chart_is_marked({**chart, "unchanged": True})


def test_the_copied_value_is_never_offered_to_translators():
    from factsheet.blocks import EditionFigureCardBlock

    block = EditionFigureCardBlock()
    assert block.child_blocks["carried_over"].get_translatable_segments("3761") == []


def test_bulk_publishing_is_refused_too_while_a_value_is_marked(admin_client, prepared):
    root, copy = prepared
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    next_url = reverse("wagtailadmin_explore", args=[root.pk])
    for target, data in ((copy, {}), (root, {"include_descendants": "on"})):
        response = admin_client.post(f"{url}?id={target.pk}&next={next_url}", data, follow=True)
        assert "ne sont pas encore mises à jour" in response.content.decode()
        copy.refresh_from_db()
        assert not copy.live
    # Once every value is updated or confirmed, the bulk action publishes it.
    copy.body = [
        {**block, "value": {**block["value"], "unchanged": True}} for block in copy.body.raw_data
    ]
    copy.save_revision()
    admin_client.post(f"{url}?id={copy.pk}&next={next_url}", {})
    copy.refresh_from_db()
    assert copy.live
