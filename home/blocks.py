"""StreamField blocks of the home, policy and generic content pages (the blocks other apps' pages
use too are core's)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.rich_text import RichText

from agenda.choices import Axis
from agenda.listing import upcoming_items
from core.blocks import INLINE_FEATURES, TranslatedPageChooserBlock
from core.navigation import current_home, shown_to_public

from .sitemap import page_tree

TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class RichTextBlock(blocks.RichTextBlock):
    """The pages' free text, described for the block chooser."""

    # Migrations see Wagtail's rich text block, as stored pages always have.
    canonical_module_path = "wagtail.blocks.RichTextBlock"

    class Meta:
        icon = "pilcrow"
        description = "Des paragraphes de texte mis en forme : intertitres, listes, liens."
        preview_value = RichText(
            "<p>La CA Hénin-Carvin est un EPCI composé de 14 communes, qui compte "
            "126 895 habitants et habitantes.</p>"
        )


class AxisBlock(blocks.StructBlock):
    """One axis of a roadmap: a short title and an optional explanation."""

    title = blocks.CharBlock(label="Intitulé de l'axe", max_length=255)
    text = blocks.RichTextBlock(required=False, features=TEXT_FEATURES, label="Détail")
    agenda_axis = blocks.ChoiceBlock(
        choices=Axis.choices,
        required=False,
        label="Axe de l'agenda",
        help_text="Les événements et appels à projets à venir de cet axe s'affichent sous lui.",
    )

    class Meta:
        icon = "list-ol"
        label = "Axe"
        description = "Un axe de la feuille de route : son intitulé et, si besoin, son détail."


class RoadmapBlock(blocks.StructBlock):
    """A roadmap as numbered axes; the numbering follows the order chosen by the editor."""

    heading = blocks.CharBlock(label="Titre", default="Feuille de route", max_length=255)
    intro = blocks.RichTextBlock(required=False, features=INLINE_FEATURES, label="Introduction")
    axes = blocks.ListBlock(AxisBlock(), min_num=1, label="Axes")

    class Meta:
        icon = "list-ol"
        label = "Feuille de route"
        template = "blocks/roadmap.html"
        description = "Une liste numérotée d'axes, chacun avec son intitulé et son détail."
        preview_value = {
            "heading": "Feuille de route",
            "axes": [
                {"title": "La sensibilisation à l'ESS", "text": ""},
                {"title": "L'animation du territoire en ESS", "text": ""},
            ],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        request = (parent_context or {}).get("request")
        codes = [axis.get("agenda_axis") for axis in value["axes"] if axis.get("agenda_axis")]
        home = current_home(request) if request and codes else None
        by_axis = {}
        if home is not None:
            # Every axis's items in one query, whatever the number of axes.
            for item in upcoming_items(request, home, axes=codes):
                by_axis.setdefault(item.axis, []).append(item)
        context["axes"] = [
            (axis, by_axis.get(axis.get("agenda_axis"), [])) for axis in value["axes"]
        ]
        return context

    def clean(self, value):
        value = super().clean(value)
        if self.is_deferred_validation:
            return value
        seen = set()
        for axis in value["axes"]:
            key = axis["title"].strip().casefold()
            if key in seen:
                raise StructBlockValidationError(
                    block_errors={
                        "axes": ValidationError(
                            _(
                                "Deux axes portent le même intitulé (« %(title)s ») : "
                                "fusionnez-les ou renommez l'un d'eux."
                            )
                            % {"title": axis["title"]}
                        )
                    }
                )
            seen.add(key)
        return value


class LinkBlock(blocks.StructBlock):
    """A link to a page of the site or to an external address."""

    page = TranslatedPageChooserBlock(required=False, label="Page du site")
    url = blocks.URLBlock(required=False, label="Adresse externe")
    label = blocks.CharBlock(
        required=False,
        label="Libellé",
        max_length=255,
        help_text="Obligatoire pour une adresse externe ; par défaut, le titre de la page.",
    )

    class Meta:
        icon = "link"
        label = "Lien"
        description = "Un lien vers une page du site ou vers un autre site."

    def clean(self, value):
        value = super().clean(value)
        if self.is_deferred_validation:
            return value
        page, url = value.get("page"), value.get("url")
        if bool(page) == bool(url):
            message = (
                _("Choisissez une page du site ou saisissez une adresse externe, pas les deux.")
                if page
                else _("Choisissez une page du site ou saisissez une adresse externe.")
            )
            raise StructBlockValidationError(block_errors={"page": ValidationError(message)})
        if url and not value.get("label", "").strip():
            raise StructBlockValidationError(
                block_errors={
                    "label": ValidationError(
                        _("Donnez un libellé au lien vers %(url)s.") % {"url": url}
                    )
                }
            )
        return value


class RelatedLinksBlock(blocks.StructBlock):
    """A titled list of links, to pages of the site or elsewhere."""

    heading = blocks.CharBlock(label="Titre", default="Pour aller plus loin", max_length=255)
    links = blocks.ListBlock(LinkBlock(), min_num=1, label="Liens")

    class Meta:
        icon = "link"
        label = "Liens utiles"
        template = "blocks/related_links.html"
        description = "Une liste de liens vers des pages du site ou des sites externes."
        preview_value = {
            "heading": "Pour aller plus loin",
            "links": [
                {
                    "page": None,
                    "url": "http://www.esshdf.org",
                    "label": "La plateforme de l'ESS en Hauts-de-France",
                }
            ],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        # A chosen page may since have been unpublished, made private or deleted.
        context["links"] = [
            link for link in value["links"] if shown_to_public(link.get("page")) or link.get("url")
        ]
        return context


class PartnerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label="Nom", max_length=255)
    description = blocks.TextBlock(required=False, label="Présentation")
    url = blocks.URLBlock(label="Site web")

    class Meta:
        icon = "group"
        label = "Partenaire"
        description = "Une organisation partenaire : son nom, sa présentation, son site."


class PartnersBlock(blocks.StructBlock):
    """Partner organisations, each with a short presentation and a link to its website."""

    heading = blocks.CharBlock(label="Titre", default="Partenaires", max_length=255)
    partners = blocks.ListBlock(PartnerBlock(), min_num=1, label="Partenaires")

    class Meta:
        icon = "group"
        label = "Partenaires"
        template = "blocks/partners.html"
        description = "Les organisations partenaires, avec un lien vers leur site."
        preview_value = {
            "heading": "Partenaires",
            "partners": [
                {
                    "name": "ESSHDF – Une économie d'avance",
                    "description": "La plateforme de l'économie sociale et solidaire "
                    "en Hauts-de-France.",
                    "url": "http://www.esshdf.org",
                }
            ],
        }


class SiteMapBlock(blocks.StaticBlock):
    """The tree of the site's published pages in the language being read."""

    class Meta:
        icon = "site"
        label = "Plan du site"
        template = "blocks/site_map.html"
        description = "Le plan du site, construit automatiquement à partir des pages publiées."
        admin_text = "Le plan du site est construit automatiquement à partir des pages publiées."
        preview_value = None

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        request = (parent_context or {}).get("request")
        context["tree"] = page_tree(request) if request else []
        return context
