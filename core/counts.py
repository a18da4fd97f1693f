"""How many actors the directory lists, asked without importing the directory.

The ground floor cannot import a domain app, yet blocks of any page (a map of the communes,
a figure's "see the 12 associations listed in the directory" in core/drill.py) need the
directory's live counts and links. The directory registers one `CountsProvider` when it starts
(`DirectoryConfig.ready()`); blocks call the functions below, which answer None when no
provider is registered or it cannot answer (no directory in that language, a taxonomy value
that no longer exists): the caller then drops the count or the link, never fails.

Filters are language-neutral, so that a block copied to a translation keeps working:
`family` and `band` are the directory's codes, `commune` an INSEE code, `sector` the sector's
translation key (the same for its French and English versions).
"""

from dataclasses import asdict, dataclass
from typing import Protocol


@dataclass(frozen=True)
class ActorFilters:
    family: str = ""
    sector: str = ""
    commune: str = ""
    band: str = ""

    def given(self):
        """{name: value} of the filters that are set."""
        return {name: value for name, value in asdict(self).items() if value}


class CountsProvider(Protocol):
    def choices(self, name: str) -> list[tuple[str, str]]:
        """The (value, label) choices of the filter `name` (family, sector, band), for editors."""

    def count(self, request, language: str, filters: ActorFilters) -> int | None:
        """The number of published actors listed in `language` that match `filters`."""

    def per_commune(self, request, language: str, filters: ActorFilters) -> dict[str, int] | None:
        """{INSEE code: number of matching actors} for every commune, zeros included; the
        commune filter, if any, is ignored."""

    def url(self, request, language: str, filters: ActorFilters) -> str | None:
        """The directory of `language` showing the actors that match `filters`."""

    def link_text(self, count: int, filters: ActorFilters) -> str:
        """A link's words for `count` listed actors matching `filters`, in the active
        language: "Voir les 12 associations listées dans l'annuaire"."""


_provider: CountsProvider | None = None


def register(provider: CountsProvider) -> None:
    global _provider  # noqa: PLW0603 - one registry per process, set once at start-up
    _provider = provider


def choices(name: str) -> list[tuple[str, str]]:
    return _provider.choices(name) if _provider else []


def family_choices():
    """For ChoiceBlock(choices=…): read when the form is built, so the list stays current."""
    return choices("family")


def sector_choices():
    return choices("sector")


def band_choices():
    return choices("band")


def count(request, language, filters: ActorFilters) -> int | None:
    return _provider.count(request, language, filters) if _provider else None


def per_commune(request, language, filters: ActorFilters) -> dict[str, int] | None:
    return _provider.per_commune(request, language, filters) if _provider else None


def url(request, language, filters: ActorFilters) -> str | None:
    return _provider.url(request, language, filters) if _provider else None


def link_text(count, filters: ActorFilters) -> str:
    return _provider.link_text(count, filters) if _provider else ""
