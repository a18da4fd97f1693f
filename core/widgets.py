"""Form widgets shared by the public filter forms (the directory's, the agenda's), and the
message every public form gives for a value that is not among its choices."""

from django import forms
from django.utils.choices import BaseChoiceIterator
from django.utils.html import conditional_escape, escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

# A choice field's "invalid_choice" message, in French as the forms write it.
INVALID_CHOICE = _("Cette valeur n’existe pas dans la liste (« %(value)s »).")


class Pairs(BaseChoiceIterator):
    """A choice field's options given as Django normalizes them, (value, label) pairs without
    groups, which it then keeps as they are: a list assigned to `field.choices` is normalized
    twice (for the field, for its widget) at a couple of microseconds an option, a tenth of
    the directory page's time with its filters' fifty options set twice per request."""

    def __init__(self, pairs):
        self.pairs = list(pairs)

    def __iter__(self):
        return iter(self.pairs)


class Select(forms.Select):
    """Django's drop-down list, its HTML written by a loop rather than by its templates: they
    include a template per option and build a dict of a dozen keys for each, which cost a
    seventh of the directory page's time with its fifty options. Django's markup, without
    option groups and option attributes (the public filters use neither)."""

    def render(self, name, value, attrs=None, renderer=None):
        chosen = self.format_value(value)
        # As django/forms/widgets/attrs.html writes them (aria-invalid, id…).
        attributes = "".join(
            f" {escape(key)}" if attr is True else f' {escape(key)}="{escape(attr)}"'
            for key, attr in self.build_attrs(self.attrs, attrs).items()
            if attr is not False
        )
        options, has_selected = [], False
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            # Only the first option with the value is selected, as in ChoiceWidget.optgroups.
            selected = not has_selected and option_value in chosen
            has_selected |= selected
            options.append(
                f'\n  <option value="{escape(option_value)}"{" selected" if selected else ""}>'
                f"{conditional_escape(str(label))}</option>"
            )
        return mark_safe(f'<select name="{escape(name)}"{attributes}>{"".join(options)}\n</select>')  # noqa: S308 - every value escaped
