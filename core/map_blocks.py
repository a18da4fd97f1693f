"""The map of the 14 communes as a block, and the map context the directory reuses.

`choropleth()` turns {INSEE code: value} into what templates/includes/commune_map.html draws:
the projected outlines (core.geo, computed once per process), up to 5 classes with their
legend, a label and a link per commune, a one-sentence summary and the data table.
`CommuneMapBlock` feeds it either live counts of listed actors (core.counts, answered by the
directory) or values typed by the editor.
"""

import csv
import io
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import BlockGroup, StructBlockValidationError

from . import counts, geo
from .blocks import url_block_id
from .formatting import format_number

ACTORS, VALUES = "actors", "values"
COMMUNE_CHOICES = sorted(geo.reference_communes().items(), key=lambda item: geo.sort_key(item[1]))
# No commune of the CAHC has more than 30 000 inhabitants: a figure per commune beyond a
# billion is a typing error (an extra zero or a misplaced decimal point), not data.
MAX_VALUE = Decimal(10) ** 9


def _name_lines(name):
    """A long name split at the hyphen nearest its middle: "Courcelles-" / "lès-Lens"."""
    if len(name) <= 10 or "-" not in name:
        return [name]
    cuts = [i for i, char in enumerate(name) if char == "-"]
    cut = min(cuts, key=lambda i: abs(i - len(name) / 2)) + 1
    return [name[:cut], name[cut:]]


def _legend_text(low, high, value_text, number_text):
    if low == high:
        return value_text(low)
    return _("%(low)s à %(high)s") % {"low": number_text(low), "high": value_text(high)}


def _tspans(lines, short):
    """(text, dy, is_value) for the label's lines and value, centred on the label point."""
    texts = [*lines, short]
    first = -(len(texts) - 1) * 0.55 + 0.35  # em; 0.35em brings a line's middle to the point
    return [
        (text, f"{first if i == 0 else 1.1:.2f}em", i == len(texts) - 1)
        for i, text in enumerate(texts)
    ]


def choropleth(
    values, *, value_text, number_text=None, name_text=None, urls=None, selected="", dom_id="carte"
):
    """The map's context for {INSEE code: number or None (no data)}.

    value_text(number) writes a value with its unit ("12 acteurs"), number_text(number) without
    it (the label on the map: "12"); name_text(name, text) the commune's accessible name
    ("Carvin : 12 acteurs"); urls {code: URL} links the communes; `selected` is highlighted.
    """
    number_text = number_text or format_number
    name_text = name_text or commune_name_text
    shapes = geo.commune_map()
    known = [values[code] for code in shapes.codes if values.get(code) is not None]
    classes = geo.classify(known)
    colours = geo.palette_for(len(classes))
    urls = urls or {}
    communes = []
    for shape in shapes.communes:
        value = values.get(shape.code)
        index = geo.class_index(value, classes)
        text = value_text(value) if value is not None else _("pas de données")
        number = number_text(value) if value is not None else "–"
        communes.append(
            {
                "code": shape.code,
                "name": shape.name,
                "tspans": _tspans(_name_lines(shape.name), number),
                "number": number,
                "path": shape.path,
                "x": shape.label_x,
                "y": shape.label_y,
                "value": value,
                "text": text,
                "fill": colours[index] if index is not None else None,
                "url": urls.get(shape.code),
                "accessible_name": name_text(shape.name, text),
                "selected": shape.code == selected,
            }
        )
    legend = [
        {"fill": colour, "text": _legend_text(low, high, value_text, number_text)}
        for colour, (low, high) in zip(colours, classes, strict=True)
    ]
    missing = len(communes) - len(known)
    return {
        "dom_id": dom_id,
        "width": shapes.width,
        "height": shapes.height,
        "communes": communes,
        "legend": legend,
        "has_missing": bool(missing),
        "summary": _summary(communes, known, missing, value_text),
        "attribution": geo.ATTRIBUTION,
    }


def _summary(communes, known, missing, value_text):
    if not known:
        return _("Aucune des 14 communes n’a de donnée pour cette carte.")
    top = max((c for c in communes if c["value"] is not None), key=lambda c: c["value"])
    low = min((c for c in communes if c["value"] is not None), key=lambda c: c["value"])
    sentence = _(
        "Valeur la plus haute : %(top)s (%(top_value)s) ; la plus basse : %(low)s (%(low_value)s)"
    ) % {
        "top": top["name"],
        "top_value": top["text"],
        "low": low["name"],
        "low_value": low["text"],
    }
    if missing:
        sentence += ngettext(
            " ; %(count)d commune sans donnée.", " ; %(count)d communes sans donnée.", missing
        ) % {"count": missing}
    else:
        sentence += "."
    return sentence


