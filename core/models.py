"""The abstract BasePage every page type of every app inherits."""

from django.db import models
from django.db.models.functions import Coalesce
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from . import navigation, page_extras
from .public_address import base_url


def view_restrictions_at(path):
    """The view restrictions on the page at `path` and its ancestors, in one query.

    Same answer as Wagtail's Page.get_view_restrictions() (an alias, or an alias among the
    ancestors, stands for its source page), but the ancestors are a subquery rather than a
    query of their own."""
    paths = [path[:end] for end in range(Page.steplen, len(path) + 1, Page.steplen)]
    sources = (
        Page.objects.filter(path__in=paths)
        .annotate(source_id=Coalesce("alias_of_id", "id"))
        .values("source_id")
    )
    return PageViewRestriction.objects.filter(page_id__in=sources)


class BasePage(Page):
    """Common ground for every page type of the site.

    Abstract on purpose: wagtail-localize does not support Wagtail's swappable base page model.
    """

    # Name of a text or rich-text field that sums the page up when no search description is set;
    # used for the meta description and search results.
    summary_field = None

    menu_title = models.CharField(
        "titre dans le menu",
        max_length=30,
        blank=True,
        help_text=(
            "Un ou deux mots pour le menu du site (par ex. « Annuaire ») ; "
            "vide : le titre de la page."
        ),
    )

    promote_panels = [
        MultiFieldPanel(
            [FieldPanel("slug"), FieldPanel("seo_title"), FieldPanel("search_description")],
            heading="Pour les moteurs de recherche",
        ),
        MultiFieldPanel(
            [FieldPanel("show_in_menus"), FieldPanel("menu_title")],
            heading="Pour les menus du site",
        ),
    ]

    class Meta:
        abstract = True

    @property
    def menu_label(self):
        """The page's words in the site's menu: its short menu title, else its title."""
        return self.menu_title or self.title

    def get_context(self, request, *args, **kwargs):
        # The header, breadcrumbs and blocks all ask for the home page: the routing found it
        # with the breadcrumb trail; a preview finds both from this page's ancestors at once.
        navigation.current_home(request, self)
        context = super().get_context(request, *args, **kwargs)
        context.update(page_extras.context_for(request, self))
        # Before publishing a translation, its preview lists the strings still in the source
        # language: wagtail-localize would publish them as they are, with no warning.
        if getattr(request, "is_preview", False):
            from .localization import untranslated_strings

            context["untranslated_strings"] = untranslated_strings(self)
        return context

    def get_url_parts(self, request=None):
        """Wagtail's parts of the page's URL, at the site's public address (SITE_BASE_URL):
        full URLs (canonical, sitemap, JSON-LD, exports) never carry the Site record's host,
        `localhost` in a fresh database. Without an address, the Site's root URL as before."""
        parts = super().get_url_parts(request)
        if parts is None or parts[1] is None or not base_url():
            return parts
        site_id, _site_root_url, page_path = parts
        return site_id, base_url(), page_path

    def get_view_restrictions(self):
        """The view restrictions on this page and its ancestors, in one query; none without
        a query when core.routing, loading the page to serve it, found that there are none
        (`view_restricted`): one query less on every public page served."""
        if getattr(self, "view_restricted", True):
            return view_restrictions_at(self.path)
        return PageViewRestriction.objects.none()

    def get_summary(self):
        """Plain text summing the page up: its search description, else its summary field."""
        if self.search_description:
            return self.search_description
        if self.summary_field:
            return " ".join(strip_tags(str(getattr(self, self.summary_field) or "")).split())
        return ""

    def get_meta_description(self):
        """The summary, else the title with the site's name: every page says something to
        search engines and link previews, even one whose editors wrote no summary."""
        summary = self.get_summary()
        if not summary:
            site = gettext("L’économie sociale et solidaire en Hénin-Carvin")
            summary = f"{self.title} – {site}"
        return Truncator(summary).chars(160)


class ListingPage(BasePage):
    """A section's list (the directory, the support services, the agenda): an introduction
    above what it lists, one such page under each language's home page."""

    introduction = RichTextField(
        blank=True, features=["bold", "italic", "link"], verbose_name="Introduction"
    )

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]
    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]
    summary_field = "introduction"

    # One per language tree: wagtail-localize adds the English copy under the English home
    # page, so a global max_count of 1 would forbid it.
    max_count_per_parent = 1

    paginate_by = 20

    class Meta:
        abstract = True
