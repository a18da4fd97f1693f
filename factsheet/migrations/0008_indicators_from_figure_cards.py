"""Every figure card of the factsheets refers to an indicator of the catalogue.

For each factsheet (the French source first, then its translations), each figure card gets an
indicator: the brochure's figures get the catalogue entries below (their names and definitions
follow the brochure's own wording), a card with a `key` an indicator of that code, any other
card an indicator named after its label. Translated pages point at the translation of their
source's indicator, created here when missing. The chart rows of the brochure's legal-status
chart get theirs too. Only the `indicator` of each card or row is added: no value, label,
unit or source changes, so every page reads as before (tests/factsheet/test_indicators.py).
The latest revision of each page is converted the same way, so that an editor's next
publication keeps the links.
"""

import json
import uuid

from django.db import migrations
from django.utils.text import slugify

PRODUCER = "Communauté d'agglomération Hénin-Carvin"
SCOPE_FR = (
    "La brochure « Les chiffres clés de l'ESS – CA Hénin-Carvin » ne précise ni l'année ni la "
    "source de ce chiffre."
)
SCOPE_EN = (
    "The brochure “Les chiffres clés de l'ESS – CA Hénin-Carvin” states neither the year nor "
    "the source of this figure."
)

# code: (kind, unit FR, unit EN, name FR, name EN, definition FR, definition EN,
#        card labels FR and EN that identify the brochure's figure)
CATALOGUE = {
    "communes": (
        "count", "communes", "municipalities",
        "Communes de la CA Hénin-Carvin", "Municipalities of the CA Hénin-Carvin",
        "Nombre de communes qui composent la CA Hénin-Carvin, un EPCI.",
        "Number of municipalities that make up the CA Hénin-Carvin, an inter-municipal body "
        "(EPCI).",
        ("communes composent la CA Hénin-Carvin", "municipalities make up the CA Hénin-Carvin"),
    ),
    "population": (
        "count", "habitant·es", "inhabitants",
        "Population", "Population",
        "Nombre d'habitant·es de la CA Hénin-Carvin.",
        "Number of inhabitants of the CA Hénin-Carvin.",
        ("habitant·es", "inhabitants"),
    ),
    "part-population-departement": (
        "percent", "%", "%",
        "Part de la population du Pas-de-Calais",
        "Share of the Pas-de-Calais population",
        "Part de la population du département du Pas-de-Calais qui habite la CA Hénin-Carvin.",
        "Share of the population of the Pas-de-Calais département living in the CA "
        "Hénin-Carvin.",
        (
            "de la population du département du Pas-de-Calais",
            "of the population of the Pas-de-Calais département",
        ),
    ),
    "densite": (
        "ratio", "habitant·es par km²", "inhabitants per km²",
        "Densité de population", "Population density",
        "Nombre d'habitant·es par km² de la CA Hénin-Carvin.",
        "Number of inhabitants per km² of the CA Hénin-Carvin.",
        ("habitant·es par km²", "inhabitants per km²"),
    ),
    "chomage-15-64-ans": (
        "percent", "%", "%",
        "Chômage déclaré des 15 à 64 ans", "Reported unemployment, aged 15 to 64",
        "Part de la population âgée de 15 à 64 ans qui se déclare au chômage.",
        "Share of the population aged 15 to 64 who report being unemployed.",
        (
            "de la population âgée de 15 à 64 ans se déclare au chômage",
            "of the population aged 15 to 64 report being unemployed",
        ),
    ),
    "plus-de-75-ans": (
        "percent", "%", "%",
        "Habitant·es de plus de 75 ans", "Inhabitants over 75",
        "Part des habitant·es de la CA Hénin-Carvin qui ont plus de 75 ans.",
        "Share of the inhabitants of the CA Hénin-Carvin who are over 75.",
        ("des habitant·es ont plus de 75 ans", "of inhabitants are over 75"),
    ),
    "emplois": (
        "count", "emplois", "jobs",
        "Emplois de l'ESS", "SSE jobs",
        "Nombre d'emplois de l'économie sociale et solidaire (ESS) de la CA Hénin-Carvin.",
        "Number of jobs in the social and solidarity economy (SSE) of the CA Hénin-Carvin.",
        ("emplois ESS", "SSE jobs"),
    ),
    "part-emplois-ess-region": (
        "percent", "%", "%",
        "Part des emplois ESS régionaux", "Share of the region's SSE jobs",
        "Part des emplois de l'ESS de la région qui se trouvent dans la CA Hénin-Carvin.",
        "Share of the region's SSE jobs located in the CA Hénin-Carvin.",
        ("des emplois ESS régionaux", "of the region's SSE jobs"),
    ),
    "part-emplois-ess-departement": (
        "percent", "%", "%",
        "Part des emplois ESS départementaux", "Share of the département's SSE jobs",
        "Part des emplois de l'ESS du département qui se trouvent dans la CA Hénin-Carvin.",
        "Share of the département's SSE jobs located in the CA Hénin-Carvin.",
        ("des emplois ESS départementaux", "of the département's SSE jobs"),
    ),
    "part-ess-emplois-territoire": (
        "percent", "%", "%",
        "Part de l'ESS dans les emplois du territoire", "SSE share of the area's jobs",
        "Part des emplois de la CA Hénin-Carvin qui relèvent de l'ESS.",
        "Share of the jobs of the CA Hénin-Carvin that are in the SSE.",
        ("des emplois du territoire", "of the area's jobs"),
    ),
    "emplois-par-etp": (
        "ratio", "emplois par équivalent temps plein", "jobs per full-time equivalent",
        "Emplois par équivalent temps plein", "Jobs per full-time equivalent",
        "Nombre d'emplois de l'ESS pour un équivalent temps plein.",
        "Number of SSE jobs per full-time equivalent.",
        ("par équivalent temps plein", "per full-time equivalent"),
    ),
    "etablissements": (
        "count", "établissements", "establishments",
        "Établissements employeurs de l'ESS", "SSE employing establishments",
        "Nombre d'établissements employeurs de l'ESS de la CA Hénin-Carvin.",
        "Number of SSE employing establishments in the CA Hénin-Carvin.",
        ("établissements employeurs", "employing establishments"),
    ),
    "part-ess-etablissements": (
        "percent", "%", "%",
        "Part de l'ESS dans les établissements du territoire",
        "SSE share of the area's establishments",
        "Part des établissements de la CA Hénin-Carvin qui sont des établissements employeurs "
        "de l'ESS.",
        "Share of the establishments of the CA Hénin-Carvin that are SSE employing "
        "establishments.",
        ("des établissements du territoire", "of the area's establishments"),
    ),
    "etablissements-pour-1000-habitants": (
        "ratio", "établissements pour 1 000 habitants", "establishments per 1,000 inhabitants",
        "Établissements employeurs de l'ESS pour 1 000 habitants",
        "SSE employing establishments per 1,000 inhabitants",
        "Nombre d'établissements employeurs de l'ESS pour 1 000 habitant·es de la CA "
        "Hénin-Carvin.",
        "Number of SSE employing establishments per 1,000 inhabitants of the CA Hénin-Carvin.",
        (),  # the card has no label: found by its check (établissements ÷ population)
    ),
    "salaries-par-etablissement": (
        "ratio", "salarié·es par établissement", "employees per establishment",
        "Salarié·es par établissement", "Employees per establishment",
        "Nombre moyen de salarié·es par établissement employeur de l'ESS.",
        "Average number of employees per SSE employing establishment.",
        (
            "moyenne de salarié·es par établissement",
            "employees per establishment on average",
        ),
    ),
    "masse-salariale": (
        "euros", "euros", "euros",
        "Masse salariale de l'ESS", "SSE payroll",
        "Masse salariale de l'ESS de la CA Hénin-Carvin, en euros.",
        "Payroll of the SSE in the CA Hénin-Carvin, in euros.",
        ("de masse salariale", "in payroll"),
    ),
    "part-masse-salariale-departement": (
        "percent", "%", "%",
        "Part de la masse salariale du Pas-de-Calais", "Share of the Pas-de-Calais payroll",
        "Part de la masse salariale du Pas-de-Calais que représente la masse salariale de "
        "l'ESS de la CA Hénin-Carvin.",
        "Share of the Pas-de-Calais payroll represented by the SSE payroll of the CA "
        "Hénin-Carvin.",
        ("de la masse salariale du Pas-de-Calais", "of the Pas-de-Calais payroll"),
    ),
    "part-associations": (
        "percent", "%", "%",
        "Part des associations dans les établissements de l'ESS",
        "Share of associations among SSE establishments",
        "Part des associations parmi les établissements de l'ESS de la CA Hénin-Carvin, "
        "par statut juridique.",
        "Share of associations among the SSE establishments of the CA Hénin-Carvin, by legal "
        "status.",
        ("Associations",),
    ),
    "part-cooperatives": (
        "percent", "%", "%",
        "Part des coopératives dans les établissements de l'ESS",
        "Share of cooperatives among SSE establishments",
        "Part des coopératives parmi les établissements de l'ESS de la CA Hénin-Carvin, "
        "par statut juridique.",
        "Share of cooperatives among the SSE establishments of the CA Hénin-Carvin, by legal "
        "status.",
        ("Coopératives", "Cooperatives"),
    ),
    "part-mutuelles": (
        "percent", "%", "%",
        "Part des mutuelles dans les établissements de l'ESS",
        "Share of mutual societies among SSE establishments",
        "Part des mutuelles parmi les établissements de l'ESS de la CA Hénin-Carvin, "
        "par statut juridique.",
        "Share of mutual societies among the SSE establishments of the CA Hénin-Carvin, by "
        "legal status.",
        ("Mutuelles", "Mutual societies"),
    ),
}
# The brochure's chart rows are linked only when they are these (a row has no key).
ROW_CODES = {"part-associations", "part-cooperatives", "part-mutuelles"}
# The derived card without a label: its check names it.
CHECKED = {("per_thousand", "etablissements", "population"): "etablissements-pour-1000-habitants"}
CARD_KINDS = {"number": "count", "percent": "percent", "euro": "euros", "per_thousand": "ratio"}


