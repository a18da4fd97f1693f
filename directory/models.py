"""The directory of ESS actors: communes, sectors, the directory index and the actor profiles."""

import datetime

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.http import HttpResponse, JsonResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.cache import until_next_publication
from core.drill import DirectoryLinksPanel
from core.i18n_urls import translated_route
from core.map_blocks import actors_text, choropleth, locator
from core.models import BasePage, ListingPage
from core.pagination import get_page

from . import blocks, exports, structured_data
from .choices import HEADCOUNT_CHOICES, HEADCOUNT_ORDER, Family
from .validators import PHONE_PATTERN, validate_rna, validate_siret


class Commune(models.Model):
    """One of the 14 member communes of the CAHC (seeded by a data migration)."""

    insee_code = models.CharField("code INSEE", max_length=5, unique=True)
    name = models.CharField("nom", max_length=100)
    postcode = models.CharField("code postal", max_length=5)

    class Meta:
        ordering = ["name"]
        verbose_name = "commune"
        verbose_name_plural = "communes"

    def __str__(self):
        return self.name


class Sector(TranslatableMixin, models.Model):
    """A sector of activity; editors manage the list, translators translate it."""

    name = models.CharField("nom", max_length=120)

    panels = [FieldPanel("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = "secteur d'activité"
        verbose_name_plural = "secteurs d'activité"

    def __str__(self):
        return self.name


# The value of the directory's `vue` parameter that shows the results as a map.
MAP_VIEW = "carte"


class DirectoryIndexPage(RoutablePageMixin, ListingPage):
    """The searchable list of actors, with facets and open-data exports of the results."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["directory.ActorPage"]

    class Meta:
        verbose_name = _("Annuaire des acteurs")
        verbose_name_plural = _("Annuaires des acteurs")

    def actors(self):
        """The live, public actors of this directory (the language tree it belongs to)."""
        # .public() rather than navigation.public_children(): the search backends accept
        # only filters on indexed fields, which .public()'s path filters are.
        return ActorPage.objects.child_of(self).live().public()

    def directory_search(self, request):
        from .search import DirectorySearch

        return DirectorySearch(self, request)

    @path("")
    def index_route(self, request):
        search = self.directory_search(request)
        context = {"search": search.run(self.paginate_by)}
        if request.GET.get("vue") == MAP_VIEW:
            context["results_map"] = self.results_map(search, request)
        return self.render(request, context_overrides=context)

    def results_map(self, search, request):
        """The current results per commune: each commune's count is what choosing it would
        list (the commune facet's counts: the query and the other filters applied), and its
        link is the list with the same criteria plus that commune."""
        counts = search.facets()["commune"]
        urls = {}
        for code in search.commune_ids:
            params = request.GET.copy()
            for name in ("page", "vue"):
                params.pop(name, None)
            params["commune"] = code
            urls[code] = f"?{params.urlencode()}"
        return choropleth(
            {code: counts.get(code, 0) for code in search.commune_ids},
            value_text=actors_text,
            urls=urls,
            selected=search.form.cleaned_data.get("commune") or "",
            dom_id="carte-resultats",
        )

    # Wagtail serves only slash-terminated paths without dots, hence no ".csv" suffix here;
    # the downloaded file is still named acteurs.csv.
    @translated_route("^resultats-csv/$", "results_csv", gettext_noop("resultats-csv/"))
    def results_csv(self, request):
        search = self.directory_search(request)
        return exports.csv_response(search.all_results(), "acteurs.csv", request)

    @translated_route("^resultats-json/$", "results_json", gettext_noop("resultats-json/"))
    def results_json(self, request):
        search = self.directory_search(request)
        return JsonResponse(
            exports.json_payload(search.all_results(), request),
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )

    @translated_route("^annuaire-complet-csv/$", "full_csv", gettext_noop("annuaire-complet-csv/"))
    def full_csv(self, request) -> HttpResponse:
        return exports.csv_response(
            exports.with_relations(self.actors()), "annuaire-complet.csv", request
        )


class ActorPage(BasePage):
    """The profile of one ESS actor: what it does, where it is, how big it is, how to reach it."""

    family = models.CharField(
        "famille de l'ESS",
        max_length=20,
        choices=Family.choices,
        blank=True,
        help_text="Laissez vide si la famille juridique n'est pas connue.",
    )
    sectors = ParentalManyToManyField(
        Sector, blank=True, related_name="actors", verbose_name="secteurs d'activité"
    )
    commune = models.ForeignKey(
        Commune,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actors",
        verbose_name="commune",
    )
    street_address = models.CharField(
        "adresse", max_length=255, blank=True, help_text="Numéro et voie, sans la commune."
    )
    siret = models.CharField(
        "SIRET",
        max_length=14,
        blank=True,
        db_index=True,
        validators=[validate_siret],
        help_text="14 chiffres sans espace ; facultatif, unique s'il est renseigné.",
    )
    rna = models.CharField(
        "numéro RNA",
        max_length=10,
        blank=True,
        validators=[validate_rna],
        help_text="Associations : W suivi de 9 chiffres.",
    )
    founding_year = models.PositiveSmallIntegerField(
        "année de création",
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1800, "L'année de création doit être postérieure à 1800."),
            MaxValueValidator(2100, "L'année de création ne peut pas dépasser 2100."),
        ],
    )
    headcount_band = models.CharField(
        "tranche d'effectif salarié (INSEE)", max_length=2, choices=HEADCOUNT_CHOICES, blank=True
    )
    website = models.URLField("site web", blank=True)
    email = models.EmailField("courriel", blank=True)
    phone = models.CharField(
        "téléphone",
        max_length=20,
        blank=True,
        validators=[
            RegexValidator(
                PHONE_PATTERN,
                "Saisissez un numéro de téléphone, par ex. 03 21 00 00 00 ou +33 3 21 00 00 00.",
            )
        ],
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="logo ou photo",
    )
    image_alt = models.CharField(
        "texte alternatif de l'image",
        max_length=255,
        blank=True,
        help_text="Obligatoire si une image est choisie : décrivez ce qu'elle montre.",
    )
    summary = models.TextField(
        "résumé", blank=True, help_text="Ce que fait l'acteur, en deux ou trois phrases."
    )
    body = StreamField(blocks.ActorBodyBlock(), blank=True, verbose_name="présentation")

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldPanel("family"), FieldPanel("sectors"), FieldPanel("headcount_band")],
            heading="Identité",
        ),
        MultiFieldPanel(
            [
                FieldPanel("street_address"),
                FieldPanel("commune"),
                FieldRowPanel([FieldPanel("siret"), FieldPanel("rna")]),
                FieldPanel("founding_year"),
            ],
            heading="Adresse et immatriculation",
        ),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("email"), FieldPanel("phone")], heading="Contact"
        ),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading="Image"),
        FieldPanel("body"),
        DirectoryLinksPanel(["body"], heading="Liens vers l'annuaire"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("get_family_display"),
        index.RelatedFields("commune", [index.SearchField("name")]),
        index.RelatedFields("sectors", [index.SearchField("name")]),
        index.FilterField("family"),
        index.FilterField("commune"),
        index.FilterField("headcount_band"),
    ]
    summary_field = "summary"

    # Registration numbers, the address and the phone number are data, not prose: the
    # English page copies them from the French one instead of offering them to translators.
    override_translatable_fields = [
        SynchronizedField("street_address"),
        SynchronizedField("siret"),
        SynchronizedField("rna"),
        SynchronizedField("phone"),
        # wagtail-localize leaves many-to-many fields out; synchronised, every sync copies
        # the source's sectors, which clean() then swaps for their translations.
        SynchronizedField("sectors"),
    ]

    parent_page_types = ["directory.DirectoryIndexPage"]
    subpage_types = []
    # Loaded with the page when it is served (core.routing): the profile shows it.
    serve_select_related = ["commune"]

    class Meta:
        verbose_name = _("Acteur de l'ESS")
        verbose_name_plural = _("Acteurs de l'ESS")

    def clean(self):
        super().clean()
        self._use_sectors_in_own_language()
        errors = {}
        if self.image_id and not self.image_alt.strip():
            errors["image_alt"] = _(
                "Décrivez l'image choisie : le texte alternatif est obligatoire pour les "
                "personnes qui ne la voient pas."
            )
        if self.siret:
            # Unique per language tree: a translation of the same actor keeps its SIRET.
            duplicate = (
                ActorPage.objects.filter(siret=self.siret, locale_id=self.locale_id)
                .exclude(pk=self.pk)
                .first()
            )
            if duplicate:
                errors["siret"] = _(
                    "Le SIRET %(siret)s est déjà celui de l'acteur « %(title)s »."
                ) % {"siret": self.siret, "title": duplicate.title}
        if self.founding_year and self.founding_year > datetime.date.today().year:
            errors["founding_year"] = _("L'année de création (%(year)s) est dans le futur.") % {
                "year": self.founding_year
            }
        if errors:
            raise ValidationError(errors)

    def _use_sectors_in_own_language(self):
        """Point the actor at its sectors' versions in its own language.

        A translation starts with (and every sync copies) the source actor's sectors, which
        are in the source language; the English page would show French names and fall out
        of the English sector filter. A sector not translated yet is kept as it is: it still
        describes the actor, and shows in English once translated and the actor re-synced."""
        sectors = list(self.sectors.all())
        foreign_keys = [s.translation_key for s in sectors if s.locale_id != self.locale_id]
        if not foreign_keys:
            return
        own = Sector.objects.filter(translation_key__in=foreign_keys, locale_id=self.locale_id)
        by_key = {sector.translation_key: sector for sector in own}
        self.sectors.set([by_key.get(sector.translation_key, sector) for sector in sectors])

    # What the card (includes/actor_card.html) and the employers' list show, with what choosing
    # the translation and building the link need, and what the admin's chooser reads for each
    # chosen actor (its type, draft title and parent): about a third of the columns.
    CARD_FIELDS = [
        "title",
        "url_path",
        "live",
        "translation_key",
        "locale",
        "family",
        "summary",
        "headcount_band",
        "commune",
        "content_type",
        "draft_title",
        "path",
    ]
    card_template = "includes/actor_card.html"

    @classmethod
    def card_queryset(cls, pages):
        """`pages` loaded for their cards, as other pages' blocks choose them (core.blocks):
        only CARD_FIELDS, each row read and built faster, with the commune the card shows."""
        return pages.only(*cls.CARD_FIELDS).select_related("commune")

    def get_card_context(self):
        return {"actor": self}

    def card_group(self):
        """(order, label) of the actor's group in a list of employers: its headcount band,
        biggest first; actors whose band is unknown close the list."""
        label = self.headcount_label or _("Effectif non renseigné")
        return -HEADCOUNT_ORDER.get(self.headcount_band, -1), str(label)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if self.commune_id:
            context["locator"] = locator(self.commune.insee_code)
        return context

    def get_family_display(self):
        """The family's label in the active language. Django's own builds a dict of every
        choice at each call, asking each lazy label for its translation: 50 µs, twenty times on
        a page of the directory (bench/wsgi_cpu.py)."""
        try:
            return str(Family(self.family).label)
        except ValueError:
            return self.family

    @cached_property
    def headcount_label(self):
        return self.get_headcount_band_display() if self.headcount_band else ""

    def json_ld(self, request=None):
        return structured_data.actor_json_ld(self, request)


class SupportServiceCategory(TranslatableMixin, models.Model):
    """What a support service offers: financement, accompagnement, locaux…"""

    name = models.CharField("nom", max_length=80)

    panels = [FieldPanel("name")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        verbose_name = "catégorie de service d'appui"
        verbose_name_plural = "catégories de services d'appui"

    def __str__(self):
        return self.name


class SupportServiceIndexPage(ListingPage):
    """The list of services that help ESS projects, filtered by category and project stage."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["directory.SupportServicePage"]

    class Meta:
        verbose_name = _("Services d'appui")
        verbose_name_plural = _("Services d'appui")

    def get_context(self, request, *args, **kwargs):
        from .forms import SupportServiceFilterForm
        from .service_list import public_services

        context = super().get_context(request, *args, **kwargs)
        # Categories change only when saved, which is a publication for the cache.
        categories = until_next_publication(
            request,
            f"services:categories:{self.locale_id}",
            lambda: list(SupportServiceCategory.objects.filter(locale_id=self.locale_id)),
        )
        form = SupportServiceFilterForm(request.GET, categories=categories)
        form.is_valid()  # invalid values are reported by the form and left out of the filter
        services = form.apply(public_services(request, self))
        context["form"] = form
        context["services"] = get_page(services, self.paginate_by, request.GET.get("page"))
        return context


class SupportServicePage(BasePage):
    """One service that helps ESS projects: who offers it, for which stage, how to reach it."""

    provider = models.CharField("organisme", max_length=200)
    category = models.ForeignKey(
        SupportServiceCategory,
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name="catégorie",
    )
    stage_idea = models.BooleanField("idée", default=False)
    stage_creation = models.BooleanField("création", default=False)
    stage_development = models.BooleanField("développement", default=False)
    stage_consolidation = models.BooleanField("consolidation", default=False)
    area_served = models.CharField("territoire couvert", max_length=200, blank=True)
    service_name = models.CharField("service à contacter", max_length=200, blank=True)
    email = models.EmailField("courriel", blank=True)
    phone = models.CharField(
        "téléphone",
        max_length=20,
        blank=True,
        validators=ActorPage._meta.get_field("phone").validators,
    )
    website = models.URLField("site web", blank=True)
    description = RichTextField(
        "description", blank=True, features=["h2", "h3", "bold", "italic", "link", "ul", "ol"]
    )
    summary_field = "description"

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("provider"),
        FieldPanel("category"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("stage_idea"),
                        FieldPanel("stage_creation"),
                        FieldPanel("stage_development"),
                        FieldPanel("stage_consolidation"),
                    ]
                )
            ],
            heading="Étapes du projet accompagnées",
        ),
        FieldPanel("area_served"),
        MultiFieldPanel(
            [
                FieldPanel("service_name"),
                FieldPanel("email"),
                FieldPanel("phone"),
                FieldPanel("website"),
            ],
            heading="Contact",
        ),
        FieldPanel("description"),
    ]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("provider"),
        index.SearchField("service_name"),
        index.SearchField("description"),
        index.RelatedFields("category", [index.SearchField("name")]),
        index.FilterField("category"),
    ]

    # The phone number is copied from the French page, never offered to translators.
    override_translatable_fields = [SynchronizedField("phone")]

    parent_page_types = ["directory.SupportServiceIndexPage"]
    subpage_types = []
    # Loaded with the page when it is served (core.routing): the page shows it.
    serve_select_related = ["category"]

    class Meta:
        verbose_name = _("Service d'appui")
        verbose_name_plural = _("Services d'appui")

    def stage_labels(self):
        return [label for stage, label in STAGES if getattr(self, f"stage_{stage}")]


