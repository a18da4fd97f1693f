"""StreamField blocks of the key-figures factsheet: figure groups, charts, contact.

The figure card itself is core's (core.figures), shown by other apps' pages too. Figures are
stored as numbers (Decimal) and written for the reader's language at render time by
``core.formatting``; chart coordinates come from ``charts``. Validation messages are in French,
say what is wrong and repeat the value, and are skipped when an editor saves a draft.
"""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import BlockGroup, StructBlockValidationError

from core import formatting
from core.blocks import EditorNoteBlock, url_block_id
from core.drill import DirectoryFilterBlock, directory_link
from core.figures import (
    PREVIEW_TEMPLATE,
    FigureCardBlock,
    SynchronisedCharBlock,
    effective_filter,
    error_list,
    indicator_chooser,
)
from core.map_blocks import CommuneMapBlock

from . import charts, pasting


class CarriedOverBlock(blocks.FieldBlock):
    """What a block was copied with when the next edition was prepared (``carry_over``).

    Written by the copy only, so read-only in the form; data, never offered to translators,
    never indexed nor rendered to visitors.
    """

    def __init__(self, **kwargs):
        self.field = forms.CharField(
            required=False, widget=forms.TextInput(attrs={"readonly": True})
        )
        super().__init__(**kwargs)

    def get_translatable_segments(self, value):
        return []


def carried_over_block(what):
    return CarriedOverBlock(
        label=f"{what} copiée de l'édition précédente",
        help_text="Renseignée par « Préparer l'édition suivante » : tant que la valeur reste "
        "celle-ci sans être confirmée, la page ne peut pas être publiée.",
    )


def unchanged_block(label, what):
    return blocks.BooleanBlock(
        required=False,
        label=label,
        help_text=f"Après « Préparer l'édition suivante » : cochez pour confirmer, pour cette "
        f"année, {what} de l'édition précédente.",
    )


def _with_confirmation(layout, after):
    """A block's form layout with its « inchangée » checkbox right after what it confirms,
    and the copied value among the settings."""
    children = []
    for child in layout.children:
        children.append(child)
        if child == after:
            children.append("unchanged")
    return BlockGroup(children=children, settings=[*(layout.settings or []), "carried_over"])


class EditionFigureCardBlock(FigureCardBlock):
    """A figure card of a factsheet edition: core's card, which may be carried over from the
    previous edition until the editor updates or confirms its value."""

    unchanged = unchanged_block("Valeur inchangée", "la valeur copiée")
    carried_over = carried_over_block("Valeur")

    class Meta:
        form_layout = _with_confirmation(FigureCardBlock._meta_class.form_layout, "value")


def figure_list(card_block):
    return blocks.ListBlock(card_block, min_num=1, max_num=8, label="Chiffres", collapsed=True)


class FigureGroupBlock(blocks.StructBlock):
    """A titled set of one to eight figure cards."""

    heading = blocks.CharBlock(label="Titre", max_length=120)
    intro = blocks.TextBlock(required=False, label="Introduction", rows=2)
    figures = figure_list(FigureCardBlock())
    layout = blocks.ChoiceBlock(
        search_index=False,
        choices=[
            ("grid", "Grille régulière"),
            ("highlight", "Premier chiffre mis en avant"),
        ],
        default="grid",
        label="Disposition",
    )

    class Meta:
        icon = "table"
        label = "Groupe de chiffres"
        template = "blocks/figure_group.html"
        preview_template = PREVIEW_TEMPLATE
        description = "Un titre et de 1 à 8 chiffres clés présentés ensemble."
        form_layout = BlockGroup(children=["heading", "intro", "figures"], settings=["layout"])
        preview_value = {
            "heading": "Les emplois de l'ESS",
            "figures": [
                {"value": Decimal("3761"), "kind": "number", "label": "emplois ESS"},
                {
                    "value": Decimal("9.5"),
                    "kind": "percent",
                    "decimals": 1,
                    "label": "des emplois du territoire",
                },
            ],
            "layout": "grid",
        }


class EditionFigureGroupBlock(FigureGroupBlock):
    """A group of figure cards of a factsheet edition (``EditionFigureCardBlock``)."""

    figures = figure_list(EditionFigureCardBlock())


