"""The search URL, mounted under the language prefix: /fr/recherche/, /en/search/."""

from django.utils.translation import gettext_noop

from core.i18n_urls import translated_path

from .views import search

urlpatterns = translated_path(gettext_noop("recherche/"), search, name="search")
