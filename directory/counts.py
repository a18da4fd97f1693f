"""The directory's answers to core.counts: live counts of listed actors, and links to them.

Every count comes from the directory search itself (DirectorySearch without text), whose
counts are cached until the next publication: asking for a whole map of 14 communes costs no
query once the cache is warm, and the numbers shown are those the directory then lists.
"""

from django.conf import settings
from django.http import QueryDict
from django.utils.translation import ngettext_lazy

from core.counts import ActorFilters
from core.formatting import format_number

from .choices import HEADCOUNT_CHOICES, Family
from .models import DirectoryIndexPage, Sector
from .search import DirectorySearch, cached, form_choices


def directory_for(request, language):
    """The live, public directory of the language tree, or None; looked up once per publication
    (cached as the search's counts are, so also where the chrome's cache is off)."""
    found = cached(
        request,
        f"index:{language}",
        lambda: list(
            DirectoryIndexPage.objects.live()
            .public()
            .filter(locale__language_code=language)
            .order_by("path")[:1]
        ),
    )
    return found[0] if found else None


def search_params(request, directory, filters: ActorFilters):
    """The directory's URL parameters for `filters`, or None when a value is unknown there
    (a sector deleted or not in that language, a family code that no longer exists)."""
    params = QueryDict(mutable=True)
    if filters.family:
        params["family"] = filters.family
    if filters.sector:
        _communes, sectors, _language = form_choices(request, directory.locale_id)
        sector = next((s for s in sectors if str(s.translation_key) == filters.sector), None)
        if sector is None:
            return None
        params["sector"] = str(sector.pk)
    if filters.commune:
        params["commune"] = filters.commune
    if filters.band:
        params["band"] = filters.band
    return params


# The words of a link to listed actors of one family, as French agrees the participle with the
# noun; any other value (no family chosen) reads "actors". "n" chooses the plural form, "count"
# is the number as written in the reader's language.
LINK_TEXTS = {
    Family.ASSOCIATION: ngettext_lazy(
        "Voir %(count)s association listée dans l’annuaire",
        "Voir les %(count)s associations listées dans l’annuaire",
        "n",
    ),
    Family.COOPERATIVE: ngettext_lazy(
        "Voir %(count)s coopérative listée dans l’annuaire",
        "Voir les %(count)s coopératives listées dans l’annuaire",
        "n",
    ),
    Family.MUTUELLE: ngettext_lazy(
        "Voir %(count)s mutuelle listée dans l’annuaire",
        "Voir les %(count)s mutuelles listées dans l’annuaire",
        "n",
    ),
    Family.FONDATION: ngettext_lazy(
        "Voir %(count)s fondation listée dans l’annuaire",
        "Voir les %(count)s fondations listées dans l’annuaire",
        "n",
    ),
    Family.SOCIETE_COMMERCIALE: ngettext_lazy(
        "Voir %(count)s société commerciale de l’ESS listée dans l’annuaire",
        "Voir les %(count)s sociétés commerciales de l’ESS listées dans l’annuaire",
        "n",
    ),
}
ANY_FAMILY_LINK_TEXT = ngettext_lazy(
    "Voir %(count)s acteur listé dans l’annuaire",
    "Voir les %(count)s acteurs listés dans l’annuaire",
    "n",
)


def link_text(count, family):
    """The words of a link to `count` listed actors of `family` (any family when empty)."""
    return LINK_TEXTS.get(family, ANY_FAMILY_LINK_TEXT) % {
        "n": count,  # chooses the plural form
        "count": format_number(count),
    }


class DirectoryCounts:
    """The provider registered in core.counts by DirectoryConfig.ready()."""

    def choices(self, name):
        if name == "family":
            return list(Family.choices)
        if name == "band":
            return list(HEADCOUNT_CHOICES)
        if name == "sector":
            # The editors' language; the value is the same for every translation of a sector.
            sectors = Sector.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
            sectors = sectors.order_by("name")
            return [(str(sector.translation_key), sector.name) for sector in sectors]
        return []

    def _search(self, request, language, filters):
        if request is None or (directory := directory_for(request, language)) is None:
            return None
        params = search_params(request, directory, filters)
        if params is None:
            return None
        search = DirectorySearch(directory, request, params)
        if search.form.errors:  # an unknown family, band or commune: no count rather than all
            return None
        return search

    def count(self, request, language, filters):
        search = self._search(request, language, filters)
        return None if search is None else search.total()

    def per_commune(self, request, language, filters):
        search = self._search(request, language, ActorFilters(**{**filters.given(), "commune": ""}))
        if search is None:
            return None
        counts = search.facets()["commune"]
        return {code: counts.get(code, 0) for code in search.commune_ids}

    def url(self, request, language, filters):
        if request is None or (directory := directory_for(request, language)) is None:
            return None
        params = search_params(request, directory, filters)
        if params is None:
            return None
        base = directory.get_url(request)
        return f"{base}?{params.urlencode()}" if params else base

    def link_text(self, count, filters):
        return link_text(count, filters.family)
