"""Template context for the fragments base.html caches with {% wagtailcache %}."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from .cache import current_generation


def chrome_cache(request):
    """How long fragments of the chrome stay cached (0: not at all), and the generation that
    keys them, so that the next publication replaces them (core.cache). Lazy: a cache read
    only for templates that use it."""
    return {
        "chrome_cache": {
            "seconds": settings.CHROME_CACHE_SECONDS,
            "generation": SimpleLazyObject(lambda: current_generation(request)),
        }
    }
