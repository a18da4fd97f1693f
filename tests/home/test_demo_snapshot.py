"""The demo site, page by page, French and English: its visible text is pinned in
tests/home/data/demo_pages.json, so moving or reshaping the demo content cannot change what a
visitor reads without the change showing here. Refresh with DEMO_SNAPSHOT_WRITE=1 after a
deliberate content change."""

import json
import os
import re
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from wagtail.models import Page

SNAPSHOT = Path(__file__).parent / "data" / "demo_pages.json"
HIDDEN_TAGS = {"script", "style", "template", "svg"}


class VisibleText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_TAGS:
            self.hidden += 1

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS and self.hidden:
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html):
    parser = VisibleText()
    parser.feed(html)
    return re.sub(r"\s+", " ", " ".join(parser.parts)).strip()


def demo_snapshot(client):
    pages = {}
    for page in Page.objects.filter(depth__gt=1).order_by("path").specific():
        url = page.get_url()
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = {"type": page.specific_class.__name__, "text": visible_text(response.text)}
    return pages


@pytest.mark.django_db
def test_demo_pages_read_as_the_snapshot(client, empty_cache):
    call_command("load_demo", stdout=StringIO())
    cache.clear()
    pages = demo_snapshot(client)
    if os.environ.get("DEMO_SNAPSHOT_WRITE") == "1":
        SNAPSHOT.write_text(json.dumps(pages, ensure_ascii=False, indent=1) + "\n")
    assert pages == json.loads(SNAPSHOT.read_text())