def catalogue_code(item, *, row=False):
    """The brochure's code for a card (or chart row), or None."""
    label = (item.get("label") or "").strip()
    for code, entry in CATALOGUE.items():
        if (code in ROW_CODES) == row and label and label in entry[7]:
            return code
    if not row:
        return CHECKED.get((item.get("check"), item.get("numerator"), item.get("denominator")))
    return None


def items_of(stream):
    """(position, kind, item) of each figure card and chart row of a raw StreamField value;
    `item` is the dict to give an "indicator" (list items may be wrapped with their id)."""
    for index, block in enumerate(stream or []):
        kind, value = block.get("type"), block.get("value") or {}
        if kind == "figure":
            yield (index,), "card", value
        elif kind == "figure_group":
            for number, figure in enumerate(value.get("figures") or []):
                inner = figure.get("value") if "type" in figure and "value" in figure else figure
                yield (index, number), "card", inner
        elif kind == "chart":
            for number, row in enumerate(value.get("rows") or []):
                inner = row.get("value") if "type" in row and "value" in row else row
                yield (index, number), "row", inner


class Linker:
    def __init__(self, apps):
        self.Indicator = apps.get_model("factsheet", "Indicator")
        self.Locale = apps.get_model("wagtailcore", "Locale")
        self.taken = set(self.Indicator.objects.values_list("code", flat=True))

    def new_code(self, item):
        """A code for a card outside the brochure: its key, else its words."""
        if item.get("key"):
            return item["key"]
        words = item.get("label") or item.get("unit") or "indicateur"
        base = (slugify(words)[:36].strip("-_") or "indicateur").lower()
        code, number = base, 1
        while code in self.taken:
            number += 1
            code = f"{base}-{number}"
        self.taken.add(code)
        return code

    def indicator(self, code, locale, page, item, *, row=False, source=None):
        """The indicator of `code` in `locale`, created when missing (a translation of
        `source`'s when given)."""
        found = self.Indicator.objects.filter(code=code, locale=locale).first()
        if found:
            return found
        english = locale.language_code.startswith("en")
        entry = CATALOGUE.get(code)
        if entry:
            kind, unit_fr, unit_en, name_fr, name_en, def_fr, def_en, _labels = entry
            fields = {
                "kind": kind,
                "unit": unit_en if english else unit_fr,
                "name": name_en if english else name_fr,
                "definition": f"<p>{def_en if english else def_fr}</p>",
                "scope": SCOPE_EN if english else SCOPE_FR,
                "producer": PRODUCER,
            }
        else:
            words = item.get("label") or item.get("unit") or code
            fields = {
                "kind": "percent" if row else CARD_KINDS.get(item.get("kind"), "count"),
                "unit": item.get("unit") or "",
                "name": words[:1].upper() + words[1:],
                "definition": "",
                "scope": "",
                "producer": "",
            }
        translation_key = source.translation_key if source else uuid.uuid4()
        self.taken.add(code)
        return self.Indicator.objects.create(
            code=code,
            locale=locale,
            translation_key=translation_key,
            territory=getattr(page, "territory", "") or PRODUCER,
            source=item.get("source") or getattr(page, "data_source", "") or "",
            **fields,
        )

    def link(self, stream, page, locale, source_codes=None):
        """Give every card (and the brochure's chart rows) of `stream` an indicator; return
        {position: code}. `source_codes` are the source page's, for a translation."""
        codes = {}
        for position, kind, item in items_of(stream):
            row = kind == "row"
            if item.get("indicator"):
                existing = self.Indicator.objects.filter(pk=item["indicator"]).first()
                if existing:
                    codes[position] = existing.code
                    continue
            code = (source_codes or {}).get(position) or catalogue_code(item, row=row)
            if code is None and row:
                continue
            code = code or self.new_code(item)
            source = None
            if source_codes is not None:
                source = self.Indicator.objects.filter(code=code).exclude(locale=locale).first()
            indicator = self.indicator(code, locale, page, item, row=row, source=source)
            item["indicator"] = indicator.pk
            codes[position] = code
        return codes


