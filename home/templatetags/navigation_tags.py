"""Template tags for the site's chrome: menu, breadcrumbs, footer, canonical URL."""

from django import template
from django.utils.translation import get_language

from core import navigation
from core.public_address import absolute_url
from home import chrome
from home.models import SiteSettings

register = template.Library()

# Open Graph wants a territory with the language.
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


@register.inclusion_tag("includes/navigation.html", takes_context=True)
def main_navigation(context):
    request = context.get("request")
    page = context.get("page")
    home = navigation.current_home(request, page) if request else None
    items = []
    if home:
        for item in [home, *chrome.menu_pages(request)]:
            current = bool(page) and item.pk == page.pk
            # A section is marked as the reader's location when the page being read is inside it.
            inside = (
                bool(page)
                and item.pk != home.pk
                and not current
                and page.path.startswith(item.path)
            )
            items.append(
                {"page": item, "is_home": item.pk == home.pk, "current": current, "inside": inside}
            )
    return {"items": items, "request": request}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, current_title=None):
    """The trail to the page being read; views that are not pages pass their own title."""
    request = context.get("request")
    page = context.get("page")
    if request is None:
        return {"trail": []}
    if page is not None:
        trail = navigation.breadcrumb_trail(request, page)
        current_title = page.title
    else:
        home = navigation.current_home(request)
        trail = [home] if home and current_title else []
    return {"trail": trail, "current_title": current_title, "request": request}


@register.inclusion_tag("includes/footer.html", takes_context=True)
def site_footer(context):
    request = context.get("request")
    if request is None:
        return {}
    site_settings = SiteSettings.for_request(request)
    return {
        "site_settings": site_settings,
        "footer_pages": chrome.footer_pages(request),
        "request": request,
    }


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The page's full URL, or the current path without its query string for other views."""
    request = context.get("request")
    page = context.get("page")
    if page is not None and hasattr(page, "get_full_url"):
        url = page.get_full_url(request)
        if url:
            return url
    return absolute_url(request.path, request.build_absolute_uri("/")) if request else ""


@register.simple_tag
def og_locale():
    return OG_LOCALES.get((get_language() or "fr").split("-")[0], "fr_FR")


@register.simple_tag(takes_context=True)
def meta_description(context):
    """The page's meta description; a view that is not a page gives its own
    (`meta_description` in its context), or there is none."""
    page = context.get("page")
    if page is not None and hasattr(page, "get_meta_description"):
        return page.get_meta_description()
    return context.get("meta_description", "")
