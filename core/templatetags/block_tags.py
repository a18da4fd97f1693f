"""One block of a page's body, rendered so that it cannot break the page."""

import logging

from django import template
from django.db import DatabaseError
from django.utils.html import format_html

from core.blocks import url_block_id

register = template.Library()
logger = logging.getLogger(__name__)


@register.simple_tag(takes_context=True)
def render_block(context, block):
    """`block` (a child of a StreamField) as {% include_block %} renders it, with its id as
    URLs carry it (`block_id`, core.blocks.url_block_id; None if it is no UUID).

    A block that fails to render (stored content an import or an older version left
    inconsistent) is logged and renders as nothing: the rest of the page is served. In a
    preview the editor sees which block it is. A database error is not the block's fault and
    goes on to the outage page."""
    block_context = context.flatten()
    block_context["block_id"] = url_block_id(getattr(block, "id", None))
    try:
        return block.render_as_block(context=block_context)
    except DatabaseError:
        raise
    except Exception:
        page = context.get("page")
        logger.exception(
            "Bloc « %s » (id %r) de la page %s impossible à afficher",
            getattr(block, "block_type", "?"),
            getattr(block, "id", None),
            getattr(page, "pk", None),
        )
        request = context.get("request")
        if getattr(request, "is_preview", False):
            return format_html(
                '<p class="block-error" role="alert">Ce bloc « {} » ne peut pas être affiché ; '
                "corrigez-le ou supprimez-le.</p>",
                getattr(getattr(block, "block", None), "label", None) or block.block_type,
            )
        return ""
