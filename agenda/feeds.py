"""The Atom feed of an agenda's calls for projects (Django's syndication framework)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .formatting import when

MAX_ITEMS = 50
MAX_DESCRIPTION = 2000


class CallsFeed(Feed):
    feed_type = Atom1Feed

    def __init__(self, index, calls):
        super().__init__()
        self.index = index
        self.calls = calls

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("Appels à projets – %(agenda)s") % {"agenda": self.index.title}

    def link(self):
        return self.index.get_url(self.request)

    def subtitle(self):
        return _("Les appels à projets de l’agenda de l’ESS, les plus récents d’abord.")

    def items(self):
        return self.calls[:MAX_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        text = Truncator(item.summary or "").chars(MAX_DESCRIPTION)
        return f"{when(item)}. {item.get_status_display()}. {text}".strip()

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return f"appel-{item.translation_key}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at
