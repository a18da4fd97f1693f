"""Who deletes pages (core.roles.may_delete_page): administrators any page; Éditeurs and
Modérateurs only their own never-published drafts with nothing below, in the delete view and
in the bulk delete alike (issue #21, finding 4)."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from home.models import ContentPage
from tests.accounts import create_editor, create_moderator
from tests.home.builders import content, draft

pytestmark = pytest.mark.django_db


def delete(client, page):
    return client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))


def bulk_delete(client, *pages):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    return client.post(url + "?" + "&".join(f"id={page.pk}" for page in pages))


def exists(page):
    return Page.objects.filter(pk=page.pk).exists()


def owned_draft(home_page, owner, slug="brouillon"):
    return draft(home_page, ContentPage(title="Brouillon", slug=slug, owner=owner))


@pytest.fixture(params=["editor", "moderator"])
def member(request):
    return create_editor() if request.param == "editor" else create_moderator()


@pytest.mark.parametrize("remove", [delete, bulk_delete])
def test_a_member_deletes_their_own_never_published_draft(client, home_page, member, remove):
    page = owned_draft(home_page, member)
    client.force_login(member)
    remove(client, page)
    assert not exists(page)


@pytest.mark.parametrize("remove", [delete, bulk_delete])
def test_a_member_cannot_delete_someone_elses_draft(client, home_page, member, remove):
    page = owned_draft(home_page, create_moderator("autre"))
    client.force_login(member)
    remove(client, page)
    assert exists(page)


@pytest.mark.parametrize("remove", [delete, bulk_delete])
def test_a_member_cannot_delete_a_live_or_once_published_page(client, home_page, member, remove):
    live = content(home_page, title="En ligne", slug="en-ligne", owner=member)
    unpublished = content(home_page, title="Dépubliée", slug="depubliee", owner=member)
    Page.objects.get(pk=unpublished.pk).unpublish()
    client.force_login(member)
    remove(client, live)
    remove(client, unpublished)
    assert exists(live) and exists(unpublished)


def test_a_refused_deletion_says_why(client, home_page, member):
    page = owned_draft(home_page, create_moderator("autre"))
    client.force_login(member)
    response = delete(client, page)
    assert response.status_code == 302
    follow = client.get(response["Location"]).content.decode()
    assert "seuls les administrateurs suppriment les pages" in follow


def test_a_bulk_delete_mixing_allowed_and_refused_pages_deletes_none(client, home_page, member):
    own = owned_draft(home_page, member)
    other = owned_draft(home_page, create_moderator("autre"), slug="autre")
    client.force_login(member)
    bulk_delete(client, own, other)
    assert exists(own) and exists(other)


def test_a_member_cannot_delete_their_draft_with_pages_below(client, home_page, member):
    section = owned_draft(home_page, member)
    section.add_child(instance=ContentPage(title="Dessous", slug="dessous", live=False))
    client.force_login(member)
    delete(client, section)
    assert exists(section)


@pytest.mark.parametrize("remove", [delete, bulk_delete])
def test_administrators_delete_any_page(admin_client, home_page, remove):
    page = content(home_page, title="En ligne", slug="en-ligne")
    remove(admin_client, page)
    assert not exists(page)
