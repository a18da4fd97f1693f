"""What an editor sees of every block of every StreamField of the site: an icon that exists, a
label, a description in plain French, and a preview in the block chooser.

The walk covers every model's StreamFields, so a block added later by any app is held to the
same rule. Blocks that show as a block in the editor are the StreamField's choices (the block
chooser) and the structures inside them (a list's items, a group of fields): field blocks
(a title, a number) show as form fields and need none of this.
"""

import re

import pytest
from django.apps import apps
from django.urls import reverse
from wagtail import blocks
from wagtail.admin.icons import get_icons
from wagtail.fields import StreamField

from core.figures import FigureCardBlock
from factsheet.blocks import ChartBlock
from tests.accounts import create_editor

# Words an ESS officer should not have to know (checked as whole words, any case).
JARGON = [
    "block",
    "bloc",
    "streamfield",
    "struct",
    "json",
    "csv",
    "html",
    "svg",
    "javascript",
    "slug",
    "widget",
    "template",
]
FRENCH_WORDS = {"le", "la", "les", "un", "une", "des", "du", "de", "d'", "l'", "avec", "et", "ou"}
ENGLISH_WORDS = {"the", "and", "with", "of", "a", "an", "to", "for", "your"}


def stream_fields():
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                yield f"{model._meta.label}.{field.name}", field.stream_block


def structures(block, path):
    """The StructBlocks and StreamBlocks inside `block`, at any depth, with their path."""
    children = (
        {"[]": block.child_block}
        if isinstance(block, blocks.ListBlock)
        else getattr(block, "child_blocks", {})
    )
    for name, child in children.items():
        child_path = f"{path}.{name}"
        if isinstance(child, blocks.StructBlock | blocks.StreamBlock):
            yield child_path, child
        yield from structures(child, child_path)


def chooser_blocks():
    for path, stream in stream_fields():
        for name, child in stream.child_blocks.items():
            yield f"{path}.{name}", child, len(stream.child_blocks) > 1


def icon_names():
    return set(re.findall(r'id="icon-([a-z0-9-]+)"', get_icons()))


def plain_french_problems(text):
    words = re.findall(r"[\w']+", text.lower())
    problems = [word for word in words if word in JARGON]
    if not FRENCH_WORDS & set(words) or ENGLISH_WORDS & set(words):
        problems.append("pas en français")
    if not text.strip().endswith("."):
        problems.append("pas une phrase")
    return problems


CHOOSER = list(chooser_blocks())
STRUCTURES = sorted(
    {path: block for path, block in (s for p, c, _ in CHOOSER for s in structures(c, p))}.items()
)


def test_the_walk_finds_the_site_s_blocks():
    paths = [path for path, _, _ in CHOOSER]
    assert "factsheet.FactsheetPage.body.chart" in paths
    assert "directory.ActorPage.body.figure" in paths
    assert "home.ContentPage.body.rich_text" in paths
    assert "factsheet.FactsheetPage.body.chart.rows.[]" in dict(STRUCTURES)


@pytest.mark.parametrize(("path", "block", "in_chooser"), CHOOSER, ids=[c[0] for c in CHOOSER])
def test_every_chooser_block_has_an_icon_a_label_a_french_description_and_a_preview(
    path, block, in_chooser
):
    assert block.meta.icon != "placeholder", path
    assert block.meta.icon in icon_names(), f"{path}: no icon named {block.meta.icon!r}"
    assert block.label, path
    description = block.get_description()
    assert description, path
    assert not plain_french_problems(description), (path, description)
    if in_chooser:
        # The block chooser shows a preview when the stream offers a choice.
        assert block.is_previewable, path
        assert block.get_preview_value() is not None or block.meta.preview_value is None, path


@pytest.mark.parametrize(("path", "block"), STRUCTURES, ids=[s[0] for s in STRUCTURES])
def test_every_block_inside_a_block_has_an_icon_a_label_and_a_french_description(path, block):
    assert block.meta.icon != "placeholder", path
    assert block.meta.icon in icon_names(), f"{path}: no icon named {block.meta.icon!r}"
    assert block.label, path
    description = block.get_description()
    assert description, path
    assert not plain_french_problems(description), (path, description)


def test_jargon_and_english_are_caught():
    assert plain_french_problems("Barres, dessiné sans JavaScript, avec un fichier CSV.") == [
        "javascript",
        "csv",
    ]
    assert plain_french_problems("A chart with its data table.") == ["pas en français"]


@pytest.mark.django_db
def test_the_block_chooser_shows_every_preview(client):
    client.force_login(create_editor())
    for path, block, in_chooser in CHOOSER:
        if not in_chooser:
            continue
        response = client.get(
            reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
        )
        assert response.status_code == 200, path
        assert b'<link rel="stylesheet" href="/static/css/site.css">' in response.content, path


def form_layout_names(group):
    """The block names of a form layout's main area (nested groups included)."""
    names = []
    for item in group.children:
        names.extend(form_layout_names(item) if hasattr(item, "children") else [item])
    return names


def nested_groups(group):
    return [item for item in group.children if hasattr(item, "children")]


def test_the_chart_s_unit_decimals_and_source_are_in_the_main_form():
    layout = ChartBlock().meta.form_layout
    main = form_layout_names(layout)
    for name in ("kind", "decimals", "source", "rows", "summary"):
        assert name in main, name
    assert layout.settings == []


def test_a_figure_s_year_and_source_are_in_the_main_form_and_its_checks_folded_under_avance():
    layout = FigureCardBlock().meta.form_layout
    assert {"year", "source"} <= set(layout.children)
    [advanced] = nested_groups(layout)
    assert advanced.heading.startswith("Avancé")
    assert "collapsed" in advanced.classname
    assert "numérateur" in advanced.help_text and "dénominateur" in advanced.help_text
    assert advanced.children == ["key", "check", "numerator", "denominator"]
    assert set(layout.settings) == {"scale", "decimals", "directory_filter"}