def raw(stream_value):
    return json.loads(json.dumps(list(stream_value.raw_data), default=str))


def link_page(linker, page, source_codes=None):
    stream = raw(page.body)
    codes = linker.link(stream, page, page.locale, source_codes)
    page.body = stream
    page.save(update_fields=["body"])
    revision = page.latest_revision
    stored = revision.content.get("body") if revision is not None else None
    if stored:
        # A draft may differ from the live page: its cards are matched by their own words,
        # or, on a translation, by their place in the source page.
        body = json.loads(stored) if isinstance(stored, str) else stored
        linker.link(body, page, page.locale, source_codes)
        revision.content["body"] = json.dumps(body) if isinstance(stored, str) else body
        revision.save(update_fields=["content"])
    return codes


def forward(apps, schema_editor):
    from django.conf import settings

    FactsheetPage = apps.get_model("factsheet", "FactsheetPage")
    linker = Linker(apps)
    pages = list(FactsheetPage.objects.select_related("locale", "latest_revision").order_by("pk"))
    source_language = settings.LANGUAGE_CODE
    by_key = {}
    for page in pages:
        by_key.setdefault(page.translation_key, []).append(page)
    for group in by_key.values():
        group.sort(key=lambda p: (p.locale.language_code != source_language, p.pk))
        source, *translations = group
        codes = link_page(linker, source)
        for page in translations:
            link_page(linker, page, codes)


class Migration(migrations.Migration):
    dependencies = [
        ("factsheet", "0007_indicator_catalogue"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