def actors_text(count):
    return ngettext("%(count)s acteur", "%(count)s acteurs", count) % {
        "count": format_number(count)
    }


def commune_name_text(name, text):
    return _("%(name)s : %(text)s") % {"name": name, "text": text}


def data_url(page, block_id, fmt):
    return reverse("commune_map_data", args=[page.pk, block_id, fmt])


def _error(message):
    return ErrorList([ValidationError(message)])


class TaxonomyChoiceBlock(blocks.ChoiceBlock):
    """A choice among a taxonomy of the directory (choices from core.counts, read when the
    editor's form is built). Its stored text is used as it is: ChoiceBlock's to_python would
    read the choices, a query on every view of the page. An empty value is valid without
    reading them either (a figure whose optional link to the directory is not used)."""

    def to_python(self, value):
        return value or ""

    def normalize(self, value):
        return value or ""

    def clean(self, value):
        return super().clean(value) if value else ""


class CommuneValueBlock(blocks.StructBlock):
    commune = blocks.ChoiceBlock(choices=COMMUNE_CHOICES, label="Commune", search_index=False)
    value = blocks.DecimalBlock(label="Valeur", max_digits=15, decimal_places=3)

    class Meta:
        icon = "site"
        label = "Valeur d'une commune"
        description = "Le chiffre d'une commune, montré sur la carte et dans son tableau."
        label_format = "{commune} : {value}"


