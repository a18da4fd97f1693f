"""Figure checks for editors: recompute the figures that derive from others on the same page.

An editor gives a figure card a ``key`` ("population") and, on a derived figure, a ``check``
(ratio per 1 000, quotient, share in %) with the keys of its numerator and denominator. The
stated figure matches when the recomputed value, rounded to the card's displayed decimals,
equals it. A mismatch is a warning to read before publishing, never a blocking error.

A value carried over from the previous edition and not yet updated nor confirmed
(``carry_over``) is another matter: ``pending_updates`` names it, and the page form refuses to
publish while there is one.

The checks also say which figures show no change since the previous edition although it
published their indicator (``missing_changes``): its year is unknown, or the figure's nature or
unit has changed.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from core import formatting
from core.figures import PER_THOUSAND_CHECK, QUOTIENT_CHECK, SHARE_CHECK, card_key, figure_text

from . import carry_over, indicators

MULTIPLIERS = {
    PER_THOUSAND_CHECK: Decimal(1000),
    QUOTIENT_CHECK: Decimal(1),
    SHARE_CHECK: Decimal(100),
}
OK, MISMATCH, INCOMPLETE = "ok", "mismatch", "incomplete"


@dataclass(frozen=True)
class FigureCheck:
    label: str
    stated: Decimal
    computed: Decimal | None
    decimals: int
    status: str
    explanation: str

    @property
    def ok(self) -> bool:
        return self.status == OK


def page_figures(body):
    """Every figure card of a factsheet body, in reading order (standalone or in a group)."""
    for block in body or []:
        if block.block_type == "figure":
            yield block.value
        elif block.block_type == "figure_group":
            yield from block.value["figures"]


def pending_updates(body) -> list[str]:
    """The figures and charts still carried over from the previous edition, as the editor
    finds them on the page: « 3 761 emplois ESS », « graphique « Établissements… » »."""
    pending = []
    for block in body or []:
        if block.block_type == "chart":
            if carry_over.chart_is_marked(block.value):
                pending.append(
                    _("le graphique « %(title)s »") % {"title": block.value.get("title")}
                )
            continue
        for figure in page_figures([block]):
            if carry_over.card_is_marked(figure):
                pending.append(_("« %(figure)s »") % {"figure": _describe(figure)})
    return pending


def pending_message(pending) -> str:
    return _(
        "Des valeurs copiées de l'édition précédente ne sont pas encore mises à jour : "
        "%(values)s. Changez chaque valeur, ou cochez « Valeur inchangée » (« Données "
        "inchangées » pour un graphique) si elle vaut toujours pour cette année. Le brouillon "
        "peut être enregistré en attendant."
    ) % {"values": ", ".join(pending)}


def _scaled(figure) -> Decimal:
    """The figure in units: 91,3 millions → 91 300 000."""
    return figure["value"] * formatting.SCALES[figure.get("scale") or "units"]


def _describe(figure) -> str:
    """The figure as the reader sees it: "1,5 établissement pour 1 000 habitants"."""
    return " ".join(part for part in (*figure_text(figure), figure.get("label")) if part)


def compute_checks(body) -> list[FigureCheck]:
    """One result per figure card that asks for a check, in reading order."""
    figures = [f for f in page_figures(body) if f.get("value") is not None]
    by_key = {card_key(f): f for f in figures if card_key(f)}
    results = []
    for figure in figures:
        formula = figure.get("check")
        if not formula:
            continue
        decimals = figure.get("decimals") or 0
        label = _describe(figure)
        numerator = by_key.get(figure.get("numerator") or "")
        denominator = by_key.get(figure.get("denominator") or "")
        missing = [
            key
            for key, found in (
                (figure.get("numerator"), numerator),
                (figure.get("denominator"), denominator),
            )
            if found is None
        ]
        if missing:
            results.append(
                FigureCheck(
                    label,
                    figure["value"],
                    None,
                    decimals,
                    INCOMPLETE,
                    _("Aucun chiffre de la page ne porte l'identifiant %(keys)s.")
                    % {"keys": ", ".join(f"« {key or '?'} »" for key in missing)},
                )
            )
            continue
        scale = formatting.SCALES[figure.get("scale") or "units"]
        try:
            computed = _scaled(numerator) / _scaled(denominator) * MULTIPLIERS[formula] / scale
        except (ZeroDivisionError, InvalidOperation):
            results.append(
                FigureCheck(
                    label,
                    figure["value"],
                    None,
                    decimals,
                    INCOMPLETE,
                    _("Le dénominateur « %(key)s » vaut zéro.") % {"key": figure["denominator"]},
                )
            )
            continue
        # Compare what the reader sees: both values rounded to the displayed decimals.
        quantum = Decimal(1).scaleb(-decimals)
        rounded = computed.quantize(quantum, rounding=ROUND_HALF_UP)
        stated = figure["value"].quantize(quantum, rounding=ROUND_HALF_UP)
        status = OK if rounded == stated else MISMATCH
        results.append(
            FigureCheck(
                label,
                figure["value"],
                rounded,
                decimals,
                status,
                _explain(formula, numerator, denominator, rounded, decimals),
            )
        )
    return results


def _explain(formula, numerator, denominator, result, decimals) -> str:
    """ "196 ÷ 126 895 × 1 000 = 1,5" in the editor's language."""
    operation = f"{formatting.format_number(_scaled(numerator), numerator.get('decimals') or 0)}"
    operation += (
        f" ÷ {formatting.format_number(_scaled(denominator), denominator.get('decimals') or 0)}"
    )
    if formula != QUOTIENT_CHECK:
        operation += f" × {formatting.format_number(MULTIPLIERS[formula])}"
    return f"{operation} = {formatting.format_number(result, decimals)}"


def missing_changes(page) -> list[str]:
    """Why a figure of ``page`` (an edition) shows no change since the previous edition that
    published its indicator, one sentence per figure in the editor's language, in reading
    order: the public page then shows the figure alone (``FactsheetPage.figure_change``)."""
    earlier = indicators.earlier_observations(page.edition_series(), page)
    kinds = dict(formatting.KIND_CHOICES)
    warnings = []
    for figure in page_figures(page.body):
        indicator = figure.get("indicator")
        previous = earlier.get(indicator.pk) if indicator else None
        if previous is None or figure.get("value") is None:
            continue
        current = indicators.observation({**figure, "indicator": indicator.pk}, page)
        words = {
            "figure": _describe(figure),
            "edition": previous.edition.title,
            "year": previous.year,
        }
        match indicators.obstacle(previous, current):
            case indicators.NO_YEAR:
                warning = _(
                    "« %(figure)s » : pas d'évolution affichée sur la page publique, car "
                    "l'édition « %(edition)s », qui publiait ce chiffre, n'a pas d'année de "
                    "référence."
                )
            case indicators.OTHER_KIND:
                warning = _(
                    "« %(figure)s » : pas d'évolution affichée sur la page publique, car sa "
                    "nature a changé depuis l'édition « %(edition)s » (%(before)s en %(year)s, "
                    "%(now)s ici)."
                )
                words |= {
                    "before": kinds.get(previous.card_kind),
                    "now": kinds.get(current.card_kind),
                }
            case indicators.OTHER_UNIT:
                warning = _(
                    "« %(figure)s » : pas d'évolution affichée sur la page publique, car son "
                    "unité a changé depuis l'édition « %(edition)s » (« %(before)s » en "
                    "%(year)s, « %(now)s » ici)."
                )
                words |= {"before": previous.unit_text, "now": current.unit_text}
            case _:
                continue
        warnings.append(warning % words)
    return warnings
