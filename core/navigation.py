"""The page tree as the visitor sees it: the home of the language being read, the breadcrumb
trail, the page's translations, and the one visibility rule for pages shown to the public.

Header, breadcrumbs, the language switcher and the plan-du-site block all need the same few
pages. For a page served through the site's routing, the home page, the breadcrumb trail and
the page's translations come with the routing query (core.routing, remember_ancestry); for a
page rendered otherwise (a preview), in one query of their own (by path and translation key,
both indexed); other views (search, errors) find the home page in a query of their own. The
menu and the footer links, which read the site settings, are home's (home/chrome.py).
"""

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Length, Substr
from django.utils.translation import get_language
from wagtail.models import Page, PageViewRestriction, Site

from .cache import until_next_publication


def once_per_request(request, name, compute):
    """`compute()`, run once per request and kept on it under `name`."""
    attr = f"_ess_{name}"
    if not hasattr(request, attr):
        setattr(request, attr, compute())
    return getattr(request, attr)


def is_private():
    """True for a page inside a section with a view restriction. Unlike PageQuerySet.public(),
    which first loads every restriction, this stays inside the page query."""
    return Exists(
        PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
    )


def public_children(pages, parent):
    """`pages`, children of `parent`, without those in a private section: what
    PageQuerySet.public() keeps, without its query loading every restriction first.

    Both tests stay cheap on a large listing: the parent's section is checked once (an
    uncorrelated subquery) and each child's own restriction by its id."""
    section = [
        parent.path[:end] for end in range(parent.steplen, len(parent.path) + 1, parent.steplen)
    ]
    return pages.exclude(
        Exists(PageViewRestriction.objects.filter(page__path__in=section))
    ).exclude(Exists(PageViewRestriction.objects.filter(page_id=OuterRef("pk"))))


def visible_pages():
    """Pages the public may see: live and outside any private section."""
    return Page.objects.live().exclude(is_private())


def with_visibility(pages):
    """`pages` annotated with `view_restricted` (the page or a page above it is private), the
    flag `shown_to_public` reads: loading chosen pages, no query of its own."""
    return pages.annotate(view_restricted=is_private())


def shown_to_public(page):
    """The one rule for a page an editor chose (in a block, a menu, a list of links): shown
    while it exists, is live and is public, as listings show only `.live().public()` pages.

    A private page disappears for every visitor, including those who may open it: pages are
    cached and served `Cache-Control: public`, so what they list cannot depend on the visitor.
    Pages loaded through `with_visibility` cost no query; others (a preview's form values)
    one each."""
    if page is None or not page.live:
        return False
    restricted = getattr(page, "view_restricted", None)
    if restricted is None:
        paths = [page.path[:end] for end in range(page.steplen, len(page.path) + 1, page.steplen)]
        restricted = PageViewRestriction.objects.filter(page__path__in=paths).exists()
    return not restricted


def _ancestry(request, page):
    """(home, trail, translations): the home of `page`'s language tree, the pages from it down
    to `page` (`page` excluded), and `page`'s live translations (`page` included when live).
    (None, [], None) when `page` is outside the site's tree."""
    site = Site.find_for_request(request)
    if site is None or page is None:
        return None, [], None
    root_key = Page.objects.filter(
        pk=site.root_page_id, translation_key=OuterRef("translation_key")
    )
    ancestor_paths = {
        page.path[:end] for end in range(page.steplen, len(page.path) + 1, page.steplen)
    }
    rows = list(
        Page.objects.filter(
            Q(path__in=ancestor_paths) | Q(translation_key=page.translation_key, live=True)
        )
        .select_related("locale")
        .annotate(is_home=Exists(root_key))
        .order_by("depth", "path")
    )
    translations = [row for row in rows if row.translation_key == page.translation_key and row.live]
    ancestors = [row for row in rows if row.path in ancestor_paths]
    for index, ancestor in enumerate(ancestors):
        if ancestor.is_home:
            trail = [a for a in ancestors[index:] if a.pk != page.pk]
            return ancestor, trail, translations
    return None, [], translations


def _home_without_page(request):
    """The site's root page in the active language, or the root page itself if untranslated."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    root_key = Page.objects.filter(pk=site.root_page_id).values("translation_key")[:1]
    return (
        Page.objects.filter(translation_key=Subquery(root_key))
        .filter(Q(locale__language_code=get_language(), live=True) | Q(pk=site.root_page_id))
        .annotate(
            rank=Case(
                When(pk=site.root_page_id, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
        .order_by("rank")
        .first()
    )


def current_home(request, page=None):
    """The home page of the language being read. Given the page being served, it comes with
    that page's breadcrumb trail at no extra cost."""

    def compute():
        home, trail, translations = _ancestry(request, page)
        if home is None:
            # Views without a page (search, errors): kept until the next publication, as the
            # routing keeps a page's home.
            site = Site.find_for_request(request)
            home = until_next_publication(
                request,
                f"home:{site.pk if site else None}:{get_language()}",
                lambda: _home_without_page(request),
            )
        request._ess_trail = (page.pk if page else None, trail, translations)
        return home

    return once_per_request(request, "home", compute)


def remember_ancestry(request, chain, translations):
    """What core.routing found on its way to the page it serves, the last of `chain` (from the
    home page down): the home page, the breadcrumb trail and the page's live translations
    (None when not looked for) need no query of their own."""
    page = chain[-1]
    request._ess_home = chain[0]
    request._ess_trail = (page.pk, chain[:-1], translations)


def breadcrumb_trail(request, page):
    """The pages from the home page down to `page`, `page` excluded; empty on the home page."""
    current_home(request, page)
    trail_page_id, trail, _translations = request._ess_trail
    if trail_page_id != page.pk:
        # The home page was looked up for another page, or for none: find this one's trail.
        trail = _ancestry(request, page)[1]
    return trail


def live_translations(request, page):
    """`page`'s live translations, itself included when live, each with its locale."""
    current_home(request, page)
    trail_page_id, _trail, translations = request._ess_trail
    if trail_page_id != page.pk or translations is None:
        translations = page.get_translations(inclusive=True).live().select_related("locale")
    return translations
