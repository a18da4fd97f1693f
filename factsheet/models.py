"""The key-figures page: figure cards and charts composed by editors, and their data files;
the catalogue of indicators those figures measure.

Each FactsheetPage is an edition for one reference year; ``editions`` explains how the
series root shows the latest one and keeps the others online as archives.
"""

import csv
from datetime import date
from functools import partial

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language, gettext, gettext_noop, override
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, Panel
from wagtail.contrib.routable_page.models import RoutablePageMixin, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core import drill
from core.blocks import BLOCK_ID_PATTERN, GroupedPageCardsBlock, PageCardsBlock, url_block_id
from core.cache import until_next_publication
from core.drill import DirectoryLinksPanel
from core.i18n_urls import translated_route
from core.models import BasePage
from core.public_address import absolute_url
from core.spreadsheets import spreadsheet_row
from core.structured_data import script_json

from . import checks, editions, exports, indicators, structured_data
from .blocks import FactsheetStreamBlock

# An indicator's code is its address (/fr/chiffres-cles/indicateurs/<code>/) and its column
# in the open data: lower-case ASCII, digits, "-" and "_", as the figure cards' keys.
CODE_PATTERN = r"[a-z0-9][a-z0-9_-]{0,39}"
CODE_VALIDATOR = RegexValidator(
    rf"^{CODE_PATTERN}$",
    "Code : de 1 à 40 caractères, lettres minuscules sans accent, chiffres, « - » ou « _ », "
    "commençant par une lettre ou un chiffre.",
)


def public_url(request, address):
    """`address` at the site's public address (core.public_address), whatever the Host."""
    if not address.startswith("/"):
        return address
    return absolute_url(address, request.build_absolute_uri("/") if request else "")


# The indicators' address beneath the factsheet, translated: /en/key-figures/indicators/<code>/.
INDICATORS = gettext_noop("indicateurs/")
# The path segment of the factsheet's data files, translated: /en/key-figures/data/csv/.
DATA = gettext_noop("donnees/")


class IndicatorKind(models.TextChoices):
    COUNT = "count", "Nombre (effectif)"
    PERCENT = "percent", "Pourcentage"
    EUROS = "euros", "Montant en euros"
    RATIO = "ratio", "Ratio (moyenne, densité, pour 1 000)"


# The ways a figure card may write a value of each kind of indicator (core.formatting kinds).
CARD_KINDS = {
    IndicatorKind.COUNT: {"number"},
    IndicatorKind.PERCENT: {"percent"},
    IndicatorKind.EUROS: {"euro"},
    IndicatorKind.RATIO: {"number", "per_thousand"},
}


