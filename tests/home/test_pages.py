"""Page types of the home app: where editors may create them, and what readers see."""

import pytest
from django.utils.html import strip_tags
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from directory.models import ActorPage, DirectoryIndexPage
from home.models import ContentPage, HomePage, PolicyPage

from .builders import content, policy, publish

pytestmark = pytest.mark.django_db


class TestPageTree(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_policy_page_lives_under_a_home_page_and_has_no_children(self):
        self.assertAllowedParentPageTypes(PolicyPage, {HomePage})
        self.assertAllowedSubpageTypes(PolicyPage, set())

    def test_content_pages_nest_under_home_or_each_other(self):
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})
        self.assertAllowedSubpageTypes(ContentPage, {ContentPage})


def test_only_one_policy_page_per_home(home_page):
    assert PolicyPage.can_create_at(home_page)
    policy(home_page)
    assert not PolicyPage.can_create_at(home_page)


def test_policy_page_shows_intro_callout_and_numbered_roadmap(client, home_page):
    policy(
        home_page,
        body=[
            {
                "type": "callout",
                "value": {"title": "", "text": "<p>Lauréate Territoire d'ESS en 2024.</p>"},
            },
            {
                "type": "roadmap",
                "value": {
                    "heading": "Feuille de route",
                    "intro": "",
                    "axes": [
                        {"title": "La sensibilisation à l'ESS", "text": ""},
                        {"title": "L'animation du territoire en ESS", "text": "<p>Mois</p>"},
                    ],
                },
            },
        ],
    )
    html = client.get("/fr/politique-ess/").content.decode()
    assert html.count("<h1") == 1
    # The first CAHC and ESS of the page are explained (core.abbreviations).
    assert "La CAHC mène une politique en faveur de l'ESS." in strip_tags(html)
    assert '<div class="callout">' in html and "Lauréate Territoire d'ESS en 2024." in html
    start = html.index('<ol class="roadmap__axes">')
    roadmap = html[start : html.index("</ol>", start)]
    assert roadmap.index("La sensibilisation") < roadmap.index("L&#x27;animation")
    assert roadmap.count("<li") == 2


def test_home_page_shows_figures_sections_and_partners(client, home_page):
    home_page.key_figures = [
        {
            "type": "figure",
            "value": {
                "value": "3761",
                "kind": "number",
                "unit": "emplois ESS",
                "label": "dans la CA Hénin-Carvin",
                "scale": "units",
                "decimals": 0,
            },
        }
    ]
    home_page.body = [
        {
            "type": "partners",
            "value": {
                "heading": "Partenaires",
                "partners": [{"name": "ESSHDF", "description": "", "url": "http://www.esshdf.org"}],
            },
        }
    ]
    home_page.save_revision().publish()
    policy(home_page, search_description="La feuille de route de la CAHC.")
    content(home_page)  # not in the menu: not an entry point
    html = client.get("/fr/").content.decode()
    assert "3\u202f761" in html and "emplois ESS" in strip_tags(html)
    entry_points = html[
        html.index('class="entry-points"') : html.index(
            "</nav>", html.index('class="entry-points"')
        )
    ]
    assert 'href="/fr/politique-ess/"' in entry_points
    assert "La feuille de route de la CAHC." in strip_tags(entry_points)
    assert "mentions-legales" not in entry_points
    assert '<a class="card__link" href="http://www.esshdf.org">ESSHDF</a>' in html


def test_content_page_renders_headings_with_anchors(client, home_page):
    content(
        home_page,
        body=[
            {"type": "heading", "value": {"text": "Éditeur du site", "level": "h2"}},
            {"type": "rich_text", "value": "<p>La CAHC.</p>"},
        ],
    )
    html = client.get("/fr/mentions-legales/").content.decode()
    assert '<h2 id="editeur-du-site">Éditeur du site</h2>' in html


def test_plan_du_site_lists_live_pages_of_the_current_language_only(client, home_page):
    from .builders import draft, english_home

    policy(home_page)
    draft(home_page, ContentPage(title="Brouillon", slug="brouillon"))
    section = content(home_page, title="Infos", slug="infos")
    content(section, title="Sous-page", slug="sous-page")
    content(
        home_page,
        title="Plan du site",
        slug="plan-du-site",
        body=[{"type": "site_map", "value": None}],
    )
    english = english_home(home_page)
    publish(english, ContentPage(title="English only", slug="english-only"))

    html = client.get("/fr/plan-du-site/").content.decode()
    site_map = html[
        html.index('class="site-map"') : html.index("</nav>", html.index('class="site-map"'))
    ]
    assert 'href="/fr/politique-ess/"' in site_map
    assert 'href="/fr/infos/sous-page/"' in site_map
    assert site_map.index("Infos") < site_map.index("Sous-page")
    assert "Brouillon" not in site_map
    assert "English only" not in site_map


def test_plan_du_site_leads_to_the_directory_not_to_each_actor(client, home_page):
    directory = publish(home_page, DirectoryIndexPage(title="Annuaire", slug="annuaire"))
    publish(directory, ActorPage(title="Acteur de test", slug="acteur"))
    content(
        home_page,
        title="Plan du site",
        slug="plan-du-site",
        body=[{"type": "site_map", "value": None}],
    )
    html = client.get("/fr/plan-du-site/").content.decode()
    site_map = html[html.index('class="site-map"') :]
    assert 'href="/fr/annuaire/"' in site_map
    assert "Acteur de test" not in site_map


def test_related_links_to_pages_unpublished_since_disappear(client, home_page):
    target = content(home_page, title="Annexe", slug="annexe")
    links = [
        {"page": target.pk, "url": "", "label": ""},
        {"page": None, "url": "http://www.esshdf.org", "label": "ESSHDF"},
    ]
    policy(
        home_page, body=[{"type": "related_links", "value": {"heading": "Liens", "links": links}}]
    )
    assert '<a href="/fr/annexe/">Annexe</a>' in client.get("/fr/politique-ess/").content.decode()
    target.unpublish()
    html = client.get("/fr/politique-ess/").content.decode()
    assert "/fr/annexe/" not in html
    assert '<a href="http://www.esshdf.org">ESSHDF</a>' in html
