"""The demo factsheet's body (factsheet/demo/fr.json) without its actor sections, which refer
to directory pages: a brochure-faithful body for building test pages.

`BODY` is plain data, its cards without indicators (block tests need no database);
`body_with_indicators()` creates the demo's French indicators and links the cards to them,
as the demo loader does."""

import copy

from home.demo_loader import demo_data

DEMO = demo_data("factsheet")


def _without_indicators(value):
    if isinstance(value, list):
        return [_without_indicators(item) for item in value]
    if isinstance(value, dict):
        return {
            key: _without_indicators(item)
            for key, item in value.items()
            if not (key == "indicator" and isinstance(item, dict))
        }
    return value


RAW_BODY = [
    block
    for block in DEMO["pages"][0]["fields"]["body"]
    if block["type"] not in {"employers", "actors"}
]
BODY = _without_indicators(RAW_BODY)


def demo_indicators():
    """The demo's indicators in the default locale, created when missing: {code: indicator}."""
    from wagtail.models import Locale

    from factsheet.models import Indicator

    locale = Locale.get_default()
    found = {}
    for entry in DEMO["snippets"]:
        if entry["type"] != "factsheet.Indicator":
            continue
        fields = dict(entry["fields"])
        indicator, _created = Indicator.objects.get_or_create(
            code=fields.pop("code"), locale=locale, defaults=fields
        )
        found[indicator.code] = indicator
    return found


def body_with_indicators():
    indicators = demo_indicators()

    def resolve(value):
        if isinstance(value, list):
            return [resolve(item) for item in value]
        if isinstance(value, dict):
            if value.get("$snippet") == "factsheet.Indicator":
                return indicators[value["code"]].pk
            return {key: resolve(item) for key, item in value.items()}
        return value

    return resolve(copy.deepcopy(RAW_BODY))
