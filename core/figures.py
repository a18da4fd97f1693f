"""The figure card: one key figure stored as a number and written for the reader's language.

A primitive of the ground floor: the factsheet composes figure cards into groups, checks and
exports (factsheet/), the home and policy pages and an actor's presentation show them too.
Validation messages are in French, say what is wrong and repeat the value, and are skipped
when an editor saves a draft.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.forms.utils import ErrorList
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.blocks.struct_block import BlockGroup, StructBlockValidationError
from wagtail.snippets.blocks import SnippetChooserBlock

from . import formatting
from .drill import DirectoryFilterBlock, directory_link, filters_of

# The block chooser previews blocks with the site's styles.
PREVIEW_TEMPLATE = "factsheet/block_preview.html"

KEY_VALIDATOR = RegexValidator(
    r"^[a-z0-9_-]+$",
    "Identifiant : lettres minuscules sans accent, chiffres, « - » ou « _ » uniquement.",
)

PER_THOUSAND_CHECK, QUOTIENT_CHECK, SHARE_CHECK = "per_thousand", "quotient", "share"
CHECK_CHOICES = [
    (PER_THOUSAND_CHECK, "Ratio pour 1 000 : numérateur ÷ dénominateur × 1 000"),
    (QUOTIENT_CHECK, "Quotient (moyenne) : numérateur ÷ dénominateur"),
    (SHARE_CHECK, "Part en % : numérateur ÷ dénominateur × 100"),
]

ADVANCED_HELP = (
    "Facultatif. Pour un chiffre calculé à partir de deux autres chiffres de la page (un taux, "
    "une moyenne, une part) : donnez un identifiant aux deux chiffres de départ (un chiffre "
    "relié à un indicateur a déjà le code de l'indicateur pour identifiant), puis choisissez "
    "ici le calcul et ces deux identifiants (numérateur : le chiffre divisé, par ex. "
    "« etablissements » ; dénominateur : celui par lequel on divise, par ex. « population »). "
    "Avant publication, l'éditeur recalcule le chiffre "
    "et signale un écart."
)


class SynchronisedCharBlock(blocks.CharBlock):
    """A CharBlock holding data rather than prose (an identifier, a phone number).

    wagtail-localize offers every CharBlock to translators unless the block answers
    ``get_translatable_segments`` itself: answering "nothing to translate" keeps the value
    copied from the French page on every re-sync, so a translator can never alter it.
    """

    def get_translatable_segments(self, value):
        return []


def error_list(message: str) -> ErrorList:
    """One validation message, as block_errors wants it."""
    return ErrorList([ValidationError(message)])


# The catalogue of indicators belongs to the factsheet; the ground floor names it by string.
INDICATOR_MODEL = "factsheet.Indicator"


def indicator_chooser():
    return SnippetChooserBlock(
        INDICATOR_MODEL,
        required=False,
        label="Indicateur",
        help_text="Ce que mesure ce chiffre, choisi dans le catalogue des indicateurs : sa "
        "définition, son unité, sa source et sa page publique avec la série des années.",
    )


def effective_filter(own, indicator):
    """The directory filter behind a figure: its own when the editor chose one, else its
    indicator's (core.drill), so that every card of an indicator links to the same actors."""
    if filters_of(own) is None and indicator is not None:
        return getattr(indicator, "directory_filter", None)
    return own


def card_key(value) -> str:
    """The figure's identifier for the checks: its own key, else its indicator's code."""
    indicator = value.get("indicator")
    return value.get("key") or (getattr(indicator, "code", "") if indicator else "")


