"""The admin's « Préparer l'édition suivante »: a confirmation form, then the copy (POST only)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.admin.auth import permission_denied

from . import next_edition
from .models import FactsheetPage


@require_http_methods(["GET", "POST"])
def prepare_next_edition(request, page_id):
    page = get_object_or_404(FactsheetPage, pk=page_id)
    root = next_edition.series_root(page)
    if not next_edition.can_prepare(root, request.user):
        return permission_denied(request)
    explore_url = reverse("wagtailadmin_explore", args=[root.pk])
    if not next_edition.is_source_language(root):
        messages.error(
            request,
            _(
                "Une nouvelle édition se prépare sur les chiffres clés en français ; sa version "
                "anglaise se crée ensuite avec « Traduire », comme pour toute page."
            ),
        )
        return redirect(explore_url)
    latest = next_edition.latest_edition(root)
    if latest is None:
        messages.error(
            request,
            _(
                "Aucune édition de « %(series)s » n'est publiée : publiez-en une avant de "
                "préparer la suivante."
            )
            % {"series": root.title},
        )
        return redirect(explore_url)
    form = next_edition.NextEditionForm(
        request.POST if request.method == "POST" else None, root=root, latest=latest
    )
    if form.is_bound and form.is_valid():
        year = form.year()
        try:
            edition = next_edition.prepare(latest, root, year, request.user)
        except ValidationError as error:  # an edition of that year created meanwhile
            form.add_error(None, error.messages)
        else:
            copied_from = latest.reference_year or _("« %(title)s »") % {"title": latest.title}
            messages.success(
                request,
                _(
                    "L'édition %(year)s est prête en brouillon, copiée de l'édition %(latest)s. "
                    "Toutes ses valeurs sont marquées « pas encore mis à jour » : changez "
                    "chacune, ou cochez « Valeur inchangée », avant de publier."
                )
                % {"year": year, "latest": copied_from},
            )
            return redirect("wagtailadmin_pages:edit", edition.pk)
    return TemplateResponse(
        request,
        "factsheet/admin/prepare_next_edition.html",
        {
            "root": root,
            "latest": latest,
            "form": form,
            "year": latest.reference_year + 1 if latest.reference_year else None,
            "explore_url": explore_url,
        },
    )