class ChartRowBlock(blocks.StructBlock):
    label = blocks.CharBlock(label="Libellé", max_length=80)
    value = blocks.DecimalBlock(label="Valeur", max_digits=15, decimal_places=3)
    indicator = indicator_chooser()
    directory_filter = DirectoryFilterBlock()

    class Meta:
        icon = "list-ul"
        label = "Ligne"
        description = "Une ligne du graphique : un libellé et sa valeur."
        label_format = "{label} : {value}"
        form_layout = BlockGroup(
            children=["label", "value"], settings=["indicator", "directory_filter"]
        )


BARS, STACKED, DONUT = "bars", "stacked", "donut"
# Messages shown for one paste: enough to fix a column, not a page of them.
MAX_PASTE_ERRORS = 10


class PastedTableBlock(blocks.TextBlock):
    """A table pasted from a spreadsheet, read into the chart's rows when the page is saved.

    It is emptied once read, so it holds text only in a draft whose paste could not be read:
    nothing for translators (wagtail-localize would otherwise offer it).
    """

    def get_translatable_segments(self, value):
        return []


class ChartBlock(blocks.StructBlock):
    """A small chart drawn on the server as SVG, with its data as a table and a CSV file."""

    title = blocks.CharBlock(label="Titre", max_length=160)
    chart_type = blocks.ChoiceBlock(
        search_index=False,
        choices=[
            (BARS, "Barres horizontales"),
            (STACKED, "Barre empilée à 100 %"),
            (DONUT, "Anneau"),
        ],
        default=BARS,
        label="Type de graphique",
    )
    paste = PastedTableBlock(
        required=False,
        rows=4,
        label="Coller un tableau",
        help_text="Copiez deux colonnes d'un tableur (le libellé, puis la valeur) et collez-les "
        "ici : à l'enregistrement, elles remplacent les lignes de données ci-dessous. Colonnes "
        "séparées par une tabulation ou un point-virgule ; « 3 761 », « 9,5 » et « 89 % » sont "
        "compris ; une première ligne de titres est ignorée.",
    )
    rows = blocks.ListBlock(ChartRowBlock(), label="Données", collapsed=False)
    summary = blocks.TextBlock(
        label="Résumé pour les lecteurs d'écran",
        rows=3,
        help_text="Ce que montre le graphique, en une ou deux phrases, avec les chiffres "
        "principaux.",
    )
    kind = blocks.ChoiceBlock(
        search_index=False,
        choices=[c for c in formatting.KIND_CHOICES if c[0] != formatting.PER_THOUSAND],
        default=formatting.NUMBER,
        label="Nature des valeurs",
    )
    decimals = blocks.IntegerBlock(default=0, min_value=0, max_value=3, label="Décimales affichées")
    source = blocks.CharBlock(required=False, label="Source")
    note = blocks.TextBlock(required=False, rows=2, label="Note")

    class Meta:
        icon = "chart"
        label = "Graphique"
        template = "blocks/chart.html"
        preview_template = PREVIEW_TEMPLATE
        description = (
            "Un graphique en barres ou en anneau, accompagné du tableau de ses chiffres, "
            "que les visiteurs peuvent aussi télécharger pour un tableur."
        )
        # What the reader must know to read the figures (unit, decimals, source) sits in the
        # main form, next to the rows: the settings icon hid it from editors.
        form_layout = BlockGroup(
            children=[
                "title",
                "chart_type",
                "paste",
                "rows",
                "kind",
                "decimals",
                "source",
                "summary",
                "note",
            ]
        )
        preview_value = {
            "title": "Établissements par statut juridique",
            "chart_type": DONUT,
            "rows": [
                {"label": "Associations", "value": Decimal(89)},
                {"label": "Coopératives", "value": Decimal(6)},
                {"label": "Mutuelles", "value": Decimal(5)},
            ],
            "summary": "89 % d'associations, 6 % de coopératives et 5 % de mutuelles.",
            "kind": formatting.PERCENT,
            "decimals": 0,
        }

    def clean(self, value):
        value = super().clean(self.read_pasted_table(value))
        if self.is_deferred_validation:
            return value
        errors = {}
        rows = [row for row in value.get("rows") or [] if row is not None]
        row_errors = {}
        list_errors = []
        if len(rows) < 2:
            list_errors.append(
                ValidationError(
                    _("Un graphique demande au moins 2 lignes de données (il y en a %(count)s).")
                    % {"count": len(rows)}
                )
            )
        seen = {}
        for index, row in enumerate(rows):
            number, label = row.get("value"), (row.get("label") or "").strip()
            if number is not None and number < 0:
                row_errors[index] = {
                    "value": error_list(
                        _("Une valeur ne peut pas être négative (valeur : %(value)s).")
                        % {"value": number}
                    )
                }
            elif (
                number is not None
                and value.get("kind") == formatting.PERCENT
                and number > Decimal(100)
            ):
                row_errors[index] = {
                    "value": error_list(
                        _("Un pourcentage doit être compris entre 0 et 100 (valeur : %(value)s).")
                        % {"value": number}
                    )
                }
            indicator = row.get("indicator")
            accepts = getattr(indicator, "accepts_card_kind", None)
            if accepts is not None and value.get("kind") and not accepts(value["kind"]):
                row_errors.setdefault(index, {})["indicator"] = error_list(
                    _(
                        "L'indicateur « %(indicator)s » est de nature « %(nature)s » : les "
                        "valeurs de ce graphique (%(kind)s) ne lui correspondent pas."
                    )
                    % {
                        "indicator": indicator,
                        "nature": indicator.get_kind_display(),
                        "kind": value["kind"],
                    }
                )
            if label.casefold() in seen:
                row_errors.setdefault(index, {})["label"] = error_list(
                    _("Le libellé « %(label)s » est déjà utilisé à la ligne %(line)s.")
                    % {"label": label, "line": seen[label.casefold()]}
                )
            seen.setdefault(label.casefold(), index + 1)
        if value.get("chart_type") in (STACKED, DONUT):
            if value.get("kind") != formatting.PERCENT:
                errors["kind"] = error_list(
                    _(
                        "Un anneau ou une barre empilée montre des parts : choisissez "
                        "« Pourcentage »."
                    )
                )
            total = sum(row["value"] for row in rows if row.get("value") is not None)
            if rows and abs(total - 100) > Decimal("0.5"):
                list_errors.append(
                    ValidationError(
                        _(
                            "Les parts d'un anneau ou d'une barre empilée doivent totaliser "
                            "100 %% (à 0,5 près) : leur somme est %(total)s."
                        )
                        % {"total": total}
                    )
                )
        if row_errors or list_errors:
            errors["rows"] = ListBlockValidationError(
                block_errors={
                    index: StructBlockValidationError(block_errors=fields)
                    for index, fields in row_errors.items()
                },
                non_block_errors=list_errors,
            )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def read_pasted_table(self, value):
        """`value` with the pasted table's lines as its rows, and the paste emptied.

        A row whose label was already there keeps its indicator and its link to the directory.
        A paste that cannot be read raises a message per line on publishing; a draft keeps it
        as typed, rows untouched, so that the editor may finish it.
        """
        text = value.get("paste") or ""
        if not text.strip():
            return value
        parsed, errors = pasting.parse_table(text)
        if not parsed and not errors:
            errors = [
                _("Aucune ligne de données : une ligne par valeur, le libellé puis la valeur.")
            ]
        if errors:
            if self.is_deferred_validation:
                return value
            if len(errors) > MAX_PASTE_ERRORS:
                more = len(errors) - MAX_PASTE_ERRORS
                errors = [
                    *errors[:MAX_PASTE_ERRORS],
                    ngettext(
                        "… et %(count)s autre ligne à corriger.",
                        "… et %(count)s autres lignes à corriger.",
                        more,
                    )
                    % {"count": more},
                ]
            raise StructBlockValidationError(
                # One error of several messages: Wagtail keeps the first error of a list.
                block_errors={"paste": ValidationError(errors)}
            )
        rows_block = self.child_blocks["rows"]
        row_fields = rows_block.child_block.child_blocks
        existing = {
            (row.get("label") or "").strip().casefold(): row
            for row in value.get("rows") or []
            if row is not None
        }
        rows = []
        for pasted in parsed:
            before = existing.get(pasted.label.casefold())
            row = {
                name: before.get(name) if before is not None else field.get_default()
                for name, field in row_fields.items()
            }
            rows.append({**row, "label": pasted.label, "value": pasted.value})
        return self.normalize({**value, "rows": rows_block.normalize(rows), "paste": ""})

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        decimals = value.get("decimals") or 0
        rows = [
            (
                row["label"],
                row["value"],
                formatting.format_figure(row["value"], value["kind"], decimals),
            )
            for row in value["rows"]
            # A draft may hold a row still being written; the preview skips it.
            if row.get("value") is not None
        ]
        context["rows"] = rows
        layout = charts.LAYOUTS[value["chart_type"]]
        # Each row's link to the listed actors behind it, in the order of `rows`.
        request = (parent_context or {}).get("request")
        links = [
            directory_link(
                request, effective_filter(row.get("directory_filter"), row.get("indicator"))
            )
            for row in value["rows"]
            if row.get("value") is not None
        ]
        context["has_links"] = any(links)
        context["table_rows"] = list(zip(rows, links, strict=True))
        # One drawing per width (charts.SIZES), each item with its row's link.
        context["drawings"] = (
            [
                (size, chart, list(zip(chart.items, links, strict=True)))
                for size, chart in ((size, layout(rows, width)) for size, width in charts.SIZES)
            ]
            if rows
            else []
        )
        context["chart_type"] = value["chart_type"]
        context["swatch_size"] = charts.SWATCH
        chart_id = url_block_id((parent_context or {}).get("block_id"))
        page = (parent_context or {}).get("page")
        context["dom_id"] = f"graphique-{chart_id}" if chart_id else "graphique"
        if chart_id and hasattr(page, "chart_csv_url"):
            context["csv_url"] = page.chart_csv_url(chart_id, (parent_context or {}).get("request"))
        return context


