"""Validation and rendering of the home app's blocks."""

import pytest
from django.test import RequestFactory
from django.utils import translation
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Locale

from core.blocks import CalloutBlock, HeadingBlock
from home.blocks import (
    LinkBlock,
    PartnersBlock,
    RelatedLinksBlock,
    RoadmapBlock,
    SiteMapBlock,
)

from .builders import content, english_home, make_private


def clean(block, raw):
    return block.clean(block.to_python(raw))


def roadmap(*titles):
    return {
        "heading": "Feuille de route",
        "intro": "",
        "axes": [{"title": t, "text": ""} for t in titles],
    }


def test_roadmap_renders_axes_as_an_ordered_list_in_editor_order():
    block = RoadmapBlock()
    html = block.render(clean(block, roadmap("Sensibiliser", "Financer", "Animer")))
    assert "<h2>Feuille de route</h2>" in html
    items = html[html.index("<ol") : html.index("</ol>")]
    assert items.index("Sensibiliser") < items.index("Financer") < items.index("Animer")


def test_roadmap_refuses_two_axes_with_the_same_title():
    block = RoadmapBlock()
    with pytest.raises(StructBlockValidationError) as error:
        clean(block, roadmap("Sensibiliser", "sensibiliser "))
    message = str(error.value.block_errors["axes"].messages[0])
    assert "Deux axes portent le même intitulé" in message and "sensibiliser" in message


def test_roadmap_needs_at_least_one_axis():
    block = RoadmapBlock()
    with pytest.raises(StructBlockValidationError) as error:
        clean(block, roadmap())
    assert "axes" in error.value.block_errors


def test_roadmap_duplicate_check_waits_for_publication_on_draft_saves():
    block = RoadmapBlock()
    value = block.clean_deferred(block.to_python(roadmap("Sensibiliser", "Sensibiliser")))
    assert len(value["axes"]) == 2


def test_external_link_needs_a_label():
    with pytest.raises(StructBlockValidationError) as error:
        clean(LinkBlock(), {"page": None, "url": "https://example.org", "label": " "})
    assert "Donnez un libellé" in str(error.value.block_errors["label"].messages[0])


def test_link_needs_a_page_or_an_address():
    with pytest.raises(StructBlockValidationError) as error:
        clean(LinkBlock(), {"page": None, "url": "", "label": "Lien"})
    assert "Choisissez une page du site ou saisissez une adresse externe." in str(
        error.value.block_errors["page"].messages[0]
    )


def test_a_block_error_speaks_the_editors_admin_language():
    """The admin activates the editor's language ("Mon compte") while it validates a page."""
    with translation.override("en"), pytest.raises(StructBlockValidationError) as error:
        clean(LinkBlock(), {"page": None, "url": "https://example.org", "label": " "})
    assert str(error.value.block_errors["label"].messages[0]) == (
        "Give a label to the link to https://example.org."
    )


@pytest.mark.django_db
def test_link_refuses_both_a_page_and_an_address(home_page):
    with pytest.raises(StructBlockValidationError) as error:
        clean(LinkBlock(), {"page": home_page.pk, "url": "https://example.org", "label": "X"})
    assert "pas les deux" in str(error.value.block_errors["page"].messages[0])


@pytest.mark.django_db
def test_related_links_fall_back_on_the_page_title(home_page):
    block = RelatedLinksBlock()
    value = clean(
        block,
        {
            "heading": "Pour aller plus loin",
            "links": [
                {"page": home_page.pk, "url": "", "label": ""},
                {"page": None, "url": "https://www.esshdf.org", "label": "ESSHDF"},
            ],
        },
    )
    html = block.render(value)
    assert '<a href="/fr/">Accueil</a>' in html
    assert '<a href="https://www.esshdf.org">ESSHDF</a>' in html


@pytest.mark.django_db
def test_a_related_link_to_a_private_page_disappears(home_page):
    private = content(home_page, title="Réservé", slug="reserve")
    make_private(private)
    block = RelatedLinksBlock()
    raw = {"heading": "Liens", "links": [{"page": private.pk, "url": "", "label": ""}]}
    # As stored (the page served) and as cleaned from the form (a preview).
    for value in (block.to_python(raw), clean(block, raw)):
        assert "Réservé" not in block.render(value)


def test_callout_and_partner_text_is_escaped():
    callout = CalloutBlock()
    html = callout.render(clean(callout, {"title": "<b>Note</b>", "text": "<p>Texte</p>"}))
    assert "&lt;b&gt;Note&lt;/b&gt;" in html and "<p>Texte</p>" in html
    partners = PartnersBlock()
    html = partners.render(
        clean(
            partners,
            {
                "heading": "Partenaires",
                "partners": [
                    {"name": "A & <B>", "description": "", "url": "http://www.esshdf.org"}
                ],
            },
        )
    )
    assert "A &amp; &lt;B&gt;" in html and "www.esshdf.org</p>" in html


def test_heading_level_three_and_anchor():
    block = HeadingBlock()
    html = block.render(clean(block, {"text": "Voies de recours", "level": "h3"}))
    assert html.strip() == '<h3 id="voies-de-recours">Voies de recours</h3>'


def test_heading_level_is_not_searchable_text():
    block = HeadingBlock()
    content = block.get_searchable_content(clean(block, {"text": "Contact", "level": "h2"}))
    assert content == ["Contact"]


@pytest.mark.django_db
def test_site_map_block_without_request_renders_an_empty_list():
    html = SiteMapBlock().render(None, context={})
    assert '<nav class="site-map"' in html and "<li>" not in html


@pytest.mark.django_db
def test_site_map_block_renders_the_home_page(home_page):
    request = RequestFactory().get("/fr/plan-du-site/", SERVER_NAME="localhost")
    html = SiteMapBlock().render(None, context={"request": request})
    assert '<a href="/fr/">Accueil</a>' in html


@pytest.mark.parametrize(
    "block",
    [
        RoadmapBlock(),
        CalloutBlock(),
        RelatedLinksBlock(),
        PartnersBlock(),
        HeadingBlock(),
        SiteMapBlock(),
    ],
)
def test_every_block_has_a_complete_meta(block):
    for attribute in ("icon", "label", "template", "description"):
        assert getattr(block.meta, attribute), attribute
    assert hasattr(block.meta, "preview_value")


@pytest.mark.django_db
def test_related_links_lead_to_the_page_in_the_language_being_read(home_page):
    legal = content(home_page)
    english_home(home_page)
    english_legal = legal.copy_for_translation(Locale.objects.get(language_code="en"))
    english_legal.title = "Legal notice"
    english_legal.slug = "legal-notice"
    english_legal.save_revision().publish()
    untranslated = content(home_page, title="Plan du site", slug="plan-du-site")
    block = RelatedLinksBlock()
    # wagtail-localize copies page choices as they are: the English page keeps the French ids.
    raw = {
        "heading": "Further reading",
        "links": [
            {"page": legal.pk, "url": "", "label": ""},
            {"page": untranslated.pk, "url": "", "label": ""},
        ],
    }
    with translation.override("en"):
        html = block.render(block.to_python(raw))
    assert '<a href="/en/legal-notice/">Legal notice</a>' in html
    assert '<a href="/fr/plan-du-site/">Plan du site</a>' in html  # until it is translated
    with translation.override("fr"):
        assert '<a href="/fr/mentions-legales/">Mentions légales</a>' in block.render(
            block.to_python(raw)
        )