class IndicatorForm(WagtailAdminModelForm):
    """The directory filter is chosen from the directory's own taxonomies, read when the form
    is built (core.drill), never typed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in drill.FILTER_LABELS.items():
            field_name = f"directory_{name}"
            if field_name in self.fields:
                choices = [("", "---------"), *drill.CHOICES[name]()]
                current = self.initial.get(field_name)
                if current and current not in dict(choices):
                    # A value deleted from the directory since: kept visible so the editor sees
                    # what to replace, flagged as such.
                    choices.append((current, f"{current} (n'existe plus dans l'annuaire)"))
                self.fields[field_name] = forms.ChoiceField(
                    label=label, choices=choices, required=False
                )


class Indicator(TranslatableMixin, index.Indexed, models.Model):
    """What one figure measures, whatever the year: its definition, scope, unit and source.

    Figure cards and chart rows refer to it (core.figures, factsheet.blocks); its code, the
    same in every language, gives its public page and its rows in the open data.
    """

    code = models.CharField(
        "code",
        max_length=40,
        validators=[CODE_VALIDATOR],
        help_text="Identifiant stable, jamais traduit, par ex. « emplois » : il donne l'adresse "
        "de la page de l'indicateur et sa ligne dans les données ouvertes. Ne le changez pas "
        "une fois publié.",
    )
    name = models.CharField("nom", max_length=200, help_text="Par ex. « Emplois de l'ESS ».")
    definition = RichTextField(
        "définition",
        features=["bold", "italic", "link", "ul"],
        help_text="Ce qui est compté, exactement.",
    )
    scope = models.TextField(
        "champ et limites",
        blank=True,
        help_text="Ce qui est inclus ou exclu, les changements de méthode, les précautions.",
    )
    kind = models.CharField(
        "nature", max_length=10, choices=IndicatorKind.choices, default=IndicatorKind.COUNT
    )
    unit = models.CharField(
        "unité",
        max_length=80,
        blank=True,
        help_text="L'unité des valeurs, par ex. « emplois », « % », « euros ».",
    )
    territory = models.CharField("territoire", max_length=200)
    territory_code = models.CharField(
        "code du territoire",
        max_length=20,
        blank=True,
        help_text="Code officiel du territoire (SIREN de l'EPCI, code INSEE), s'il est connu.",
    )
    producer = models.CharField(
        "producteur", max_length=200, blank=True, help_text="Qui produit ou publie ce chiffre."
    )
    source = models.CharField("source", max_length=255, blank=True)
    directory_family = models.CharField(drill.FILTER_LABELS["family"], max_length=40, blank=True)
    directory_sector = models.CharField(drill.FILTER_LABELS["sector"], max_length=40, blank=True)
    directory_commune = models.CharField(drill.FILTER_LABELS["commune"], max_length=10, blank=True)
    directory_band = models.CharField(drill.FILTER_LABELS["band"], max_length=40, blank=True)

    base_form_class = IndicatorForm
    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("definition"),
        FieldPanel("scope"),
        MultiFieldPanel(
            [FieldPanel("kind"), FieldPanel("unit")], heading="Nature et unité des valeurs"
        ),
        MultiFieldPanel(
            [
                FieldPanel("territory"),
                FieldPanel("territory_code"),
                FieldPanel("producer"),
                FieldPanel("source"),
            ],
            heading="Territoire et source",
        ),
        MultiFieldPanel(
            [FieldPanel(f"directory_{name}") for name in drill.FILTER_LABELS],
            heading="Acteurs de l'annuaire correspondants (facultatif)",
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("code"),
        index.AutocompleteField("code"),
        index.FilterField("locale"),
        index.FilterField("kind"),
    ]
    # The code, the kind and the filters are data: copied to every translation, never offered
    # to translators.
    translatable_fields = [
        SynchronizedField("code"),
        TranslatableField("name"),
        TranslatableField("definition"),
        TranslatableField("scope"),
        SynchronizedField("kind"),
        TranslatableField("unit"),
        TranslatableField("territory"),
        SynchronizedField("territory_code"),
        TranslatableField("producer"),
        TranslatableField("source"),
        *(SynchronizedField(f"directory_{name}") for name in drill.FILTER_LABELS),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["code"]
        verbose_name = "indicateur"
        verbose_name_plural = "indicateurs"
        constraints = [
            models.UniqueConstraint(
                fields=["code", "locale"],
                name="factsheet_indicator_code_per_locale",
                violation_error_message="Un indicateur porte déjà ce code dans cette langue.",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        # The form has no locale field, so Django's unique checks skip the constraint: say it
        # here rather than let the database refuse the row.
        if self.code and self.locale_id:
            clash = (
                Indicator.objects.filter(code=self.code, locale_id=self.locale_id)
                .exclude(pk=self.pk)
                .first()
            )
            if clash is not None:
                raise ValidationError(
                    {
                        "code": f"Le code « {self.code} » est déjà celui de l'indicateur "
                        f"« {clash.name} » : choisissez-en un autre."
                    }
                )

    def accepts_card_kind(self, card_kind) -> bool:
        """Whether a figure card may write this indicator's values as `card_kind`."""
        return card_kind in CARD_KINDS.get(self.kind, ())

    @property
    def directory_filter(self):
        """The filter as a DirectoryFilterBlock value gives it, for core.drill."""
        return {name: getattr(self, f"directory_{name}") for name in drill.FILTER_LABELS}


