"""Several app servers: shared media, search engine, task queue and page cache by configuration.

Each case loads the production settings in a fresh interpreter with the environment a
deployment would set, starts Django and reports what it resolved to.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]

PROBE = """
import json, django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
default_storage = storages["default"]
from django_tasks import task_backends
default_task_backend = task_backends["default"]
print(json.dumps({
    "storage": type(default_storage).__module__ + "." + type(default_storage).__name__,
    "file_overwrite": getattr(default_storage, "file_overwrite", None),
    "querystring_auth": getattr(default_storage, "querystring_auth", None),
    "endpoint_url": getattr(default_storage, "endpoint_url", None),
    "bucket_name": getattr(default_storage, "bucket_name", None),
    "docs_serve_method": settings.WAGTAILDOCS_SERVE_METHOD,
    "search_backend": settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"],
    "search_urls": settings.WAGTAILSEARCH_BACKENDS["default"].get("URLS"),
    "tasks_backend": type(default_task_backend).__module__,
    "installed_apps": settings.INSTALLED_APPS,
    "page_cache_seconds": settings.PAGE_CACHE_SECONDS,
    "frontend_cache": getattr(settings, "WAGTAILFRONTENDCACHE", None),
}))
"""


def resolved(**env):
    environment = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "ess_site.settings.production",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "ess.example.org",
        **env,
    }
    result = subprocess.run(  # noqa: S603 - fixed interpreter and script
        [sys.executable, "-c", PROBE],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_single_server_keeps_files_on_disk_search_in_the_database_and_tasks_inline():
    config = resolved()
    assert config["storage"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert config["search_backend"] == "search.backends"
    assert config["tasks_backend"] == "django_tasks.backends.immediate"
    # No shared cache: each worker would cache pages it never hears are republished.
    assert config["page_cache_seconds"] == 0
    assert config["frontend_cache"] is None


def test_media_go_to_an_s3_compatible_bucket_without_overwriting_files():
    config = resolved(
        AWS_STORAGE_BUCKET_NAME="ess-medias",
        AWS_S3_ENDPOINT_URL="https://s3.fr-par.scw.cloud",
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",
    )
    assert config["storage"] == "storages.backends.s3.S3Storage"
    assert config["bucket_name"] == "ess-medias"
    assert config["endpoint_url"] == "https://s3.fr-par.scw.cloud"
    assert config["file_overwrite"] is False
    assert config["querystring_auth"] is False
    # Documents still go through Wagtail's view, which checks privacy and forces a download.
    assert config["docs_serve_method"] == "serve_view"


def test_search_moves_to_opensearch_or_elasticsearch_by_configuration():
    opensearch = resolved(OPENSEARCH_URL="https://search.internal:9200")
    # The engines' client libraries are the optional extras "opensearch" and "elasticsearch".
    assert opensearch["search_backend"] == "wagtail.search.backends.opensearch2"
    assert opensearch["search_urls"] == ["https://search.internal:9200"]
    elasticsearch = resolved(ELASTICSEARCH_URL="http://es.internal:9200")
    assert elasticsearch["search_backend"] == "wagtail.search.backends.elasticsearch8"


def test_background_tasks_go_to_the_database_queue_for_the_worker():
    config = resolved(TASKS_BACKEND="database")
    assert config["tasks_backend"] == "django_tasks_db.backend"
    assert "django_tasks_db" in config["installed_apps"]


def test_page_cache_and_cdn_purges_follow_the_shared_cache_and_the_proxy():
    config = resolved(
        REDIS_URL="redis://cache.internal:6379/0",
        FRONTEND_CACHE_PURGE_URL="http://varnish.internal:8080",
    )
    assert config["page_cache_seconds"] == 600
    assert "wagtail.contrib.frontend_cache" in config["installed_apps"]
    assert config["frontend_cache"]["proxy"]["LOCATION"] == "http://varnish.internal:8080"
