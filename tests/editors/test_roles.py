"""What each editorial role may do in the admin, and what an anonymous visitor may not see."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.images.models import Image
from wagtail.models import Locale, Page, Task, WorkflowState

from core.roles import EDITORS, MODERATORS, WORKFLOW
from home.models import HomePage
from tests.accounts import create_editor, create_moderator
from tests.editors.page_forms import home_form
from tests.media import png_file

pytestmark = pytest.mark.django_db


def submit_edit(client, page, introduction):
    """The Éditeur's edit of `page`, submitted for moderation."""
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        home_form(page.title, introduction, "action-submit"),
    )


@pytest.fixture
def editor_client(client):
    client.force_login(create_editor())
    return client


def test_roles_hold_exactly_the_intended_page_permissions():
    def page_permissions(name):
        group = Group.objects.get(name=name)
        return {(p.page.depth, p.permission.codename) for p in group.page_permissions.all()}

    assert page_permissions(EDITORS) == {(1, "add_page"), (1, "change_page")}
    assert page_permissions(MODERATORS) == {
        (1, codename)
        for codename in ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
    }


def test_editors_upload_and_choose_media_but_cannot_change_or_delete_others_files(client):
    image = Image.objects.create(title="Photo d'un modérateur", file=png_file())
    client.force_login(create_editor())
    assert client.get(reverse("wagtailimages:edit", args=[image.pk])).status_code == 302
    client.post(reverse("wagtailimages:delete", args=[image.pk]))
    assert Image.objects.filter(pk=image.pk).exists()
    chooser = client.get(reverse("wagtailimages_chooser:choose"))
    assert "Photo d&#x27;un modérateur" in chooser.json()["html"]


def test_editors_edit_their_own_uploads(client):
    editor = create_editor()
    image = Image.objects.create(title="Ma photo", file=png_file(), uploaded_by_user=editor)
    client.force_login(editor)
    assert client.get(reverse("wagtailimages:edit", args=[image.pk])).status_code == 200


def test_moderators_delete_any_image(client):
    image = Image.objects.create(title="Photo", file=png_file())
    client.force_login(create_moderator())
    client.post(reverse("wagtailimages:delete", args=[image.pk]))
    assert not Image.objects.filter(pk=image.pk).exists()


def test_roles_hold_no_model_wide_permission_that_would_widen_the_collection_ones():
    for name in (EDITORS, MODERATORS):
        permissions = Group.objects.get(name=name).permissions
        # Model-wide rights on the directory's taxonomies and the footer's partner links are
        # granted on purpose (and tested with those snippets); nothing else may be model-wide.
        codenames = set(
            permissions.exclude(content_type__app_label="directory")
            .exclude(content_type__model="partnerlinks")
            .values_list("codename", flat=True)
        )
        assert codenames == {"access_admin", "submit_translation"}


def test_wagtail_look_alike_default_groups_are_gone():
    assert not Group.objects.filter(name__in=["Editors", "Moderators"]).exists()


def test_workflow_covers_home_pages_created_later_in_every_language(home_page):
    english_home = Page.get_first_root_node().add_child(
        instance=HomePage(
            title="Home", slug="home-en", locale=Locale.objects.get(language_code="en")
        )
    )
    for page in (home_page, english_home):
        workflow = page.get_workflow()
        assert workflow.name == WORKFLOW
        [task] = workflow.tasks
        assert list(task.specific.groups.values_list("name", flat=True)) == [MODERATORS]


