"""StreamField blocks of the home, policy and generic content pages."""

import copy

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import get_language
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.models import Page

from .sitemap import page_tree

INLINE_FEATURES = ["bold", "italic", "link"]
TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class AxisBlock(blocks.StructBlock):
    """One axis of a roadmap: a short title and an optional explanation."""

    title = blocks.CharBlock(label="Intitulé de l'axe", max_length=255)
    text = blocks.RichTextBlock(required=False, features=TEXT_FEATURES, label="Détail")

    class Meta:
        icon = "list-ol"
        label = "Axe"


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
                            f"Deux axes portent le même intitulé (« {axis['title']} ») : "
                            "fusionnez-les ou renommez l'un d'eux."
                        )
                    }
                )
            seen.add(key)
        return value


class CalloutBlock(blocks.StructBlock):
    """A short statement set apart from the text, e.g. an award or a key decision."""

    title = blocks.CharBlock(required=False, label="Titre", max_length=255)
    text = blocks.RichTextBlock(features=INLINE_FEATURES, label="Texte")

    class Meta:
        icon = "pick"
        label = "Encadré"
        template = "blocks/callout.html"
        description = "Un court texte mis en évidence dans un encadré."
        preview_value = {
            "title": "À retenir",
            "text": "<p>La CAHC est lauréate de l'appel à projet Territoire d'ESS lancé par "
            "la région Hauts-de-France en 2024.</p>",
        }


class TranslatedPageChooserBlock(blocks.PageChooserBlock):
    """A page chooser giving the chosen page's live translation in the language being read,
    else the page itself: wagtail-localize copies page choices to the English page as they
    are, pointing at French pages. One query for every choice of a list, as the stock
    chooser's."""

    # Migrations see the page chooser it extends: loading differently changes no stored data.
    canonical_module_path = "wagtail.blocks.PageChooserBlock"

    def translations(self, translation_keys):
        """The pages of these translation keys in every language; subclasses load with them
        what they show."""
        return Page.objects.filter(translation_key__in=translation_keys).select_related("locale")

    def bulk_to_python(self, values):
        ids = [pk for pk in values if pk is not None]
        if not ids:
            return [None] * len(values)
        language = get_language()
        # The chosen pages and all their translations: one indexed lookup by key, where an OR
        # with the language made PostgreSQL read every actor (50 ms with 50 000).
        chosen_keys = Page.objects.filter(pk__in=ids).values("translation_key")
        chosen, translated = {}, {}
        for page in self.translations(chosen_keys):
            if page.pk in ids:
                chosen[page.pk] = page
            if page.locale.language_code == language and page.live:
                translated[page.translation_key] = page
        # A distinct instance for each choice, as Wagtail's choosers give.
        return [
            copy.copy(translated.get(chosen[pk].translation_key, chosen[pk]))
            if pk in chosen
            else None
            for pk in values
        ]

    def to_python(self, value):
        return self.bulk_to_python([value])[0]


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

    def clean(self, value):
        value = super().clean(value)
        if self.is_deferred_validation:
            return value
        page, url = value.get("page"), value.get("url")
        if bool(page) == bool(url):
            message = (
                "Choisissez une page du site ou saisissez une adresse externe, pas les deux."
                if page
                else "Choisissez une page du site ou saisissez une adresse externe."
            )
            raise StructBlockValidationError(block_errors={"page": ValidationError(message)})
        if url and not value.get("label", "").strip():
            raise StructBlockValidationError(
                block_errors={"label": ValidationError(f"Donnez un libellé au lien vers {url}.")}
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
                    "url": "http://www.esshdf.org",
                    "label": "La plateforme de l'ESS en Hauts-de-France",
                }
            ],
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        # A chosen page may since have been unpublished or deleted: readers would get a 404.
        context["links"] = [
            link
            for link in value["links"]
            if (link["page"] is not None and link["page"].live) or link["url"]
        ]
        return context


class PartnerBlock(blocks.StructBlock):
    name = blocks.CharBlock(label="Nom", max_length=255)
    description = blocks.TextBlock(required=False, label="Présentation")
    url = blocks.URLBlock(label="Site web")

    class Meta:
        icon = "group"
        label = "Partenaire"


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


class HeadingBlock(blocks.StructBlock):
    """A section heading; level 2 or 3 because the page title is the only h1."""

    text = blocks.CharBlock(label="Texte", max_length=255)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Niveau 2"), ("h3", "Niveau 3")],
        default="h2",
        label="Niveau",
        # "Niveau 2" is layout, not content: keep it out of the index and search excerpts.
        search_index=False,
    )

    class Meta:
        icon = "title"
        label = "Intertitre"
        template = "blocks/heading.html"
        description = "Un intertitre de niveau 2 ou 3, avec une ancre pour y faire lien."
        preview_value = {"text": "Éditeur du site", "level": "h2"}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["anchor"] = slugify(value["text"])
        return context


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
