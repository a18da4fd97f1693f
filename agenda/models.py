"""The agenda of the ESS roadmap: events, calls for projects and the index listing both.

Both page types inherit a concrete, non-creatable `AgendaItemPage`, whose table holds what a
listing needs (kind, axis, commune, dates as instants in time, summary): the index, the home
page and the policy page's roadmap read one table in one query, whatever the mix of types.
Those columns are derived from each type's own fields in `save()`; nobody types them.

Whether an item is upcoming, open, closed or past is computed from its dates against
agenda.clock, never stored.
"""

import datetime
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_currency
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.http import Http404
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.blocks import CalloutBlock, HeadingBlock, ParagraphBlock, PictureBlock, QuoteBlock
from core.formatting import current_locale
from core.i18n_urls import translated_route
from core.models import BasePage, ListingPage
from core.navigation import shown_to_public

from . import clock, structured_data
from .choices import Attendance, Axis, Kind, Status
from .forms import CallForProjectsPageForm, EventPageForm, fr_date


class AgendaBodyBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    image = PictureBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="Document")
    label = blocks.CharBlock(
        label="Libellé", required=False, max_length=255, help_text="Par défaut, son titre."
    )

    class Meta:
        icon = "doc-full"
        label = "Document"
        description = "Un document à télécharger (règlement, dossier de candidature…)."


# The calendar file's path segment, translated: /en/agenda/calendar/.
CALENDAR = gettext_noop("calendrier/")


class AgendaIndexPage(RoutablePageMixin, ListingPage):
    """The agenda: upcoming events and calls first, then the archive, with filters."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["agenda.EventPage", "agenda.CallForProjectsPage"]

    class Meta:
        verbose_name = _("Agenda")
        verbose_name_plural = _("Agendas")

    def listing(self, request):
        from .listing import AgendaListing

        return AgendaListing(self, request)

    @path("")
    def index_route(self, request):
        listing = self.listing(request)
        return self.render(request, context_overrides={"listing": listing.run(self.paginate_by)})

    # Wagtail serves only slash-terminated paths without dots: no ".ics" suffix in the URL,
    # the downloaded file is still named agenda.ics.
    @translated_route("^calendrier/$", "calendar", CALENDAR)
    def calendar_route(self, request):
        """The items the same filters list (upcoming and archive) as a calendar file."""
        from .calendar import calendar, ics_response

        results = self.listing(request).run(self.paginate_by)
        items = specific_with_communes(results.upcoming + list(results.past), request)
        cal = calendar(items, request, self.title, f"agenda-{self.translation_key}")
        return ics_response(cal, "agenda.ics")

    @translated_route("^appels/flux/$", "calls_feed", gettext_noop("appels/flux/"))
    def calls_feed(self, request):
        from .feeds import CallsFeed
        from .listing import items_of

        calls = list(
            items_of(self).filter(kind=Kind.CALL).order_by("-first_published_at", "pk")[:50]
        )
        return CallsFeed(self, calls)(request)


def specific_with_communes(items, request):
    """`items` (base rows) as their specific pages, in the same order, with their commune."""
    from .listing import attach_communes

    if not items:
        return []
    by_pk = AgendaItemPage.objects.filter(pk__in=[item.pk for item in items]).specific()
    by_pk = {page.pk: page for page in by_pk}
    return attach_communes([by_pk[item.pk] for item in items if item.pk in by_pk], request)


class AgendaItemPage(BasePage):
    """What events and calls for projects share, and what listings read: one table for both."""

    kind = models.CharField("type", max_length=10, choices=Kind.choices, editable=False)
    axis = models.CharField(
        "axe de la feuille de route",
        max_length=20,
        choices=Axis.choices,
        blank=True,
        help_text="L'axe de la feuille de route ESS de l'agglomération auquel il se rattache.",
    )
    commune = models.ForeignKey(
        "directory.Commune",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="commune",
        help_text="Une des 14 communes de l'agglomération ; vide si en ligne ou ailleurs.",
    )
    summary = models.TextField(
        "résumé", blank=True, help_text="Deux ou trois phrases, reprises dans les listes."
    )
    date_note = models.CharField(
        "précision sur les dates",
        max_length=255,
        blank=True,
        help_text="Affichée quand les dates ne sont pas encore connues, "
        "par ex. « Dates à venir » ou « En novembre ».",
    )
    # Derived in save() from the type's own dates (instants, stored in UTC): the listings'
    # filters and order. For an event with a start time and no end time, `ends_at` is empty
    # and the event is past at the end of its day (`listing_end`).
    starts_at = models.DateTimeField("début", null=True, editable=False, db_index=True)
    ends_at = models.DateTimeField("fin", null=True, editable=False)
    all_day = models.BooleanField("journée entière", default=True, editable=False)

    search_fields = [*BasePage.search_fields, index.SearchField("summary")]
    override_translatable_fields = [SynchronizedField("axis")]
    summary_field = "summary"

    parent_page_types = ["agenda.AgendaIndexPage"]
    subpage_types = []
    is_creatable = False

    class Meta:
        verbose_name = _("Élément de l'agenda")
        verbose_name_plural = _("Éléments de l'agenda")

    def save(self, *args, **kwargs):
        self.kind = self.KIND
        self.starts_at, self.ends_at, self.all_day = self.instants()
        return super().save(*args, **kwargs)

    KIND = ""

    @staticmethod
    def dates_panel(heading, date_rows, after_note=()):
        """The type's date fields, then the note shown while they are unknown."""
        return MultiFieldPanel([*date_rows, FieldPanel("date_note"), *after_note], heading=heading)

    def instants(self):
        """(starts_at, ends_at, all_day) from the type's own fields."""
        return self.starts_at, self.ends_at, self.all_day

    @staticmethod
    def whole_days(first_day, last_day):
        """The instants of an all-day span, from the first day's midnight to the one after
        the last day; either day may be unknown (None)."""
        return (
            clock.start_of_day(first_day) if first_day else None,
            clock.end_of_day(last_day) if last_day else None,
            True,
        )

    def clean(self):
        super().clean()
        if errors := self.field_errors():
            raise ValidationError(errors)

    def field_errors(self):
        """{field: message} of what the type's own fields get wrong together."""
        return {}

    @staticmethod
    def day_before(first, last, message):
        """`message` naming both days if `last` comes before `first`, else None."""
        if first and last and last < first:
            return message % {"first": fr_date(first), "last": fr_date(last)}
        return None

    # Computed, never stored.
    @property
    def listing_end(self):
        """The instant after which the item is past; None: never (dates to be announced)."""
        if self.ends_at:
            return self.ends_at
        if self.starts_at and not self.all_day:
            return clock.end_of_day(self.starts_at.astimezone(clock.PARIS).date())
        return None

    def is_past(self, now=None):
        end = self.listing_end
        return end is not None and end <= (now or clock.now())

    def status(self, now=None):
        now = now or clock.now()
        if self.kind == Kind.CALL:
            if self.ends_at and self.ends_at <= now:
                return Status.CLOSED
            if self.starts_at and self.starts_at <= now:
                return Status.OPEN
            return Status.UPCOMING
        return Status.PAST if self.is_past(now) else Status.UPCOMING

    def get_status_display(self):
        return Status(self.status()).label

    def last_day(self):
        """The last day of an all-day item (its stored end is the next midnight)."""
        if not self.ends_at:
            return None
        end = self.ends_at.astimezone(clock.PARIS)
        return (end - datetime.timedelta(microseconds=1)).date() if self.all_day else end.date()


