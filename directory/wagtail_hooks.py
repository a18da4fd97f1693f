"""Admin comfort for the directory: a filterable list of actors and the taxonomy snippets.

The page explorer shows actors one directory at a time and cannot narrow them down; editors
looking for "the associations of Carvin" get a flat listing with the directory's own filters.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.pages.listing import PageFilterSet
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .choices import HEADCOUNT_CHOICES, Family
from .models import ActorPage, Commune, Sector, SupportServiceCategory


class ActorFilterSet(PageFilterSet):
    family = django_filters.ChoiceFilter(
        label=_("Famille de l'ESS"), choices=Family.choices, empty_label=_("Toutes")
    )
    sectors = django_filters.ModelChoiceFilter(
        label=_("Secteur d'activité"),
        queryset=Sector.objects.select_related("locale"),
        empty_label=_("Tous"),
    )
    commune = django_filters.ModelChoiceFilter(
        label=_("Commune"), queryset=Commune.objects.all(), empty_label=_("Toutes")
    )
    headcount_band = django_filters.ChoiceFilter(
        label=_("Tranche d'effectif salarié"), choices=HEADCOUNT_CHOICES, empty_label=_("Toutes")
    )

    class Meta:
        model = ActorPage
        fields = []


class ActorListingViewSet(PageListingViewSet):
    model = ActorPage
    name = "acteurs"
    icon = "group"
    menu_label = _("Acteurs de l'ESS")
    add_to_admin_menu = True
    menu_order = 150
    filterset_class = ActorFilterSet


@hooks.register("register_admin_viewset")
def register_actor_listing():
    return ActorListingViewSet()


class TaxonomyFilterSet(WagtailFilterSet):
    """Taxonomy entries nobody uses yet are the ones worth checking before a deletion."""

    used = django_filters.BooleanFilter(
        label=_("Utilisé"), method="filter_used", widget=forms.NullBooleanSelect
    )

    # Overridden per model with the reverse relation that counts as a use.
    usage_relation = ""

    def filter_used(self, queryset, name, value):
        if value is None:
            return queryset
        used = queryset.filter(**{f"{self.usage_relation}__isnull": False}).distinct()
        return used if value else queryset.exclude(pk__in=used.values("pk"))


class SectorFilterSet(TaxonomyFilterSet):
    usage_relation = "actors"

    class Meta:
        model = Sector
        fields = ["locale"]


class SupportServiceCategoryFilterSet(TaxonomyFilterSet):
    usage_relation = "services"

    class Meta:
        model = SupportServiceCategory
        fields = ["locale"]


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "tag"
    menu_label = _("Secteurs d'activité")
    list_display = ["name", "locale"]
    search_fields = ["name"]
    filterset_class = SectorFilterSet


class SupportServiceCategoryViewSet(SnippetViewSet):
    model = SupportServiceCategory
    icon = "folder-open-inverse"
    menu_label = _("Catégories de services d'appui")
    list_display = ["name", "locale"]
    search_fields = ["name"]
    filterset_class = SupportServiceCategoryFilterSet


register_snippet(SectorViewSet)
register_snippet(SupportServiceCategoryViewSet)
