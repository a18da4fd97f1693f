"""Blocks of the directory: an actor's presentation, and actor lists for other pages."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageBlock
from wagtail.rich_text import RichText

from factsheet.blocks import FigureCardBlock
from home.blocks import TranslatedPageChooserBlock

from .choices import HEADCOUNT_BANDS, HEADCOUNT_ORDER


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


class ActorBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    image = PictureBlock()
    quote = QuoteBlock()
    figure = FigureCardBlock()


# The fields of an actor that its card (includes/actor_card.html) and the employers' list show,
# with those choosing the translation and building the link need, and those the admin's chooser
# reads for each chosen actor (its type, draft title and parent): about a third of the columns.
CARD_FIELDS = [
    "title",
    "url_path",
    "live",
    "translation_key",
    "locale",
    "family",
    "summary",
    "headcount_band",
    "commune",
    "content_type",
    "draft_title",
    "path",
]


class ActorChooserBlock(TranslatedPageChooserBlock):
    """A chooser of actor pages whose chosen actors load with their commune, which the cards
    show, in the language being read: one query for all the actor choosers of a block type on a
    page, however many."""

    def translations(self, translation_keys):
        from .models import ActorPage

        # Only CARD_FIELDS: each of the actors' rows read and built faster.
        return (
            ActorPage.objects.filter(translation_key__in=translation_keys)
            .only(*CARD_FIELDS)
            .select_related("commune", "locale")
        )


def _chosen_actors(pages):
    """The chosen pages that still exist and are live, loaded by ActorChooserBlock."""
    return [page for page in pages if page is not None and page.live]


def _reject_duplicates(value, field):
    ids = [page.pk for page in value.get(field) or [] if page is not None]
    if len(ids) != len(set(ids)):
        raise StructBlockValidationError(
            block_errors={
                field: ErrorList(
                    [ValidationError("Le même acteur est choisi plusieurs fois ; gardez-en un.")]
                )
            }
        )


class ActorListBlock(blocks.StructBlock):
    """What the blocks showing chosen actors share: the same actor cannot be chosen twice."""

    def clean(self, value):
        value = super().clean(value)
        if not self.is_deferred_validation:
            _reject_duplicates(value, "actors")
        return value


class ActorsBlock(ActorListBlock):
    """A hand-picked list of actors shown as cards: name, family, commune, summary, link."""

    heading = blocks.CharBlock(required=False, label="Titre", default="Acteurs de l'ESS")
    actors = blocks.ListBlock(
        ActorChooserBlock(page_type="directory.ActorPage", label="Acteur"),
        label="Acteurs",
        min_num=1,
    )

    class Meta:
        icon = "group"
        label = "Acteurs de l'ESS"
        template = "blocks/actors.html"
        description = "Des fiches d'acteurs de l'annuaire présentées en cartes."
        preview_value = {"heading": "Acteurs de l'ESS", "actors": []}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["actor_pages"] = _chosen_actors(value["actors"])
        return context


class EmployersByBandBlock(ActorListBlock):
    """Chosen actors grouped by INSEE headcount band, largest band first."""

    heading = blocks.CharBlock(
        required=False, label="Titre", default="Exemples d'employeurs de l'ESS"
    )
    actors = blocks.ListBlock(
        ActorChooserBlock(page_type="directory.ActorPage", label="Acteur"),
        label="Employeurs",
        min_num=1,
    )

    class Meta:
        icon = "table"
        label = "Exemples d'employeurs par taille"
        template = "blocks/employers_by_band.html"
        description = "Des employeurs de l'ESS regroupés par tranche d'effectif salarié."
        preview_value = {"heading": "Exemples d'employeurs de l'ESS", "actors": []}

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        labels = {code: label for code, label, *_bounds in HEADCOUNT_BANDS}
        groups = {}
        for actor in _chosen_actors(value["actors"]):
            groups.setdefault(actor.headcount_band, []).append(actor)
        # Biggest employers first; actors whose band is unknown close the list.
        ordered = sorted(groups, key=lambda code: -HEADCOUNT_ORDER.get(code, -1))
        context["groups"] = [
            {"label": labels.get(code, _("Effectif non renseigné")), "actors": groups[code]}
            for code in ordered
        ]
        return context
