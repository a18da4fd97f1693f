"""The menu and the footer links: the home page's sections and the pages chosen in the site
settings (SiteSettings, hence here on the top floor rather than in core.navigation).

Both are the same on every page of a language and come from one query, which reads the whole
tree under the home page (50 000 actors included): it is kept in the cache until the next
publication (core.cache.until_next_publication).
"""

from django.apps import apps
from django.db.models import OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from wagtail.models import Page

from core import navigation
from core.cache import until_next_publication
from core.navigation import once_per_request

FOOTER_ROLES = ("legal_notice", "accessibility", "sitemap")


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


def _menu_title():
    """Each page's short menu title (BasePage.menu_title), read in the menu's own query: a
    subquery per page type, of which only the page's own finds a row."""
    from core.models import BasePage

    types = [m for m in apps.get_models() if issubclass(m, BasePage) and not m._meta.abstract]
    titles = [
        Subquery(model.objects.filter(pk=OuterRef("pk")).values("menu_title")[:1])
        for model in types
    ]
    return Coalesce(*titles, Value(""))


def _menu_and_footer(request):
    home = navigation.current_home(request)
    if home is None:
        return [], []

    def compute():
        chosen = _chosen_footer_pages(request)
        candidates = _chrome_q(home.path, home.depth, home.locale_id, chosen)
        pages = list(
            navigation.visible_pages()
            .filter(candidates)
            .annotate(menu_title=_menu_title())
            .order_by("path")
        )
        for page in pages:
            page.menu_label = page.menu_title or page.title
        return _split_chrome(home, pages, chosen)

    # Each home page is one site's tree in one language, and each site has its footer.
    return until_next_publication(request, f"chrome:menu-and-footer:{home.pk}", compute)


def menu_pages(request):
    """The home page's published, public children marked "show in menus", in tree order."""
    return once_per_request(request, "chrome", lambda: _menu_and_footer(request))[0]


def footer_pages(request):
    """The legal, accessibility and plan-du-site pages chosen in the site settings, in the
    reader's language when translated and published."""
    return once_per_request(request, "chrome", lambda: _menu_and_footer(request))[1]
