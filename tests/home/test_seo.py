"""What crawlers and link previews read: sitemap.xml, robots.txt, canonical and meta tags;
and the error pages."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.template.loader import get_template
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from home.models import ContentPage, HomePage, PolicyPage, SiteSettings

from .builders import content, draft, english_home, make_private, policy, publish

pytestmark = pytest.mark.django_db


def test_sitemap_lists_live_public_pages_in_both_languages(client, home_page):
    policy(home_page)
    draft(home_page, ContentPage(title="Brouillon", slug="brouillon"))
    make_private(content(home_page, title="Privée", slug="privee"))
    english = english_home(home_page)
    publish(english, ContentPage(title="About", slug="about"))
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    xml = response.content.decode()
    for path in ("/fr/", "/fr/politique-ess/", "/en/", "/en/about/"):
        assert f"<loc>http://testserver{path}</loc>" in xml
    assert "brouillon" not in xml and "privee" not in xml


def test_robots_txt_points_at_the_sitemap(client, home_page):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /admin/" in body


def test_page_head_has_canonical_description_and_open_graph(client, home_page):
    policy(
        home_page,
        search_description="La feuille de route ESS de la CAHC & ses axes.",
        seo_title="Politique ESS de la CAHC",
    )
    html = client.get("/fr/politique-ess/?page=2").content.decode()
    assert '<link rel="canonical" href="http://testserver/fr/politique-ess/">' in html
    assert (
        '<meta name="description" content="La feuille de route ESS de la CAHC &amp; ses axes.">'
        in html
    )
    assert '<meta property="og:title" content="Politique ESS de la CAHC">' in html
    assert '<meta property="og:url" content="http://testserver/fr/politique-ess/">' in html
    assert '<meta property="og:locale" content="fr_FR">' in html
    assert "<title>Politique ESS de la CAHC – L'ESS en Hénin-Carvin</title>" in html


def test_meta_description_falls_back_on_the_introduction(client, home_page):
    policy(home_page, intro="<p>La CAHC mène une politique <b>volontariste</b>.</p>")
    html = client.get("/fr/politique-ess/").content.decode()
    assert '<meta name="description" content="La CAHC mène une politique volontariste.">' in html


def test_english_page_announces_its_locale(client, home_page):
    english_home(home_page)
    html = client.get("/en/").content.decode()
    assert '<html lang="en">' in html
    assert '<meta property="og:locale" content="en_GB">' in html


@override_settings(DEBUG=False)
def test_missing_page_gets_a_404_in_the_site_look(client, home_page):
    policy(home_page)
    response = client.get("/fr/page-qui-n-existe-pas/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Page introuvable</h1>" in html
    assert 'aria-label="Navigation principale"' in html  # the site's header
    assert 'href="/fr/politique-ess/"' in html
    assert 'action="/fr/recherche/"' in html


def test_500_page_renders_without_context_or_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = get_template("500.html").render()
    assert "<h1>Le site rencontre un problème</h1>" in html
    assert "<link" not in html  # no stylesheet to fetch when things are broken


@pytest.mark.parametrize(
    ("path", "limit"),
    [
        # Site, routing (the pages of the path, then the page found), home with breadcrumb
        # and translations, site settings, menu and footer (these two cached in production).
        # The home page also lists the agenda's next items (the items, then their pages'
        # paths); the policy page its axes' items in one query.
        ("/fr/", 8),
        ("/fr/politique-ess/", 7),
        ("/fr/mentions-legales/", 6),
        # One more for the page tree the plan du site shows.
        ("/fr/plan-du-site/", 7),
    ],
)
def test_each_page_type_renders_in_a_constant_number_of_queries(client, path, limit):
    call_command("load_demo", stdout=StringIO())
    client.get(path)  # warm the site-root-paths cache, as on a running server
    with CaptureQueriesContext(connection) as before:
        assert client.get(path).status_code == 200

    home = HomePage.objects.get(locale__language_code="fr")
    for number in range(5):
        section = content(
            home, title=f"Rubrique {number}", slug=f"rubrique-{number}", show_in_menus=True
        )
        content(section, title=f"Détail {number}", slug="detail")
    client.get(path)
    with CaptureQueriesContext(connection) as after:
        html = client.get(path).content.decode()
    assert "Rubrique 4" in html  # the new sections are in the menu
    assert len(after) == len(before) <= limit


def test_load_demo_is_idempotent_and_keeps_editor_changes():
    call_command("load_demo", stdout=StringIO())
    policy_page = PolicyPage.objects.get(locale__language_code="fr")
    assert [b.block_type for b in policy_page.body] == [
        "rich_text",
        "callout",
        "roadmap",
        "related_links",
    ]
    roadmap = next(b.value for b in policy_page.body if b.block_type == "roadmap")
    assert len(roadmap["axes"]) == 4
    policy_page.title = "Titre revu"
    policy_page.save_revision().publish()
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.contact_email = "autre@example.org"
    settings.save()

    call_command("load_demo", stdout=StringIO())
    assert PolicyPage.objects.get(locale__language_code="fr").title == "Titre revu"
    assert ContentPage.objects.filter(locale__language_code="fr").count() == 4
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    assert settings.contact_email == "autre@example.org"
    assert settings.legal_notice_page.slug == "mentions-legales"


def test_favicon_ico_is_answered(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert client.post("/favicon.ico").status_code == 405


@pytest.mark.django_db
def test_every_demo_page_and_view_has_a_meta_description(client, empty_cache):
    import re
    from io import StringIO

    from django.core.management import call_command
    from wagtail.models import Page

    call_command("load_demo", stdout=StringIO())
    paths = [page.get_url() for page in Page.objects.live().filter(depth__gt=1).specific()]
    paths += ["/fr/recherche/", "/fr/contribuer/proposer/"]
    for path in paths:
        html = client.get(path, follow=True).content.decode()
        found = re.search(r'<meta name="description" content="([^"]+)">', html)
        assert found and len(found.group(1)) > 20, path
