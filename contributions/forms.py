"""The public form that proposes an actor or a correction of its profile.

Its fields follow the actor profile (directory.ActorPage) that a moderator will review, plus
who is proposing it. Everything typed is plain text: HTML tags are removed, control
characters refused, lengths bounded by the page's own fields.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from core.widgets import INVALID_CHOICE
from directory.choices import Family
from directory.models import ActorPage, Commune, Sector
from directory.validators import PHONE_PATTERN, siren_is_valid, siret_is_valid

from . import services, tokens

# Control characters other than tab and line breaks: never part of a name or an address.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
SUMMARY_MAX_LENGTH = 1000


class WebAddressField(forms.URLField):
    """A web site's address: http or https only. Replacing URLField's own validator (rather than
    adding one) gives a refused address one error, not two."""

    default_validators = [URLValidator(schemes=["http", "https"])]


def _no_control_characters(value):
    if CONTROL_CHARACTERS.search(value):
        raise ValidationError(
            _("Ce champ contient un caractère invisible non autorisé."), code="control_character"
        )


class PlainTextField(forms.CharField):
    """Text with its HTML tags removed and its invisible control characters refused."""

    default_error_messages = {
        "null_characters_not_allowed": _("Ce champ contient un caractère invisible non autorisé.")
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, validators=[_no_control_characters], **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return strip_tags(value).strip() if value else value


def _model_max_length(name):
    return ActorPage._meta.get_field(name).max_length


TOKEN_ERRORS = {
    "invalid": _("Le formulaire a été modifié ou est incomplet : rechargez la page."),
    "too_fast": _("Le formulaire a été envoyé trop vite : relisez-le, puis envoyez-le de nouveau."),
    "expired": _("Le formulaire est resté ouvert trop longtemps : envoyez-le de nouveau."),
    "used": _("Cette proposition a déjà été envoyée : nous l’avons bien reçue."),
}


class ContributionForm(forms.Form):
    title = PlainTextField(label=_("Nom de l’organisation"), max_length=255)
    siret = forms.CharField(
        label=_("SIRET"),
        required=False,
        max_length=20,
        help_text=_(
            "14 chiffres, facultatif. Par ex. 123 456 789 00012. Pour une fiche déjà dans "
            "l’annuaire, le SIREN (9 chiffres) suffit."
        ),
    )
    family = forms.ChoiceField(
        label=_("Famille de l’ESS"), required=False, choices=[("", "—"), *Family.choices]
    )
    sectors = forms.ModelMultipleChoiceField(
        label=_("Secteurs d’activité"),
        required=False,
        queryset=Sector.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    commune = forms.ModelChoiceField(
        label=_("Commune"),
        queryset=Commune.objects.all(),
        to_field_name="insee_code",
        empty_label="—",
        help_text=_("L’une des 14 communes de l’agglomération."),
    )
    street_address = PlainTextField(
        label=_("Adresse"),
        required=False,
        max_length=_model_max_length("street_address"),
        help_text=_("Numéro et voie, sans la commune."),
    )
    website = WebAddressField(
        label=_("Site web"),
        required=False,
        max_length=_model_max_length("website"),
        assume_scheme="https",
        help_text=_("Par ex. https://www.exemple.fr"),
    )
    email = forms.EmailField(
        label=_("Courriel public"),
        required=False,
        max_length=_model_max_length("email"),
        help_text=_("Affiché sur la fiche."),
    )
    phone = forms.CharField(
        label=_("Téléphone public"),
        required=False,
        max_length=_model_max_length("phone"),
        validators=[
            RegexValidator(
                PHONE_PATTERN,
                _("Saisissez un numéro de téléphone, par ex. 03 21 00 00 00 ou +33 3 21 00 00 00."),
            )
        ],
        help_text=_("Par ex. 03 21 00 00 00."),
    )
    summary = PlainTextField(
        label=_("Ce que fait l’organisation"),
        required=False,
        max_length=SUMMARY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Deux ou trois phrases, sans mise en forme."),
    )
    submitter_name = PlainTextField(label=_("Votre nom"), max_length=120)
    submitter_email = forms.EmailField(
        label=_("Votre courriel"),
        max_length=254,
        help_text=_("Pour vous confirmer la réception et vous dire notre décision."),
    )
    submitter_relation = PlainTextField(
        label=_("Votre lien avec l’organisation"),
        max_length=120,
        help_text=_("Par ex. salariée, bénévole, président."),
    )
    consent = forms.BooleanField(label=_("J’accepte que mes données soient traitées"))
    # Hidden from people (see the template); robots that fill every field fill it.
    contact_url = forms.CharField(label=_("Laissez ce champ vide"), required=False)
    started = forms.CharField(widget=forms.HiddenInput, required=False)

    PROFILE_FIELDS = [
        "title",
        "siret",
        "family",
        "sectors",
        "commune",
        "street_address",
        "website",
        "email",
        "phone",
        "summary",
    ]

    def __init__(self, *args, sectors, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor  # the profile being corrected, None for a new actor
        self.fields["sectors"].queryset = sectors
        for name in ("family", "sectors", "commune"):
            self.fields[name].error_messages["invalid_choice"] = INVALID_CHOICE
        self.fields["sectors"].error_messages["invalid_pk_value"] = _(
            "Cette valeur n’existe pas dans la liste (« %(pk)s »)."
        )

    @property
    def is_spam(self):
        """Whether the honeypot was filled: the visitor is told it worked, nothing is kept."""
        return bool(self.data.get("contact_url"))

    def clean_siret(self):
        siret = re.sub(r"\s", "", self.cleaned_data["siret"])
        if len(siret) == 9 and siret.isdigit():
            return self._siret_of_siren(siret)
        if siret and not siret_is_valid(siret):
            raise ValidationError(
                _(
                    "Ce SIRET n’est pas valide (« %(value)s ») : il compte 14 chiffres dont "
                    "le dernier est une clé de contrôle. Vérifiez chaque chiffre."
                ),
                code="siret",
                params={"value": siret},
            )
        return siret

    def _siret_of_siren(self, siren):
        """A SIREN names a company, the directory lists establishments (one SIRET each): a SIREN
        is taken for the SIRET of the one listed actor of that company, the profile being
        corrected first. A new actor needs its establishment's SIRET, which a SIREN cannot
        give."""
        if not siren_is_valid(siren):
            raise ValidationError(
                _(
                    "Ce SIREN n’est pas valide (« %(value)s ») : il compte 9 chiffres dont le "
                    "dernier est une clé de contrôle. Vérifiez chaque chiffre."
                ),
                code="siren",
                params={"value": siren},
            )
        if self.actor is not None and self.actor.siret.startswith(siren):
            return self.actor.siret
        actors = services.actors_with_siren(siren)
        if len(actors) == 1:
            return actors[0].siret
        if actors:
            message = _(
                "Plusieurs établissements de l’annuaire ont ce SIREN (« %(value)s ») : indiquez "
                "le SIRET (14 chiffres) de celui dont il s’agit."
            )
        else:
            message = _(
                "Aucun acteur de l’annuaire n’a ce SIREN (« %(value)s ») : indiquez le SIRET "
                "(14 chiffres) de l’établissement situé dans l’agglomération, ou laissez le "
                "champ vide."
            )
        raise ValidationError(message, code="siren_unknown", params={"value": siren})

    def clean(self):
        cleaned_data = super().clean()
        problem = tokens.check(cleaned_data.get("started"))
        if problem:
            # Not the hidden field's error: the visitor sees it at the top of the form.
            self.add_error(None, ValidationError(TOKEN_ERRORS[problem], code=problem))
        return cleaned_data

    def profile_values(self):
        return {name: self.cleaned_data[name] for name in self.PROFILE_FIELDS}
