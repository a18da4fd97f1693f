"""The form's signed start time: a submission sooner than a person can type, older than a
visit, tampered with or already used is refused.

"Already used" is read from the stored contributions (each keeps its token's nonce, unique),
not from the cache: a replay must be refused even while Redis is down."""

import time
import uuid

from django.conf import settings
from django.core import signing

from .models import Contribution

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
    if Contribution.objects.filter(form_nonce=nonce).exists():
        return "used"
    return None


def nonce(token):
    """The name of the form display a checked token comes from, stored with its proposal."""
    return str(signing.loads(token, salt=SALT)["n"])
