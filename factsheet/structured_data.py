"""schema.org `Dataset` JSON-LD for an indicator's page and for the factsheet's catalogue.

Built from the same objects the pages show; written through core.structured_data.script_json,
so no text of an editor can close the <script> element.
"""

from .indicators import plain_definition

# The open licence of French public data (Licence Ouverte / Open Licence 2.0, Etalab).
LICENSE_URL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"


def _organisation(name):
    return {"@type": "Organization", "name": name}


def temporal_coverage(years) -> str | None:
    """ "2023", or "2021/2023" for several years (ISO 8601 interval); None when undated."""
    years = sorted({year for year in years if year})
    if not years:
        return None
    return str(years[0]) if len(years) == 1 else f"{years[0]}/{years[-1]}"


def _place(name, code=""):
    place = {"@type": "Place", "name": name}
    if code:
        place["identifier"] = code
    return place


def _downloads(downloads):
    return [
        {"@type": "DataDownload", "contentUrl": url, "encodingFormat": media_type}
        for url, media_type in downloads
    ]


def _variable(indicator):
    variable = {"@type": "PropertyValue", "name": indicator.name, "propertyID": indicator.code}
    if indicator.unit:
        variable["unitText"] = indicator.unit
    definition = plain_definition(indicator)
    if definition:
        variable["description"] = definition
    return variable


def indicator_dataset(indicator, points, *, url, publisher, language, downloads) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": indicator.name,
        "description": plain_definition(indicator) or indicator.name,
        "url": url,
        "identifier": indicator.code,
        "inLanguage": language,
        "isAccessibleForFree": True,
        "license": LICENSE_URL,
        "creator": _organisation(indicator.producer or publisher),
        "publisher": _organisation(publisher),
        "spatialCoverage": _place(indicator.territory, indicator.territory_code),
        "variableMeasured": _variable(indicator),
        "distribution": _downloads(downloads),
    }
    coverage = temporal_coverage(point.year for point in points)
    if coverage:
        data["temporalCoverage"] = coverage
    return data


def catalogue_dataset(page, indicators, years, *, url, publisher, language, downloads) -> dict:
    data = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": page.title,
        "description": page.search_description
        or f"{page.title} : {', '.join(indicator.name for indicator in indicators)}.",
        "url": url,
        "inLanguage": language,
        "isAccessibleForFree": True,
        "license": LICENSE_URL,
        "creator": _organisation(publisher),
        "publisher": _organisation(publisher),
        "spatialCoverage": _place(page.territory),
        "variableMeasured": [_variable(indicator) for indicator in indicators],
        "distribution": _downloads(downloads),
    }
    coverage = temporal_coverage(years)
    if coverage:
        data["temporalCoverage"] = coverage
    return data
