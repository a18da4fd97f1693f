"""URL patterns whose path is translated, and the French path redirecting in other languages.

Under the language prefix, `translated_path("recherche/", view, name="search")` answers
/fr/recherche/ and, through the catalogue, /en/search/; the French path reached under /en/
(an old link, a hand-edited address) redirects permanently to the English one, query string
kept, instead of a 404 or a second address for the same page.
"""

from django.http import HttpResponsePermanentRedirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy


def _to_translation(name):
    def redirect(request, **kwargs):
        target = reverse(name, kwargs=kwargs)
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)

    return redirect


def translated_path(french, view, name, namespace=""):
    """[the translated pattern, the French pattern redirecting to it]; in French the first
    matches and the second is never reached. `french` is marked for translation by the caller
    (gettext_noop) so that makemessages finds it."""
    full_name = f"{namespace}:{name}" if namespace else name
    return [
        path(gettext_lazy(french), view, name=name),
        path(french, _to_translation(full_name)),
    ]
