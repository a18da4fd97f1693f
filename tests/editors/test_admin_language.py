"""Wagtail's own admin texts in the editor's chosen language, never a mix of two."""

import re
from html import unescape

import pytest
from django.urls import reverse
from wagtail.contrib.redirects.models import Redirect

from tests.accounts import create_member

pytestmark = pytest.mark.django_db


def redirects_listing(client, language):
    admin = create_member(f"admin-{language}", superuser=True)
    admin.wagtail_userprofile.preferred_language = language
    admin.wagtail_userprofile.save()
    Redirect.objects.create(old_path="/ancien", redirect_link="https://www.esshdf.org/")
    client.force_login(admin)
    html = client.get(reverse("wagtailredirects:index")).content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_redirects_filter_speaks_english_to_an_english_editor(client):
    text = redirects_listing(client, "en")
    assert "Add redirect" in text
    for english in ("Permanent", "Temporary", "All"):
        assert f" {english} " in text, english
    for french in ("Permanente", "Temporaire", "Tous", "Ajouter une règle"):
        assert french not in text, french


def test_the_redirects_filter_speaks_french_to_a_french_editor(client):
    text = redirects_listing(client, "fr")
    assert "Ajouter une règle de redirection" in text
    for french in ("Permanente", "Temporaire", "Tous"):
        assert f" {french} " in text, french
    for english in ("Temporary", "Add redirect"):
        assert english not in text, english


# The project's own admin texts (messages, the contributions screens, filters and menus) in the
# editor's language too; French stays the source.


def in_language(user, language):
    user.wagtail_userprofile.preferred_language = language
    user.wagtail_userprofile.save()
    return user


def page_text(client, url):
    return " ".join(re.sub(r"<[^>]+>", " ", client.get(url).content.decode()).split())


@pytest.mark.parametrize(
    ("language", "expected", "absent"),
    [
        ("en", "only administrators delete pages", "seuls les administrateurs"),
        ("fr", "seuls les administrateurs suppriment les pages", "only administrators"),
    ],
)
def test_a_refused_deletion_is_explained_in_the_editors_language(
    client, home_page, language, expected, absent
):
    from home.models import ContentPage
    from tests.accounts import create_editor, create_moderator
    from tests.home.builders import draft

    page = draft(home_page, ContentPage(title="Brouillon", slug="b", owner=create_moderator()))
    client.force_login(in_language(create_editor(), language))
    response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))
    text = page_text(client, response["Location"])
    assert expected in text and absent not in text


@pytest.mark.parametrize(
    ("language", "expected", "absent"),
    [
        ("en", ["Decision", "Accept and publish", "Reject with this reason"], "Décision"),
        ("fr", ["Décision", "Accepter et publier", "Refuser avec ce motif"], "Accept and"),
    ],
)
def test_the_contribution_screen_speaks_the_moderators_language(
    client, home_page, language, expected, absent
):
    from contributions import services
    from directory.models import Commune, DirectoryIndexPage
    from tests.accounts import create_moderator

    directory = home_page.add_child(instance=DirectoryIndexPage(title="Annuaire", slug="annuaire"))
    directory.save_revision().publish()
    values = {
        "title": "Recyclerie",
        "siret": "",
        "family": "",
        "sectors": [],
        "commune": Commune.objects.get(insee_code="62427"),
        "street_address": "",
        "website": "",
        "email": "",
        "phone": "",
        "summary": "",
    }
    submitter = {
        "submitter_name": "C",
        "submitter_email": "c@example.org",
        "submitter_relation": "b",
    }
    contribution = services.submit(values, submitter=submitter, language="fr", form_nonce="n")
    client.force_login(in_language(create_moderator(), language))
    text = page_text(client, f"/admin/contributions/inspect/{contribution.pk}/")
    assert all(words in text for words in expected), text
    assert absent not in text
    refused = client.post(f"/admin/contributions/{contribution.pk}/decision/", {"action": "reject"})
    message = page_text(client, refused["Location"])
    assert ("Give the reason" in message) is (language == "en")


@pytest.mark.parametrize(
    ("language", "expected", "absent"),
    [
        ("en", ["Used by a page", "Producer"], "Utilisé par une page"),
        ("fr", ["Utilisé par une page", "Producteur"], "Used by a page"),
    ],
)
def test_the_indicator_listing_speaks_the_editors_language(
    client, home_page, language, expected, absent
):
    from factsheet.models import Indicator

    client.force_login(in_language(create_member(f"admin-{language}", superuser=True), language))
    text = page_text(client, reverse(Indicator.snippet_viewset.get_url_name("list")))
    assert all(words in text for words in expected), text
    assert absent not in text


@pytest.mark.parametrize(
    ("language", "expected", "absent"),
    [
        (
            "en",
            {
                "menu": "Prepare the next edition",
                "form": "Prepare the 2022 edition",
                "refusal": "Values copied from the previous edition are not updated yet",
                "panel": ["Figure checks", "Not updated yet"],
            },
            "Préparer l",
        ),
        (
            "fr",
            {
                "menu": "Préparer l'édition suivante",
                "form": "Préparer l'édition 2022",
                "refusal": "Des valeurs copiées de l'édition précédente ne sont pas encore mises",
                "panel": ["Vérification des chiffres", "Pas encore mis à jour"],
            },
            "Prepare the",
        ),
    ],
)
def test_the_next_edition_speaks_the_editors_language(
    client, home_page, language, expected, absent
):
    from factsheet.models import FactsheetPage
    from tests.factsheet.edition_bodies import edition
    from tests.factsheet.test_next_edition import edit_form, figure_data, prepare_url, standalone

    root = edition(home_page, 2021, 1, "1.0", slug="chiffres-cles")
    root.body = [standalone()]
    root.save_revision().publish()
    client.force_login(in_language(create_member(f"admin-{language}", superuser=True), language))
    menu = unescape(page_text(client, reverse("wagtailadmin_explore", args=[home_page.pk])))
    assert expected["menu"] in menu and absent not in menu
    form = unescape(page_text(client, prepare_url(root)))
    assert expected["form"] in form and absent not in form
    client.post(prepare_url(root))
    copy = FactsheetPage.objects.child_of(root).get(reference_year=2022)
    edit_url = reverse("wagtailadmin_pages:edit", args=[copy.pk])
    marked = [figure_data("500", carried_over="500")]
    refused = client.post(edit_url, edit_form(copy, marked, "action-publish"))
    assert expected["refusal"] in unescape(refused.content.decode())
    panel = unescape(page_text(client, edit_url))
    assert all(words in panel for words in expected["panel"]), panel
