"""Blocks of an actor's presentation: the ground floor's text, image, quote and figure card.

Other pages show actors through core's PageCardsBlock, naming "directory.ActorPage"; the actor
page says how its card loads and renders (ActorPage.card_queryset, card_template)."""

from wagtail import blocks

from core.blocks import ParagraphBlock, PictureBlock, QuoteBlock
from core.figures import FigureCardBlock


class ActorBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    image = PictureBlock()
    quote = QuoteBlock()
    figure = FigureCardBlock()
