"""Every admin and secondary endpoint × every role: nobody reaches what their role forbids.

The endpoints are not listed by hand: they are read from the URL resolver, so views that other
apps register (snippets, settings, reports) join the matrix by themselves. Each URL is filled in
with a real object (a page in moderation, its revisions, an image, a document, a translation…),
then fetched with GET as an anonymous visitor, an Éditeur, a Modérateur and a superuser.

A 2xx answer to a role outside the endpoint's allowed roles is an unauthorised access. The test
prints "P endpoint×role pairs, 0 unauthorised" (run pytest with -s to see it).
"""

import re

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection, Locale, Site, Task, Workflow
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from core.roles import EDITORS, MODERATORS
from home.models import HomePage
from tests.accounts import create_editor, create_member, create_moderator
from tests.media import png_file

pytestmark = pytest.mark.django_db

ANONYMOUS, EDITOR, MODERATOR, SUPERUSER = "anonyme", "Éditeur", "Modérateur", "superuser"
ROLES = (ANONYMOUS, EDITOR, MODERATOR, SUPERUSER)
STAFF = {EDITOR, MODERATOR, SUPERUSER}
EVERYONE = set(ROLES)

# Reachable without an account: signing in, resetting a password, static admin assets, the
# public site, its search and contribution forms, files for crawlers, public documents and the
# health endpoint.
OPEN_ENDPOINTS = {
    "wagtailadmin_login",
    "wagtailadmin_password_reset",
    "wagtailadmin_password_reset_done",
    "wagtailadmin_password_reset_confirm",
    "wagtailadmin_password_reset_complete",
    "wagtailadmin_javascript_catalog",
    "wagtail_localize:javascript_catalog",
    "wagtailadmin_sprite",
    "wagtailcore_login",
    "wagtaildocs_serve",
    "wagtaildocs_authenticate_with_password",
    "wagtailcore_authenticate_with_password",
    "sitemap",
    "robots_txt",
    "favicon",
    "search",
    "contribuer:propose",
    "contribuer:correct",
    "contribuer:thanks",
    "healthz",
}

# Site administration: users, groups, sites, languages, workflows, collections, redirects,
# promoted search results and site settings belong to superusers.
SUPERUSER_NAMESPACES = (
    "wagtailusers_users:",
    "wagtailusers_groups:",
    "wagtailsites:",
    "wagtaillocales:",
    "wagtailadmin_workflows:",
    "wagtailadmin_collections:",
    "wagtailredirects:",
    "wagtailsearchpromotions:",
    "wagtailsettings:",
)
# Wagtail shows these to every admin user, read-only, by design: the names of the moderation
# tasks (creating one is refused, see test_roles), the page types in use, and the chooser of
# search terms. None shows content an Éditeur could not otherwise read.
STAFF_READABLE = {
    "wagtailadmin_workflows:task_chooser",
    "wagtailadmin_workflows:task_chooser_create",
    "wagtailadmin_workflows:task_chosen",
    "wagtailadmin_reports:page_types_usage",
    "wagtailsearchpromotions:chooser",
    "wagtailsearchpromotions:chooserresults",
}

# Publishing and what goes with it: unpublishing, scheduling, locking, deleting media, and
# acting on a moderation task (the draft under test is waiting for the Modérateurs' approval).
MODERATOR_ENDPOINTS = {
    "wagtailadmin_pages:unpublish",
    "wagtailadmin_pages:set_privacy",
    "wagtailadmin_pages:set_page_position",
    "wagtailadmin_pages:workflow_preview",
    "wagtailadmin_pages:revisions_unschedule",
    "wagtailadmin_pages:lock",
    "wagtailadmin_pages:unlock",
    "wagtailadmin_pages:workflow_action",
    "wagtailadmin_pages:collect_workflow_action_data",
    "wagtailadmin_reports:locked_pages",
    # The image and the document were uploaded by someone else than the Éditeur.
    "wagtailimages:edit",
    "wagtailimages:edit_multiple",
    "wagtailimages:preview",
    "wagtailimages:url_generator",
    "wagtailimages:image_usage",
    "wagtailimages:delete",
    "wagtailimages:delete_multiple",
    "wagtaildocs:edit",
    "wagtaildocs:edit_multiple",
    "wagtaildocs:document_usage",
    "wagtaildocs:delete",
    "wagtaildocs:delete_multiple",
}
# Unpublishing is about a live page; every other page URL points at the draft in moderation.
LIVE_PAGE_ENDPOINTS = {"wagtailadmin_pages:unpublish"}

