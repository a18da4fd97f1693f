"""The home and policy pages' figure cards refer to the indicator of the same figure on the
factsheet (factsheet 0008 gave the factsheet's cards theirs).

A card is linked when exactly one indicator of the page's language has a factsheet card with
the same number, kind and scale: "3 761 emplois ESS" on the home page is the factsheet's
"emplois". Nothing else changes; a card with no such match keeps no indicator.
"""

import json
from decimal import Decimal, InvalidOperation

from django.db import migrations


def cards(stream):
    """Every figure card (a dict) of a raw StreamField value, groups included."""
    for block in stream or []:
        value = block.get("value") or {}
        if block.get("type") == "figure":
            yield value
        elif block.get("type") == "figure_group":
            for figure in value.get("figures") or []:
                yield figure.get("value") if "type" in figure and "value" in figure else figure


def signature(card):
    try:
        number = Decimal(str(card.get("value"))).normalize()
    except (InvalidOperation, TypeError):
        return None
    return (str(number), card.get("kind") or "number", card.get("scale") or "units")


def raw(stream_value):
    return json.loads(json.dumps(list(stream_value.raw_data), default=str))


def forward(apps, schema_editor):
    FactsheetPage = apps.get_model("factsheet", "FactsheetPage")
    known = {}  # (locale id, signature) → set of indicator ids
    for page in FactsheetPage.objects.all():
        for card in cards(raw(page.body)):
            if card.get("indicator") and signature(card):
                known.setdefault((page.locale_id, signature(card)), set()).add(card["indicator"])
    for model_name, field in (("HomePage", "key_figures"), ("PolicyPage", "body")):
        for page in apps.get_model("home", model_name).objects.all():
            stream = raw(getattr(page, field))
            changed = False
            for card in cards(stream):
                found = known.get((page.locale_id, signature(card)), set())
                if not card.get("indicator") and len(found) == 1:
                    card["indicator"] = next(iter(found))
                    changed = True
            if changed:
                setattr(page, field, stream)
                page.save(update_fields=[field])


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0013_figures_choose_an_indicator"),
        ("factsheet", "0008_indicators_from_figure_cards"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