def test_editor_creates_a_page_and_submits_it_for_moderation(editor_client):
    root = Page.get_first_root_node()
    response = editor_client.post(
        reverse("wagtailadmin_pages:add", args=["home", "homepage", root.pk]),
        home_form("Nouvelle page", "Brouillon de l'éditrice", "action-submit"),
    )
    assert response.status_code == 302
    page = HomePage.objects.get(title="Nouvelle page")
    assert not page.live
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_editor_sees_no_publish_action_and_a_forced_publish_is_refused(editor_client, home_page):
    edit_url = reverse("wagtailadmin_pages:edit", args=[home_page.pk])
    html = editor_client.get(edit_url).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html

    editor_client.post(
        edit_url, home_form(home_page.title, "Publié sans relecture ?", "action-publish")
    )
    home_page.refresh_from_db()
    assert "Publié sans relecture" not in home_page.introduction
    editor_client.logout()
    assert "Publié sans relecture" not in editor_client.get("/fr/").content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/users/",
        "/admin/groups/",
        "/admin/workflows/list/",
        "/admin/workflows/tasks/index/",
        "/admin/sites/",
        "/admin/locales/",
    ],
)
def test_editor_cannot_reach_site_administration(editor_client, url):
    response = editor_client.get(url)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response["Location"] != url


def test_editor_cannot_reach_site_settings(editor_client, home_page):
    # Each registered setting (the home app adds its own) has its edit page under /admin/settings/.
    for model in settings_registry:
        url = reverse("wagtailsettings:edit", args=[model._meta.app_label, model._meta.model_name])
        assert editor_client.get(url).status_code in (302, 403), url


def test_moderator_approves_and_publishes_a_submitted_page(client, home_page):
    client.force_login(create_editor())
    submit_edit(client, home_page, "Relue et publiée")
    home_page.refresh_from_db()
    state = home_page.current_workflow_state
    assert "Relue et publiée" not in client.get("/fr/").content.decode()

    client.force_login(create_moderator())
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[home_page.pk, "approve", state.current_task_state.pk],
        ),
        {"comment": ""},
    )
    assert response.status_code in (200, 302)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    client.logout()
    assert "Relue et publiée" in client.get("/fr/").content.decode()


def test_editor_cannot_create_a_moderation_task(editor_client):
    # Wagtail lets any admin user list the tasks in its chooser; creating one needs a permission.
    editor_client.post(
        reverse("wagtailadmin_workflows:task_chooser_create"),
        {"create-task-name": "Validation de complaisance"},
    )
    assert not Task.objects.filter(name="Validation de complaisance").exists()


def test_editor_cannot_approve_their_own_submission(editor_client, home_page):
    submit_edit(editor_client, home_page, "Auto-validation")
    home_page.refresh_from_db()
    state = home_page.current_workflow_state
    editor_client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[home_page.pk, "approve", state.current_task_state.pk],
        ),
        {"comment": ""},
    )
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_anonymous_cannot_see_drafts_previews_or_the_admin(client, home_page):
    draft = home_page.add_child(instance=HomePage(title="Brouillon", slug="brouillon", live=False))
    draft.save_revision()
    assert client.get("/fr/brouillon/").status_code == 404

    for url in (
        reverse("wagtailadmin_pages:preview_on_edit", args=[draft.pk]),
        reverse("wagtailadmin_pages:view_draft", args=[draft.pk]),
        reverse("wagtailadmin_pages:edit", args=[draft.pk]),
        "/admin/",
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/admin/login/"), url


def test_both_roles_maintain_the_taxonomies_and_only_moderators_delete_them():
    def taxonomy_codenames(name):
        return set(
            Group.objects.get(name=name)
            .permissions.filter(content_type__app_label="directory")
            .values_list("codename", flat=True)
        )

    maintain = {
        f"{action}_{model}"
        for action in ("add", "change", "view")
        for model in ("sector", "supportservicecategory")
    }
    assert taxonomy_codenames(EDITORS) == maintain
    assert taxonomy_codenames(MODERATORS) == maintain | {
        "delete_sector",
        "delete_supportservicecategory",
    }


def test_both_roles_translate_the_footer_links_and_only_moderators_delete_them(client):
    def codenames(name):
        return set(
            Group.objects.get(name=name)
            .permissions.filter(content_type__model="partnerlinks")
            .values_list("codename", flat=True)
        )

    maintain = {f"{action}_partnerlinks" for action in ("add", "change", "view")}
    assert codenames(EDITORS) == maintain
    assert codenames(MODERATORS) == maintain | {"delete_partnerlinks"}
    client.force_login(create_editor())
    assert client.get(reverse("wagtailsnippets_home_partnerlinks:list")).status_code == 200
