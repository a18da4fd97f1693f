"""Translate content through wagtail-localize's own models.

Going through TranslationSource and StringTranslation (rather than copying pages) keeps the
translation linked to its source: re-syncing later carries the source's numbers, choices,
links and images over to the translation, and only text is ever offered to translators.
"""

from collections.abc import Mapping

from wagtail_localize.models import StringTranslation, Translation, TranslationSource


def translate(instance, locale, texts: Mapping[str, str], *, publish=True, user=None):
    """Create or update `instance`'s translation into `locale` from `texts` (source → target).

    Returns the source strings that `texts` does not translate; they fall back to the
    source language, as in wagtail-localize's own editor.
    """
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    missing = []
    for segment in source.stringsegment_set.select_related("string", "context"):
        text = texts.get(segment.string.data)
        if text is None:
            missing.append(segment.string.data)
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
        )
    translation.save_target(user=user, publish=publish)
    return missing
