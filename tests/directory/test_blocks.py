"""Blocks that show directory actors on other pages: cards, and employers grouped by size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.blocks.struct_block import StructBlockValidationError

from directory.blocks import ActorsBlock, EmployersByBandBlock, QuoteBlock

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
    html = render(ActorsBlock(), [employers["adds"], employers["ptce"]])
    assert html.index("ADDS") < html.index("PTCE")
    assert "Association · Montigny-en-Gohelle" in html
    assert "Fait émerger des projets d&#x27;ESS." in html
    assert f'href="{employers["adds"].url}"' in html


def test_unpublished_actors_are_left_out_of_the_cards(employers):
    employers["ptce"].unpublish()
    html = render(ActorsBlock(), [employers["adds"], employers["ptce"]])
    assert "PTCE" not in html and "ADDS" in html


def test_employers_are_grouped_by_band_biggest_first(employers):
    block = EmployersByBandBlock()
    html = render(block, [employers["adds"], employers["ahnac"], employers["ptce"]])
    positions = [
        html.index(text)
        for text in ["500 à 999 salariés", "AHNAC", "50 à 99 salariés", "ADDS", "Effectif"]
    ]
    assert positions == sorted(positions)


def test_choosing_the_same_actor_twice_is_refused(employers):
    block = ActorsBlock()
    value = block.to_python({"heading": "", "actors": [employers["adds"].pk, employers["adds"].pk]})
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(value)
    assert "plusieurs fois" in str(error.value.block_errors["actors"])


def test_blocks_have_complete_meta():
    for block in (ActorsBlock(), EmployersByBandBlock(), QuoteBlock()):
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
