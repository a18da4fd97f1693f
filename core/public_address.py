"""The site's public address (settings.SITE_BASE_URL): the one source of every absolute URL the
site gives out — canonical and og:url, hreflang, JSON-LD, sitemap.xml, robots.txt, exports and
e-mails — instead of the request's Host header or Wagtail's Site record, which a proxy, a
health check or a forgotten `localhost` can make wrong. The default Site is kept in line with
it by `manage.py ensure_site`; a deployment check (core/checks.py) refuses a production
address that is missing, plain HTTP or a loopback host."""

from urllib.parse import urlsplit

from django.conf import settings

LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}  # noqa: S104 - names, not a bind
DEFAULT_PORTS = {"http": 80, "https": 443}


def base_url():
    """The public address without a trailing slash, or "" when none is set."""
    return (getattr(settings, "SITE_BASE_URL", "") or "").rstrip("/")


def absolute_url(path, fallback=""):
    """`path` (starting with "/") at the public address; at `fallback` (another root, such as
    Wagtail's Site root URL) when no address is set."""
    return f"{base_url() or fallback.rstrip('/')}{path}"


def host_and_port(address=None):
    """(hostname, port) of an address, the port defaulting to its scheme's, as Wagtail's Site
    stores them; None if the address is no http(s) URL with a host."""
    parts = urlsplit(address if address is not None else base_url())
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    try:
        port = parts.port
    except ValueError:
        return None
    return parts.hostname, port or DEFAULT_PORTS[parts.scheme]


def address_problem(address):
    """Why `address` cannot be a production address, or None if it can."""
    if not address:
        return "n'est pas défini"
    parts = urlsplit(address)
    if host_and_port(address) is None:
        return f"« {address} » n'est pas une adresse http(s) avec un nom d'hôte"
    if parts.scheme != "https":
        return f"« {address} » n'est pas en https"
    host = parts.hostname
    if host in LOOPBACK_HOSTS or host.endswith(".localhost") or host.startswith("127."):
        return f"« {address} » désigne la machine locale, pas le site public"
    if parts.path.strip("/") or parts.query or parts.fragment:
        return f"« {address} » contient un chemin : seule l'origine (https://hôte) est attendue"
    return None
