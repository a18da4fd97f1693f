"""Stored XSS through every block of the policy and content pages, the support-service pages,
the site settings and the footer links (issue #21, "also verify"): each text field of each
block, found by walking the StreamFields so that a new block is covered the day it is added,
holds a payload, and the public page prints it as text."""

import uuid

import pytest
from wagtail import blocks
from wagtail.models import Site

from directory.models import SupportServiceCategory, SupportServiceIndexPage, SupportServicePage
from home.models import ContentPage, PartnerLinks, PolicyPage, SiteSettings

from .test_stored_xss import ATTRIBUTE, ESCAPED_SCRIPT, SCRIPT, assert_no_live_markup

pytestmark = pytest.mark.django_db


def hostile(block):
    """A stored value of `block` with a payload in every plain-text field: rich text is the
    editor's HTML, cleaned when typed (test_stored_xss), so it gets harmless text here."""
    if isinstance(block, blocks.RichTextBlock):
        return "<p>Texte</p>"
    if isinstance(block, blocks.URLBlock):
        return "https://example.org/?q=%22%3E%3Cscript%3E"
    if isinstance(block, blocks.EmailBlock):
        return "contact@example.org"
    if isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        return SCRIPT
    if isinstance(block, blocks.ChoiceBlock):
        flat = []
        for value, label in block.field.choices:
            flat += label if isinstance(label, (list, tuple)) else [(value, label)]
        return next((value for value, _label in flat if value), "")
    if isinstance(block, (blocks.IntegerBlock, blocks.DecimalBlock, blocks.FloatBlock)):
        return 12
    if isinstance(block, blocks.BooleanBlock):
        return False
    if isinstance(block, blocks.StructBlock):
        return {name: hostile(child) for name, child in block.child_blocks.items()}
    if isinstance(block, blocks.ListBlock):
        return [hostile(block.child_block), hostile(block.child_block)]
    if isinstance(block, blocks.StreamBlock):
        return [{"type": name, "value": hostile(c)} for name, c in block.child_blocks.items()]
    return None


def has_text_field(block):
    if isinstance(block, (blocks.URLBlock, blocks.EmailBlock, blocks.RichTextBlock)):
        return False
    if isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
        return True
    if isinstance(block, (blocks.StructBlock, blocks.StreamBlock)):
        return any(has_text_field(child) for child in block.child_blocks.values())
    if isinstance(block, blocks.ListBlock):
        return has_text_field(block.child_block)
    return False


# The editors' note never reaches the public (tests/home/test_editor_notes.py).
NEVER_PUBLIC = {"editor_note"}


def body_blocks(model):
    stream = model._meta.get_field("body").stream_block
    return [
        (model, name)
        for name, block in stream.child_blocks.items()
        if has_text_field(block) and name not in NEVER_PUBLIC
    ]


# The commune map counts the directory's actors by default; with none, it shows nothing.
SHOWN_WITHOUT_DIRECTORY = {"commune_map": {"data": "values"}}
CASES = body_blocks(PolicyPage) + body_blocks(ContentPage)


def test_the_walk_reaches_the_policy_and_content_blocks():
    names = {(m.__name__, n) for m, n in CASES}
    assert {("PolicyPage", "roadmap"), ("PolicyPage", "callout"), ("PolicyPage", "chart")} <= names
    assert {("PolicyPage", "related_links"), ("ContentPage", "heading")} <= names


@pytest.mark.parametrize(("model", "name"), CASES, ids=[f"{m.__name__}.{n}" for m, n in CASES])
def test_every_text_field_of_every_block_prints_as_text(client, home_page, model, name):
    block = model._meta.get_field("body").stream_block.child_blocks[name]
    fields = {"intro": "<p>Intro</p>"} if model is PolicyPage else {}
    raw = {**hostile(block), **SHOWN_WITHOUT_DIRECTORY.get(name, {})}
    page = model(title="Page", slug="page", body=[(name, block.to_python(raw))], **fields)
    page.body[0].id = str(uuid.uuid4())  # as the editor's form gives every block
    home_page.add_child(instance=page)
    page.save_revision().publish()
    html = assert_no_live_markup(client.get(page.url))
    assert ESCAPED_SCRIPT in html[html.index("<main") :], "the block rendered its text"


def test_support_service_pages_print_the_payloads_as_text(client, home_page):
    index = home_page.add_child(
        instance=SupportServiceIndexPage(title="Accompagnement", slug="accompagnement")
    )
    index.save_revision().publish()
    category = SupportServiceCategory.objects.create(name=ATTRIBUTE, locale=home_page.locale)
    service = SupportServicePage(
        title=f"Service {SCRIPT}",
        slug="service",
        provider=SCRIPT,
        category=category,
        stage_idea=True,
        area_served=ATTRIBUTE,
        service_name=SCRIPT,
        email="contact@example.org",
        phone="03 21 00 00 00",
        website="https://example.org/?q=%22%3E%3Cscript%3E",
        description="<p>Texte</p>",
    )
    index.add_child(instance=service)
    service.save_revision().publish()
    for url in (service.url, index.url, index.url + "?etape=idee"):
        html = assert_no_live_markup(client.get(url))
        assert ESCAPED_SCRIPT in html, url
        assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in html, url


def test_site_settings_and_footer_links_print_as_text(client, home_page):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_name = SCRIPT
    settings.contact_email = f"{ATTRIBUTE}@example.org"
    settings.contact_phone = ATTRIBUTE
    settings.save()
    PartnerLinks.objects.create(
        locale=home_page.locale,
        links=[("link", {"label": SCRIPT, "url": 'https://example.org/"><script>'})],
    )
    html = assert_no_live_markup(client.get("/fr/"))
    footer = html[html.index("<footer") :]
    assert footer.count(ESCAPED_SCRIPT) == 2
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in footer
    assert 'href="https://example.org/"><script>"' not in footer
