"""schema.org JSON-LD for actor profiles, built from the same fields the page shows."""

from core.structured_data import script_json

from .choices import HEADCOUNT_BOUNDS, Family

__all__ = ["actor_json_ld", "script_json"]


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
