"""The same page in the other language: switcher links and hreflang alternates.

Built from the page's live translations, fetched with the breadcrumb trail, so the switcher
never links to a 404; views that are not pages (search) switch by translating their URL.
"""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language

from core import navigation
from core.public_address import absolute_url

register = template.Library()


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """One entry per language: code, name, URL of this content in it (None if untranslated).

    A view may give `alternate_urls` ({language code: URL}) in its context when the content
    is not the page itself (an indicator beneath the factsheet)."""
    request = context.get("request")
    if request is None:
        return []
    page = context.get("page")
    urls = {}
    if context.get("alternate_urls") is not None:
        # A view beneath a page (a routable page's sub-route) names its own translations.
        urls = dict(context["alternate_urls"])
    elif page is not None and page.pk:
        # No .public(): it costs a query, and wagtail-localize gives translations the view
        # restrictions of their source, so the translations of a public page are public.
        # They come with the breadcrumb's query (core.navigation).
        for translation in navigation.live_translations(request, page):
            urls[translation.locale.language_code] = translation.get_url(request)
    else:
        path = request.get_full_path()
        urls = {code: translate_url(path, code) for code, _name in settings.LANGUAGES}
    current = get_language()
    return [
        {
            "code": code,
            "name": name,
            "url": urls.get(code),
            "absolute_url": absolute_url(urls[code], request.build_absolute_uri("/"))
            if urls.get(code)
            else None,
            # Every language's home is its prefix (i18n_patterns, prefix_default_language).
            "home_url": f"/{code}/",
            "is_current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]
