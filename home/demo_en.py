"""English demo content: every French demo page and taxonomy translated through wagtail-localize.

Runs after the French builders. Each app keeps its own French → English texts (``TEXTS`` in
``<app>/demo_en.py``); translations go through ``core.localization.translate`` so they stay
linked to their French source and re-sync like an editor's translation. A translation that
already exists is left alone, editor changes included.
"""

from importlib import import_module

from wagtail.models import Locale, Page

from core.localization import give_list_items_ids, translate
from directory.models import Sector, SupportServiceCategory

from .models import PartnerLinks

TEXT_MODULES = ["home.demo_texts_en", "factsheet.demo_en", "directory.demo_en"]
SNIPPET_MODELS = [Sector, SupportServiceCategory, PartnerLinks]


def texts():
    merged = {}
    for module_name in TEXT_MODULES:
        merged.update(import_module(module_name).TEXTS)
    return merged


def build(home, report):
    """Translate into English every French page under `home` (home included) and taxonomy
    item that has no English translation yet; report every string left in French."""
    english, _created = Locale.objects.get_or_create(language_code="en")
    catalogue = texts()
    untranslated = []
    # Taxonomies first: the English pages then point at their English versions (actors'
    # sectors included, see ActorPage.clean).
    sources = [
        item
        for model in SNIPPET_MODELS
        for item in model.objects.filter(locale=home.locale).order_by("pk")
    ]
    # Tree order: a page's parent is translated before the page.
    sources += list(Page.objects.descendant_of(home, inclusive=True).order_by("path").specific())
    for source in sources:
        if source.get_translation_or_none(english) is not None:
            continue
        if isinstance(source, Page):
            give_list_items_ids(source)
        missing = translate(source, english, catalogue)
        untranslated += [(str(source), text) for text in missing]
        report(f"Traduction anglaise créée : {source}.")
    for name, text in untranslated:
        report(f"Texte non traduit dans « {name} » : {text}")
    return untranslated
