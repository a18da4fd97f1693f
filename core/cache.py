"""Whole-page cache for anonymous visitors, and its invalidation when anything published changes.

What is cached: the HTML of a public-site GET that answered 200, with every header the
middleware gave it, for a request carrying none of the site's own cookies (session, CSRF,
language, messages: visitors reading pages never get one; editors always have a session) and no
Authorization header, outside the admin and outside Wagtail's previews. The key is the scheme,
the host (as validated against ALLOWED_HOSTS) and the full path with its query string (so
`?q=jardin` and each filter are pages of their own), under a site-wide *generation* number. A
response that sets a cookie (a CSRF token, a session) or varies on anything but cookies is
never stored: it belongs to one visitor.

A hit is answered by the first middleware, before sessions, authentication, the language, the
security headers (stored with the page) and any template: the page comes from this process's
memory (PAGE_CACHE_MEMORY_BYTES), or from Redis, which it then keeps in memory under the same
generation. The generation itself is known without asking Redis: each process follows its
publications (ResilientRedisCache.follow, a Redis channel read by a thread), and reads it from
Redis only while that subscription is down.

Invalidation is site-wide: any publication, unpublication, move or deletion of a page, and any
save or deletion of what pages display (site settings, sectors, support-service categories,
communes, images, documents, view restrictions, sites) replaces the generation, which orphans
every stored page at once (they expire on their own). Tracking which page shows what would be
the alternative; it is wrong here. Pages show each other's content everywhere — the
navigation and the site map list every page, the home and the factsheet show actors, the
directory facets count sectors and communes — and the CAHC publishes a few changes a day, so
rebuilding the cache after each one costs a few seconds of uncached rendering in total, and a
finer scheme would only add ways to serve a stale page.

Redis down or unreachable: every read misses and every write is dropped
(`ResilientRedisCache`), so pages are rendered as if uncached, never an error; a counter is
missing (ValueError, as for any missing key), so what counts fails closed.

The generation is bumped twice: at once, and again when the transaction commits. A visitor's
request rendered between the two (while the editor's transaction is still open) would otherwise
store the old content under the new generation.

Several app servers must share the cache (Redis) for this to hold: with a per-process memory
cache, a publication seen by one worker would leave the others serving the old page. The
production settings enable the cache only with REDIS_URL.
"""

import copy
import functools
import hashlib
import logging
import os
import threading
import time
import uuid
from urllib.parse import unquote_plus

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    set_response_etag,
)
from django.utils.encoding import escape_uri_path
from django.utils.http import escape_leading_slashes
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from redis.retry import Retry

