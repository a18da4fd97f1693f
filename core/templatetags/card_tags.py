"""A chosen page's card, as its page type renders it (core.blocks.PageCardsBlock)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_card(context, page, **extra):
    """`page.card_template` rendered with `page.get_card_context()` and `extra`, as
    {% include %} would render it: a block needs no knowledge of the page type's template."""
    card = context.template.engine.get_template(page.card_template)
    with context.push(**page.get_card_context(), **extra):
        return card.render(context)
