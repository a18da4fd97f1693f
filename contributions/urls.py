"""The public contribution forms, mounted under the language prefix (/fr/contribuer/…)."""

from django.urls import path

from . import views

app_name = "contribuer"
urlpatterns = [
    path("contribuer/proposer/", views.propose, name="propose"),
    path("contribuer/corriger/<int:page_id>/", views.correct, name="correct"),
    path("contribuer/merci/", views.thanks, name="thanks"),
]
