"""Who is signing in: the client address django-axes counts failed admin sign-ins against."""

from django.conf import settings


def client_ip(request):
    """The visitor's address, read from X-Forwarded-For only as far as trusted proxies wrote it.

    Each of the TRUSTED_PROXY_COUNT proxies appends the address it received the request from,
    so the client is that many entries from the right; anything further left was sent by the
    client itself and could be forged to dodge the lock-out.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if proxies and len(forwarded) >= proxies and forwarded[-proxies]:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR")
