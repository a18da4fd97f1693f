"""Test editions of a factsheet: round numbers labelled "de test", never a figure of the
brochure. Each card chooses an indicator of the catalogue of its code (created on first use),
so that the editions feed the real series (factsheet.indicators)."""

from wagtail.models import Locale

from factsheet.models import FactsheetPage, Indicator

INDICATOR_KINDS = {"number": "count", "percent": "percent", "euro": "euros"}


def indicator(code, kind="number", locale=None):
    """The test indicator of this code (and language), created the first time."""
    found, _created = Indicator.objects.get_or_create(
        code=code,
        locale=locale or Locale.get_default(),
        defaults={
            "name": f"Indicateur de test {code}",
            "definition": "<p>Définition de test.</p>",
            "kind": INDICATOR_KINDS.get(kind, "ratio"),
            "territory": "Territoire de test",
        },
    )
    return found


def card(key, value, kind="number", decimals=0, label="", unit="", scale="units"):
    return {
        "indicator": indicator(key, kind).pk,
        "value": str(value),
        "kind": kind,
        "unit": unit,
        "label": label or f"test {key}",
        "context": "",
        "scale": scale,
        "decimals": decimals,
        "year": None,
        "source": "",
        "key": key,
        "check": "",
        "numerator": "",
        "denominator": "",
    }


def body(jobs, share, extra=()):
    return [
        {
            "type": "figure_group",
            "value": {
                "heading": "Groupe de test",
                "intro": "",
                "figures": [
                    card("emplois-test", jobs, label="emplois de test"),
                    card("part-test", share, kind="percent", decimals=1, label="part de test"),
                    *extra,
                ],
                "layout": "grid",
            },
        }
    ]


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return FactsheetPage.objects.get(pk=page.pk)


def edition(parent, year, jobs, share, **fields):
    fields.setdefault("title", f"Chiffres clés de test {year}")
    fields.setdefault("slug", f"edition-{year}")
    return publish(
        parent,
        FactsheetPage(
            territory="Territoire de test",
            reference_year=year,
            body=body(jobs, share, fields.pop("extra", ())),
            **fields,
        ),
    )


def in_english(root, *later):
    """The series translated and published in English (/en/key-figures/, …/<year>/); the cards
    keep their French indicators, as a copy for translation does."""
    english = Locale.objects.get(language_code="en")
    root.get_parent().copy_for_translation(english).save_revision().publish()
    for page in (root, *later):
        translated = page.copy_for_translation(english)
        if page.pk == root.pk:
            translated.slug = "key-figures"
        translated.title = f"Test key figures {page.reference_year}"
        translated.save_revision().publish()