# Not fetched: Wagtail's "does the error page work" view raises on purpose, and signing out
# would turn the rest of the role's row into redirects to the login page.
SKIPPED = ("wagtailadmin_error_test", "wagtailadmin_logout")


def snippet_policies():
    """For each snippet's admin views: its URL namespace, first object and allowed roles.

    A role may reach a snippet's views when its group holds any permission on the model (the
    taxonomy snippets get theirs from `core.roles.grant_snippet_permissions`).
    """
    groups = {
        EDITOR: Group.objects.get(name=EDITORS),
        MODERATOR: Group.objects.get(name=MODERATORS),
    }
    policies = {}
    for model in get_snippet_models():
        content_type = ContentType.objects.get_for_model(model)
        roles = {SUPERUSER} | {
            role
            for role, group in groups.items()
            if group.permissions.filter(content_type=content_type).exists()
        }
        first = model._default_manager.order_by("pk").first()
        policies[f"{model.snippet_viewset.url_namespace}:"] = (first and first.pk, roles)
    return policies


def allowed_roles(name, snippets):
    if name in OPEN_ENDPOINTS:
        return EVERYONE
    for namespace, (_, roles) in snippets.items():
        if name.startswith(namespace):
            return roles
    base = name.removesuffix("_results")
    if base in STAFF_READABLE:
        return STAFF
    if base.startswith(SUPERUSER_NAMESPACES):
        return {SUPERUSER}
    if base in MODERATOR_ENDPOINTS:
        return {MODERATOR, SUPERUSER}
    return STAFF


def iter_patterns(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from iter_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern) and pattern.name not in (None, *SKIPPED):
            yield prefix + str(pattern.pattern), namespace + pattern.name


@pytest.fixture
def world(home_page, settings, tmp_path):
    """One object of every kind an admin URL can point at."""
    # Wagtail serves documents from disk; the test settings' in-memory storage has no disk.
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    editor = create_editor()
    moderator = create_moderator()
    superuser = create_member("admin", superuser=True)
    draft = home_page.add_child(
        instance=HomePage(title="Brouillon", slug="brouillon", live=False, owner=editor)
    )
    first = draft.save_revision(user=editor)
    draft.save_revision(user=editor)
    workflow_state = draft.get_workflow().start(draft, editor)
    source, _ = TranslationSource.get_or_create_from_instance(home_page)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="en")
    )
    translation.save_target(user=superuser)
    image = Image.objects.create(title="Graphique", file=png_file())
    document = Document.objects.create(
        title="Rapport", file=ContentFile(b"%PDF-1.4 rapport", name="rapport.pdf")
    )
    query = Query.get("emploi")
    SearchPromotion.objects.create(query=query, page=home_page, sort_order=0)
    collection = Collection.get_first_root_node().add_child(name="Photos")
    redirect = Redirect.objects.create(old_path="/ancien", redirect_page=home_page)
    ids = {
        "page_id": draft.pk,
        "parent_page_id": home_page.get_parent().pk,
        "page_to_move_id": draft.pk,
        "page_pk": draft.pk,
        "destination_id": home_page.pk,
        "revision_id": first.pk,
        "task_state_id": workflow_state.current_task_state.pk,
        "workflow_state_id": workflow_state.pk,
        "task_id": Task.objects.first().pk,
        "workflow_pk": Workflow.objects.first().pk,
        "image_id": image.pk,
        "document_id": document.pk,
        "doc_id": document.pk,
        "redirect_id": redirect.pk,
        "query_id": query.pk,
        "collection_id": collection.pk,
        "translation_id": translation.pk,
        "translation_source_id": source.pk,
        "string_segment_id": StringSegment.objects.filter(source=source).first().pk,
        "content_type_app_name": "home",
        "content_type_model_name": "homepage",
        "app_name": "wagtailimages",
        "filter_spec": "fill-20x20",
        "action_name": "approve",
        "uidb64": "MQ",
        "token": "jeton-invalide",
    }
    # `pk` means a different object in each admin section.
    pk_by_namespace = {
        "wagtailadmin_api:pages:": draft.pk,
        "wagtailadmin_api:images:": image.pk,
        "wagtailadmin_api:documents:": document.pk,
        "wagtailadmin_collections:": collection.pk,
        "wagtailadmin_workflows:edit_task": ids["task_id"],
        "wagtailadmin_workflows:disable_task": ids["task_id"],
        "wagtailadmin_workflows:enable_task": ids["task_id"],
        "wagtailadmin_workflows:": ids["workflow_pk"],
        "wagtaillocales:": Locale.objects.get(language_code="en").pk,
        "wagtailsites:": Site.objects.get().pk,
        "wagtailusers_users:": moderator.pk,
        "wagtailusers_groups:": editor.groups.get(name=EDITORS).pk,
        "wagtailimages_chooser:": image.pk,
        "wagtaildocs_chooser:": document.pk,
    }
    snippets = snippet_policies()
    pk_by_namespace |= {namespace: pk for namespace, (pk, _) in snippets.items() if pk}
    return {
        "users": {EDITOR: editor, MODERATOR: moderator, SUPERUSER: superuser},
        "ids": ids,
        "pk_by_namespace": pk_by_namespace,
        "snippets": snippets,
        "draft": draft,
        "home": home_page,
        "document": document,
    }


