"""The filters' drop-down list (core.widgets.Select): Django's markup, written by a loop."""

import re

import pytest
from django import forms

from core.widgets import Select

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
