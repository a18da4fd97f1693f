"""Directory actors on other pages: cards, and employers grouped by size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import PageViewRestriction

from core.blocks import QuoteBlock
from factsheet.models import FactsheetPage

# The actor blocks of other pages: core's page cards, choosing "directory.ActorPage".
ACTORS = FactsheetPage.body.field.stream_block.child_blocks["actors"]
EMPLOYERS = FactsheetPage.body.field.stream_block.child_blocks["employers"]

pytestmark = pytest.mark.django_db


@pytest.fixture
def employers(make_actor):
    return {
        "ahnac": make_actor("AHNAC", family="association", headcount_band="41"),
        "impulsion": make_actor("Impulsion", family="association", headcount_band="22"),
        "adds": make_actor("ADDS", family="association", headcount_band="21", commune="62587"),
        "ptce": make_actor("PTCE", summary="Fait émerger des projets d'ESS."),
    }


def render(block, pages):
    value = block.to_python({"heading": "Exemples", "actors": [page.pk for page in pages]})
    return block.render(value)


def test_actor_cards_show_name_family_commune_summary_and_link(employers):
    html = render(ACTORS, [employers["adds"], employers["ptce"]])
    assert html.index("ADDS") < html.index("PTCE")
    assert "Association · Montigny-en-Gohelle" in html
    assert "Fait émerger des projets d&#x27;ESS." in html
    assert f'href="{employers["adds"].url}"' in html


def test_unpublished_actors_are_left_out_of_the_cards(employers):
    employers["ptce"].unpublish()
    html = render(ACTORS, [employers["adds"], employers["ptce"]])
    assert "PTCE" not in html and "ADDS" in html


def test_employers_are_grouped_by_band_biggest_first(employers):
    block = EMPLOYERS
    html = render(block, [employers["adds"], employers["ahnac"], employers["ptce"]])
    positions = [
        html.index(text)
        for text in ["500 à 999 salariés", "AHNAC", "50 à 99 salariés", "ADDS", "Effectif"]
    ]
    assert positions == sorted(positions)


def test_choosing_the_same_actor_twice_is_refused(employers):
    block = ACTORS
    value = block.to_python({"heading": "", "actors": [employers["adds"].pk, employers["adds"].pk]})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "plusieurs fois" in str(error.value.block_errors["actors"])


def test_blocks_have_complete_meta():
    for block in (ACTORS, EMPLOYERS, QuoteBlock()):
        meta = block.meta
        assert meta.icon and meta.label and meta.template and meta.description
        assert meta.preview_value is not None


def test_actor_blocks_cost_no_query_each(client, home_page, employers):
    def show_blocks(number):
        actors = list(employers.values())
        home_page.body = [("actors", {"heading": "Acteurs", "actors": actors})] * number
        home_page.save_revision().publish()
        client.get("/fr/")  # warm the per-process caches like any running server
        with CaptureQueriesContext(connection) as queries:
            html = client.get("/fr/").content.decode()
        assert html.count("Association · Montigny-en-Gohelle") == number
        return len(queries)

    assert show_blocks(1) == show_blocks(5) <= 10


def test_the_editing_form_reads_chosen_actors_as_the_block_loaded_them(
    client, home_page, employers, django_user_model
):
    # The admin's chooser shows each chosen actor from what the block loaded (its type, draft
    # title, path): a field left out would cost a query per actor. Wagtail's chooser itself
    # reads each chosen page's parent, one query per actor whatever the block loads.
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "pw"))
    edit_url = f"/admin/pages/{home_page.pk}/edit/"

    def editing_form_queries(actors):
        home_page.body = [("actors", {"heading": "Acteurs", "actors": actors})]
        home_page.save_revision().publish()
        client.get(edit_url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(edit_url).status_code == 200
        return len(queries)

    one = editing_form_queries([employers["adds"]])
    assert editing_form_queries(list(employers.values())) == one + 3


def password_protect(page):
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )


@pytest.fixture
def factsheet_of(home_page):
    def make(actors):
        page = FactsheetPage(
            title="Chiffres clés",
            slug="chiffres-cles",
            territory="CA Hénin-Carvin",
            body=[
                ("employers", {"heading": "Employeurs", "actors": actors}),
                ("actors", {"heading": "Acteurs", "actors": actors}),
            ],
        )
        home_page.add_child(instance=page)
        page.save_revision().publish()
        return page

    return make


def test_a_password_protected_actor_disappears_from_the_factsheet(client, employers, factsheet_of):
    page = factsheet_of([employers["adds"], employers["ptce"]])
    password_protect(employers["adds"])
    response = client.get(page.url)
    html = response.content.decode()
    assert "ADDS" not in html
    assert html.count("PTCE") == 2  # in both blocks
    assert "public" in response["Cache-Control"]


def test_actors_of_a_private_section_disappear_from_the_cards(employers):
    password_protect(employers["adds"].get_parent())
    html = render(ACTORS, [employers["adds"], employers["ptce"]])
    assert "ADDS" not in html and "PTCE" not in html


def test_a_private_actor_disappears_from_the_home_page(client, home_page, employers):
    home_page.body = [("actors", {"heading": "Acteurs", "actors": [employers["adds"]]})]
    home_page.save_revision().publish()
    password_protect(employers["adds"])
    assert "ADDS" not in client.get("/fr/").content.decode()
