"""Template tags of the directory: an actor's JSON-LD, escaped for a <script> element."""

from django import template

from directory.structured_data import script_json

register = template.Library()


@register.simple_tag(takes_context=True)
def actor_json_ld(context, actor):
    return script_json(actor.json_ld(context.get("request")))
