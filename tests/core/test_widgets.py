"""The filters' drop-down list (core.widgets.Select): Django's markup, written by a loop; its
options given as they are (core.widgets.Pairs)."""

import re

import pytest
from django import forms

from core.widgets import Pairs, Select

CHOICES = [
    ("", "Toutes"),
    ("a", "Alpha (3)"),
    (4, "Quatre <b>&</b>"),
    ('x"y', "Guillemets"),
    ("a", "Alpha encore"),
]


def tags(html):
    """The markup without the line breaks and indentation between tags."""
    return re.sub(r">\s+<", "><", html).strip()


@pytest.mark.parametrize("value", [None, "", "a", "4", 4, 'x"y', "inconnu"])
@pytest.mark.parametrize(
    "attrs", [{"id": "id_f"}, {"aria-invalid": "true", "id": "id_f"}, {"required": True}]
)
def test_the_select_writes_what_djangos_select_writes(value, attrs):
    ours = Select(choices=CHOICES).render("f", value, attrs)
    assert tags(ours) == tags(forms.Select(choices=CHOICES).render("f", value, attrs))
    assert ours.count(" selected") == (value != "inconnu")  # one option at most, None is ""


@pytest.mark.parametrize("value", ["", "a", "4", "inconnu"])
def test_options_given_as_pairs_validate_and_render_as_a_list_does(value):
    def field(choices):
        field = forms.ChoiceField(required=False, widget=Select)
        field.choices = choices
        return field

    as_list, as_pairs = field(CHOICES), field(Pairs(CHOICES))
    assert list(as_pairs.choices) == list(as_list.choices)
    assert as_pairs.valid_value(value) == as_list.valid_value(value)
    assert as_pairs.widget.render("f", value) == as_list.widget.render("f", value)
