"""New accounts get the admin in French.

Wagtail otherwise follows the browser's language for users who have not chosen one, and many
office computers are set to English: the CAHC's editors would meet an English admin. Each user
can still switch to English in "Mon compte".
"""

from django.conf import settings
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.users.models import UserProfile


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="home_admin_in_french")
def admin_in_french_for_new_users(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        UserProfile.objects.get_or_create(
            user=instance, defaults={"preferred_language": settings.LANGUAGE_CODE}
        )
