"""Issue #21: who may sync an English translation with its French source, and what
unpublishing the French source does to its English translation."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from wagtail.models import Locale
from wagtail_localize.models import TranslationSource

from core.localization import translate
from home.models import ContentPage
from tests.accounts import create_editor, create_moderator

from ..home.builders import content, english_home

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page, django_capture_on_commit_callbacks):
    """A live French page and its live English translation, then a change to the French page
    waiting to be synced."""
    english_home(home_page)
    french = content(home_page, title="Infos", slug="infos")
    with django_capture_on_commit_callbacks(execute=True):
        translate(french, Locale.objects.get(language_code="en"), {"Infos": "News"})
    french.title = "Infos pratiques"
    french.save_revision().publish()
    source, _created = TranslationSource.update_or_create_from_instance(french)
    english = ContentPage.objects.get(
        translation_key=french.translation_key, locale__language_code="en"
    )
    return french, english, f"/admin/localize/update/{source.pk}/"


def english_state(english):
    english = ContentPage.objects.get(pk=english.pk)
    return english.title, english.live, english.latest_revision_id, english.live_revision_id


def admin_only_user():
    """A user who reaches the admin but holds no page or translation permission."""
    user = get_user_model().objects.create_user("sansrole", password="x" * 20)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_user_without_permission_cannot_sync_translations(client, pages, method):
    french, english, url = pages
    before = english_state(english)
    client.force_login(admin_only_user())
    response = getattr(client, method)(url, {"publish_translations": "on"})
    # Wagtail's admin answers a refusal with a redirect to the dashboard and a message.
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert english_state(english) == before


def test_an_anonymous_visitor_is_sent_to_the_login(client, pages):
    french, english, url = pages
    before = english_state(english)
    response = client.post(url, {"publish_translations": "on"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert english_state(english) == before


def test_an_editor_syncs_but_cannot_publish_the_translation(
    client, pages, django_capture_on_commit_callbacks
):
    """Éditeurs never publish (docs/editors.md): "Publish immediately" in the sync screen
    would publish the English page without a moderator."""
    french, english, url = pages
    client.force_login(create_editor())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"publish_translations": "on"})
    assert response.status_code == 302  # the sync itself is done, without publishing
    assert english_state(english)[:2] == ("News", True)  # the public page is unchanged


def test_a_moderator_syncs_and_publishes_the_translation(
    client, pages, django_capture_on_commit_callbacks
):
    french, english, url = pages
    client.force_login(create_moderator())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"publish_translations": "on"})
    assert response.status_code == 302
    assert ContentPage.objects.get(pk=english.pk).title == "Infos pratiques"  # the new title


def test_the_editor_sees_why_publishing_is_not_offered(client, pages):
    client.force_login(create_editor())
    html = client.get(pages[2]).content.decode()
    assert "Réservé aux personnes qui peuvent publier" in html


# Unpublishing: the English page is a translation of the French one, which the agglomeration
# withdrew; as for privacy (core/privacy.py), it follows its source at once.


def test_unpublishing_the_french_page_unpublishes_its_english_translation(client, pages):
    french, english, url = pages
    public_url = english.get_url()
    assert client.get(public_url).status_code == 200
    client.force_login(create_moderator())
    response = client.post(f"/admin/pages/{french.pk}/unpublish/")
    assert response.status_code == 302
    assert not ContentPage.objects.get(pk=english.pk).live
    client.logout()
    assert client.get(public_url).status_code == 404


def test_an_expired_french_page_takes_its_english_translation_with_it(pages):
    """Scheduled unpublishing (publish_scheduled) and the bulk action call Page.unpublish."""
    french, english, url = pages
    french.unpublish(set_expired=True)
    assert not ContentPage.objects.get(pk=english.pk).live


def test_unpublishing_an_english_page_leaves_its_french_source(pages):
    french, english, url = pages
    english.unpublish()
    assert ContentPage.objects.get(pk=french.pk).live
