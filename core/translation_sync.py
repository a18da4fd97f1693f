"""wagtail-localize's "Sync translated pages" screen, where "Publish immediately" belongs to
those who may publish.

wagtail-localize lets anyone who may ask for a translation tick it, and then publishes every
translation of the source without a moderator: an Éditeur would publish English pages, which
the roles forbid (docs/editors.md). Here the box is greyed out for a member who may not publish
every translation: the sync then only brings the source's changes into the translation editor,
from which the translation is submitted for moderation like any other page.
"""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.models import DraftStateMixin, Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail_localize.views.update_translations import UpdateTranslationsView


def may_publish(user, instance):
    """Whether `user` may publish `instance` (a page, or a snippet with drafts); a snippet
    without drafts is published by saving it, which its change permission allows."""
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    action = "publish" if isinstance(instance, DraftStateMixin) else "change"
    return ModelPermissionPolicy(type(instance)).user_has_permission(user, action)


class SyncTranslationsView(UpdateTranslationsView):
    @cached_property
    def may_publish_translations(self):
        return all(
            may_publish(self.request.user, translation.get_target_instance())
            for translation in self.object.translations.filter(enabled=True)
        )

    def get_form(self):
        form = super().get_form()
        if not self.may_publish_translations:
            # A disabled field keeps its initial value (unticked) whatever the browser sends.
            field = form.fields["publish_translations"]
            field.disabled = True
            field.help_text = _(
                "Réservé aux personnes qui peuvent publier chaque traduction. Sans publier, "
                "les changements attendent dans l’éditeur de traduction, d’où vous soumettez "
                "la traduction à la relecture."
            )
        return form
