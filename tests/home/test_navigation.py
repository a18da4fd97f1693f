"""Menu, breadcrumbs and footer, built from the page tree and the site settings."""

import pytest

from home.models import ContentPage, PartnerLinks

from .builders import content, draft, english_home, footer_settings, make_private, policy, publish

pytestmark = pytest.mark.django_db


def nav(html):
    start = html.index('<nav class="site-nav"')
    return html[start : html.index("</nav>", start)]


def footer(html):
    return html[html.index("<footer") : html.index("</footer>")]


def test_menu_lists_live_public_menu_pages_in_tree_order(client, home_page):
    policy(home_page)
    content(home_page, title="Annexe", slug="annexe", show_in_menus=True)
    content(home_page, title="Hors menu", slug="hors-menu")
    draft(home_page, ContentPage(title="Brouillon", slug="brouillon", show_in_menus=True))
    private = content(home_page, title="Privée", slug="privee", show_in_menus=True)
    make_private(private)
    menu = nav(client.get("/fr/").content.decode())
    assert menu.index("Accueil") < menu.index("Politique ESS") < menu.index("Annexe")
    for hidden in ("Hors menu", "Brouillon", "Privée"):
        assert hidden not in menu


def test_menu_marks_the_current_page_and_the_current_section(client, home_page):
    section = content(home_page, title="Infos", slug="infos", show_in_menus=True)
    content(section, title="Détail", slug="detail")
    menu = nav(client.get("/fr/infos/").content.decode())
    assert '<a href="/fr/infos/" aria-current="page">Infos</a>' in menu
    menu = nav(client.get("/fr/infos/detail/").content.decode())
    assert 'href="/fr/infos/" aria-current="true"' in menu


def test_english_pages_get_the_english_menu(client, home_page):
    policy(home_page)
    english = english_home(home_page)
    publish(english, ContentPage(title="About", slug="about", show_in_menus=True))
    menu = nav(client.get("/en/about/").content.decode())
    assert 'href="/en/"' in menu and "About" in menu
    assert "Politique ESS" not in menu


def test_breadcrumbs_show_the_trail_but_not_on_the_home_page(client, home_page):
    section = content(home_page, title="Infos", slug="infos")
    content(section, title="Détail", slug="detail")
    html = client.get("/fr/infos/detail/").content.decode()
    start = html.index('class="breadcrumbs"')
    trail = html[start : html.index("</ol>", start)]
    assert '<a href="/fr/">Accueil</a>' in trail
    assert '<a href="/fr/infos/">Infos</a>' in trail
    assert '<span aria-current="page">Détail</span>' in trail
    assert 'class="breadcrumbs"' not in client.get("/fr/").content.decode()


def test_footer_shows_contact_partner_links_and_chosen_pages(client, home_page):
    legal = content(home_page)
    site_map = content(home_page, title="Plan du site", slug="plan-du-site")
    footer_settings(
        contact_name="Sarah Dupont",
        contact_email="sarah.dupont@agglo-henincarvin.fr",
        contact_phone="03 21 00 00 00",
        legal_notice_page=legal,
        sitemap_page=site_map,
    )
    PartnerLinks.objects.create(
        locale=home_page.locale,
        links=[{"type": "link", "value": {"label": "ESSHDF", "url": "http://www.esshdf.org"}}],
    )
    html = footer(client.get("/fr/").content.decode())
    assert "Sarah Dupont" in html
    assert 'href="mailto:sarah.dupont@agglo-henincarvin.fr"' in html
    assert 'href="tel:0321000000"' in html
    assert '<a href="http://www.esshdf.org">ESSHDF</a>' in html
    assert html.index("/fr/mentions-legales/") < html.index("/fr/plan-du-site/")


def test_footer_leaves_out_empty_contact_and_unpublished_pages(client, home_page):
    legal = content(home_page)
    legal.unpublish()
    footer_settings(legal_notice_page=legal)
    html = footer(client.get("/fr/").content.decode())
    assert "mailto:" not in html and "tel:" not in html
    assert "mentions-legales" not in html


def test_footer_links_to_the_translation_in_the_readers_language(client, home_page):
    legal = content(home_page)
    footer_settings(legal_notice_page=legal)
    english = english_home(home_page)
    from wagtail.models import Locale

    translated = legal.copy_for_translation(Locale.objects.get(language_code="en"))
    translated.title, translated.slug = "Legal notice", "legal-notice"
    translated.save_revision().publish()
    assert english.pk
    html = footer(client.get("/en/").content.decode())
    assert '<a href="/en/legal-notice/">Legal notice</a>' in html
    assert "/fr/mentions-legales/" not in html


def test_breadcrumbs_follow_the_page_given_even_after_another_lookup(rf, home_page):
    from core import navigation

    section = content(home_page, title="Infos", slug="infos")
    detail = content(section, title="Détail", slug="detail")
    request = rf.get("/fr/infos/detail/", SERVER_NAME="localhost")
    assert navigation.current_home(request).pk == home_page.pk  # looked up without a page
    assert [p.pk for p in navigation.breadcrumb_trail(request, detail)] == [
        home_page.pk,
        section.pk,
    ]


def test_menu_shows_the_short_menu_title_else_the_title(client, home_page):
    content(
        home_page,
        title="Des solutions de proximité pour développer vos projets",
        slug="services",
        menu_title="Services d'appui",
        show_in_menus=True,
    )
    content(home_page, title="Annexe", slug="annexe", show_in_menus=True)
    html = client.get("/fr/").content.decode()
    menu = nav(html)
    assert ">Services d&#x27;appui</a>" in menu and "Des solutions de proximité" not in menu
    assert ">Annexe</a>" in menu
    # The page keeps its full title everywhere else.
    assert "<h1>Des solutions" in client.get("/fr/services/").content.decode()
