"""Abbreviations explained once per page: the first CAHC, ESS, EPCI… of a public page's main
content is written `<abbr title="…">`, the later ones plainly (a screen reader or a tooltip
gives the expansion once, not at every line).

Editors write the abbreviations as they speak (rich text, titles, figure labels), so this is
done on the rendered page rather than in each template or block: the first occurrence in the
text of <main>, outside the elements where an <abbr> may not go or means nothing (scripts,
SVG drawings, form options, code) and outside tags' attributes.
"""

import re

from django.conf import settings
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

ABBREVIATIONS = (
    ("CAHC", _("Communauté d'agglomération Hénin-Carvin")),
    ("EPCI", _("établissement public de coopération intercommunale")),
    ("PTCE", _("pôle territorial de coopération économique")),
    ("SIRET", _("système d'identification du répertoire des établissements")),
    ("ESS", _("économie sociale et solidaire")),
    ("SSE", _("économie sociale et solidaire")),
    ("CA", _("communauté d'agglomération")),
)

# Elements whose text is left as it is.
SKIPPED = {"script", "style", "svg", "textarea", "select", "option", "title", "abbr", "code", "pre"}

# A tag opening or closing a SKIPPED element: its whole name, in any case (ASCII letters).
SKIPPED_NAMES = "|".join(sorted(SKIPPED))
SKIPPED_TAG = re.compile(rf"<(/?)(?:{SKIPPED_NAMES})(?![a-zA-Z0-9-])", re.I | re.A)
MAIN = re.compile(r"(<main\b[^>]*>)(.*)(</main>)", re.S)


# Not within a longer word: "l'ESS" and "(EPCI)" count, "CASSE" or "ESS-X" do not; the
# alternatives longest first, so that CAHC is read before CA.
WORDS = re.compile(r"(?<![\w-])(" + "|".join(a for a, _expansion in ABBREVIATIONS) + r")(?![\w-])")


def explain_first(html: str) -> str:
    """`html` (a fragment) with the first occurrence of each abbreviation in its text wrapped
    in <abbr>, skipping the SKIPPED elements; an abbreviation already explained by an <abbr>
    of the fragment is left alone."""
    # Only those the fragment holds at all, tags included: once they are explained, the rest
    # of the fragment is left unread (a listing has hundreds of tags after its introduction).
    pending = {a: e for a, e in ABBREVIATIONS if a in html and f">{a}</abbr>" not in html}

    def explain(match):
        expansion = pending.pop(match.group(1), None)
        if expansion is None:
            return match.group(0)
        return f'<abbr title="{escape(expansion)}">{match.group(1)}</abbr>'

    # A tag is a "<" up to the next ">", found with str.find: splitting the page with a regular
    # expression and matching each tag's name cost more than the page's other middleware.
    parts, copied, position, skipped_depth = [], 0, 0, 0
    while pending:
        start = html.find("<", position)
        end = html.find(">", start) + 1 if start >= 0 else 0
        if not end:  # no tag left: the rest is text
            start = len(html)
        if start > position and not skipped_depth:
            text = html[position:start]
            explained = WORDS.sub(explain, text)
            if explained != text:
                parts += [html[copied:position], explained]
                copied = start
        if not end:
            break
        match = SKIPPED_TAG.match(html, start)
        if match and html[end - 2] != "/":
            skipped_depth = max(skipped_depth + (-1 if match.group(1) else 1), 0)
        position = end
    parts.append(html[copied:])
    return "".join(parts)


class AbbreviationMiddleware:
    """Explains the abbreviations of a public HTML page once (explain_first on its <main>)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            # The admin, and the previews it renders through a dummy request: for editors.
            request.path.startswith(settings.ADMIN_PATH_PREFIX)
            or getattr(request, "is_dummy", False)
            or response.status_code != 200
            or response.streaming
            or not response.get("Content-Type", "").startswith("text/html")
        ):
            return response
        content = response.content.decode(response.charset or "utf-8")
        match = MAIN.search(content)
        if match is None:
            return response
        main = explain_first(match.group(2))
        content = content[: match.start(2)] + main + content[match.end(2) :]
        response.content = content.encode(response.charset or "utf-8")
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
        return response
