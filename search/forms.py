"""The site search form: one free-text field, validated so that odd input gets a message."""

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Rechercher sur le site"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
        error_messages={
            "max_length": _(
                "Votre recherche est trop longue : %(limit_value)d caractères au "
                "plus (vous en avez saisi %(show_value)d)."
            ),
            "null_characters_not_allowed": _(
                "Votre recherche contient des caractères non autorisés."
            ),
        },
    )
