"""StreamField blocks for key figures: figure cards (and, below, groups and charts)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.blocks.struct_block import BlockGroup, StructBlockValidationError

from . import formatting


class FigureCardBlock(blocks.StructBlock):
    """One key figure: a number stored as a Decimal, written for the reader's language."""

    value = blocks.DecimalBlock(label="Valeur", max_digits=15, decimal_places=3)
    kind = blocks.ChoiceBlock(
        choices=formatting.KIND_CHOICES, default=formatting.NUMBER, label="Nature du chiffre"
    )
    unit = blocks.CharBlock(
        required=False, label="Unité", help_text="Ce qui est compté, par ex. « emplois ESS »."
    )
    label = blocks.CharBlock(label="Libellé", help_text="Par ex. « des emplois ESS régionaux ».")
    context = blocks.CharBlock(
        required=False,
        label="Précision",
        help_text="Une ligne de contexte facultative, par ex. « 8,7 % du département ».",
    )
    scale = blocks.ChoiceBlock(choices=formatting.SCALE_CHOICES, default="units", label="Échelle")
    decimals = blocks.IntegerBlock(default=0, min_value=0, max_value=3, label="Décimales affichées")
    year = blocks.IntegerBlock(
        required=False, min_value=1900, max_value=2100, label="Année de référence"
    )
    source = blocks.CharBlock(required=False, label="Source")

    class Meta:
        icon = "decimal"
        label = "Chiffre clé"
        template = "blocks/figure_card.html"
        description = "Un chiffre mis en valeur, avec son unité, son libellé et sa source."
        form_layout = BlockGroup(
            children=["value", "kind", "unit", "label", "context"],
            settings=["scale", "decimals", "year", "source"],
        )
        preview_value = {
            "value": Decimal("3761"),
            "kind": formatting.NUMBER,
            "unit": "emplois ESS",
            "label": "dans la CA Hénin-Carvin",
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
                errors["value"] = ErrorList(
                    [
                        ValidationError(
                            "Un pourcentage doit être compris entre 0 et 100 "
                            f"(valeur saisie : {number})."
                        )
                    ]
                )
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["formatted_value"] = formatting.format_figure(
            value["value"], value["kind"], value["decimals"] or 0, value["scale"]
        )
        return context