logger = logging.getLogger(__name__)


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, which never fails a request when Redis is down or unreachable: a
    read misses, a write is dropped, and after a failure this process leaves Redis alone for
    REDIS_DOWN_SECONDS instead of waiting on it at every call. Short timeouts and one immediate
    retry (a connection Redis closed on a restart) unless OPTIONS say otherwise."""

    REDIS_DOWN_SECONDS = 5

    def __init__(self, server, params):
        params = {**params}
        params["OPTIONS"] = {
            "socket_connect_timeout": 0.5,
            "socket_timeout": 0.5,
            "retry": Retry(NoBackoff(), 1),
            **params.get("OPTIONS", {}),
        }
        super().__init__(server, params)
        self._down_until = 0.0

    def publish(self, key, value):
        """Send `value` (a string) to every process that follows `key` (see follow())."""
        client = self._cache.get_client(write=True)
        client.publish(self.make_and_validate_key(key), value)

    def follow(self, key, on_value):
        """Call on_value, in a daemon thread of this process, with the key's value once
        subscribed to its channel, then with each value published there; with None while the
        subscription is lost (retried every second), and with None for a missing key. The
        thread ends when on_value returns False."""
        threading.Thread(
            target=self._follow, args=(key, on_value), daemon=True, name=f"follow {key}"
        ).start()

    def _follow(self, key, on_value):
        import redis

        channel = self.make_and_validate_key(key)
        while True:
            client = value = None
            try:
                # Its own connection, without the cache's read timeout: it waits for messages.
                # The pings find a dead connection within seconds.
                client = redis.Redis.from_url(
                    self._cache._servers[0], socket_connect_timeout=0.5, health_check_interval=5
                )
                pubsub = client.pubsub()
                pubsub.subscribe(channel)
                while pubsub.get_message(timeout=5) is None:
                    pass
                if on_value(value := self.get(key)) is False:
                    return
                while True:
                    message = pubsub.get_message(ignore_subscribe_messages=True, timeout=5)
                    if message and message["type"] == "message":
                        value = message["data"].decode()
                    elif value is None:
                        # Missing or unreadable when subscribed: read again while idle.
                        value = self.get(key)
                    else:
                        continue
                    if on_value(value) is False:
                        return
            except Exception:  # noqa: BLE001 - whatever broke, the followers read Redis
                if on_value(None) is False:
                    return
                time.sleep(1)
            finally:
                if client is not None:
                    client.close()


def _resilient(method, default):
    @functools.wraps(method)
    def call(self, *args, **kwargs):
        if self._down_until > time.monotonic():
            return default(*args, **kwargs)
        try:
            return method(self, *args, **kwargs)
        except (RedisConnectionError, RedisTimeoutError) as error:
            self._down_until = time.monotonic() + self.REDIS_DOWN_SECONDS
            logger.warning("Cache Redis injoignable : %s", error.__class__.__name__)
            return default(*args, **kwargs)

    return call


def _read_default(key, default=None, *args, **kwargs):
    return default


def _missing_counter(key, *args, **kwargs):
    # A counter Redis cannot reach is as good as missing, which Django's cache API reports
    # with ValueError: callers that count (the contribution form's rate limit) then know.
    raise ValueError(f"Cache injoignable : le compteur {key!r} est inconnu.")


for _name, _default in {
    "get": _read_default,
    "get_many": lambda *args, **kwargs: {},
    "has_key": lambda *args, **kwargs: False,
    "add": lambda *args, **kwargs: False,
    "incr": _missing_counter,
    "set": lambda *args, **kwargs: None,
    "set_many": lambda *args, **kwargs: [],
    "touch": lambda *args, **kwargs: False,
    "delete": lambda *args, **kwargs: False,
    "delete_many": lambda *args, **kwargs: None,
    "clear": lambda *args, **kwargs: None,
    "publish": lambda *args, **kwargs: None,
}.items():
    setattr(
        ResilientRedisCache,
        _name,
        _resilient(
            getattr(ResilientRedisCache, _name, None) or getattr(RedisCache, _name), _default
        ),
    )

GENERATION_KEY = "pagecache:generation"


# The generation as this process last heard it from Redis's publications (ResilientRedisCache
# follows them in a thread): a request then needs no round trip to Redis to know it. None while
# nothing follows them (another cache backend, Redis unreachable): each request reads Redis.
_followed = {"started": False, "generation": None, "token": None}
os.register_at_fork(after_in_child=lambda: _followed.update(started=False, generation=None))


def _followed_generation():
    if not _followed["started"]:
        _followed.update(started=True, generation=None, token=(token := object()))
        backend = caches["default"]

        def heard(generation):
            if _followed["token"] is not token:
                return False  # replaced (tests change the cache): the thread ends
            _followed["generation"] = generation
            return True

        # Whatever is kept until the next publication (pages, or only the menu, routes and
        # fragments) needs the generation on every request.
        caching = settings.PAGE_CACHE_SECONDS or settings.CHROME_CACHE_SECONDS
        if caching and hasattr(backend, "follow"):
            backend.follow(GENERATION_KEY, heard)
    return _followed["generation"]


def _publish(generation):
    if hasattr(backend := caches["default"], "publish"):
        backend.publish(GENERATION_KEY, generation)


def current_generation(request):
    """The generation, found once per request: the page, the menu and the footer are cached
    under it. Known without asking Redis while this process follows its publications; read
    from Redis otherwise. A publication during the request orphans what it stores, as for any
    page rendered before the publication."""
    if not hasattr(request, "_ess_generation"):
        generation = _followed_generation() or cache.get(GENERATION_KEY)
        if generation is None:
            generation = uuid.uuid4().hex
            # add(): two workers starting at once agree on one generation.
            if cache.add(GENERATION_KEY, generation, timeout=None):
                _publish(generation)
            else:
                generation = cache.get(GENERATION_KEY, generation)
        request._ess_generation = generation
    return request._ess_generation


def _bump():
    generation = uuid.uuid4().hex
    cache.set(GENERATION_KEY, generation, timeout=None)
    # This process knows at once; the others when the publication reaches them (milliseconds).
    if _followed["generation"] is not None:
        _followed["generation"] = generation
    _publish(generation)


def _bump_and_purge():
    _bump()
    from .frontend_cache import purge_sites

    purge_sites()


def invalidate_site(**kwargs):
    """Forget every cached page, here and in the caching proxy in front once the change is
    committed (a receiver for any signal: its arguments are ignored)."""
    _bump()
    transaction.on_commit(_bump_and_purge)


# What until_next_publication stored, also in this process's memory, under the same keys: the
# site, the menu, the directory's choices and counts are read by most requests, and a round trip
# to Redis plus unpickling costs more than what they save. The generation in the key retires
# them at the next publication as it does in Redis; entries of older generations are dropped as
# soon as a request sees a new one.
_local = {"generation": None, "entries": {}}
LOCAL_MAX_ENTRIES = 1000


def _local_entries(generation):
    if _local["generation"] != generation or len(_local["entries"]) >= LOCAL_MAX_ENTRIES:
        _local.update(generation=generation, entries={})
    return _local["entries"]


def until_next_publication(request, name, compute, timeout=None):
    """compute()'s value, kept in the cache under the current generation (so until the next
    publication) for `timeout` seconds, CHROME_CACHE_SECONDS by default; computed each time
    when that is 0. For what many requests repeat, such as the menu: uncached pages then need
    not rebuild it. The value is shared by the requests of this process: never modify it.
    None is never kept: it is what a made-up URL or host finds, which must not fill the cache."""
    if timeout is None:
        timeout = settings.CHROME_CACHE_SECONDS
    if not timeout:
        return compute()
    generation = current_generation(request)
    entries = _local_entries(generation)
    key = f"published:{generation}:{name}"
    now = time.monotonic()
    if (entry := entries.get(key)) is not None and entry[0] > now:
        return entry[1]
    value = cache.get(key)
    if value is None:
        value = compute()
        if value is None:
            return None
        cache.set(key, value, timeout)
    # For `timeout` at most here too: without a shared cache, it bounds how long a
    # publication made through another process goes unseen.
    entries[key] = (now + timeout, value)
    return value


# What many_until_next_publication stored, in this process's memory too: a store of its own,
# bounded (the oldest dropped first), since its values are many (a card per actor): a visitor
# paging through the directory would otherwise empty the menu and the site out of _local.
_shared = {"generation": None, "entries": {}}
SHARED_MAX_ENTRIES = 5000


def many_until_next_publication(request, names, compute, timeout=None):
    """{name: value} for each of `names`, each kept as until_next_publication keeps one value
    (under the current generation, CHROME_CACHE_SECONDS by default, recomputed each time when
    0): from this process's memory, else from the cache in one round trip, else from
    compute(missing names) → {name: value}, called once for all those missing. A name that
    compute leaves out is left out of the answer, and not kept. Never modify the values."""
    if timeout is None:
        timeout = settings.CHROME_CACHE_SECONDS
    if not timeout:
        return compute(list(names))
    generation = current_generation(request)
    if _shared["generation"] != generation:
        _shared.update(generation=generation, entries={})
    entries = _shared["entries"]
    now = time.monotonic()
    found, missing = {}, []
    for name in names:
        if (entry := entries.get(name)) is not None and entry[0] > now:
            found[name] = entry[1]
        else:
            missing.append(name)
    if missing:
        keys = {f"published:{generation}:{name}": name for name in missing}
        stored = {keys[key]: value for key, value in cache.get_many(list(keys)).items()}
        computed = {}
        if len(stored) < len(missing):
            computed = compute([name for name in missing if name not in stored])
        if computed:
            cache.set_many(
                {f"published:{generation}:{name}": value for name, value in computed.items()},
                timeout,
            )
        for name, value in {**stored, **computed}.items():
            found[name] = value
            entries.pop(name, None)
            while len(entries) >= SHARED_MAX_ENTRIES:
                del entries[next(iter(entries))]
            # As in until_next_publication: `timeout` bounds how long a publication made
            # through another process goes unseen without a shared cache.
            entries[name] = (now + timeout, value)
    return {name: found[name] for name in names if name in found}


class FragmentCache(BaseCache):
    """The cache of template fragments ({% wagtailcache %}, {% wagtailpagecache %}: the footer,
    the pages' content), as CACHES["template_fragments"]: the default cache, with this
    process's memory in front, as until_next_publication keeps its values. The fragments are
    keyed on the generation by their templates (chrome_cache.generation), so a copy in memory
    is never older than the next publication; without it, every page read one or two
    fragments from Redis (a round trip and the unpickling of kilobytes of HTML each)."""

    def __init__(self, location, params):
        super().__init__(params)

    def _entries(self):
        return _local_entries(_local["generation"])

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        now = time.monotonic()
        if (entry := self._entries().get(key)) is not None and entry[0] > now:
            return entry[1]
        value = cache.get(key)
        if value is None:
            return default
        self._entries()[key] = (now + settings.CHROME_CACHE_SECONDS, value)
        return value

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        if timeout is DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        cache.set(key, value, timeout)
        if timeout != 0:
            kept = settings.CHROME_CACHE_SECONDS if timeout is None else timeout
            self._entries()[key] = (time.monotonic() + kept, value)


# The site's own cookies: a request carrying one may see a page made for it (an editor's session,
# a form's CSRF token, a message after a form, a chosen language), so it neither reads nor
# fills the cache. Other cookies (set by other sites of the domain) change nothing here.
def _site_cookies():
    return {
        settings.SESSION_COOKIE_NAME,
        settings.CSRF_COOKIE_NAME,
        settings.LANGUAGE_COOKIE_NAME,
        "messages",
    }


def _may_use_cache(request):
    path = request.path_info
    return (
        request.method in ("GET", "HEAD")
        and not _site_cookies() & request.COOKIES.keys()
        and "HTTP_AUTHORIZATION" not in request.META
        and not path.startswith(settings.ADMIN_PATH_PREFIX)
        and not path.startswith(settings.STATIC_URL)
        and not path.startswith(settings.MEDIA_URL)
        and not getattr(request, "is_dummy", False)
    )


def _cache_key(request, generation):
    """None for a host not in ALLOWED_HOSTS: the request goes on, and Django refuses it."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    # Wagtail's site routing uses the host, links may use the scheme: neither page is another's.
    url = f"{request.scheme}://{host}{request.get_full_path()}"
    return f"pagecache:{generation}:{hashlib.sha256(url.encode()).hexdigest()}"


def _may_store(request, response):
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and not getattr(request, "is_preview", False)
        and "Cache-Control" not in response
        # Cookie: only requests without the site's cookies get here.
        and vary <= {"cookie"}
    )


