"""The public contribution forms, mounted under the language prefix (/fr/contribuer/…,
/en/contribute/…)."""

from django.utils.translation import gettext_noop

from core.i18n_urls import translated_path

from . import views

app_name = "contribuer"
urlpatterns = [
    *translated_path(gettext_noop("contribuer/proposer/"), views.propose, "propose", app_name),
    *translated_path(
        gettext_noop("contribuer/corriger/<int:page_id>/"), views.correct, "correct", app_name
    ),
    *translated_path(gettext_noop("contribuer/merci/"), views.thanks, "thanks", app_name),
]
