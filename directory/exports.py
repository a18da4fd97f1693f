"""Open data: actors as CSV and JSON, with stable column names documented in docs/data.md."""

import csv

from django.http import HttpResponse

from core.spreadsheets import spreadsheet_text

# Stable public column names: add new ones at the end, never rename or reorder.
COLUMNS = [
    "nom",
    "famille",
    "secteurs",
    "adresse",
    "code_postal",
    "commune",
    "code_insee",
    "siret",
    "rna",
    "annee_creation",
    "tranche_effectif",
    "tranche_effectif_libelle",
    "site_web",
    "courriel",
    "telephone",
    "resume",
    "url",
]


def with_relations(actors):
    return actors.select_related("commune").prefetch_related("sectors").order_by("title")


def actor_row(actor, request):
    commune = actor.commune
    return {
        "nom": actor.title,
        "famille": actor.family,
        "secteurs": " | ".join(sorted(sector.name for sector in actor.sectors.all())),
        "adresse": actor.street_address,
        "code_postal": commune.postcode if commune else "",
        "commune": commune.name if commune else "",
        "code_insee": commune.insee_code if commune else "",
        "siret": actor.siret,
        "rna": actor.rna,
        "annee_creation": actor.founding_year,
        "tranche_effectif": actor.headcount_band,
        "tranche_effectif_libelle": actor.headcount_label,
        "site_web": actor.website,
        "courriel": actor.email,
        "telephone": actor.phone,
        "resume": actor.summary,
        "url": actor.get_full_url(request),
    }


def csv_response(actors, filename, request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    # A byte-order mark so that spreadsheet software reads the accents as UTF-8.
    response.write("\ufeff")
    writer = csv.DictWriter(response, fieldnames=COLUMNS)
    writer.writeheader()
    for actor in actors:
        row = actor_row(actor, request)
        row["annee_creation"] = row["annee_creation"] or ""
        writer.writerow({column: spreadsheet_text(value) for column, value in row.items()})
    return response


def json_payload(actors, request):
    rows = [actor_row(actor, request) for actor in actors]
    return {"colonnes": COLUMNS, "nombre": len(rows), "acteurs": rows}