# The pages this process served last, under the generation they were stored with: a hit then
# costs one read of the generation from Redis, not the page's bytes and their unpickling.
_pages = {"generation": None, "entries": {}, "bytes": 0}


def _memory_entries(generation):
    if _pages["generation"] != generation:
        _pages.update(generation=generation, entries={}, bytes=0)
    return _pages["entries"]


def _remember(generation, key, stored, timeout):
    entries = _memory_entries(generation)
    size = len(stored[0])
    limit = settings.PAGE_CACHE_MEMORY_BYTES
    if size > limit:
        return
    # The oldest first (dicts keep their order) until the page fits.
    while entries and _pages["bytes"] + size > limit:
        _expires, (old_content, _headers) = entries.pop(next(iter(entries)))
        _pages["bytes"] -= len(old_content)
    entries[key] = (time.monotonic() + timeout, stored)
    _pages["bytes"] += size


def _read_page(generation, key, timeout):
    entries = _memory_entries(generation)
    if (entry := entries.get(key)) is not None:
        if entry[0] > time.monotonic():
            return entry[1]
        del entries[key]
        _pages["bytes"] -= len(entry[1][0])
    stored = cache.get(key)
    if stored is not None:
        _remember(generation, key, stored, timeout)
    return stored


def _from_stored(request, stored):
    content, headers = stored
    response = HttpResponse(content)
    for name, value in headers:
        response.headers[name] = value
    response.headers["X-Page-Cache"] = "hit"
    # The ETag is stored with the page: a browser that has it gets a 304 without it.
    return get_conditional_response(request, etag=response.headers.get("ETag"), response=response)