class EditionChartBlock(ChartBlock):
    """A chart of a factsheet edition. Its data is updated as a whole (one table from one
    source), so it is carried over from the previous edition, and confirmed, as a whole."""

    unchanged = unchanged_block("Données inchangées", "les valeurs copiées")
    carried_over = carried_over_block("Valeurs")

    class Meta:
        form_layout = _with_confirmation(ChartBlock._meta_class.form_layout, "rows")


class ContactCardBlock(blocks.StructBlock):
    name = blocks.CharBlock(label="Nom", max_length=120)
    role = blocks.CharBlock(required=False, label="Fonction", max_length=200)
    organisation = blocks.CharBlock(required=False, label="Organisme", max_length=200)
    email = blocks.EmailBlock(required=False, label="Courriel")
    phone = SynchronisedCharBlock(
        required=False,
        max_length=30,
        label="Téléphone",
        validators=[
            RegexValidator(
                r"^\+?[0-9 .()-]{6,}$", "Numéro de téléphone : chiffres, espaces, « + », « . »."
            )
        ],
    )

    class Meta:
        icon = "user"
        label = "Contact"
        template = "blocks/contact_card.html"
        preview_template = PREVIEW_TEMPLATE
        description = "Une personne à contacter : nom, fonction, organisme, courriel, téléphone."
        preview_value = {
            "name": "Sarah Dupont",
            "role": "Chargée de mission économie sociale et solidaire",
            "email": "sarah.dupont@agglo-henincarvin.fr",
        }


class SectionHeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        label = "Titre de section"
        template = "blocks/section_heading.html"
        preview_template = PREVIEW_TEMPLATE
        description = "Un intertitre qui ouvre une nouvelle partie de la page."
        preview_value = "Les données de contexte"


class TextBlock(blocks.RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = "Texte"
        template = "blocks/rich_text.html"
        preview_template = PREVIEW_TEMPLATE
        description = "Un ou plusieurs paragraphes de texte mis en forme."
        preview_value = "<p>Données à compléter.</p>"


class FactsheetStreamBlock(blocks.StreamBlock):
    heading = SectionHeadingBlock(max_length=160)
    figure_group = EditionFigureGroupBlock()
    figure = EditionFigureCardBlock()
    chart = EditionChartBlock()
    commune_map = CommuneMapBlock()
    text = TextBlock(features=["bold", "italic", "link", "ol", "ul"])
    contact = ContactCardBlock()
    editor_note = EditorNoteBlock()
