"""Template helpers of the agenda: dates in the reader's language, and the item's status."""

from django import template

from .. import formatting, structured_data

register = template.Library()


@register.simple_tag
def agenda_when(item):
    """The item's dates as one phrase in the active language (agenda.formatting.when)."""
    return formatting.when(item)


@register.filter
def paris_date(instant):
    """ISO date of an instant on the clocks of Paris, for <time datetime>."""
    return formatting.iso_date(instant) if instant else ""


@register.filter
def paris_datetime(instant):
    return formatting.iso_datetime(instant) if instant else ""


@register.simple_tag
def agenda_json_ld(data):
    """JSON-LD built by agenda.structured_data, safe inside <script>."""
    return structured_data.script_json(data)