class FigureCardBlock(blocks.StructBlock):
    """One key figure: a number stored as a Decimal, written for the reader's language.

    Its indicator (a snippet of the factsheet's catalogue) says what it measures; its label,
    unit and source may still word it for this page. Its optional ``key`` and ``check``
    settings let the editor state how the figure derives from other figures of the page, so
    that ``checks`` can recompute it.
    """

    indicator = indicator_chooser()
    value = blocks.DecimalBlock(label="Valeur", max_digits=15, decimal_places=3)
    kind = blocks.ChoiceBlock(
        search_index=False,
        choices=formatting.KIND_CHOICES,
        default=formatting.NUMBER,
        label="Nature du chiffre",
    )
    unit = blocks.CharBlock(
        required=False,
        label="Unité",
        help_text="Ce qui est compté, écrit après le chiffre, par ex. « emplois ESS ».",
    )
    label = blocks.CharBlock(
        required=False,
        label="Libellé",
        help_text="Par ex. « des emplois ESS régionaux ». Facultatif quand l'unité suffit.",
    )
    context = blocks.CharBlock(
        required=False,
        label="Précision",
        help_text="Une ligne de contexte facultative, par ex. « dans le Pas-de-Calais ».",
    )
    scale = blocks.ChoiceBlock(
        choices=formatting.SCALE_CHOICES, default="units", label="Échelle", search_index=False
    )
    decimals = blocks.IntegerBlock(default=0, min_value=0, max_value=3, label="Décimales affichées")
    year = blocks.IntegerBlock(
        required=False, min_value=1900, max_value=2100, label="Année de référence"
    )
    source = blocks.CharBlock(required=False, label="Source")
    key = SynchronisedCharBlock(
        required=False,
        max_length=40,
        validators=[KEY_VALIDATOR],
        label="Identifiant pour les vérifications",
        help_text="Court et unique dans la page, par ex. « population », pour que d'autres "
        "chiffres puissent être recalculés à partir de celui-ci.",
    )
    check = blocks.ChoiceBlock(
        search_index=False,
        choices=CHECK_CHOICES,
        required=False,
        label="Vérification",
        help_text="Si ce chiffre se déduit d'autres chiffres de la page, choisissez le calcul : "
        "l'éditeur affiche la valeur recalculée avant publication.",
    )
    numerator = SynchronisedCharBlock(
        required=False, validators=[KEY_VALIDATOR], label="Identifiant du numérateur"
    )
    denominator = SynchronisedCharBlock(
        required=False, validators=[KEY_VALIDATOR], label="Identifiant du dénominateur"
    )
    directory_filter = DirectoryFilterBlock()

    class Meta:
        icon = "decimal"
        label = "Chiffre clé"
        label_format = "{value} {unit} {label}"
        template = "blocks/figure_card.html"
        preview_template = PREVIEW_TEMPLATE
        description = "Un chiffre mis en valeur, avec son unité, son libellé et sa source."
        # Year and source are what the reader checks a figure by: in the main form. The
        # recomputation's identifiers are for the few figures derived from others: folded away
        # under "Avancé", with a word on what they are for.
        form_layout = BlockGroup(
            children=[
                "indicator",
                "value",
                "kind",
                "unit",
                "label",
                "context",
                "year",
                "source",
                BlockGroup(
                    heading="Avancé : vérification du chiffre",
                    classname="collapsed",
                    help_text=ADVANCED_HELP,
                    icon="cogs",
                    children=["key", "check", "numerator", "denominator"],
                ),
            ],
            settings=["scale", "decimals", "directory_filter"],
        )
        preview_value = {
            "value": Decimal("3761"),
            "kind": formatting.NUMBER,
            "label": "emplois ESS",
            "context": "dans la CA Hénin-Carvin",
            "scale": "units",
            "decimals": 0,
        }

    def clean(self, value):
        value = super().clean(value)
        if self.is_deferred_validation:
            return value
        errors = {}
        number = value.get("value")
        if value.get("kind") == formatting.PERCENT and number is not None:
            if not Decimal(0) <= number <= Decimal(100):
                errors["value"] = error_list(
                    _(
                        "Un pourcentage doit être compris entre 0 et 100 (valeur saisie : "
                        "%(value)s)."
                    )
                    % {"value": number}
                )
        indicator = value.get("indicator")
        accepts = getattr(indicator, "accepts_card_kind", None)
        if accepts is not None and value.get("kind") and not accepts(value["kind"]):
            errors["kind"] = error_list(
                _(
                    "L'indicateur « %(indicator)s » est de nature « %(nature)s » : cette nature "
                    "de chiffre ne lui correspond pas (%(kind)s)."
                )
                % {
                    "indicator": indicator,
                    "nature": indicator.get_kind_display(),
                    "kind": value["kind"],
                }
            )
        if value.get("check"):
            for name in ("numerator", "denominator"):
                if not value.get(name):
                    errors[name] = error_list(
                        _("Indiquez l'identifiant du chiffre à utiliser pour la vérification.")
                    )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["figure_value"], context["figure_unit"] = figure_text(value)
        indicator = value.get("indicator")
        # The card's own wording first; the indicator's name when the card has none.
        context["figure_label"] = value.get("label") or (
            indicator.name if indicator and not value.get("unit") else ""
        )
        context["figure_source"] = value.get("source") or (indicator.source if indicator else "")
        request = (parent_context or {}).get("request")
        context["directory_link"] = directory_link(
            request, effective_filter(value.get("directory_filter"), indicator)
        )
        page = (parent_context or {}).get("page")
        # A page that publishes editions (the factsheet) says how the figure changed since
        # the previous one.
        if hasattr(page, "figure_change"):
            context["figure_change"] = page.figure_change(value)
        code = getattr(indicator, "code", "") if indicator else ""
        if code and hasattr(page, "indicator_url"):
            # A page that publishes indicators (the factsheet) links each card to its
            # indicator's page, and anchors the first card of each indicator at its code.
            context["indicator_url"] = page.indicator_url(code, request)
            anchors = getattr(request, "_figure_anchors", None) if request else None
            if anchors is None and request is not None:
                anchors = request._figure_anchors = set()
            if anchors is None or code not in anchors:
                context["anchor"] = code
                if anchors is not None:
                    anchors.add(code)
        elif figures_url := (parent_context or {}).get("figures_page_url"):
            # Elsewhere (the home page), a card leads to where the figures are published in
            # full: the factsheet, at the card anchored at its indicator's code.
            context["figures_page_link"] = f"{figures_url}#{code}" if code else figures_url
        return context


def figure_text(value) -> tuple[str, str]:
    """The big number and the words after it, for the active language.

    A ratio per 1 000 inhabitants reads "1,5 établissement pour 1 000 habitants": the unit
    goes between the number and "pour 1 000 habitants".
    """
    decimals = value.get("decimals") or 0
    unit = value.get("unit") or ""
    if value.get("value") is None:  # a draft figure not entered yet
        return "…", unit
    if value["kind"] == formatting.PER_THOUSAND:
        number = formatting.format_number(value["value"], decimals)
        return number, formatting.per_thousand_suffix(unit)
    return (
        formatting.format_figure(
            value["value"], value["kind"], decimals, value.get("scale") or "units"
        ),
        unit,
    )