class CommuneMapBlock(blocks.StructBlock):
    """A map of the 14 communes: listed actors per commune, or values entered by the editor."""

    title = blocks.CharBlock(label="Titre", max_length=160)
    data = blocks.ChoiceBlock(
        choices=[
            (ACTORS, "Nombre d'acteurs listés dans l'annuaire (calculé en direct)"),
            (VALUES, "Valeurs saisies par commune"),
        ],
        default=ACTORS,
        label="Données",
        search_index=False,
    )
    family = TaxonomyChoiceBlock(
        choices=counts.family_choices,
        required=False,
        label="Famille de l'ESS",
        help_text="Acteurs listés : seulement cette famille (facultatif).",
        search_index=False,
    )
    sector = TaxonomyChoiceBlock(
        choices=counts.sector_choices,
        required=False,
        label="Secteur d'activité",
        help_text="Acteurs listés : seulement ce secteur (facultatif).",
        search_index=False,
    )
    values = blocks.ListBlock(
        CommuneValueBlock(),
        required=False,
        label="Valeurs par commune",
        help_text="Valeurs saisies : une ligne par commune connue. Une commune absente est "
        "affichée « pas de données », jamais zéro.",
        collapsed=True,
    )
    unit = blocks.CharBlock(
        required=False, max_length=40, label="Unité", help_text="Par ex. « emplois » ou « % »."
    )
    decimals = blocks.IntegerBlock(default=0, min_value=0, max_value=3, label="Décimales affichées")
    year = blocks.IntegerBlock(
        required=False, min_value=1900, max_value=2100, label="Année de référence"
    )
    source = blocks.CharBlock(required=False, max_length=255, label="Source")

    class Meta:
        icon = "site"
        label = "Carte des communes"
        template = "blocks/commune_map.html"
        preview_template = "factsheet/block_preview.html"
        description = (
            "Les 14 communes coloriées selon le nombre d'acteurs de l'annuaire ou selon vos "
            "chiffres, avec une légende et le tableau des valeurs, téléchargeable."
        )
        # Unit, decimals, year and source in the main form, as on the chart: they are what
        # the reader needs to read the figures, not presentation.
        form_layout = BlockGroup(
            children=[
                "title",
                "data",
                "family",
                "sector",
                "values",
                "unit",
                "decimals",
                "year",
                "source",
            ]
        )
        preview_value = {"title": "Acteurs de l'ESS par commune", "data": ACTORS}

    def clean(self, value):
        value = super().clean(value)
        if self.is_deferred_validation:
            return value
        errors = {}
        if value["data"] == VALUES:
            errors.update(self._values_errors(value))
        elif value.get("values"):
            errors["values"] = _error(
                _(
                    "Les valeurs saisies ne servent que pour « Valeurs saisies par commune » : "
                    "retirez-les ou changez le choix des données."
                )
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def _values_errors(self, value):
        errors = {}
        rows = [row for row in value.get("values") or [] if row is not None]
        if not rows:
            return {"values": _error(_("Saisissez la valeur d'au moins une commune."))}
        if not (value.get("unit") or "").strip():
            errors["unit"] = _error(
                _("Indiquez l'unité des valeurs, par ex. « emplois » ou « % ».")
            )
        names = dict(COMMUNE_CHOICES)
        seen, row_errors = {}, {}
        for index, row in enumerate(rows):
            code, number = row.get("commune"), row.get("value")
            if code not in names:  # only a raw value (an import, an old revision) can hold it
                row_errors[index] = {
                    "commune": _error(
                        _("« %(code)s » n'est pas le code INSEE d'une des 14 communes de la CAHC.")
                        % {"code": code}
                    )
                }
            elif code in seen:
                row_errors[index] = {
                    "commune": _error(
                        _("%(commune)s a déjà une valeur à la ligne %(line)s : gardez-en une.")
                        % {"commune": names[code], "line": seen[code]}
                    )
                }
            seen.setdefault(code, index + 1)
            if number is None:
                continue
            if number < 0:
                problem = _("Une valeur ne peut pas être négative (valeur : %(value)s).")
            elif (value.get("unit") or "").strip() == "%" and number > 100:
                problem = _("Un pourcentage ne peut pas dépasser 100 (valeur : %(value)s).")
            elif number >= MAX_VALUE:
                problem = _("Valeur invraisemblable pour une commune (%(value)s) : vérifiez-la.")
            else:
                continue
            row_errors.setdefault(index, {})["value"] = _error(problem % {"value": number})
        if row_errors:
            errors["values"] = ListBlockValidationError(
                block_errors={
                    index: StructBlockValidationError(block_errors=fields)
                    for index, fields in row_errors.items()
                }
            )
        return errors

    # --- reading the data -------------------------------------------------------------------

    def filters(self, value, commune=""):
        """The directory's filters behind the map (the family and sector count only for a
        map of listed actors), plus `commune`."""
        if value["data"] != ACTORS:
            return counts.ActorFilters(commune=commune)
        return counts.ActorFilters(
            family=value.get("family") or "", sector=value.get("sector") or "", commune=commune
        )

    def values_by_commune(self, value, request):
        """{INSEE code: number or None}, or None when the live counts are not available (no
        directory in this language, a family or sector that no longer exists)."""
        if value["data"] == ACTORS:
            return counts.per_commune(request, get_language(), self.filters(value))
        given = {
            row["commune"]: row["value"]
            for row in value.get("values") or []
            if row and row.get("value") is not None
        }
        return {code: given.get(code) for code, _name in COMMUNE_CHOICES}

    def texts(self, value):
        """(value_text, number_text) for choropleth()."""
        if value["data"] == ACTORS:
            return actors_text, format_number
        unit, decimals = (value.get("unit") or "").strip(), value.get("decimals") or 0

        def number_text(number):
            return format_number(number, decimals)

        return (lambda number: f"{number_text(number)}\u00a0{unit}".strip()), number_text

    def data_rows(self, value, request):
        """[(INSEE code, commune, value or None)] in the order of the names, or None."""
        numbers = self.values_by_commune(value, request)
        if numbers is None:
            return None
        return [(code, name, numbers.get(code)) for code, name in COMMUNE_CHOICES]

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        parent_context = parent_context or {}
        request = parent_context.get("request")
        numbers = self.values_by_commune(value, request)
        if numbers is None and request is None:
            # Rendered outside a page (the block chooser's preview): the outlines, no data.
            numbers = dict.fromkeys(code for code, _name in COMMUNE_CHOICES)
        if numbers is None:
            return context  # the template renders nothing
        language = get_language()
        urls = {
            code: counts.url(request, language, self.filters(value, code))
            for code, _name in COMMUNE_CHOICES
        }
        block_id, page = url_block_id(parent_context.get("block_id")), parent_context.get("page")
        dom_id = f"carte-{block_id}" if block_id else "carte"
        value_text, number_text = self.texts(value)
        context["map"] = choropleth(
            numbers,
            value_text=value_text,
            number_text=number_text,
            urls={code: link for code, link in urls.items() if link},
            dom_id=dom_id,
        )
        if block_id and page is not None and page.pk:
            context["csv_url"] = data_url(page, block_id, "csv")
            context["json_url"] = data_url(page, block_id, "json")
        return context


def csv_text(rows, unit, source, year):
    """The map's data as CSV: plain decimal point, empty value for no data."""
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(["insee_code", "commune", "value", "unit", "source", "year"])
    for code, name, number in rows:
        plain = "" if number is None else format(Decimal(number).normalize(), "f")
        writer.writerow([code, name, plain, unit, source, year or ""])
    return output.getvalue()


def locator(code):
    """A small map of the 14 communes with one highlighted, or None for an unknown commune."""
    shapes = geo.commune_map()
    chosen = next((shape for shape in shapes.communes if shape.code == code), None)
    if chosen is None:
        return None
    return {
        "width": shapes.width,
        "height": shapes.height,
        "others": [shape.path for shape in shapes.communes if shape is not chosen],
        "chosen": chosen,
        "attribution": geo.ATTRIBUTION,
    }
