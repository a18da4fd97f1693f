"""The key-figures page: figure cards and charts composed by editors, and their data files."""

import csv

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, Panel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from core.blocks import BLOCK_ID_PATTERN, GroupedPageCardsBlock, PageCardsBlock, url_block_id
from core.drill import DirectoryLinksPanel
from core.models import BasePage
from core.spreadsheets import spreadsheet_row

from . import checks, exports
from .blocks import FactsheetStreamBlock


class FactsheetBodyBlock(FactsheetStreamBlock):
    """The factsheet's blocks and the directory's actors: employers and actors, as in the
    brochure (named by string: the factsheet imports no other domain app)."""

    employers = GroupedPageCardsBlock(
        "directory.ActorPage",
        list_name="actors",
        heading="Exemples d'employeurs de l'ESS",
        item_label="Acteur",
        list_label="Employeurs",
        icon="table",
        label="Exemples d'employeurs par taille",
        template="blocks/employers_by_band.html",
        description="Des employeurs de l'ESS regroupés par tranche d'effectif salarié.",
    )
    actors = PageCardsBlock(
        "directory.ActorPage",
        list_name="actors",
        heading="Acteurs de l'ESS",
        item_label="Acteur",
        list_label="Acteurs",
        label="Acteurs de l'ESS",
        description="Des fiches d'acteurs de l'annuaire présentées en cartes.",
    )


class FigureChecksPanel(Panel):
    """Read-only panel: the recomputed derived figures of the page being edited."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "factsheet/panels/figure_checks.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            # The edit form's instance is the latest draft, so editors check what they will
            # publish.
            context["checks"] = checks.compute_checks(getattr(self.instance, "body", None))
            return context


class FactsheetPage(RoutablePageMixin, BasePage):
    """The key figures of the ESS on one territory, with their data as CSV and JSON."""

    territory = models.CharField("Territoire", max_length=200)
    reference_year = models.IntegerField(
        "Année de référence des données",
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text="Laissez vide si la publication ne la précise pas.",
    )
    data_source = models.CharField("Source des données", max_length=255, blank=True)
    method_note = RichTextField(
        "Note de méthode", blank=True, features=["bold", "italic", "link", "ul"]
    )
    body = StreamField(FactsheetBodyBlock(), blank=True, verbose_name="Contenu")

    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("territory"),
                FieldPanel("reference_year"),
                FieldPanel("data_source"),
                FieldPanel("method_note"),
            ],
            heading="Territoire et données",
        ),
        FieldPanel("body"),
        FigureChecksPanel(heading="Vérification des chiffres"),
        DirectoryLinksPanel(["body"], heading="Liens vers l'annuaire"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("territory"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("Page de chiffres clés")
        verbose_name_plural = _("Pages de chiffres clés")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Editors see the checks in preview; the public never does.
        if getattr(request, "is_preview", False):
            context["figure_checks"] = checks.compute_checks(self.body)
        return context

    def chart_csv_url(self, block_id, request=None):
        return self.get_url(request) + self.reverse_subpage("chart_csv", args=[block_id])

    @path("donnees/csv/", name="figures_csv")
    def figures_csv(self, request):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}.csv"'
        writer = csv.writer(response)
        writer.writerow(exports.FIGURE_COLUMNS)
        for row in exports.figure_rows(self):
            writer.writerow(spreadsheet_row(row))
        return response

    @path("donnees/json/", name="figures_json")
    def figures_json(self, request):
        return JsonResponse(
            exports.figures_document(self),
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )

    @re_path(rf"^graphiques/(?P<block_id>{BLOCK_ID_PATTERN})/csv/$", name="chart_csv")
    def chart_csv(self, request, block_id):
        # The id as its link gives it (core.blocks.url_block_id), whatever case it is stored in.
        chart = next(
            (b for b in self.body if b.block_type == "chart" and url_block_id(b.id) == block_id),
            None,
        )
        if chart is None:
            raise Http404("Aucun graphique ne porte cet identifiant sur cette page.")
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.slug}-{block_id}.csv"'
        writer = csv.writer(response)
        writer.writerow(exports.CHART_COLUMNS)
        for row in exports.chart_rows(chart.value):
            writer.writerow(spreadsheet_row(row))
        return response
