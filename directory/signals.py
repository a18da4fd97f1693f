"""Keep the directory's search table (directory/search_index.py) in step with what visitors see.

A row follows its actor's publication, unpublication, move and view restrictions, and the names
of its sectors and commune, which its search text contains, until a sector is deleted. An alias
(Wagtail's, or the copy wagtail-localize keeps in step in another language) gets its row when
it is created, as Wagtail publishes it without a signal. Deleting an actor deletes its row (the
foreign key cascades).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import ActorPage, ActorSearchEntry, Commune, Sector
from .search_index import index_actors, rebuild


def reindex_actor(sender, instance, **kwargs):
    index_actors(ActorPage.objects.filter(pk=instance.pk))


def reindex_moved_pages(sender, instance, **kwargs):
    index_actors(ActorPage.objects.descendant_of(instance, inclusive=True))


def reindex_restricted_pages(sender, instance, **kwargs):
    index_actors(ActorPage.objects.descendant_of(instance.page, inclusive=True))


def reindex_sector_actors(sender, instance, raw=False, **kwargs):
    if not raw:
        index_actors(ActorPage.objects.filter(sectors=instance))


def remember_sector_actors(sender, instance, **kwargs):
    """Before a sector goes, which actors had it: their rows still hold its name."""
    instance.actor_ids = list(
        ActorPage.objects.filter(sectors=instance).values_list("pk", flat=True)
    )


def reindex_former_sector_actors(sender, instance, **kwargs):
    index_actors(ActorPage.objects.filter(pk__in=getattr(instance, "actor_ids", [])))


def index_new_alias(sender, instance, created, raw=False, **kwargs):
    """A live alias is saved before its sectors are copied: indexed once the copy is done."""
    if created and not raw and instance.alias_of_id and instance.live:
        transaction.on_commit(lambda: index_actors(ActorPage.objects.filter(pk=instance.pk)))


def reindex_commune_actors(sender, instance, raw=False, **kwargs):
    if not raw:
        index_actors(ActorPage.objects.filter(commune=instance))


def fill_after_migrate(sender, apps, **kwargs):
    """Fill the table of a database migrated from before it existed (once: later runs find it
    filled, or empty because there is no live actor, which costs two small queries)."""
    try:
        apps.get_model("directory", "ActorSearchEntry")
    except LookupError:  # migrated back to before the table
        return
    if not ActorSearchEntry.objects.exists() and ActorPage.objects.live().exists():
        rebuild()


def connect(app_config):
    for name, signal in {"published": page_published, "unpublished": page_unpublished}.items():
        signal.connect(reindex_actor, sender=ActorPage, dispatch_uid=f"directory_search_{name}")
    post_page_move.connect(reindex_moved_pages, dispatch_uid="directory_search_moved")
    for signal in (post_save, post_delete):
        signal.connect(
            reindex_restricted_pages,
            sender=PageViewRestriction,
            dispatch_uid=f"directory_search_restriction_{signal is post_save}",
        )
    post_save.connect(reindex_sector_actors, sender=Sector, dispatch_uid="directory_search_sector")
    pre_delete.connect(
        remember_sector_actors, sender=Sector, dispatch_uid="directory_search_sector_kept"
    )
    post_delete.connect(
        reindex_former_sector_actors, sender=Sector, dispatch_uid="directory_search_sector_deleted"
    )
    post_save.connect(index_new_alias, sender=ActorPage, dispatch_uid="directory_search_alias")
    post_save.connect(
        reindex_commune_actors, sender=Commune, dispatch_uid="directory_search_commune"
    )
    post_migrate.connect(fill_after_migrate, sender=app_config, dispatch_uid="directory_search")
