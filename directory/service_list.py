"""The support services list's entries, read once per publication.

Loading the services as pages (their tables joined, the visibility subqueries) and building
each one's link cost about a quarter of the list's time (bench/wsgi_cpu.py), for a handful of
services that change only when published. What the list shows and filters on is kept under the
publication generation (core.cache.until_next_publication), which any publication,
unpublication, move, deletion, view restriction or category change replaces; each request's
filters then pick among the entries in Python, in the order the database sorted them. Only
live, public services are read: a draft, or a preview's unsaved values, never reach the list.
"""

from dataclasses import dataclass

from django.utils.translation import get_language

from core import navigation
from core.cache import until_next_publication

from .models import STAGES, SupportServicePage


@dataclass(frozen=True)
class ServiceEntry:
    """What the list shows of a service (templates/directory/support_service_index_page.html),
    and what its filters read."""

    pk: int
    title: str
    url: str
    provider: str
    category_id: int
    category_name: str
    stages: frozenset  # the STAGES values (idea, creation…) the service serves


def public_services(request, index):
    """The live, public services listed by `index`, by title, as entries."""

    def read():
        pages = (
            navigation.public_children(SupportServicePage.objects.child_of(index).live(), index)
            .select_related("category")
            .order_by("title", "pk")
        )
        return [
            ServiceEntry(
                pk=page.pk,
                title=page.title,
                url=page.get_url(request),
                provider=page.provider,
                category_id=page.category_id,
                category_name=page.category.name,
                stages=frozenset(
                    stage for stage, _label in STAGES if getattr(page, f"stage_{stage}")
                ),
            )
            for page in pages
        ]

    # Links are relative to the site the request is for, absolute to another, and Wagtail
    # writes them in the active language's variant: the host and the language are in the key.
    key = f"services:list:{index.pk}:{get_language()}:{request.get_host()}"
    return until_next_publication(request, key, read)
