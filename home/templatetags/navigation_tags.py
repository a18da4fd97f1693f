"""Site navigation built from the page tree of the language being read."""

from django import template
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("includes/navigation.html", takes_context=True)
def main_navigation(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    items = []
    if site:
        home = site.root_page.localized
        items = [home, *home.get_children().live().public().in_menu()]
    return {"items": items, "current": context.get("page")}
