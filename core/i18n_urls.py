"""URL patterns whose path is translated, and the French path redirecting in other languages.

Under the language prefix, `translated_path("recherche/", view, name="search")` answers
/fr/recherche/ and, through the catalogue, /en/search/; the French path reached under /en/
(an old link, a hand-edited address) redirects permanently to the English one, query string
kept, instead of a 404 or a second address for the same page. `translated_route` does the same
for a routable page's own sub-URLs (/en/key-figures/data/csv/, not …/donnees/csv/).
"""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.urls import path, re_path, reverse
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy, override
from wagtail.contrib.routable_page.models import re_path as routable_re_path


def _permanent_redirect(request, target):
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)


def _to_translation(name):
    def redirect(request, **kwargs):
        return _permanent_redirect(request, reverse(name, kwargs=kwargs))

    return redirect


def localized(pattern, segment):
    """`pattern` (a path or a regex) with its French `segment` in the active language's words:
    a lazy string, which Django's resolvers compile once per language."""
    return lazy(lambda: pattern.replace(segment, gettext(segment), 1), str)()


def translated_path(french, view, name, namespace="", segment=None, route=path):
    """[the translated pattern, the French pattern redirecting to it]; in French the first
    matches and the second is never reached. `segment` (the whole of `french` unless given, as
    for a regex) is the part translated, marked by the caller (gettext_noop) so that
    makemessages finds it."""
    full_name = f"{namespace}:{name}" if namespace else name
    if segment is None:
        translated = gettext_lazy(french)
    else:
        translated = localized(french, segment)
    return [
        route(translated, view, name=name),
        route(french, _to_translation(full_name)),
    ]


def _to_translated_subpage(name):
    def redirect(page, request, *args, **kwargs):
        # An optional group the French path did not have (the factsheet's year) is None here.
        kwargs = {key: value for key, value in kwargs.items() if value is not None}
        with override(settings.LANGUAGE_CODE):
            french = page.reverse_subpage(name, kwargs=kwargs)
        page_url = request.path.removesuffix(french)
        return _permanent_redirect(request, page_url + page.reverse_subpage(name, kwargs=kwargs))

    return redirect


def translated_route(french, name, segment):
    """Decorator of a routable page's view: its route at the regex `french` with `segment`
    (marked gettext_noop by the caller) translated, and the French regex, reached in another
    language, redirecting permanently to the translated address."""

    def french_redirect(pattern, _view, name):
        # Wagtail's decorator builds a route to the view it decorates; this one sends the
        # French address to the view's translated address instead.
        return re_path(pattern, _to_translated_subpage(translated_name), name=name)

    translated_name = name

    def decorator(view):
        view = routable_re_path(localized(french, segment), name=name)(view)
        return routable_re_path(french, name=f"{name}_in_french", func=french_redirect)(view)

    return decorator
