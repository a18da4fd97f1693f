"""The editorial roles: who may draft, who may publish, and the workflow between them.

Called from data migrations with the historical `apps` registry only, so the functions keep
working whatever the models become later. They are idempotent: running them twice grants
nothing more.

- "Éditeurs" create and edit drafts anywhere in the page tree and submit them for moderation;
  they upload images and documents and choose any of them, and never publish.
- "Modérateurs" can do the same, approve, publish, unpublish, lock and unlock pages, and edit
  and delete any image or document.
- The "Relecture et publication" workflow (one approval task for the Modérateurs) is attached to
  the tree root, so it covers the home page of every language and every page below it, including
  pages created after the migration.

Deleting pages (`may_delete_page`, enforced by core/wagtail_hooks.py): administrators delete any
page; Éditeurs and Modérateurs only their own drafts that were never published and have no
page below them. Wagtail's default (change allows deleting drafts, change + publish live
pages) would let them remove a colleague's work or a live page.

Taxonomy snippets belong to apps that add their own data migration calling
`grant_snippet_permissions(apps, ["directory.sector", ...])`.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions

EDITORS = "Éditeurs"
MODERATORS = "Modérateurs"
WORKFLOW = "Relecture et publication"
APPROVAL_TASK = "Validation par un modérateur"

EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = [*EDITOR_PAGE_PERMISSIONS, "publish_page", "lock_page", "unlock_page"]

# Wagtail treats deleting an image or a document as changing it: "change" on the collection
# would let Éditeurs delete anyone's files. With "add" alone they edit (and may delete) only
# what they uploaded themselves, and choose any file for their pages.
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]
MODERATOR_COLLECTION_PERMISSIONS = [
    *EDITOR_COLLECTION_PERMISSIONS,
    ("wagtailimages", "change_image"),
    ("wagtailimages", "delete_image"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "delete_document"),
]

# Both roles reach the admin and may ask for an English translation of what they wrote.
GLOBAL_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
]

# Created by Wagtail's own migrations with broader rights than ours (editors may delete any
# image); left in place they would be two look-alike groups in the admin.
WAGTAIL_DEFAULT_GROUPS = ["Editors", "Moderators"]
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"


def _permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _ensure_model_permissions(apps, app_labels):
    """Django creates permissions after the last migration; a data migration needs them now."""
    for label in app_labels:
        create_permissions(global_apps.get_app_config(label), apps=apps, verbosity=0)


def ensure_roles(apps):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    _ensure_model_permissions(apps, ["wagtailcore", "wagtailimages", "wagtaildocs"])
    tree_root = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    roles = [
        (editors, EDITOR_PAGE_PERMISSIONS, EDITOR_COLLECTION_PERMISSIONS),
        (moderators, MODERATOR_PAGE_PERMISSIONS, MODERATOR_COLLECTION_PERMISSIONS),
    ]
    for group, page_codenames, collection_permissions in roles:
        for codename in page_codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=tree_root,
                permission=_permission(apps, "wagtailcore", codename),
            )
        for app_label, codename in collection_permissions:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=_permission(apps, app_label, codename),
            )
        for app_label, codename in GLOBAL_PERMISSIONS:
            group.permissions.add(_permission(apps, app_label, codename))

    _ensure_workflow(apps, tree_root, moderators)
    _remove_wagtail_defaults(apps)


def _ensure_workflow(apps, tree_root, moderators):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    # Task is polymorphic: Wagtail finds the specific task through this content type.
    task_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _ = GroupApprovalTask.objects.get_or_create(
        name=APPROVAL_TASK, defaults={"content_type": task_type, "active": True}
    )
    task.groups.set([moderators])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=tree_root, defaults={"workflow": workflow})


def _remove_wagtail_defaults(apps):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    TaskState = apps.get_model("wagtailcore", "TaskState")

    # Groups someone already uses are an administrator's decision: keep them.
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True).delete()
    for workflow in Workflow.objects.filter(name=WAGTAIL_DEFAULT_WORKFLOW):
        if workflow.workflow_pages.exists() or WorkflowState.objects.filter(workflow=workflow):
            continue
        task_ids = list(workflow.workflow_tasks.values_list("task_id", flat=True))
        workflow.delete()
        Task.objects.filter(
            pk__in=task_ids, workflow_tasks__isnull=True, name=WAGTAIL_DEFAULT_WORKFLOW
        ).exclude(pk__in=TaskState.objects.values("task_id")).delete()


def grant_snippet_permissions(apps, model_labels):
    """Let both roles maintain the given snippets ("app_label.model"); only Modérateurs delete.

    Snippets with a draft state (DraftStateMixin) also get `publish_<model>` for Modérateurs.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    _ensure_model_permissions(apps, {label.split(".")[0] for label in model_labels})
    editors = Group.objects.get(name=EDITORS)
    moderators = Group.objects.get(name=MODERATORS)
    for label in model_labels:
        app_label, model = label.lower().split(".")
        for action in ("add", "change", "view"):
            permission = _permission(apps, app_label, f"{action}_{model}")
            editors.permissions.add(permission)
            moderators.permissions.add(permission)
        moderators.permissions.add(_permission(apps, app_label, f"delete_{model}"))
        moderators.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label, codename=f"publish_{model}"
            )
        )


def may_delete_page(user, page):
    """Whether `user` may delete `page` (with what lies below it): any page for an
    administrator; for everyone else, only their own draft, never published, with no child."""
    if user.is_superuser:
        return True
    return (
        page.owner_id == user.pk
        and not page.live
        and page.first_published_at is None
        and page.get_children_count() == 0
    )
