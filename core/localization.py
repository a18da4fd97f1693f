"""Translate content through wagtail-localize's own models.

Going through TranslationSource and StringTranslation (rather than copying pages) keeps the
translation linked to its source: re-syncing later carries the source's numbers, choices,
links and images over to the translation, and only text is ever offered to translators.
"""

import json
from collections.abc import Mapping

from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Exists, OuterRef
from wagtail.fields import StreamField
from wagtail.models import Page
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
    if publish and isinstance(instance, Page):
        # wagtail-localize publishes pages when the transaction commits, from a revision taken
        # now: inside a longer transaction (the demo command) that revision's tree counters
        # are stale by then, and publishing it would hide the pages translated meanwhile.
        translation.save_target(user=user, publish=False)
        instance.get_translation(locale).get_latest_revision().publish(user=user)
    else:
        translation.save_target(user=user, publish=publish)
    return missing


def _as_json(data):
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def _with_block_ids(value):
    """`value`'s raw data rebuilt from its blocks, so that every list item carries an id."""
    for child in value:  # converting each child gives its list items their ids
        child.value  # noqa: B018
    return value.stream_block.get_prep_value(value)


def give_list_items_ids(page):
    """Save `page` again if its StreamField list items were stored without ids.

    Content written as plain lists (the demo builders, imports) has list items without ids;
    wagtail-localize then skips those items — figure labels, chart rows — and would key
    their translations on ids that change at every extraction. Returns True when saved.
    """
    changed = False
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            value = getattr(page, field.name)
            stored = _as_json(list(value.raw_data))
            prepared = _as_json(_with_block_ids(value))
            if prepared != stored:
                setattr(page, field.name, prepared)
                changed = True
    if changed:
        # A pending draft stays a draft: only what was already live is republished.
        publish = page.live and not page.has_unpublished_changes
        revision = page.save_revision()
        if publish:
            revision.publish()
    return changed


def untranslated_strings(page):
    """The source strings of `page`'s translation that have no translation in its language.

    Empty for a page that is not a wagtail-localize translation. wagtail-localize publishes
    such strings in the source language; the preview lists them so that the editor knows.
    """
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale=page.locale
        )
        .select_related("source")
        .first()
    )
    if translation is None or translation.source.locale_id == page.locale_id:
        return []
    translated = StringTranslation.objects.filter(
        locale=page.locale, translation_of=OuterRef("string"), context=OuterRef("context")
    )
    return list(
        translation.source.stringsegment_set.exclude(Exists(translated))
        .order_by("order")
        .values_list("string__data", flat=True)
    )