def model_pairs(name):
    """(app_label, model_name) values for URLs that address a model rather than an object."""
    if name.startswith("wagtailsettings:"):
        return [(m._meta.app_label, m._meta.model_name) for m in settings_registry]
    if name == "wagtailadmin_workflows:add_task":
        return [("wagtailcore", "groupapprovaltask")]
    if name == "wagtail_bulk_action":
        return [("wagtailcore", "page")]
    if name == "wagtailadmin_pages:choose_parent":
        return [("home", "homepage")]
    return []


def concrete_urls(pattern, name, world):
    """The URLs to fetch for one pattern; none when it addresses nothing that exists."""
    ids, draft = world["ids"], world["draft"]
    special = {
        "wagtailadmin_pages:revisions_compare": [
            f"/admin/pages/{draft.pk}/revisions/compare/earliest...latest/"
        ],
        "wagtaildocs_serve": [world["document"].url],
        "wagtail_serve": ["/fr/brouillon/"],
    }
    if name in special:
        return special[name]
    pairs = model_pairs(name) or [(None, None)]
    urls = []
    for app_label, model_name in pairs:
        missing = False

        def fill(match, app_label=app_label, model_name=model_name):
            nonlocal missing
            key = match.group(2)
            if key in ("app_label", "app_name") and app_label:
                return app_label
            if key == "model_name" and model_name:
                return model_name
            if key == "action":
                return "delete"
            if key == "pk":
                for prefix, pk in world["pk_by_namespace"].items():
                    if name.startswith(prefix):
                        return str(pk)
            if key == "page_id" and name in LIVE_PAGE_ENDPOINTS:
                return str(world["home"].pk)
            if key in ids:
                return str(ids[key])
            missing = True
            return ""

        path = re.sub(r"<(?:(\w+):)?(\w+)>", fill, pattern).replace("^", "").replace("$", "")
        # Catch-alls and static files are regular expressions with nothing of the admin behind.
        if not missing and not re.search(r"[()\\*?]", path):
            urls.append("/" + path)
    return urls


def test_no_role_reaches_an_endpoint_its_role_forbids(client, world):
    endpoints, unfilled = [], []
    for pattern, name in iter_patterns(get_resolver().url_patterns):
        urls = concrete_urls(pattern, name, world)
        endpoints += [(name, url) for url in urls]
        if not urls:
            unfilled.append(name)
    assert len(endpoints) > 150, "the resolver walk lost most of the admin"

    unauthorised, errors, reached, pairs = [], [], {role: 0 for role in ROLES}, 0
    client.raise_request_exception = False
    for role in ROLES:
        client.logout()
        if role != ANONYMOUS:
            client.force_login(world["users"][role])
        for name, url in endpoints:
            status = client.get(url).status_code
            pairs += 1
            if status >= 500:
                errors.append(f"{role} → {url} ({name}): {status}")
            if 200 <= status < 300:
                reached[role] += 1
                if role not in allowed_roles(name, world["snippets"]):
                    unauthorised.append(f"{role} → {url} ({name}): {status}")
    print(
        f"\n{pairs} endpoint×role pairs, {len(unauthorised)} unauthorised; 2xx per role: {reached}"
    )
    print(f"not addressed (no object to point at): {sorted(unfilled)}")
    print("\n".join(unauthorised))
    assert unauthorised == []
    assert errors == []
    # The matrix only means something if each role really reaches what it is allowed.
    assert reached[ANONYMOUS] >= 3
    assert reached[SUPERUSER] > reached[MODERATOR] > reached[EDITOR] > reached[ANONYMOUS]
    assert reached[SUPERUSER] >= 0.6 * len(endpoints)
