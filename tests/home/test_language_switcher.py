"""The language switcher and hreflang alternates lead to the same page in the other language."""

import re

import pytest
from wagtail.models import Locale

from home.models import HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_home(home_page):
    english = home_page.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title = "Home"
    english.save_revision().publish()
    return english


def switcher(html):
    return re.search(r'<nav class="language-switcher".*?</nav>', html, re.S).group(0)


def test_switcher_links_to_the_translation_and_head_lists_alternates(client, english_home):
    html = client.get("/fr/").content.decode()
    assert '<a href="/en/" hreflang="en">English</a>' in switcher(html)
    assert '<link rel="alternate" hreflang="fr" href="http://testserver/fr/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/">' in html

    html = client.get("/en/").content.decode()
    assert '<html lang="en">' in html
    assert '<a href="/fr/" hreflang="fr">Français</a>' in switcher(html)


def test_untranslated_page_says_so_instead_of_linking_to_a_404(client, home_page, english_home):
    child = home_page.add_child(instance=HomePage(title="Sans traduction", slug="seule"))
    child.save_revision().publish()

    html = client.get("/fr/seule/").content.decode()
    nav = switcher(html)
    assert "/en/seule/" not in nav
    assert "n'est pas encore traduite" in nav or "not been translated yet" in nav
    assert '<a href="/en/" hreflang="en">' in nav
    assert 'hreflang="en"' not in html.split("</head>")[0]


def test_draft_translation_is_not_offered(client, home_page):
    english = home_page.copy_for_translation(Locale.objects.get(language_code="en"))
    assert not english.live
    nav = switcher(client.get("/fr/").content.decode())
    assert '<a href="/en/" hreflang="en">English</a>' not in nav


def test_interface_text_is_in_the_language_being_read(client, english_home):
    assert "Aller au contenu" in client.get("/fr/").content.decode()
    html = client.get("/en/").content.decode()
    assert "Skip to content" in html
    assert "Aller au contenu" not in html


@pytest.mark.parametrize(
    "accept, target",
    [("en-GB,en;q=0.9", "/en/"), ("fr-FR", "/fr/"), ("de-DE", "/fr/"), ("", "/fr/")],
)
def test_bare_root_redirects_by_accept_language_then_french(client, home_page, accept, target):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == target
