"""The site's chrome from the page tree: the home of the language being read, the menu, the
breadcrumb trail and the footer links.

Header, footer, breadcrumbs and the plan-du-site block all need the same few pages, so each is
computed once per request and kept on the request object.
"""

from django.db.models import Case, IntegerField, Q, Subquery, Value, When
from django.utils.translation import get_language
from wagtail.models import Page, Site


def _cached(request, name, compute):
    attr = f"_ess_{name}"
    if not hasattr(request, attr):
        setattr(request, attr, compute())
    return getattr(request, attr)


def current_home(request):
    """The site's root page in the active language, or the root page itself if untranslated."""

    def compute():
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

    return _cached(request, "home", compute)


def menu_pages(request):
    """The home page's published, public children marked "show in menus", in tree order."""

    def compute():
        home = current_home(request)
        if home is None:
            return []
        return list(home.get_children().live().public().in_menu())

    return _cached(request, "menu", compute)


def breadcrumb_trail(request, page):
    """The ancestors of `page` from the home page down, `page` excluded; empty for the home."""
    home = current_home(request)
    if home is None or page is None or not page.path.startswith(home.path):
        return []
    if page.depth <= home.depth:
        return []
    return list(Page.objects.ancestor_of(page).filter(depth__gte=home.depth).order_by("depth"))


def footer_pages(request, settings):
    """The legal, accessibility and plan-du-site pages chosen in the site settings, each in the
    active language when it has been translated and published."""

    def compute():
        chosen = [
            (role, getattr(settings, f"{role}_page_id"))
            for role in ("legal_notice", "accessibility", "sitemap")
        ]
        ids = [pk for _role, pk in chosen if pk]
        if not ids:
            return []
        keys = Page.objects.filter(pk__in=ids).values("translation_key")
        candidates = list(
            Page.objects.filter(
                Q(pk__in=ids) | Q(translation_key__in=keys, locale__language_code=get_language())
            )
            .live()
            .public()
            .select_related("locale")
        )
        by_key = {}
        for page in candidates:
            # A translation in the reader's language wins over the page chosen in the settings.
            if page.translation_key not in by_key or page.locale.language_code == get_language():
                by_key[page.translation_key] = page
        original_keys = {page.pk: page.translation_key for page in candidates}
        links = []
        for _role, pk in chosen:
            key = original_keys.get(pk)
            if key in by_key:
                links.append(by_key[key])
        return links

    return _cached(request, "footer_pages", compute)
