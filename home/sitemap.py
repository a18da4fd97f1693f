"""Maps of the site: the page tree shown on the plan-du-site page, and sitemap.xml for crawlers."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from core.cache import until_next_publication
from core.navigation import current_home, visible_pages
from directory.models import ActorPage


def page_tree(request):
    """Published, public pages under the current language's home, as nested
    {"page", "children"} nodes. A page whose parent is unpublished is unreachable: left out.

    Actor profiles are left out too: the directory lists and searches them, and tens of
    thousands of links would make the page unreadable and take seconds to build. Kept until the
    next publication like the menu: the query reads the whole tree, actors included."""
    home = current_home(request)
    if home is None:
        return []
    return until_next_publication(request, f"page-tree:{home.pk}", lambda: _tree(home))


def _tree(home):
    nodes = {}
    roots = []
    pages = visible_pages().filter(path__startswith=home.path).not_type(ActorPage)
    for page in pages.order_by("path"):
        node = {"page": page, "children": []}
        parent = nodes.get(page.path[: -Page.steplen])
        if page.pk == home.pk:
            roots.append(node)
        elif parent is None:
            continue
        else:
            parent["children"].append(node)
        nodes[page.path] = node
    return roots


class MultilingualSitemap(Sitemap):
    """Wagtail's sitemap lists the site's root in one language only; this one lists the live,
    public pages of every translation of the root, so English pages are found too."""

    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key)
        in_any_tree = Q()
        for tree_root in roots:
            in_any_tree |= Q(path__startswith=tree_root.path)
        return (
            Page.objects.filter(in_any_tree)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