class EventPage(RoutablePageMixin, AgendaItemPage):
    """An event of the territory's ESS animation: afterwork, breakfast, the Mois de l'ESS…"""

    KIND = Kind.EVENT
    start_date = models.DateField(
        "date de début",
        null=True,
        blank=True,
        help_text="Laissez vide tant que la date n'est pas connue (l'événement est alors "
        "annoncé « dates à venir »).",
    )
    start_time = models.TimeField(
        "heure de début", null=True, blank=True, help_text="Vide : toute la journée."
    )
    end_date = models.DateField(
        "date de fin", null=True, blank=True, help_text="Vide : le même jour."
    )
    end_time = models.TimeField("heure de fin", null=True, blank=True)
    attendance = models.CharField(
        "participation", max_length=10, choices=Attendance.choices, default=Attendance.OFFLINE
    )
    venue = models.CharField("lieu", max_length=255, blank=True, help_text="Nom du lieu.")
    street_address = models.CharField(
        "adresse", max_length=255, blank=True, help_text="Numéro et voie, sans la commune."
    )
    online_url = models.URLField(
        "lien de l'événement en ligne",
        blank=True,
        help_text="Obligatoire pour un événement en ligne ou mixte.",
    )
    organiser_name = models.CharField("organisateur", max_length=255, blank=True)
    organiser = models.ForeignKey(
        "directory.ActorPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_events",
        verbose_name="organisateur dans l'annuaire",
        help_text="Facultatif : sa fiche listera l'événement.",
    )
    audience = models.CharField("public", max_length=255, blank=True)
    registration_url = models.URLField("lien d'inscription", blank=True)
    free = models.BooleanField("gratuit", default=False)
    price = models.DecimalField(
        "prix (€)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"), "Un prix est supérieur à zéro.")],
        help_text="Vide si gratuit ou inconnu.",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="image",
    )
    image_alt = models.CharField("texte alternatif de l'image", max_length=255, blank=True)
    body = StreamField(AgendaBodyBlock(), blank=True, verbose_name="présentation")

    base_form_class = EventPageForm

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        AgendaItemPage.dates_panel(
            "Dates (heure de Paris)",
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
            ],
            after_note=[FieldPanel("archive_past")],
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance"),
                FieldPanel("venue"),
                FieldPanel("street_address"),
                FieldPanel("commune"),
                FieldPanel("online_url"),
            ],
            heading="Lieu",
        ),
        MultiFieldPanel(
            [
                FieldPanel("organiser_name"),
                FieldPanel("organiser"),
                FieldPanel("audience"),
                FieldPanel("registration_url"),
                FieldRowPanel([FieldPanel("free"), FieldPanel("price")]),
            ],
            heading="Organisation et inscription",
        ),
        FieldPanel("axis"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading="Image"),
        FieldPanel("body"),
    ]
    search_fields = [
        *AgendaItemPage.search_fields,
        index.SearchField("venue"),
        index.SearchField("organiser_name"),
        index.SearchField("body"),
    ]
    override_translatable_fields = [
        *AgendaItemPage.override_translatable_fields,
        SynchronizedField("street_address"),
        SynchronizedField("online_url"),
        SynchronizedField("registration_url"),
    ]
    serve_select_related = ["commune", "organiser"]

    class Meta:
        verbose_name = _("Événement")
        verbose_name_plural = _("Événements")

    def instants(self):
        if not self.start_date:  # dates to be announced
            return None, None, True
        last_day = self.end_date or self.start_date
        if self.start_time is None:
            return self.whole_days(self.start_date, last_day)
        starts = clock.at(self.start_date, self.start_time)
        ends = clock.at(last_day, self.end_time) if self.end_time else None
        if ends is None and self.end_date and self.end_date != self.start_date:
            ends = clock.end_of_day(last_day)
        return starts, ends, False

    def field_errors(self):
        errors = {}
        if not self.start_date and (self.end_date or self.start_time or self.end_time):
            errors["start_date"] = "Indiquez la date de début avant l'heure ou la date de fin."
        if self.end_time and not self.start_time:
            errors["start_time"] = "Indiquez l'heure de début puisque l'heure de fin est donnée."
        if ends_early := self.day_before(
            self.start_date,
            self.end_date,
            "La date de fin (%(last)s) est avant la date de début (%(first)s).",
        ):
            errors["end_date"] = ends_early
        elif self.start_date and self.start_time and self.end_time and not errors:
            starts, ends, _all_day = self.instants()
            if ends <= starts:
                errors["end_time"] = (
                    f"La fin ({self.end_time:%H:%M}) n'est pas après le début "
                    f"({self.start_time:%H:%M}) : l'événement finit avant de commencer."
                )
        if self.attendance in (Attendance.ONLINE, Attendance.MIXED) and not self.online_url:
            errors["online_url"] = (
                "Un événement en ligne a besoin de son lien : saisissez l'adresse où le suivre."
            )
        if self.free and self.price:
            errors["price"] = f"Un événement gratuit n'a pas de prix ({self.price} €)."
        if self.image_id and not self.image_alt.strip():
            errors["image_alt"] = "Décrivez l'image choisie : le texte alternatif est obligatoire."
        return errors

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A chosen actor may since have been unpublished, made private or deleted.
        context["organiser"] = self.organiser if shown_to_public(self.organiser) else None
        context["calendar_links"] = self.calendar_links(request)
        context["json_ld"] = structured_data.event_json_ld(self, request, context["organiser"])
        if self.price:
            context["price_text"] = format_currency(self.price, "EUR", locale=current_locale())
        return context

    @translated_route("^calendrier/$", "calendar", CALENDAR)
    def calendar_route(self, request):
        """This event as a calendar file; none before its date is known."""
        from .calendar import calendar, ics_response

        if not self.starts_at:
            raise Http404("Date de l'événement à venir : pas encore de fichier de calendrier.")
        cal = calendar([self], request, self.title, f"evenement-{self.translation_key}")
        return ics_response(cal, f"{self.slug}.ics")

    def calendar_links(self, request):
        """ "Add to my calendar": the .ics file and Google Calendar's form, pre-filled."""
        from .calendar import google_calendar_url

        if not self.starts_at:
            return None
        return {
            "ics": self.get_url(request) + self.reverse_subpage("calendar"),
            "google": google_calendar_url(self, self.get_full_url(request)),
        }

    def has_place(self):
        return self.attendance != Attendance.ONLINE

    def is_online(self):
        return self.attendance != Attendance.OFFLINE


