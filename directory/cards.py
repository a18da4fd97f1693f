"""Actor cards of the directory's listing, each rendered once per publication.

Every page of results shows twenty cards; loading twenty actors through the ORM and rendering
the card template twenty times (its link, its translated family label) cost about two thirds
of the directory's time without text (bench/wsgi_cpu.py). A card depends only on its actor,
its commune, the language and the site it links from: never on the search. Each one is kept
under the publication generation (core.cache.many_until_next_publication), which any
publication, unpublication, move, view restriction or commune change replaces, so a card
never outlives what it shows. Which actors a page lists is still asked of the search table
at every request: a cached card is shown only for an actor the search lists (live, public,
of the directory's language tree).
"""

from django.template import Context, engines
from django.utils.translation import get_language

from core.cache import many_until_next_publication

from .models import ActorPage

TEMPLATE = "includes/actor_card.html"


def actor_cards(request, ids, level=3):
    """The card of each actor of `ids` (HTML), in that order, as {% include TEMPLATE with
    actor=actor level=level %} renders it; an id whose actor no longer exists is left out."""
    # The host: links are relative to the site the request is for, absolute to another.
    prefix = f"directory:card:{get_language()}:{request.get_host()}:{level}:"
    names = {f"{prefix}{pk}": pk for pk in ids}

    def render(missing):
        template = engines["django"].engine.get_template(TEMPLATE)
        actors = ActorPage.card_queryset(
            ActorPage.objects.filter(pk__in=[names[name] for name in missing])
        )
        return {
            f"{prefix}{actor.pk}": template.render(
                Context({"actor": actor, "level": level, "request": request})
            )
            for actor in actors
        }

    cards = many_until_next_publication(request, names, render)
    return [cards[name] for name in names if name in cards]
