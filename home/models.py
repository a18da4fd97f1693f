"""The abstract BasePage every page type inherits, and the home page."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index


class BasePage(Page):
    """Common ground for every page type of the site.

    Abstract on purpose: wagtail-localize does not support Wagtail's swappable base page model.
    """

    class Meta:
        abstract = True


class HomePage(BasePage):
    """The root of each language tree: it leads to the key figures and the other sections."""

    introduction = RichTextField(
        blank=True, features=["bold", "italic", "link"], verbose_name="Introduction"
    )

    content_panels = [*BasePage.content_panels, FieldPanel("introduction")]
    search_fields = [*BasePage.search_fields, index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = "Page d'accueil"
        verbose_name_plural = "Pages d'accueil"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = self.get_children().live().public().specific()
        return context