class CallForProjectsPage(AgendaItemPage):
    """A call for projects: who may apply, what it funds or offers, when it opens and closes."""

    KIND = Kind.CALL
    opening_date = models.DateField(
        "date d'ouverture",
        null=True,
        blank=True,
        help_text="Vide : à annoncer. L'appel est « ouvert » à partir de ce jour.",
    )
    deadline = models.DateField(
        "date limite de candidature",
        null=True,
        blank=True,
        help_text="Dernier jour pour candidater (inclus). Vide : à annoncer.",
    )
    eligibility = RichTextField(
        "qui peut candidater", blank=True, features=["bold", "italic", "link", "ul"]
    )
    offer = RichTextField(
        "ce qui est financé ou proposé", blank=True, features=["bold", "italic", "link", "ul"]
    )
    operator_name = models.CharField("opérateur ou financeur", max_length=255, blank=True)
    support_service = models.ForeignKey(
        "directory.SupportServicePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="service d'appui",
        help_text="Facultatif : le service d'appui qui porte l'appel.",
    )
    amount_min = models.DecimalField(
        "montant minimal (€)", max_digits=12, decimal_places=2, null=True, blank=True
    )
    amount_max = models.DecimalField(
        "montant maximal (€)", max_digits=12, decimal_places=2, null=True, blank=True
    )
    application_url = models.URLField("lien pour candidater", blank=True)
    documents = StreamField([("document", DocumentBlock())], blank=True, verbose_name="documents")
    body = StreamField(AgendaBodyBlock(), blank=True, verbose_name="présentation")

    base_form_class = CallForProjectsPageForm

    content_panels = [
        *BasePage.content_panels,
        FieldPanel("summary"),
        AgendaItemPage.dates_panel(
            "Dates", [FieldRowPanel([FieldPanel("opening_date"), FieldPanel("deadline")])]
        ),
        FieldPanel("eligibility"),
        FieldPanel("offer"),
        MultiFieldPanel(
            [
                FieldPanel("operator_name"),
                FieldPanel("support_service"),
                FieldRowPanel([FieldPanel("amount_min"), FieldPanel("amount_max")]),
                FieldPanel("application_url"),
            ],
            heading="Opérateur et montants",
        ),
        FieldPanel("commune"),
        FieldPanel("axis"),
        FieldPanel("documents"),
        FieldPanel("body"),
    ]
    search_fields = [
        *AgendaItemPage.search_fields,
        index.SearchField("eligibility"),
        index.SearchField("offer"),
        index.SearchField("operator_name"),
        index.SearchField("body"),
    ]
    override_translatable_fields = [
        *AgendaItemPage.override_translatable_fields,
        SynchronizedField("application_url"),
    ]
    serve_select_related = ["commune", "support_service"]

    class Meta:
        verbose_name = _("Appel à projets")
        verbose_name_plural = _("Appels à projets")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        service = self.support_service
        context["support_service"] = service if shown_to_public(service) else None
        context["json_ld"] = structured_data.call_json_ld(self, request, context["support_service"])
        locale = current_locale()
        if self.deadline:
            context["deadline_text"] = format_date(self.deadline, "full", locale=locale)
        amounts = [
            format_currency(amount, "EUR", locale=locale)
            for amount in (self.amount_min, self.amount_max)
            if amount is not None
        ]
        if len(amounts) == 2:
            context["amounts_text"] = gettext("de %(min)s à %(max)s") % {
                "min": amounts[0],
                "max": amounts[1],
            }
        elif self.amount_max is not None:
            context["amounts_text"] = gettext("jusqu’à %(max)s") % {"max": amounts[0]}
        elif amounts:
            context["amounts_text"] = gettext("à partir de %(min)s") % {"min": amounts[0]}
        return context

    def instants(self):
        return self.whole_days(self.opening_date, self.deadline)

    def field_errors(self):
        errors = {}
        if closes_early := self.day_before(
            self.opening_date,
            self.deadline,
            "La date limite (%(last)s) est avant la date d'ouverture (%(first)s).",
        ):
            errors["deadline"] = closes_early
        if (
            self.amount_min is not None
            and self.amount_max is not None
            and self.amount_max < self.amount_min
        ):
            errors["amount_max"] = (
                f"Le montant maximal ({self.amount_max} €) est inférieur au montant minimal "
                f"({self.amount_min} €)."
            )
        return errors