# Project stages a support service may serve: the URL value is also the field's suffix.
STAGES = [
    ("idea", _("Idée")),
    ("creation", _("Création")),
    ("development", _("Développement")),
    ("consolidation", _("Consolidation")),
]


class ActorSearchEntry(models.Model):
    """What the directory search reads: one narrow row per live, public actor.

    A copy of the actor's filterable fields and search text, kept by directory/signals.py and
    rebuilt by `manage.py rebuild_directory_search`, so that a search, its facet counts and its
    sorted page of results never join Wagtail's page table (see directory/search_index.py).
    """

    page = models.OneToOneField(
        ActorPage, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    # The actor's parent: the directory of its language tree, which lists it.
    directory = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name="annuaire"
    )
    title = models.CharField("nom", max_length=255)
    family = models.CharField("famille de l'ESS", max_length=20, blank=True)
    commune = models.ForeignKey(
        Commune, null=True, on_delete=models.CASCADE, related_name="+", verbose_name="commune"
    )
    headcount_band = models.CharField("tranche d'effectif salarié", max_length=2, blank=True)
    # The ids of its sectors between spaces (" 3 7 "): a filter is `LIKE '% 3 %'`, and the
    # sector counts group the matching rows by this column (a few distinct values), on every
    # database, rather than joining each matching row to a table of pairs.
    sector_ids = models.CharField("secteurs", max_length=255, blank=True, default="")
    # Its words in lower case without accents (Hénin → henin), for typo tolerance (trigram
    # index) and name prefixes.
    plain_title = models.CharField("nom sans accents", max_length=255)
    # PostgreSQL only (GIN-indexed by the migration): the name with weight A, both stemmed and
    # as typed (for prefixes), then the summary, sectors, commune, family and body.
    search_vector = SearchVectorField("vecteur de recherche", null=True)
    # PostgreSQL only (GIN-indexed by the migration): the name's words, stemmed and as typed,
    # for name prefixes.
    name_vector = SearchVectorField("vecteur du nom", null=True)
    # Other databases: the lexemes the vector would hold, between spaces (search_index.py).
    search_text = models.TextField("texte de recherche", blank=True, default="")

    class Meta:
        verbose_name = "entrée de recherche de l'annuaire"
        verbose_name_plural = "entrées de recherche de l'annuaire"
        indexes = [models.Index(fields=["directory", "title"])]

    def __str__(self):
        return self.title
