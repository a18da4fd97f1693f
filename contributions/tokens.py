"""The form's signed start time: a submission sooner than a person can type, older than a
visit, tampered with or already used is refused."""

import time
import uuid

from django.conf import settings
from django.core import signing
from django.core.cache import cache

SALT = "contributions.form-start"


def issue():
    """A token saying when the form was shown, and naming this display (for one use only)."""
    return signing.dumps({"t": time.time(), "n": uuid.uuid4().hex}, salt=SALT, compress=True)


def check(token):
    """The error code for a token that may not be used now, or None if it may.

    Codes: "invalid" (absent, forged or tampered), "too_fast", "expired", "used"."""
    try:
        payload = signing.loads(token or "", salt=SALT)
        started, nonce = float(payload["t"]), str(payload["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return "invalid"
    elapsed = time.time() - started
    if elapsed < settings.CONTRIBUTION_MIN_FILL_SECONDS:
        return "too_fast"
    if elapsed > settings.CONTRIBUTION_MAX_FILL_SECONDS:
        return "expired"
    if cache.get(_used_key(nonce)):
        return "used"
    return None


def mark_used(token):
    """Remember that the token's submission was stored (a second press of the button, or the
    browser's resubmission, then changes nothing)."""
    nonce = signing.loads(token, salt=SALT)["n"]
    cache.set(_used_key(nonce), True, timeout=settings.CONTRIBUTION_MAX_FILL_SECONDS)


def _used_key(nonce):
    return f"contributions:used-token:{nonce}"
