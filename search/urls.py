"""The search URL, mounted under the language prefix."""

from django.urls import path

from .views import search

urlpatterns = [path("recherche/", search, name="search")]
