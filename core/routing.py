"""Page routing in two queries, whatever the depth of the page.

Wagtail finds a page from its URL level by level, two queries per level (the child with that
slug, then its specific row), after the active locale and the home page in that language: 8
queries for an actor profile in English before anything is rendered. Here one query brings
the home page in the active language and every page whose depth and slug match a level of the
path, with the live translations of the page the path names; the chain is followed in Python,
and a second query loads the page found in its specific form, with whether it is private. The
chain is the page's breadcrumb trail and its translations the language switcher's links: the
chrome (core.navigation) takes them from here rather than from a query of its own. The last
step is still the page's own `route()`, so drafts stay 404 and a routable page answers its own
sub-URLs.

A routable page on the way (the directory) has its sub-URLs take precedence over its
children, as in Wagtail: when the rest of the path resolves to one of its routes, it is
handed over to that page's `route()`.

A path longer than MAX_PAGE_PATH_SEGMENTS is not found before any query: the routing query
grows by one term a segment, and a path of a thousand segments made SQLite refuse it (an
expression tree deeper than 1 000), which the site answered as a database outage (503).
"""

import copy
import hashlib

from django.db.models import BooleanField, Exists, F, Func, Q, Subquery
from django.http import Http404
from django.urls import Resolver404
from django.utils.translation import get_language
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from . import navigation
from .cache import until_next_publication
from .models import view_restrictions_at

# Segments a path may have: far more than the page tree's depth (home, section, page, and a
# page's own routes such as graphiques/<id>/csv/), far fewer than a query can bear.
MAX_PAGE_PATH_SEGMENTS = 32


class InSubquery(Func):
    """`expression IN (subquery)`, written `expression = ANY(ARRAY(subquery))` on PostgreSQL.

    Among the alternatives of an OR, PostgreSQL evaluates `IN (subquery)` for every row of the
    table (18 ms on the page tree with 50 000 actors); the ANY form computes the subquery once
    and uses the index (0.1 ms)."""

    output_field = BooleanField()

    def __init__(self, expression, queryset):
        super().__init__(expression, Subquery(queryset))

    def as_sql(self, compiler, connection, **extra_context):
        return self._compile(compiler, "{} IN {}")

    def as_postgresql(self, compiler, connection, **extra_context):
        return self._compile(compiler, "{} = ANY(ARRAY{})")

    def _compile(self, compiler, template):
        (expression, expression_params), (subquery, subquery_params) = (
            compiler.compile(part) for part in self.get_source_expressions()
        )
        return template.format(expression, subquery), (*expression_params, *subquery_params)


def _active_language():
    try:
        return get_supported_content_language_variant(get_language())
    except LookupError:
        return None


def _routes_to_itself(page, components):
    """True when `page` is a live routable page with a route for the remaining `components`."""
    if not (page.live and issubclass(page.specific_class, RoutablePageMixin)):
        return False
    try:
        page.specific_class.get_resolver().resolve("/" + "".join(f"{c}/" for c in components))
    except Resolver404:
        return False
    return True


def _specific(page, parent):
    model = page.specific_class
    # Whether the page or a page above it is private, asked here rather than in a query of its
    # own when Wagtail checks before serving it (BasePage.get_view_restrictions).
    pages = model.objects.annotate(view_restricted=Exists(view_restrictions_at(page.path)))
    if related := getattr(model, "serve_select_related", ()):
        pages = pages.select_related(*related)
    specific = pages.get(pk=page.pk)
    # As Wagtail's routing does: the parent is known, get_parent() need not query it again.
    if parent is not None:
        specific._cached_parent_obj = parent
    return specific


def path_components(path):
    """The segments of `path`, or None when there are more than any page can have."""
    components = [component for component in path.split("/") if component]
    if len(components) > MAX_PAGE_PATH_SEGMENTS:
        return None
    return components


def _find(site, components, language):
    """(page, index, chain, translations): the page that answers `components` in its specific
    form, loaded but not yet asked to route; the index of the first component it routes itself
    (len(components) unless it is a routable page on the way); the chain of pages from the home
    page down to it; its live translations (None when not looked for). None when no page does.
    """
    root = site.root_page
    # wagtail-localize puts each language's home beside the site's root page, at its depth.
    wanted = Q(pk=root.pk) | Q(translation_key=root.translation_key, live=True)
    for depth, slug in enumerate(components, start=root.depth + 1):
        wanted |= Q(depth=depth, slug=slug)
    if components:
        # The live translations of the page the path names, for the language switcher.
        named = Page.objects.filter(depth=root.depth + len(components), slug=components[-1])
        wanted |= Q(InSubquery(F("translation_key"), named.values("translation_key")), live=True)
    rows = list(Page.objects.filter(wanted).select_related("locale"))
    # As Page.localized: the translation in the reader's language if published, else the root.
    page = next(
        (
            row
            for row in rows
            if row.translation_key == root.translation_key
            and row.live
            and row.locale.language_code == language
        ),
        None,
    ) or next(row for row in rows if row.pk == root.pk)
    chain = [page]
    parent = None
    for index, slug in enumerate(components):
        if _routes_to_itself(page, components[index:]):
            # Its translations were not looked for: the path names one of its routes.
            return _specific(page, parent), index, chain, None
        child = next(
            (
                row
                for row in rows
                if row.slug == slug
                and row.depth == page.depth + 1
                and row.path.startswith(page.path)
            ),
            None,
        )
        if child is None:
            return None
        parent, page = page, child
        chain.append(page)
    translations = [row for row in rows if row.translation_key == page.translation_key and row.live]
    return _specific(page, parent), len(components), chain, translations


def route(request, path):
    """What `Page.route_for_request` answers (a RouteResult, or None for a 404).

    Where a path leads is kept until the next publication (core.cache.until_next_publication),
    as every publication, move, unpublication or deletion of a page, and every change of a
    view restriction or a site, replaces the generation: the two queries and the building of
    them, half of what a simple page costs, are paid by the first request after a publication.
    What is kept is the page as loaded, never one a request has used: each request routes and
    serves a copy of it. A path that leads nowhere is not kept (None never is): made-up URLs
    cannot fill the cache."""
    components = path_components(path)
    if components is None:
        return None
    site = Site.find_for_request(request)
    if site is None:
        return None
    language = _active_language()
    where = hashlib.sha256("/".join(components).encode()).hexdigest()
    found = until_next_publication(
        request,
        f"route:{site.pk}:{language}:{where}",
        lambda: _find(site, components, language),
    )
    if found is None:
        return None
    page, index, chain, translations = found
    navigation.remember_ancestry(request, chain, translations)
    try:
        # A copy: serving a page leaves per-request values on it (cached properties, forms).
        return copy.copy(page).route(request, components[index:])
    except Http404:
        return None
