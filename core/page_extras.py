"""What other apps add to a page type's context, without the page's app importing them.

A domain app cannot import a sibling (the floors, README "Architecture"), yet an actor's
profile shows the agenda's upcoming events it organises. The agenda registers a provider for
"directory.ActorPage" when it starts; BasePage.get_context merges what the providers of the
page's type return. No provider, no cost.
"""

_providers = {}


def register(model_label, provider):
    """`provider(request, page)` returns a dict merged into the page's context."""
    _providers.setdefault(model_label, []).append(provider)


def context_for(request, page):
    extra = {}
    for provider in _providers.get(page._meta.label, ()):
        extra.update(provider(request, page) or {})
    return extra
