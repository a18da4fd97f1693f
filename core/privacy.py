"""A translation is as private, and as withdrawn, as its source: a view restriction set on,
changed on or removed from a page of the site's default language (French, the source of every
translation) is copied to its translations at once, and unpublishing it unpublishes them.

wagtail-localize copies restrictions only when a translation is created or synced, so a French
page made private kept a public English translation until the next sync: the English page and
every block choosing it went on showing what the French page hid. An English page may still be
private on its own (a restriction set on it alone stays), until its source's privacy changes.

Unpublishing: Wagtail cascades it to translations only through a hook that wagtail-localize
does not implement, so an English page stayed public, with what the French page withdrew, after
its source was unpublished in the admin, in bulk or at its expiry date. An English page may
still be unpublished on its own; republishing the French page leaves its translations to be
republished one by one (each language publishes separately).
"""

from django.conf import settings
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_unpublished

RESTRICTION_FIELDS = ("restriction_type", "password")


def _is_source(page):
    return page.locale.language_code == settings.LANGUAGE_CODE


def sync_translations(page):
    """Give `page`'s translations the view restriction `page` has, or none if it has none."""
    source = page.view_restrictions.first()
    translations = Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
    for translation in translations:
        if source is None:
            for restriction in translation.view_restrictions.all():
                restriction.delete()
            continue
        restriction = translation.view_restrictions.first() or PageViewRestriction(page=translation)
        for name in RESTRICTION_FIELDS:
            setattr(restriction, name, getattr(source, name))
        restriction.save()
        restriction.groups.set(source.groups.all())


def _source_page(restriction):
    try:
        page = Page.objects.select_related("locale").get(pk=restriction.page_id)
    except Page.DoesNotExist:  # the page itself is being deleted
        return None
    return page if _is_source(page) else None


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_changed(sender, instance, **kwargs):
    page = _source_page(instance)
    if page is not None:
        sync_translations(page)


@receiver(m2m_changed, sender=PageViewRestriction.groups.through)
def restriction_groups_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, PageViewRestriction):
        restriction_changed(PageViewRestriction, instance)


@receiver(page_unpublished)
def source_unpublished(sender, instance, **kwargs):
    """Unpublish the live translations of an unpublished page of the default language."""
    if not _is_source(instance):
        return
    translations = Page.objects.filter(translation_key=instance.translation_key, live=True)
    for translation in translations.exclude(pk=instance.pk).specific():
        translation.unpublish()
