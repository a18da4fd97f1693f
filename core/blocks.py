"""Blocks that several apps' pages use: text, image, quote, heading and callout blocks, a page
chooser giving the reader's translation, and chosen pages shown as cards.

A block here names other apps' page types by string ("directory.ActorPage") and lets the page
type load and render its own card (`card_queryset`, `card_template`, `get_card_context`), so it
imports no domain app. Every chosen page goes through the one visibility rule
(core.navigation.shown_to_public): unpublished, private or deleted, it simply disappears.
"""

import copy
import re

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page
from wagtail.rich_text import RichText

from .navigation import shown_to_public, with_visibility

INLINE_FEATURES = ["bold", "italic", "link"]

# A block's id as it appears in URLs (a chart's CSV, a map's data): a lower-case UUID, which is
# what Wagtail generates. Wagtail stores ids as sent, so an import or an API may bring others.
BLOCK_ID_PATTERN = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def url_block_id(block_id):
    """`block_id` as URLs carry it (lower case, no surrounding space), or None when it is no
    UUID: such a block gets no link of its own rather than a URL that cannot be reversed."""
    if not isinstance(block_id, str):
        return None
    normalised = block_id.strip().lower()
    return normalised if re.fullmatch(BLOCK_ID_PATTERN, normalised) else None


class ParagraphBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = "Paragraphe"
        template = "blocks/paragraph.html"
        description = "Du texte mis en forme : intertitres, listes, liens."
        features = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]
        preview_value = RichText(
            "<p>L'association favorise l'insertion sociale et professionnelle "
            "de demandeurs d'emploi.</p>"
        )


class PictureBlock(ImageBlock):
    """Wagtail's image block: its alternative text is required unless marked decorative."""

    class Meta:
        icon = "image"
        label = "Image"
        template = "blocks/picture.html"
        description = "Une photo ou une illustration, avec son texte alternatif."
        preview_value = None


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label="Citation")
    attribution = blocks.CharBlock(required=False, label="Auteur ou autrice")

    class Meta:
        icon = "openquote"
        label = "Citation"
        template = "blocks/quote.html"
        description = "Une citation mise en exergue, avec son auteur ou autrice."
        preview_value = {
            "quote": "Être un lieu de rencontres et d'échanges entre les acteurs du territoire.",
            "attribution": "PTCE Hénin-Carvin",
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


class EditorNoteBlock(blocks.TextBlock):
    """A note for the page's editors ("data to be completed…"): shown in the editing form,
    the admin preview and the block chooser's preview, never on the public site nor in its
    search index. A placeholder written as ordinary text would be published with the page."""

    def get_preview_context(self, value, parent_context=None):
        return {**(parent_context or {}), "editor_note_visible": True}

    def render(self, value, context=None):
        context = context or {}
        request = context.get("request")
        if context.get("editor_note_visible") or getattr(request, "is_preview", False):
            return super().render(value, context)
        return ""

    def get_searchable_content(self, value):
        return []

    class Meta:
        icon = "comment"
        label = "Note pour les rédacteurs"
        template = "blocks/editor_note.html"
        # core.figures.PREVIEW_TEMPLATE (not imported: core.figures imports this module).
        preview_template = "factsheet/block_preview.html"
        description = (
            "Une note interne (« données à compléter… ») : visible dans l'aperçu de "
            "l'administration, jamais publiée sur le site."
        )
        preview_value = (
            "Données à compléter : ajoutez ici un graphique quand les chiffres seront connus."
        )


class TranslatedPageChooserBlock(blocks.PageChooserBlock):
    """A page chooser giving the chosen page's live translation in the language being read,
    else the page itself: wagtail-localize copies page choices to the English page as they
    are, pointing at French pages. One query for every choice of a list, as the stock
    chooser's; the pages come with what their type's card shows (`card_queryset`) and with
    what the visibility rule reads (`shown_to_public`)."""

    # Migrations see the page chooser it extends: loading differently changes no stored data.
    canonical_module_path = "wagtail.blocks.PageChooserBlock"

    def translations(self, translation_keys):
        """The pages of these translation keys in every language."""
        model = self.target_model
        pages = model.objects.filter(translation_key__in=translation_keys)
        if hasattr(model, "card_queryset"):
            pages = model.card_queryset(pages)
        return with_visibility(pages.select_related("locale"))

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


class PageCardsBlock(blocks.StructBlock):
    """Pages of one type, chosen by the editor, shown as cards: each page type renders its own
    card (`card_template`, `get_card_context()`, through the `page_card` tag).

    `list_name` is the stored name of the list: the directory's actor blocks, which this block
    replaces, stored theirs as "actors"; keeping it leaves stored pages as they are."""

    def __init__(
        self, page_type, *, list_name, heading="", item_label="Page", list_label="Pages", **kwargs
    ):
        self.list_name = list_name
        super().__init__(
            local_blocks=[
                ("heading", blocks.CharBlock(required=False, label="Titre", default=heading)),
                (
                    list_name,
                    blocks.ListBlock(
                        TranslatedPageChooserBlock(page_type=page_type, label=item_label),
                        label=list_label,
                        min_num=1,
                    ),
                ),
            ],
            **kwargs,
        )
        # Set on the instance rather than passed on: it need not be frozen into migrations.
        self.meta.preview_value = {"heading": heading, list_name: []}

    class Meta:
        icon = "group"
        template = "blocks/page_cards.html"

    def clean(self, value):
        value = super().clean(value)
        if self.is_deferred_validation:
            return value
        ids = [page.pk for page in value.get(self.list_name) or [] if page is not None]
        if len(ids) != len(set(ids)):
            message = _("La même page est choisie plusieurs fois ; gardez-en une.")
            raise StructBlockValidationError(
                block_errors={self.list_name: ErrorList([ValidationError(message)])}
            )
        return value

    def shown_pages(self, value):
        return [page for page in value[self.list_name] if shown_to_public(page)]

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["pages"] = self.shown_pages(value)
        return context


class GroupedPageCardsBlock(PageCardsBlock):
    """Chosen pages under headings: each page gives its group's order and label
    (`card_group()`), e.g. actors by headcount band, largest first."""

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        groups = {}
        for page in context["pages"]:
            groups.setdefault(page.card_group(), []).append(page)
        context["groups"] = [
            {"label": label, "pages": groups[(order, label)]} for order, label in sorted(groups)
        ]
        return context