# An edition's year in its address: four digits, the first not 0.
YEAR = "[1-9][0-9]{3}"


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
    """Read-only panel: the recomputed derived figures of the page being edited, and the
    values still carried over from the previous edition."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "factsheet/panels/figure_checks.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            # The edit form's instance is the latest draft, so editors check what they will
            # publish.
            body = getattr(self.instance, "body", None)
            context["checks"] = checks.compute_checks(body)
            context["pending"] = checks.pending_updates(body)
            context["missing_changes"] = checks.missing_changes(self.instance)
            return context


def future_year_error(year):
    this_year = date.today().year
    if year is not None and year > this_year:
        return gettext(
            "L'année de référence %(year)s est dans le futur : une édition publie des données "
            "déjà connues, d'une année au plus égale à %(this_year)s."
        ) % {"year": year, "this_year": this_year}
    return None


def year_clash_error(page, parent, year):
    clash = editions.edition_with_year(page, parent, year)
    if clash is not None:
        return gettext(
            "L'année de référence %(year)s est déjà celle de l'édition « %(edition)s » : "
            "chaque édition de ces chiffres clés porte sur une année différente."
        ) % {"year": year, "edition": clash.title}
    return None


class FactsheetPageForm(WagtailAdminPageForm):
    """The edition's year: unique in its series, and required to publish an edition of a series
    of several (a draft may wait for it). A factsheet alone, such as the demo's brochure, which
    states no year, may be published without one. No edition is published while a value
    carried over from the previous edition is neither updated nor confirmed (a draft may be
    saved)."""

    def in_a_series(self):
        parent = self.parent_page
        if parent is not None and parent.specific_class is FactsheetPage:
            return True  # a later edition
        return bool(self.instance.pk and self.instance.numchild)  # a root with editions

    def clean(self):
        cleaned_data = super().clean()
        if not self.is_deferred_validation and cleaned_data.get("body") is not None:
            if pending := checks.pending_updates(cleaned_data["body"]):
                self.add_error(None, checks.pending_message(pending))
        if "reference_year" not in self.fields or "reference_year" in self.errors:
            return cleaned_data
        year = cleaned_data.get("reference_year")
        if year is None:
            if not self.is_deferred_validation and self.in_a_series():
                self.add_error(
                    "reference_year",
                    gettext(
                        "Indiquez l'année de référence des données : elle est obligatoire pour "
                        "publier une édition (le brouillon peut attendre)."
                    ),
                )
        elif not self.instance.path:
            # A new page has no place in the tree yet: the model's clean() cannot see its
            # series, the form can (an existing page is checked by the model).
            if error := year_clash_error(self.instance, self.parent_page, year):
                self.add_error("reference_year", error)
        return cleaned_data


class FactsheetPage(RoutablePageMixin, BasePage):
    """The key figures of the ESS on one territory for one year, with their data as CSV and
    JSON: an edition. Under the home page it is the series root; its children are the later
    editions (see ``editions``)."""

    territory = models.CharField("Territoire", max_length=200)
    reference_year = models.IntegerField(
        "Année de référence des données",
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
        help_text="L'année des données de cette édition (pas celle de sa publication), par "
        "ex. 2023. Obligatoire pour publier dès que la série compte plusieurs éditions ; "
        "une seule édition par année.",
    )
    publication_date = models.DateField(
        "Date de publication de l'édition",
        null=True,
        blank=True,
        help_text="Facultative : la date de parution de l'édition imprimée ou de sa mise en ligne.",
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
                FieldPanel("publication_date"),
                FieldPanel("data_source"),
                FieldPanel("method_note"),
            ],
            heading="Édition, territoire et données",
        ),
        FieldPanel("body"),
        FigureChecksPanel(heading=_("Vérification des chiffres")),
        DirectoryLinksPanel(["body"], heading="Liens vers l'annuaire"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("territory"),
        index.SearchField("body"),
    ]

    # A series root lives under the home page; its later editions are its children.
    parent_page_types = ["home.HomePage", "factsheet.FactsheetPage"]
    subpage_types = ["factsheet.FactsheetPage"]
    base_form_class = FactsheetPageForm

    class Meta:
        verbose_name = _("Page de chiffres clés")
        verbose_name_plural = _("Pages de chiffres clés")

    @classmethod
    def can_create_at(cls, parent):
        if not super().can_create_at(parent):
            return False
        if parent.specific_class is cls:  # an edition under a root, never deeper
            grandparent = parent.get_parent()
            return grandparent is None or grandparent.specific_class is not cls
        return True

    def _parent(self):
        return Page.objects.filter(path=editions.parent_path(self)).first() if self.path else None

    def full_clean(self, *args, **kwargs):
        # A later edition's address is its year: /fr/chiffres-cles/2025/.
        parent = self._parent()
        if parent is not None and parent.specific_class is FactsheetPage and self.reference_year:
            self.slug = str(self.reference_year)
        super().full_clean(*args, **kwargs)

    def clean(self):
        # The year first: a later edition's slug is its year, so a year already used would
        # otherwise be reported as a slug already used.
        if error := future_year_error(self.reference_year):
            raise ValidationError({"reference_year": error})
        parent = self._parent()
        if self.reference_year is not None and parent is not None:
            if error := year_clash_error(self, parent, self.reference_year):
                raise ValidationError({"reference_year": error})
        super().clean()

    # Which edition a request shows -------------------------------------------------------

    def edition_series(self):
        """The published editions of this page's series, oldest first (one query, kept)."""
        if not hasattr(self, "_edition_series"):
            parent = getattr(self, "_cached_parent_obj", None)  # known from the routing
            if (
                self.pk
                and not self.numchild
                and parent is not None
                and parent.specific_class is not FactsheetPage
            ):  # a factsheet with a single edition: no query
                self.is_child_edition = False
                self.restricted = False
                self._edition_series = [self]
            elif self.pk and self.path:
                # With their bodies: the indicators' series and the catalogue read them, so
                # the page needs no second query for its editions.
                self._edition_series = editions.series_of(self, with_body=True)
            else:  # the preview of a page not created yet
                self.is_child_edition = self.restricted = False
                self._edition_series = [self]
        return self._edition_series

    def edition_info(self):
        """This page as its series sees it (with ``is_child_edition``)."""
        return next(e for e in self.edition_series() if e.pk == self.pk)

    def edition_url(self, request=None):
        """This edition's own, citable address (see ``editions.edition_url``)."""
        return editions.edition_url(self.edition_info(), request)

    def series_root_url(self, request=None):
        """The factsheet's own address (the series root's), which shows the latest edition."""
        url = self.get_url(request) or ""
        if self.edition_info().is_child_edition:
            url = url[: url.rstrip("/").rfind("/") + 1]
        return url

    def edition_pages_for_series(self):
        """The published editions of this page's series with their bodies, oldest first:
        the editions an indicator's series runs through (``indicators.edition_pages``).
        One query."""
        return [
            self if e.pk == self.pk else e
            for e in self.edition_series()
            if e.live and not e.restricted
        ]

    def figure_change(self, card) -> str:
        """A figure card's change since the last edition before this one that published its
        indicator ("+110 (+10,0 %) depuis 2022", ``indicators.change_text``); "" when there
        is none, it has no year, or its value measures something else. The earlier values
        come from the series already read with its bodies: no query, however many cards."""
        indicator = card.get("indicator")
        if indicator is None or card.get("value") is None:
            return ""
        if not hasattr(self, "_earlier_observations"):
            self._earlier_observations = indicators.earlier_observations(
                self.edition_series(), self
            )
        previous = self._earlier_observations.get(indicator.pk)
        current = indicators.observation({**card, "indicator": indicator.pk}, self)
        return indicators.change_text(previous, current) if previous else ""

    def file_stem(self):
        """Download names: "chiffres-cles-2025" for a dated edition, else the slug."""
        if self.reference_year is None:
            return self.slug
        return "-".join(self.edition_url().rstrip("/").split("/")[-2:])

    def served_edition(self, request, year=None):
        """The edition a request shows. At the series root's address, the latest one; at
        ``<root>/<year>/``, that year's edition (the root's own routes serve every edition,
        so that its address and its year's are one); in preview, this page itself."""
        if getattr(request, "is_preview", False):
            return self
        info = self.edition_info()
        if info.is_child_edition:
            if year is not None:  # /chiffres-cles/2022/2022/
                raise Http404("Aucune édition à cette adresse.")
            return self
        published = [e for e in self.edition_series() if e.live and not e.restricted]
        if year is None:
            edition = published[-1] if published else self
        else:
            edition = next((e for e in published if e.reference_year == int(year)), None)
            if edition is None:
                raise Http404("Aucune édition de ces chiffres clés ne porte sur cette année.")
        if edition.pk == self.pk:
            return self
        edition._edition_series = self.edition_series()
        return edition

    @re_path(rf"^(?:(?P<year>{YEAR})/)?$", name="edition")
    def index_route(self, request, year=None):
        request.is_preview = getattr(request, "is_preview", False)
        edition = self.served_edition(request, year)
        return TemplateResponse(
            request, edition.get_template(request), edition.get_context(request)
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Called by the factsheet's template only (a callable): the indicator pages, which
        # share this context, do not pay for it.
        context["catalogue_json_ld"] = partial(self.catalogue_json_ld, request)
        # Editors see the checks in preview; the public never does.
        if getattr(request, "is_preview", False):
            context["figure_checks"] = checks.compute_checks(self.body)
        series = self.edition_series()
        latest = editions.latest_of(series)
        context["edition_url"] = edition_url = self.edition_url(request)
        context["figures_csv_url"] = edition_url + self.reverse_subpage("figures_csv")
        context["figures_json_url"] = edition_url + self.reverse_subpage("figures_json")
        root_url = self.series_root_url(request)
        context["catalogue_csv_url"] = root_url + self.reverse_subpage("catalogue_csv")
        context["catalogue_json_url"] = root_url + self.reverse_subpage("catalogue_json")
        if latest is not None and latest.pk != self.pk and self.live:
            context["latest_edition"] = latest
            # The factsheet's own address, which will follow the next editions too.
            root = next((e for e in series if not e.is_child_edition), latest)
            context["latest_edition_url"] = root.get_url(request)
        published = [e for e in series if e.live and not e.restricted]
        if len(published) > 1:
            context["editions"] = [
                (edition, editions.edition_url(edition, request), edition.pk == self.pk)
                for edition in published
            ]
        return context

    def chart_csv_url(self, block_id, request=None):
        return self.edition_url(request) + self.reverse_subpage(
            "chart_csv", kwargs={"block_id": block_id}
        )

    @translated_route(rf"^(?:(?P<year>{YEAR})/)?donnees/csv/$", "figures_csv", DATA)
    def figures_csv(self, request, year=None):
        edition = self.served_edition(request, year)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{edition.file_stem()}.csv"'
        writer = csv.writer(response)
        writer.writerow(exports.FIGURE_COLUMNS)
        for row in exports.figure_rows(edition):
            writer.writerow(spreadsheet_row(row))
        return response

    @translated_route(rf"^(?:(?P<year>{YEAR})/)?donnees/json/$", "figures_json", DATA)
    def figures_json(self, request, year=None):
        edition = self.served_edition(request, year)
        return JsonResponse(
            exports.figures_document(edition),
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )

    @translated_route(
        rf"^(?:(?P<year>{YEAR})/)?graphiques/(?P<block_id>{BLOCK_ID_PATTERN})/csv/$",
        "chart_csv",
        gettext_noop("graphiques/"),
    )
    def chart_csv(self, request, block_id, year=None):
        edition = self.served_edition(request, year)
        # The id as its link gives it (core.blocks.url_block_id), whatever case it is stored in.
        chart = next(
            (b for b in edition.body if b.block_type == "chart" and url_block_id(b.id) == block_id),
            None,
        )
        if chart is None:
            raise Http404("Aucun graphique ne porte cet identifiant sur cette page.")
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{edition.file_stem()}-{block_id}.csv"'
        )
        writer = csv.writer(response)
        writer.writerow(exports.CHART_COLUMNS)
        for row in exports.chart_rows(chart.value):
            writer.writerow(spreadsheet_row(row))
        return response

    # Indicators: one generated page per indicator of the catalogue, beneath the factsheet ---

    def indicator_url(self, code, request=None, suffix=""):
        """/fr/chiffres-cles/indicateurs/<code>/ (or its csv/, json/), in the active language."""
        # Every card of the page asks: the page's own address is worked out once.
        if getattr(self, "_own_url", None) is None:
            self._own_url = self.series_root_url(request)
        return self._own_url + self.reverse_subpage(f"indicator{suffix}", kwargs={"code": code})

    def _indicator(self, code):
        indicator = Indicator.objects.filter(locale_id=self.locale_id, code=code).first()
        if indicator is None:
            raise Http404("Aucun indicateur ne porte ce code.")
        return indicator

    def _edition_url(self, request):
        def url(edition):
            own = getattr(edition, "edition_url", None)
            address = own(request) if own else edition.get_url(request)
            return public_url(request, address)

        return url

    @translated_route(rf"^indicateurs/(?P<code>{CODE_PATTERN})/$", "indicator", INDICATORS)
    def indicator_view(self, request, code):
        indicator = self._indicator(code)
        editions = indicators.edition_pages(self)
        points = indicators.series(editions, indicator)
        rows = indicators.series_rows(points, indicator)
        url = public_url(request, self.indicator_url(code, request))
        csv_url = self.indicator_url(code, request, "_csv")
        json_url = self.indicator_url(code, request, "_json")
        publisher = indicator.producer or self.territory
        dataset = structured_data.indicator_dataset(
            indicator,
            points,
            url=url,
            publisher=publisher,
            language=self.locale.language_code,
            downloads=[
                (public_url(request, csv_url), "text/csv"),
                (public_url(request, json_url), "application/json"),
            ],
        )
        latest = points[-1] if points else None
        context = {
            **self.get_context(request),
            "indicator": indicator,
            "latest": latest,
            "latest_text": indicators.display(latest, indicator) if latest else "",
            "rows": rows,
            "chart": indicators.series_chart(points),
            "chart_summary": indicators.series_summary(indicator, points),
            "csv_url": csv_url,
            "json_url": json_url,
            "indicator_full_url": url,
            "citation": indicators.citation(indicator, self, latest, url, publisher),
            "json_ld": script_json(dataset),
            "alternate_urls": self._indicator_alternates(request, indicator),
            "edition_url": self._edition_url(request),
        }
        return TemplateResponse(request, "factsheet/indicator_page.html", context)

    def _indicator_alternates(self, request, indicator):
        """The indicator's page in each language it is translated into (one query)."""
        from core import navigation

        urls = {}
        translations = {
            item.locale_id
            for item in Indicator.objects.filter(translation_key=indicator.translation_key).only(
                "locale_id"
            )
        }
        for page in navigation.live_translations(request, self):
            if page.locale_id in translations:
                with override(page.locale.language_code):
                    route = page.reverse_subpage("indicator", kwargs={"code": indicator.code})
                urls[page.locale.language_code] = page.get_url(request) + route
        return urls

    def indicator_download(self, request, code, media_type):
        indicator = self._indicator(code)
        points = indicators.series(indicators.edition_pages(self), indicator)
        records = exports.catalogue_records(indicator, points, self._edition_url(request))
        return self._catalogue_response(records, media_type, f"{self.slug}-{indicator.code}")

    def _catalogue_response(self, records, media_type, stem):
        if media_type == "json":
            return JsonResponse(
                {
                    "columns": list(exports.CATALOGUE_COLUMNS),
                    "rows": exports.catalogue_json_records(records),
                },
                json_dumps_params={"ensure_ascii": False, "indent": 2},
            )
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
        writer = csv.writer(response)
        writer.writerow(exports.CATALOGUE_COLUMNS)
        for record in records:
            writer.writerow(spreadsheet_row(exports.catalogue_row(record)))
        return response

    @translated_route(rf"^indicateurs/(?P<code>{CODE_PATTERN})/csv/$", "indicator_csv", INDICATORS)
    def indicator_csv(self, request, code):
        return self.indicator_download(request, code, "csv")

    @translated_route(
        rf"^indicateurs/(?P<code>{CODE_PATTERN})/json/$", "indicator_json", INDICATORS
    )
    def indicator_json(self, request, code):
        return self.indicator_download(request, code, "json")

    @translated_route("^indicateurs/$", "indicators", INDICATORS)
    def indicators_route(self, request):
        # The indicators' parent address, typed by a reader who shortens an indicator's: the
        # factsheet lists them all, each card linking to its page. Temporary, so that a
        # catalogue page may take this address one day without browsers remembering otherwise.
        return redirect(self.series_root_url(request))

    def get_sitemap_urls(self, request=None):
        """The factsheet, and the page of every indicator it publishes (two queries)."""
        urls = super().get_sitemap_urls(request)
        if not urls:
            return urls
        used = set(indicators.observations(self))
        codes = Indicator.objects.filter(pk__in=used, locale_id=self.locale_id).values_list(
            "code", flat=True
        )
        base = urls[0]["location"]
        with override(self.locale.language_code):
            routes = [self.reverse_subpage("indicator", kwargs={"code": c}) for c in sorted(codes)]
        return urls + [
            {"location": base + route, "lastmod": urls[0].get("lastmod")} for route in routes
        ]

    # The whole catalogue × editions, long format ----------------------------------------

    def catalogue_records(self, request):
        """One record per indicator and edition, by code then year: every indicator of this
        language that a card or a chart row of an edition chose (two queries in all)."""
        editions = indicators.edition_pages(self)
        found = {}
        for edition in editions:
            for observation in indicators.observations(edition).values():
                found.setdefault(observation.indicator_id, []).append(observation)
        catalogue = list(
            Indicator.objects.filter(pk__in=found, locale_id=self.locale_id).order_by("code")
        )
        edition_url = self._edition_url(request)
        records = []
        for indicator in catalogue:
            points = sorted(found[indicator.pk], key=lambda o: (o.year is None, o.year or 0))
            records += exports.catalogue_records(indicator, points, edition_url)
        return records, catalogue

    @translated_route("^donnees/catalogue/csv/$", "catalogue_csv", DATA)
    def catalogue_csv(self, request):
        records, _catalogue = self.catalogue_records(request)
        return self._catalogue_response(records, "csv", f"{self.slug}-indicateurs")

    @translated_route("^donnees/catalogue/json/$", "catalogue_json", DATA)
    def catalogue_json(self, request):
        records, _catalogue = self.catalogue_records(request)
        return self._catalogue_response(records, "json", f"{self.slug}-indicateurs")

    def catalogue_json_ld(self, request):
        """schema.org Dataset of the factsheet: its indicators and the catalogue's files. Built
        once per publication (it reads every edition's figures); a preview builds its own."""
        if getattr(request, "is_preview", False):
            return self._catalogue_json_ld(request)
        # The root is part of every address written (the Host's, when no public address is set).
        root = request.build_absolute_uri("/")
        return until_next_publication(
            request,
            f"factsheet:catalogue-json-ld:{self.pk}:{get_language()}:{root}",
            lambda: self._catalogue_json_ld(request),
        )

    def _catalogue_json_ld(self, request):
        used, years = set(), []
        for edition in indicators.edition_pages(self):
            used |= set(indicators.observations(edition))
            years.append(edition.reference_year)
        catalogue = list(
            Indicator.objects.filter(pk__in=used, locale_id=self.locale_id).order_by("code")
        )
        base = self.series_root_url(request)
        producers = [indicator.producer for indicator in catalogue if indicator.producer]
        dataset = structured_data.catalogue_dataset(
            self,
            catalogue,
            years,
            url=public_url(request, base),
            publisher=producers[0] if producers else self.territory,
            language=(get_language() or "fr")[:2],
            downloads=[
                (
                    public_url(request, base + self.reverse_subpage("catalogue_csv")),
                    "text/csv",
                ),
                (
                    public_url(request, base + self.reverse_subpage("catalogue_json")),
                    "application/json",
                ),
            ],
        )
        return script_json(dataset)
