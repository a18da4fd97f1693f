"""Which public pages the browser tests visit: one of each kind, found in the database.

Nothing here names a page type: every specific page type that has a live, public page
reachable through a site is sampled once per language it exists in, so page types added by
other apps are covered as soon as the demo content creates one. Public views that are not
pages (a search results page, for instance) are found among the URL patterns under the
language prefix that take no argument.
"""

from dataclasses import dataclass

from django.urls import URLPattern, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern, URLResolver
from django.utils import translation
from wagtail.models import Locale, Page

# Wagtail's own public utilities (login for private pages, password forms) are not site pages.
NOT_SITE_VIEWS = {"wagtail_serve", "wagtailcore_login", "wagtailcore_authenticate_with_password"}


@dataclass(frozen=True)
class Sample:
    kind: str  # the page type's model name, or the view's URL name
    language: str
    path: str

    @property
    def slug(self):
        return f"{self.language}-{self.kind}".replace(":", "-").replace("_", "-")


def page_samples():
    samples, seen = [], set()
    pages = Page.objects.live().public().filter(depth__gt=1).select_related("locale")
    for page in pages.order_by("path").specific():
        key = (type(page).__name__, page.locale.language_code)
        url = page.get_url()
        if key in seen or url is None:
            continue
        seen.add(key)
        samples.append(Sample(type(page)._meta.model_name, page.locale.language_code, url))
    return samples


def argument_free_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.pattern.converters or pattern.pattern.regex.groups:
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from argument_free_names(pattern.url_patterns, inner)
        elif (
            isinstance(pattern, URLPattern)
            and pattern.name
            and pattern.name not in NOT_SITE_VIEWS
            and not pattern.pattern.converters
            and not pattern.pattern.regex.groups
        ):
            yield namespace + pattern.name


def view_samples():
    names = []
    for resolver in get_resolver().url_patterns:
        if isinstance(resolver, URLResolver) and isinstance(resolver.pattern, LocalePrefixPattern):
            names += argument_free_names(resolver.url_patterns)
    samples = []
    for language in Locale.objects.values_list("language_code", flat=True):
        with translation.override(language):
            samples += [Sample(name, language, reverse(name)) for name in names]
    return samples


def public_page_samples():
    return page_samples() + view_samples()
