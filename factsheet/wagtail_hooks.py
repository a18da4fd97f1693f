"""The catalogue of indicators in the admin: its listing (search, filters), and the refusal to
delete an indicator that a page still uses; « Préparer l'édition suivante » on a factsheet."""

import django_filters
from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.models import Page, ReferenceIndex
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import checks, indicators, next_edition
from .admin_views import prepare_next_edition
from .dashboard import EssDeskPanel
from .models import FactsheetPage, Indicator, IndicatorKind


def latest_values():
    """{indicator id: "3 761 emplois (2023)"}: each indicator's value on the latest published
    edition that gives it, from the live factsheets' raw data (one query)."""
    latest = {}
    editions = FactsheetPage.objects.live().only("id", "body", "reference_year", "data_source")
    for edition in sorted(editions, key=lambda e: e.reference_year or 0):
        for indicator_id, point in indicators.observations(edition).items():
            latest[indicator_id] = point
    return latest


class IndicatorChooseMixin:
    """The chooser shows each indicator's code, unit and latest published value, so an editor
    picks the right one among similar names."""

    @property
    def columns(self):
        if not hasattr(self, "_latest"):
            self._latest = latest_values()

        def latest(indicator):
            point = self._latest.get(indicator.pk)
            if point is None:
                return "—"
            text = indicators.display(point, indicator)
            return f"{text} ({point.year})" if point.year else text

        return [
            *super().columns,
            Column("code", label=gettext_lazy("Code"), sort_key=None),
            Column("unit", label=gettext_lazy("Unité"), sort_key=None),
            Column(
                "latest",
                label=gettext_lazy("Dernière valeur publiée"),
                accessor=latest,
                sort_key=None,
            ),
        ]


class IndicatorChooseView(IndicatorChooseMixin, ChooseView):
    pass


class IndicatorChooseResultsView(IndicatorChooseMixin, ChooseResultsView):
    pass


class IndicatorChooserViewSet(SnippetChooserViewSet):
    choose_view_class = IndicatorChooseView
    choose_results_view_class = IndicatorChooseResultsView


class IndicatorFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(
        label=gettext_lazy("Nature"),
        choices=IndicatorKind.choices,
        empty_label=gettext_lazy("Toutes"),
    )
    territory = django_filters.CharFilter(label=gettext_lazy("Territoire"), lookup_expr="icontains")
    producer = django_filters.CharFilter(label=gettext_lazy("Producteur"), lookup_expr="icontains")
    used = django_filters.BooleanFilter(
        label=gettext_lazy("Utilisé par une page"),
        method="filter_used",
        widget=forms.NullBooleanSelect,
    )

    class Meta:
        model = Indicator
        fields = ["locale"]

    def filter_used(self, queryset, name, value):
        if value is None:
            return queryset
        used = ReferenceIndex.objects.filter(
            to_content_type=ReferenceIndex._get_base_content_type(Indicator)
        ).values_list("to_object_id", flat=True)
        used_ids = {int(pk) for pk in used if str(pk).isdigit()}
        return queryset.filter(pk__in=used_ids) if value else queryset.exclude(pk__in=used_ids)


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "decimal"
    menu_label = gettext_lazy("Indicateurs")
    menu_name = "indicateurs"
    add_to_admin_menu = True
    menu_order = 160
    list_display = ["name", "code", "kind", "unit", "territory", "locale"]
    list_filter = None
    filterset_class = IndicatorFilterSet
    search_fields = ["name", "code"]
    search_backend_name = None  # the database: the catalogue is small and codes are exact
    chooser_viewset_class = IndicatorChooserViewSet
    ordering = ["code"]


register_snippet(IndicatorViewSet)


def pages_using(indicator):
    """The pages (and other objects) whose content refers to `indicator`, from Wagtail's
    reference index: [(label, edit URL or None)]."""
    usage = ReferenceIndex.get_grouped_references_to(indicator)
    found = []
    for obj, _references in usage:
        title = getattr(obj, "get_admin_display_title", None)
        label = title() if title else str(obj)
        edit_url = None
        if hasattr(obj, "depth"):  # a page
            edit_url = reverse("wagtailadmin_pages:edit", args=[obj.pk])
        found.append((label, edit_url))
    return found


@hooks.register("before_delete_snippet")
def refuse_deleting_used_indicators(request, instances):
    """Deleting an indicator still used would leave its figures without a definition and
    break its public page: refuse, and say which pages use it. Runs for the single and the
    bulk deletion alike, before the confirmation."""
    instances = [item for item in instances if isinstance(item, Indicator)]
    refused = [(item, pages) for item in instances if (pages := pages_using(item))]
    if not refused:
        return None
    for indicator, pages in refused:
        messages.error(
            request,
            format_html(
                _(
                    "L'indicateur « {} » ({}) est encore utilisé et ne peut pas être supprimé. "
                    "Retirez-le d'abord de ces pages : {}"
                ),
                indicator.name,
                indicator.code,
                format_html_join(
                    ", ",
                    "{}",
                    (
                        (format_html('<a href="{}">{}</a>', url, label) if url else label,)
                        for label, url in pages
                    ),
                ),
            ),
        )
    return redirect(Indicator.snippet_viewset.get_url_name("list"))


@hooks.register("construct_homepage_panels")
def add_ess_desk_panel(request, panels):
    panels.insert(0, EssDeskPanel())


@hooks.register("register_admin_urls")
def register_next_edition_url():
    return [
        path(
            "chiffres-cles/<int:page_id>/edition-suivante/",
            prepare_next_edition,
            name="factsheet_prepare_next_edition",
        )
    ]


class PrepareNextEditionItem(PageMenuItem):
    """In a published French factsheet's "more" menus, for whoever may add its next edition."""

    label = gettext_lazy("Préparer l'édition suivante")
    icon_name = "copy"
    url_name = "factsheet_prepare_next_edition"

    def is_shown(self, user):
        if self.page.specific_class is not FactsheetPage or not self.page.live:
            return False
        root = next_edition.series_root(self.page)
        return next_edition.is_source_language(root) and next_edition.can_prepare(root, user)


@hooks.register("register_page_listing_more_buttons")
def next_edition_listing_item(page, user, next_url=None):
    yield PrepareNextEditionItem(page=page, priority=25)


@hooks.register("register_page_header_buttons")
def next_edition_header_item(page, user, view_name, next_url=None):
    yield PrepareNextEditionItem(page=page, priority=35)


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_carried_over_values(request, action_type, objects, action):
    """Bulk publishing skips the page form: refuse it as the form does while an edition's
    latest draft (or, with its descendants, a draft edition below it) still has values carried
    over from the previous edition."""
    pages = [page for page in objects if isinstance(page, Page)]
    if action_type != "publish" or not pages:
        return None
    editions = list(FactsheetPage.objects.filter(pk__in=[page.pk for page in pages]))
    if action.cleaned_form.cleaned_data.get("include_descendants"):
        for page in pages:
            editions += FactsheetPage.objects.descendant_of(page).not_live()
    for edition in editions:
        pending = checks.pending_updates(edition.get_latest_revision_as_object().body)
        if pending:
            messages.error(
                request,
                _("« %(title)s » n'a pas été publiée.")
                % {"title": edition.get_admin_display_title()}
                + " "
                + checks.pending_message(pending),
            )
            return redirect(action.next_url)
    return None
