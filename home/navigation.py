"""The site's chrome from the page tree: the home of the language being read, the menu, the
breadcrumb trail and the footer links.

Header, footer, breadcrumbs, the language switcher and the plan-du-site block all need the same
few pages. For a page served through the site's routing, the home page, the breadcrumb trail
and the page's translations come with the routing query (home.routing, remember_ancestry); for
a page rendered otherwise (a preview), in one query of their own (by path and translation key,
both indexed); other views (search, errors) find the home page in a query of their own. The
menu and the footer pages, the same on every page of a language, are kept in the cache until
the next publication (home.cache.until_next_publication): their query reads the whole tree
under the home page, 50 000 actors included, while the rest is a few index lookups.
"""

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Length, Substr
from django.utils.translation import get_language
from wagtail.models import Page, PageViewRestriction, Site

from .cache import until_next_publication

FOOTER_ROLES = ("legal_notice", "accessibility", "sitemap")


def _cached(request, name, compute):
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
    return Page.objects.live().exclude(is_private())


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
            home = _home_without_page(request)
        request._ess_trail = (page.pk if page else None, trail, translations)
        return home

    return _cached(request, "home", compute)


def remember_ancestry(request, chain, translations):
    """What home.routing found on its way to the page it serves, the last of `chain` (from the
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


def _chosen_footer_pages(request):
    """{role: page id or None} for the footer links chosen in the site settings."""
    from .models import SiteSettings  # the models module imports this one

    site_settings = SiteSettings.for_request(request)
    return {role: getattr(site_settings, f"{role}_page_id") for role in FOOTER_ROLES}


def _chrome_q(home_path, home_depth, locale_id, chosen):
    """The candidates for the menu (children of the home page shown in menus) and the footer
    (the chosen pages and their translations in the home page's language)."""
    in_menu = Q(path__startswith=home_path, depth=home_depth + 1, show_in_menus=True)
    ids = [pk for pk in chosen.values() if pk]
    if not ids:
        return in_menu
    return (
        in_menu
        | Q(pk__in=ids)
        | Q(
            translation_key__in=Page.objects.filter(pk__in=ids).values("translation_key"),
            locale_id=locale_id,
        )
    )


def _split_chrome(home, pages, chosen):
    """(menu, footer pages) from the visible candidates, in tree order."""
    ids = [pk for pk in chosen.values() if pk]
    menu = [
        p
        for p in pages
        if p.depth == home.depth + 1 and p.path.startswith(home.path) and p.show_in_menus
    ]
    by_key = {}
    for candidate in pages:
        # The translation in the reader's language wins over the page chosen in the settings.
        if candidate.translation_key not in by_key or candidate.locale_id == home.locale_id:
            by_key[candidate.translation_key] = candidate
    keys = {p.pk: p.translation_key for p in pages if p.pk in ids}
    footer_pages = [by_key[keys[pk]] for pk in chosen.values() if pk in keys]
    return menu, footer_pages


def _menu_and_footer(request):
    home = current_home(request)
    if home is None:
        return [], []

    def compute():
        chosen = _chosen_footer_pages(request)
        candidates = _chrome_q(home.path, home.depth, home.locale_id, chosen)
        pages = list(visible_pages().filter(candidates).order_by("path"))
        return _split_chrome(home, pages, chosen)

    # Each home page is one site's tree in one language, and each site has its footer.
    return until_next_publication(request, f"chrome:menu-and-footer:{home.pk}", compute)


def menu_pages(request):
    """The home page's published, public children marked "show in menus", in tree order."""
    return _cached(request, "chrome", lambda: _menu_and_footer(request))[0]


def footer_pages(request):
    """The legal, accessibility and plan-du-site pages chosen in the site settings, in the
    reader's language when translated and published."""
    return _cached(request, "chrome", lambda: _menu_and_footer(request))[1]
