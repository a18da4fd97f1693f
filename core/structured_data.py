"""schema.org JSON-LD written inside a <script> element, for any app's pages."""

import json

from django.utils.safestring import mark_safe

# Characters that could end the <script> element or open an HTML comment are written as
# JSON escapes, which parse to the same text.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def script_json(data):
    """The JSON text, safe to place inside a <script> element."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES))  # noqa: S308
