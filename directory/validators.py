"""Checks for French company identifiers: SIRET and SIREN (Luhn key) and RNA (associations
register)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# A French or international phone number as people write it (the profile's field and the public
# contribution form).
PHONE_PATTERN = r"^\+?[0-9 .]{10,20}$"

# La Poste's establishments share the SIREN 356 000 000; INSEE numbers them so that the sum
# of the SIRET's digits is a multiple of 5 instead of following the Luhn key.
LA_POSTE_SIREN = "356000000"


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = int(char)
        if position % 2 == 1:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return total % 10 == 0


def siret_is_valid(value: str) -> bool:
    if not re.fullmatch(r"\d{14}", value or ""):
        return False
    if value.startswith(LA_POSTE_SIREN):
        return sum(int(char) for char in value) % 5 == 0
    return luhn_valid(value)


def siren_is_valid(value: str) -> bool:
    """A company's 9-digit SIREN (the first 9 digits of its establishments' SIRET), with its
    Luhn key; La Poste's SIREN follows the key too."""
    return bool(re.fullmatch(r"\d{9}", value or "")) and luhn_valid(value)


def validate_siret(value):
    if not re.fullmatch(r"\d{14}", value):
        raise ValidationError(
            _(
                "Un SIRET compte exactement 14 chiffres, sans espace "
                "(valeur saisie : « %(value)s »)."
            ),
            code="siret_format",
            params={"value": value},
        )
    if not siret_is_valid(value):
        raise ValidationError(
            _(
                "Ce SIRET n'est pas valide : sa clé de contrôle ne correspond pas "
                "(valeur saisie : « %(value)s »). Vérifiez chaque chiffre."
            ),
            code="siret_checksum",
            params={"value": value},
        )


def validate_rna(value):
    if not re.fullmatch(r"W\d{9}", value):
        raise ValidationError(
            _(
                "Un numéro RNA s'écrit W suivi de 9 chiffres, par ex. W623000000 "
                "(valeur saisie : « %(value)s »)."
            ),
            code="rna_format",
            params={"value": value},
        )
