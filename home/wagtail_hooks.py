"""The footer's partner links in the admin's Snippets menu, next to the other translatable texts."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import PartnerLinks


class PartnerLinksViewSet(SnippetViewSet):
    model = PartnerLinks
    icon = "link"
    menu_label = "Liens partenaires"


register_snippet(PartnerLinksViewSet)
