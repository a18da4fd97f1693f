"""The caching proxy in front (deploy/varnish/ess.vcl): Wagtail's HTTP PURGE backend, with a
timeout, and a purge of every page of the site at once.

Wagtail purges a published page's own URLs. But every page shows every other's titles (the
menu, the plan du site, the listings and cards), the factsheet and the directory show actors,
the sitemap and the exports list pages: a publication changes pages Wagtail does not name. So
whatever empties the app's page cache (core.cache.invalidate_site: publications, moves,
deletions, snippets, settings, images…) also asks each proxy that can to drop every page of the
site (`X-Purge-Scope: site`, a ban in Varnish), once the change is committed. A proxy that is
down is logged, never an error for the editor.
"""

import logging
from urllib.error import URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import urlopen

from wagtail import __version__
from wagtail.contrib.frontend_cache.backends.http import HTTPBackend, PurgeRequest

logger = logging.getLogger(__name__)


class VarnishBackend(HTTPBackend):
    TIMEOUT_SECONDS = 2

    def purge(self, url):
        self._send(url, {})

    def purge_site(self, root_url):
        """Every cached page of the site at root_url."""
        self._send(root_url.rstrip("/") + "/", {"X-Purge-Scope": "site"})

    def _send(self, url, headers):
        parts = urlsplit(url)
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        request = PurgeRequest(
            url=urlunsplit([self.cache_scheme, self.cache_netloc, parts.path, parts.query, ""]),
            headers={"Host": host, "User-Agent": f"Wagtail-frontendcache/{__version__}", **headers},
        )
        try:
            urlopen(request, timeout=self.TIMEOUT_SECONDS)  # noqa: S310 - the configured proxy
        except (URLError, OSError) as error:
            logger.error("Purge du cache HTTP impossible (%s) : %s", url, error)


def purge_sites():
    """Ask every configured proxy that can to drop every page of every site."""
    from django.conf import settings

    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import get_backends
    from wagtail.models import Site

    backends = [b for b in get_backends().values() if hasattr(b, "purge_site")]
    if backends:
        for site in Site.objects.all():
            for backend in backends:
                backend.purge_site(site.root_url)
