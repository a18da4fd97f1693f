"""Issue #21, "also verify and cover": the page cache and private pages, a flood of query
parameters with DEBUG off, password reset without user enumeration, and who may translate."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings
from wagtail.models import Locale, PageViewRestriction

from home.models import ContentPage
from tests.accounts import create_editor, create_moderator

from ..home.builders import content, english_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings, empty_cache):
    settings.PAGE_CACHE_SECONDS = 300


def test_a_password_page_unlocked_by_one_visitor_is_never_served_to_another(
    client, home_page, page_cache
):
    secret = content(home_page, title="Compte rendu Xylophone", slug="compte-rendu")
    PageViewRestriction.objects.create(page=secret, restriction_type="password", password="s3")
    form = client.get(secret.url)
    assert "Xylophone" not in form.content.decode()
    restriction = secret.get_view_restrictions().get()
    unlock = f"/fr/_util/authenticate_with_password/{restriction.pk}/{secret.pk}/"
    client.post(unlock, {"password": "s3", "return_url": secret.url})
    assert "Xylophone" in client.get(secret.url).content.decode()  # the visitor who unlocked
    other = type(client)()
    for _ in range(2):
        response = other.get(secret.url)
        assert "Xylophone" not in response.content.decode()
        assert response.get("X-Page-Cache") != "hit" or "Xylophone" not in response.content.decode()


def test_a_signed_in_readers_private_page_is_not_stored(client, home_page, page_cache):
    secret = content(home_page, title="Réservé Xylophone", slug="reserve")
    PageViewRestriction.objects.create(page=secret, restriction_type="login")
    client.force_login(create_editor())
    assert "Xylophone" in client.get(secret.url).content.decode()
    other = type(client)()
    response = other.get(secret.url)
    assert response.status_code == 302 and "Xylophone" not in response.content.decode()


def test_an_english_page_whose_source_is_made_private_leaves_the_cache_at_once(
    client, home_page, page_cache
):
    english_home(home_page)
    french = content(home_page, title="Infos", slug="infos")
    english = french.copy_for_translation(Locale.objects.get(language_code="en"))
    english.title, english.slug = "News Xylophone", "news"
    english.save_revision().publish()
    for _ in range(2):
        assert "Xylophone" in client.get("/en/news/").content.decode()
    PageViewRestriction.objects.create(page=french, restriction_type="login")
    response = client.get("/en/news/")
    assert response.status_code == 302 and "Xylophone" not in response.content.decode()


@override_settings(DEBUG=False)
@pytest.mark.parametrize("url", ["/fr/", "/fr/recherche/", "/sitemap.xml"])
def test_more_than_ten_thousand_parameters_answer_400_not_500(client, home_page, url):
    query = "&".join(f"p{i}=1" for i in range(10_001))
    response = client.get(f"{url}?{query}")
    assert response.status_code == 400


def test_password_reset_says_the_same_whether_the_address_is_known_or_not(client, home_page):
    create_editor()
    known = client.post("/admin/password_reset/", {"email": "editrice@example.org"})
    unknown = client.post("/admin/password_reset/", {"email": "personne@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    pages = [client.get(r["Location"]).content.decode() for r in (known, unknown)]
    token = re.compile(r'"CSRF_TOKEN": "[^"]*"')  # a fresh token in each page, nothing more
    assert token.sub("", pages[0]) == token.sub("", pages[1])
    assert [message.to for message in mail.outbox] == [["editrice@example.org"]]


def test_editors_and_moderators_may_ask_for_a_translation_nobody_else(client, home_page):
    english_home(home_page)
    page = content(home_page)
    url = f"/admin/localize/submit/page/{page.pk}/"
    en = Locale.objects.get(language_code="en")
    for user, allowed in (
        (create_editor(), True),
        (create_moderator(), True),
        (get_user_model().objects.create_user("sansrole", password="x" * 20), False),
    ):
        client.force_login(user)
        response = client.get(url)
        assert (response.status_code == 200) is allowed, user.username
        client.logout()
    client.force_login(create_editor("traductrice"))
    client.post(url, {"locales": [en.pk]})
    translated = ContentPage.objects.get(translation_key=page.translation_key, locale=en)
    assert not translated.live  # an Éditeur's translation waits for a moderator
