"""The data of a commune map block as CSV or JSON, for the map on any page type."""

from django.http import Http404, HttpResponse, JsonResponse
from wagtail.fields import StreamField
from wagtail.models import Page

from .blocks import url_block_id
from .map_blocks import CommuneMapBlock, csv_text


def _map_block(page, block_id):
    """The commune map with this id (as its link gives it: core.blocks.url_block_id) among the
    top-level blocks of the page's StreamFields."""
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            for child in getattr(page, field.name):
                if url_block_id(child.id) == block_id and isinstance(child.block, CommuneMapBlock):
                    return child
    return None


def commune_map_data(request, page_id, block_id, fmt):
    # What a visitor may see only: a live page that no view restriction hides.
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    child = _map_block(page, block_id) if page is not None else None
    rows = child.block.data_rows(child.value, request) if child is not None else None
    if rows is None:
        raise Http404("Aucune carte ne porte cet identifiant sur cette page.")
    value = child.value
    unit = value.get("unit") or "" if value["data"] != "actors" else "acteurs"
    source, year = value.get("source") or "", value.get("year")
    if fmt == "json":
        return JsonResponse(
            {
                "title": value["title"],
                "unit": unit,
                "source": source,
                "year": year,
                "communes": [
                    {"insee_code": code, "commune": name, "value": _json_number(number)}
                    for code, name, number in rows
                ],
            },
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )
    response = HttpResponse(
        csv_text(rows, unit, source, year), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="carte-{page.slug}-{block_id}.csv"'
    return response


def _json_number(number):
    if number is None:
        return None
    return int(number) if number == int(number) else float(number)
