"""schema.org JSON-LD for actor profiles, built from the same fields the page shows."""

import json

from django.utils.safestring import mark_safe

from .choices import HEADCOUNT_BOUNDS, Family

# Characters that could end the <script> element or open an HTML comment are written as
# JSON escapes, which parse to the same text.
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def actor_json_ld(actor, request=None):
    data = {
        "@context": "https://schema.org",
        "@type": "NGO" if actor.family == Family.ASSOCIATION else "Organization",
        "name": actor.title,
        "mainEntityOfPage": actor.get_full_url(request),
    }
    if actor.summary:
        data["description"] = actor.summary
    if actor.website:
        data["url"] = actor.website
    if actor.siret:
        data["iso6523Code"] = f"0002:{actor.siret}"
    if actor.founding_year:
        data["foundingDate"] = str(actor.founding_year)
    if actor.email:
        data["email"] = actor.email
    if actor.phone:
        data["telephone"] = actor.phone
    if actor.commune_id or actor.street_address:
        address = {"@type": "PostalAddress", "addressCountry": "FR"}
        if actor.street_address:
            address["streetAddress"] = actor.street_address
        if actor.commune_id:
            address["addressLocality"] = actor.commune.name
            address["postalCode"] = actor.commune.postcode
        data["address"] = address
    low, high = HEADCOUNT_BOUNDS.get(actor.headcount_band, (None, None))
    if low is not None:
        employees = {"@type": "QuantitativeValue", "minValue": low}
        if high is not None:
            employees["maxValue"] = high
        data["numberOfEmployees"] = employees
    return data


def script_json(data):
    """The JSON text, safe to place inside a <script> element."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES))  # noqa: S308
