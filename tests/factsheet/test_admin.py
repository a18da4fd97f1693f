"""An editor creates, checks and publishes a factsheet through the Wagtail admin."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from factsheet.models import FactsheetPage

pytestmark = pytest.mark.django_db


def list_block(items):
    """ListBlock form data, the way the editor's form posts it."""
    data = {str(i): {"value": item, "deleted": "", "order": str(i)} for i, item in enumerate(items)}
    data["count"] = str(len(items))
    return data


def card(value, label, kind="number", decimals="0", **settings):
    return {
        "value": value,
        "kind": kind,
        "unit": "",
        "label": label,
        "context": "",
        "scale": "units",
        "decimals": decimals,
        "year": "",
        "source": "",
        "key": settings.get("key", ""),
        "check": settings.get("check", ""),
        "numerator": settings.get("numerator", ""),
        "denominator": settings.get("denominator", ""),
    }


def form(shares, action):
    return nested_form_data(
        {
            "title": "Chiffres clés 2",
            "slug": "chiffres-cles-2",
            "territory": "CA Hénin-Carvin",
            "reference_year": "2023",
            "data_source": "",
            "method_note": rich_text("<p>Chiffres de la brochure.</p>"),
            "body": streamfield(
                [
                    ("heading", "Les emplois"),
                    (
                        "figure_group",
                        {
                            "heading": "Emplois et établissements",
                            "intro": "",
                            "layout": "grid",
                            "figures": list_block(
                                [
                                    card("3761", "emplois ESS", key="emplois"),
                                    card("196", "établissements", key="etab"),
                                    card(
                                        "19.2",
                                        "salarié·es par établissement",
                                        decimals="1",
                                        check="quotient",
                                        numerator="emplois",
                                        denominator="etab",
                                    ),
                                ]
                            ),
                        },
                    ),
                    (
                        "chart",
                        {
                            "title": "Statuts",
                            "chart_type": "donut",
                            "rows": list_block(
                                [{"label": label, "value": value} for label, value in shares]
                            ),
                            "summary": "Surtout des associations.",
                            "kind": "percent",
                            "decimals": "0",
                            "source": "",
                            "note": "",
                        },
                    ),
                    ("text", rich_text("<p>Données à compléter.</p>")),
                    (
                        "contact",
                        {
                            "name": "Sarah Dupont",
                            "role": "",
                            "organisation": "",
                            "email": "sarah.dupont@agglo-henincarvin.fr",
                            "phone": "",
                        },
                    ),
                ]
            ),
            **({"action-publish": "action-publish"} if action == "publish" else {}),
        }
    )


@pytest.fixture
def editor(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("ed", "ed@example.org", "pw"))
    return client


def add_url(home_page):
    return reverse("wagtailadmin_pages:add", args=("factsheet", "factsheetpage", home_page.pk))


def test_an_editor_creates_and_publishes_a_factsheet(editor, home_page):
    response = editor.post(
        add_url(home_page), form([("Associations", "89"), ("Autres", "11")], "publish")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = FactsheetPage.objects.get(slug="chiffres-cles-2")
    assert page.live
    assert [block.block_type for block in page.body] == [
        "heading",
        "figure_group",
        "chart",
        "text",
        "contact",
    ]
    html = editor.get(page.url).content.decode()
    assert "19,2" in html and "<svg" in html and "Sarah Dupont" in html

    edit = editor.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    assert "Vérification des chiffres" in edit and "3\u202f761 ÷ 196 = 19,2" in edit


def test_publishing_a_donut_that_does_not_sum_to_100_is_refused_with_the_sum(editor, home_page):
    response = editor.post(
        add_url(home_page), form([("Associations", "89"), ("Autres", "10")], "publish")
    )
    assert response.status_code == 200
    assert not FactsheetPage.objects.exists()
    assert "leur somme est 99" in response.content.decode()


def test_the_same_unfinished_chart_can_be_saved_as_a_draft(editor, home_page):
    response = editor.post(
        add_url(home_page), form([("Associations", "89"), ("Autres", "10")], "draft")
    )
    assert response.status_code == 302
    assert not FactsheetPage.objects.get(slug="chiffres-cles-2").live