def _private(response):
    if "Cache-Control" not in response and response.get("Content-Type", "").startswith("text/html"):
        patch_cache_control(response, private=True, no_cache=True)
    return response


class PageCacheMiddleware:
    """Serve anonymous visitors' pages from the cache and set the matching Cache-Control. First
    in MIDDLEWARE: a hit returns the stored page with the headers every other middleware gave
    it when it was rendered, before any of them runs.

    Cacheable pages say `public` with a short `max-age` for browsers and `s-maxage` for a CDN in
    front (see PAGE_CACHE_BROWSER_SECONDS and PAGE_CACHE_CDN_SECONDS); every other HTML page
    without its own Cache-Control says `private, no-cache`, so that no shared cache ever keeps an
    editor's view. PAGE_CACHE_SECONDS = 0 turns the server-side cache off and keeps the headers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_use_cache(request):
            return _private(self.get_response(request))
        timeout = settings.PAGE_CACHE_SECONDS
        key = None
        if timeout:
            generation = current_generation(request)
            key = _cache_key(request, generation)
        if key and (stored := _read_page(generation, key, timeout)) is not None:
            return _from_stored(request, stored)

        response = self.get_response(request)
        if not _may_store(request, response):
            return _private(response)
        patch_cache_control(
            response,
            public=True,
            max_age=settings.PAGE_CACHE_BROWSER_SECONDS,
            s_maxage=settings.PAGE_CACHE_CDN_SECONDS,
        )
        if key:
            if not response.has_header("ETag"):
                set_response_etag(response)
            stored = (response.content, list(response.items()))
            cache.set(key, stored, timeout)
            _remember(generation, key, stored, timeout)
            response["X-Page-Cache"] = "miss"
        return response


# Parameters that social networks, newsletters and ad networks add to links. No page reads
# them, and each click would otherwise be a page of its own for the cache: a link shared on a
# social network (a new `fbclid` per click) would be rendered for every reader.
TRACKING_PARAMETERS = {
    "fbclid",
    "gclid",
    "gbraid",
    "wbraid",
    "dclid",
    "srsltid",
    "_gl",
    "msclkid",
    "twclid",
    "ttclid",
    "igshid",
    "yclid",
    "mc_cid",
    "mc_eid",
    "_hsenc",
    "_hsmi",
    "mkt_tok",
}


def _is_tracking(pair):
    name = unquote_plus(pair.partition("=")[0])
    return name.startswith("utm_") or name in TRACKING_PARAMETERS


def _without_tracking(request):
    """The request's URL without its tracking parameters, or None when it has none. The other
    parameters are kept as they were written, in their order."""
    pairs = request.META.get("QUERY_STRING", "").split("&")
    if not any(_is_tracking(pair) for pair in pairs if pair):
        return None
    kept = "&".join(pair for pair in pairs if pair and not _is_tracking(pair))
    # A path starting with two slashes would send the browser to another host.
    path = escape_leading_slashes(escape_uri_path(request.path))
    return path + (f"?{kept}" if kept else "")


class TrackingParametersMiddleware:
    """A visitor's link with tracking parameters (`utm_*`, `fbclid`…) is redirected to the same
    URL without them, which the page cache holds. Public GETs and HEADs only."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _may_use_cache(request) and (clean_url := _without_tracking(request)):
            return HttpResponsePermanentRedirect(clean_url)
        return self.get_response(request)


def find_site(request):
    """Give the request its Wagtail site, and the sites' root paths that page links are built
    from, as found once per publication and host rather than once per request.

    Wagtail looks the site up with a query on every request (Site.find_for_request, kept on the
    request) and reads the root paths from the cache (a round trip to Redis). Sites are among
    what bumps the generation when saved, and so is every page publication, so what is kept
    here cannot outlive a change to them. For the public views that need them: called from
    other middleware, it would cost every request, the admin's included, a read of the
    generation. The host is the one Django validated against ALLOWED_HOSTS.
    """
    from wagtail.models import Site

    site = until_next_publication(
        request,
        f"site:{request.get_host()}:{request.get_port()}",
        lambda: Site._find_for_request(request),
    )
    if site is not None:
        # A copy: Wagtail keeps per-request values on the site object.
        request._wagtail_site = copy.copy(site)
    request._wagtail_cached_site_root_paths = until_next_publication(
        request, "site-root-paths", Site.get_site_root_paths
    )
