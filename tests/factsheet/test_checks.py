"""Derived figures are recomputed from the figures they come from."""

import copy

from django.utils.translation import override

from factsheet import checks
from factsheet.blocks import FactsheetStreamBlock
from tests.factsheet.demo_body import BODY


def body_of(raw):
    return FactsheetStreamBlock().to_python(raw)


def figure(value, key="", check="", numerator="", denominator="", decimals=0, **extra):
    return {
        "type": "figure",
        "value": {
            "value": value,
            "kind": "number",
            "label": key or "dérivé",
            "decimals": decimals,
            "key": key,
            "check": check,
            "numerator": numerator,
            "denominator": denominator,
            **extra,
        },
    }


def test_the_brochure_ratios_match():
    results = checks.compute_checks(body_of(BODY))
    assert [(r.status, r.explanation) for r in results] == [
        ("ok", "196 ÷ 126\u202f895 × 1\u202f000 = 1,5"),
        ("ok", "3\u202f761 ÷ 196 = 19,2"),
    ]


def test_a_wrong_figure_is_a_mismatch_with_the_recomputed_value():
    raw = copy.deepcopy(BODY)
    raw[2]["value"]["figures"][3]["value"] = "21.4"  # mean employees per establishment
    result = checks.compute_checks(body_of(raw))[1]
    assert result.status == "mismatch"
    assert str(result.computed) == "19.2"


def test_share_in_percent_compares_at_the_displayed_decimals():
    body = body_of(
        [
            figure("196", key="etab"),
            figure("2613", key="total"),
            figure("7.5", check="share", numerator="etab", denominator="total", decimals=1),
            figure("7.6", check="share", numerator="etab", denominator="total", decimals=1),
        ]
    )
    assert [r.status for r in checks.compute_checks(body)] == ["ok", "mismatch"]


def test_scales_are_taken_into_account():
    body = body_of(
        [
            figure("91.3", key="masse", scale="millions"),
            figure("3761", key="emplois"),
            figure("24275", check="quotient", numerator="masse", denominator="emplois", decimals=0),
        ]
    )
    [result] = checks.compute_checks(body)
    assert result.status == "ok"


def test_unknown_keys_and_zero_denominators_are_reported_not_raised():
    body = body_of(
        [
            figure("0", key="zero"),
            figure("5", key="cinq"),
            figure("1", check="quotient", numerator="cinq", denominator="absent"),
            figure("1", check="quotient", numerator="cinq", denominator="zero"),
        ]
    )
    first, second = checks.compute_checks(body)
    assert first.status == second.status == "incomplete"
    assert first.explanation == "Aucun chiffre de la page ne porte l'identifiant « absent »."
    assert second.explanation == "Le dénominateur « zero » vaut zéro."
    # In the language of an editor who reads the admin in English.
    with override("en"):
        first, second = checks.compute_checks(body)
    assert first.explanation == "No figure on the page has the identifier « absent »."
    assert second.explanation == "The denominator “zero” is zero."


def test_figures_without_a_check_are_not_listed():
    assert checks.compute_checks(body_of([figure("5", key="cinq")])) == []
    assert checks.compute_checks(None) == []
