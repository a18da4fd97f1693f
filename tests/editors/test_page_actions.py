"""What each role may do to pages beyond editing (docs/editors.md's table, line by line): move,
copy, privacy and unpublish, in the page's own view and in the bulk actions — each action
posted for real, and the page tree read back (the permission matrix only fetches the forms)."""

import pytest
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from home.models import ContentPage
from tests.accounts import create_editor, create_member, create_moderator
from tests.home.builders import content, draft

pytestmark = pytest.mark.django_db

ROLES = {
    "editor": create_editor,
    "moderator": create_moderator,
    "admin": lambda: create_member("admin", superuser=True),
}


@pytest.fixture
def tree(home_page):
    section = content(home_page, title="Section", slug="section")
    live = content(home_page, title="En ligne", slug="en-ligne")
    pending = draft(home_page, ContentPage(title="Brouillon", slug="brouillon"))
    return {"section": section, "live": live, "draft": pending}


def parent_of(page):
    return Page.objects.get(pk=page.pk).get_parent().pk


def bulk(client, action, pages, **data):
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", action])
    return client.post(url + "?" + "&".join(f"id={p.pk}" for p in pages), data)


@pytest.mark.parametrize(
    ("role", "page", "allowed"),
    [
        ("editor", "live", False),
        ("editor", "draft", True),
        ("moderator", "live", True),
        ("admin", "live", True),
    ],
)
def test_move(client, tree, role, page, allowed):
    client.force_login(ROLES[role]())
    target, section = tree[page], tree["section"]
    client.post(reverse("wagtailadmin_pages:move_confirm", args=[target.pk, section.pk]))
    assert (parent_of(target) == section.pk) is allowed


@pytest.mark.parametrize(("role", "allowed"), [("editor", False), ("moderator", True)])
def test_bulk_move(client, tree, role, allowed):
    client.force_login(ROLES[role]())
    bulk(client, "move", [tree["live"]], chooser=tree["section"].pk)
    assert (parent_of(tree["live"]) == tree["section"].pk) is allowed


@pytest.mark.parametrize(
    ("role", "copy_live"), [("editor", False), ("moderator", True), ("admin", True)]
)
def test_copy_makes_a_draft_unless_the_member_may_publish(client, tree, role, copy_live):
    client.force_login(ROLES[role]())
    source = tree["live"]
    client.post(
        reverse("wagtailadmin_pages:copy", args=[source.pk]),
        {
            "new_title": "Copie",
            "new_slug": "copie",
            "new_parent_page": tree["section"].pk,
            "publish_copies": "on",
        },
    )
    copy = ContentPage.objects.get(slug="copie")
    assert copy.live is copy_live


@pytest.mark.parametrize(("role", "allowed"), [("editor", False), ("moderator", True)])
def test_privacy(client, tree, role, allowed):
    client.force_login(ROLES[role]())
    page = tree["live"]
    client.post(
        reverse("wagtailadmin_pages:set_privacy", args=[page.pk]),
        {"restriction_type": "password", "password": "secret", "groups": []},
    )
    assert PageViewRestriction.objects.filter(page=page).exists() is allowed


@pytest.mark.parametrize(("role", "allowed"), [("editor", False), ("moderator", True)])
def test_unpublish(client, tree, role, allowed):
    client.force_login(ROLES[role]())
    client.post(reverse("wagtailadmin_pages:unpublish", args=[tree["live"].pk]))
    assert Page.objects.get(pk=tree["live"].pk).live is not allowed


@pytest.mark.parametrize(("role", "allowed"), [("editor", False), ("moderator", True)])
def test_bulk_unpublish_and_publish(client, tree, role, allowed):
    client.force_login(ROLES[role]())
    bulk(client, "unpublish", [tree["live"]])
    assert Page.objects.get(pk=tree["live"].pk).live is not allowed
    bulk(client, "publish", [tree["draft"]])
    assert Page.objects.get(pk=tree["draft"].pk).live is allowed
