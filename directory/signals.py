"""Keep the directory's search table (directory/search_index.py) in step with what visitors see.

A row follows its actor's publication, unpublication, move and view restrictions, and the names
of its sectors and commune, which its search text contains. Deleting an actor deletes its row
(the foreign key cascades).
"""

from django.db.models.signals import post_delete, post_migrate, post_save
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
    post_save.connect(
        reindex_commune_actors, sender=Commune, dispatch_uid="directory_search_commune"
    )
    post_migrate.connect(fill_after_migrate, sender=app_config, dispatch_uid="directory_search")
