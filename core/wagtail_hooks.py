"""Admin hooks of the ground floor: who may delete pages (core.roles.may_delete_page), and the
icons blocks use that Wagtail does not ship (a chart)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .roles import may_delete_page

# Lazy: translated into each editor's admin language ("Mon compte") at each refusal.
REFUSED = _(
    "Vous ne pouvez pas supprimer « %(title)s » : seuls les administrateurs suppriment les "
    "pages ; vous pouvez supprimer vos propres brouillons jamais publiés. Dépubliez la page ou "
    "demandez sa suppression à un administrateur."
)


def _refuse(request, page):
    messages.error(request, REFUSED % {"title": page.get_admin_display_title()})
    return redirect("wagtailadmin_explore", page.get_parent().pk if page.get_parent() else page.pk)


@hooks.register("before_delete_page")
def restrict_page_deletion(request, page):
    if not may_delete_page(request.user, page):
        return _refuse(request, page)
    return None


@hooks.register("before_bulk_action")
def restrict_bulk_page_deletion(request, action_type, objects, action_class_instance):
    if action_type != "delete" or not objects or not hasattr(objects[0], "get_children_count"):
        return None
    for page in objects:
        if not may_delete_page(request.user, page):
            return _refuse(request, page)
    return None


@hooks.register("register_icons")
def register_icons(icons):
    # Wagtail has no chart icon: without it the chart block showed none in the block chooser.
    return [*icons, "core/icons/chart.svg"]
