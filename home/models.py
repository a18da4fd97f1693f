"""The home, policy and generic content pages, and the site settings behind the footer."""

from django.conf import settings
from django.db import models
from django.db.models import Case, Subquery, When
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index

from agenda import clock
from agenda.listing import upcoming_items
from core.blocks import CalloutBlock, EditorNoteBlock, HeadingBlock, PageCardsBlock
from core.drill import DirectoryLinksPanel
from core.figures import FigureCardBlock
from core.map_blocks import CommuneMapBlock
from core.models import BasePage
from factsheet.blocks import ChartBlock, ContactCardBlock, FigureGroupBlock
from factsheet.models import FactsheetPage

from . import blocks as home_blocks
from . import chrome

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"]


def actor_cards():
    """The directory's actors chosen by the editor, shown as cards (as on the factsheet)."""
    return PageCardsBlock(
        "directory.ActorPage",
        list_name="actors",
        heading="Acteurs de l'ESS",
        item_label="Acteur",
        list_label="Acteurs",
        label="Acteurs de l'ESS",
        description="Des fiches d'acteurs de l'annuaire présentées en cartes.",
    )


# How many upcoming events and calls the home page shows.
HOME_AGENDA_ITEMS = 4


class HomePage(BasePage):
    """The root of each language tree: it leads to the key figures and the other sections."""

    introduction = RichTextField(
        blank=True, features=["bold", "italic", "link"], verbose_name="Introduction"
    )
    key_figures = StreamField(
        [("figure", FigureCardBlock())],
        blank=True,
        verbose_name="Chiffres clés à la une",
        help_text="Trois ou quatre chiffres de la brochure, affichés sous l'introduction.",
    )
    body = StreamField(
        [
            ("partners", home_blocks.PartnersBlock()),
            ("actors", actor_cards()),
            ("commune_map", CommuneMapBlock()),
            ("callout", CalloutBlock()),
            ("rich_text", home_blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label="Texte")),
            ("editor_note", EditorNoteBlock()),
        ],
        blank=True,
        verbose_name="Contenu",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("introduction"),
        FieldPanel("key_figures"),
        FieldPanel("body"),
        DirectoryLinksPanel(["key_figures"], heading="Liens vers l'annuaire"),
    ]
    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]
    summary_field = "introduction"

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("Page d'accueil")
        verbose_name_plural = _("Pages d'accueil")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The menu's pages are the site's sections; the header already fetched them.
        context["sections"] = sections = chrome.menu_pages(request)
        # The key figures link to the factsheet when it is a section of the site.
        context["figures_page_url"] = next(
            (s.get_url(request) for s in sections if s.specific_class is FactsheetPage), ""
        )
        # The next events and the open calls of the agenda in this language.
        context["agenda_items"] = upcoming_items(request, self, limit=HOME_AGENDA_ITEMS)
        return context


class PolicyPage(BasePage):
    """The agglomeration's ESS policy: its intent, its roadmap, its figures and contacts."""

    intro = RichTextField(features=["bold", "italic", "link"], verbose_name="Introduction")
    body = StreamField(
        [
            ("roadmap", home_blocks.RoadmapBlock()),
            ("callout", CalloutBlock()),
            ("figure", FigureCardBlock()),
            ("figure_group", FigureGroupBlock()),
            ("chart", ChartBlock()),
            ("commune_map", CommuneMapBlock()),
            ("contact", ContactCardBlock()),
            ("related_links", home_blocks.RelatedLinksBlock()),
            ("rich_text", home_blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label="Texte")),
            ("editor_note", EditorNoteBlock()),
        ],
        blank=True,
        verbose_name="Contenu",
    )

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        DirectoryLinksPanel(["body"], heading="Liens vers l'annuaire"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    summary_field = "intro"

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    # One per language tree: translations live under another home page.
    max_count_per_parent = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The roadmap lists the agenda's upcoming items: its cached content changes with the
        # day as well as with publications.
        context["agenda_day"] = clock.today().isoformat()
        return context

    class Meta:
        verbose_name = _("Politique ESS de l'agglomération")
        verbose_name_plural = _("Politiques ESS de l'agglomération")


class ContentPage(BasePage):
    """A plain page of text: legal notice, accessibility statement, plan du site…"""

    intro = models.TextField(blank=True, verbose_name="Introduction")
    body = StreamField(
        [
            ("heading", HeadingBlock()),
            ("rich_text", home_blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label="Texte")),
            ("site_map", home_blocks.SiteMapBlock()),
            ("editor_note", EditorNoteBlock()),
        ],
        blank=True,
        verbose_name="Contenu",
    )

    content_panels = [*BasePage.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    summary_field = "intro"

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("Page de contenu")
        verbose_name_plural = _("Pages de contenu")


class PartnerLinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(label="Libellé", max_length=255)
    url = blocks.URLBlock(label="Adresse")

    class Meta:
        icon = "link"
        label = "Lien partenaire"
        description = "Le nom d'un partenaire et l'adresse de son site, en pied de page."


class PartnerLinks(TranslatableMixin, models.Model):
    """The partners' sites listed in the footer, one set per language.

    A translatable snippet: translators translate the labels with wagtail-localize's Translate
    action; the addresses (URL blocks) are copied from the French set at every sync.
    """

    links = StreamField([("link", PartnerLinkBlock())], blank=True, verbose_name="Liens")

    panels = [FieldPanel("links")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = "Liens partenaires du pied de page"
        verbose_name_plural = "Liens partenaires du pied de page"

    def __str__(self):
        return f"{self._meta.verbose_name} ({self.locale})"

    @classmethod
    def in_language(cls, language):
        """The sets of `language`, then those of the site's default language (shown until
        translated), the first one being the footer's."""
        own_first = Case(When(locale__language_code=language, then=0), default=1)
        return cls.objects.filter(
            locale__language_code__in=[language, settings.LANGUAGE_CODE]
        ).order_by(own_first, "pk")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """What the footer shows: whom to contact, the partners' sites and the mandatory pages.

    Only language-neutral values are stored here (names, addresses, pages); the pages are
    shown in the reader's language when translated. The partners' links are translatable,
    so they live in the `PartnerLinks` snippet; they come with the settings as
    `partner_links`, in the language being read.
    """

    contact_name = models.CharField(max_length=255, blank=True, verbose_name="Nom du contact")
    contact_email = models.EmailField(blank=True, verbose_name="Courriel de contact")
    contact_phone = models.CharField(max_length=30, blank=True, verbose_name="Téléphone de contact")
    legal_notice_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Page des mentions légales",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Déclaration d'accessibilité",
    )
    sitemap_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="Page du plan du site",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading="Contact",
        ),
        MultiFieldPanel(
            [
                FieldPanel("legal_notice_page"),
                FieldPanel("accessibility_page"),
                FieldPanel("sitemap_page"),
            ],
            heading="Pages du pied de page",
        ),
    ]

    class Meta:
        verbose_name = "Pied de page et contact"

    @classmethod
    def base_queryset(cls):
        # One query for the settings and the footer's partner links.
        links = PartnerLinks.in_language(_reader_language()).values("links")[:1]
        return (
            super()
            .base_queryset()
            .annotate(
                partner_links=Subquery(links, output_field=PartnerLinks._meta.get_field("links"))
            )
        )

    @cached_property
    def partner_links(self):
        """The footer's partner links in the language being read; `base_queryset` brings
        them, except for settings it has just created."""
        found = PartnerLinks.in_language(_reader_language()).first()
        return found.links if found else None


def _reader_language():
    return get_language() or settings.LANGUAGE_CODE
