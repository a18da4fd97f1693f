"""Signal receivers: new accounts get the admin in French; published changes empty the page cache.

Wagtail otherwise follows the browser's language for users who have not chosen one, and many
office computers are set to English: the CAHC's editors would meet an English admin. Each user
can still switch to English in "Mon compte".

The page cache (core/cache.py) is emptied as a whole on every change a visitor could see.
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, published, unpublished
from wagtail.users.models import UserProfile

from core.cache import invalidate_site
from directory.models import Commune, Sector, SupportServiceCategory
from factsheet.models import Indicator

from .models import PartnerLinks, SiteSettings


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="home_admin_in_french")
def admin_in_french_for_new_users(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        UserProfile.objects.get_or_create(
            user=instance, defaults={"preferred_language": settings.LANGUAGE_CODE}
        )


# A page's own draft saves change nothing visitors see: pages count once published, unpublished,
# moved or deleted. Snippets with a draft state would send published/unpublished.
for name, signal in {
    "page_published": page_published,
    "page_unpublished": page_unpublished,
    "page_moved": post_page_move,
    "snippet_published": published,
    "snippet_unpublished": unpublished,
}.items():
    signal.connect(invalidate_site, dispatch_uid=f"home_page_cache_{name}")
post_delete.connect(invalidate_site, sender=Page, dispatch_uid="home_page_cache_page_deleted")
# What pages display without being pages. Page deletion cascades send post_delete for each
# specific page too, which only bumps the generation a few more times.
for model in (
    SiteSettings,
    PartnerLinks,
    Indicator,  # its name and source on every card that chose it
    Sector,
    SupportServiceCategory,
    Commune,
    get_image_model(),
    get_document_model(),
    PageViewRestriction,
    Site,
):
    uid = f"home_page_cache_{model._meta.label_lower}"
    post_save.connect(invalidate_site, sender=model, dispatch_uid=f"{uid}_saved")
    post_delete.connect(invalidate_site, sender=model, dispatch_uid=f"{uid}_deleted")
