"""Static files as production serves them: WhiteNoise, hashed names, compressed, cached for good."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client


@pytest.fixture
def production_static(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    security = settings.MIDDLEWARE.index("django.middleware.security.SecurityMiddleware")
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE[: security + 1],
        "whitenoise.middleware.WhiteNoiseMiddleware",
        *settings.MIDDLEWARE[security + 1 :],
    ]
    call_command("collectstatic", interactive=False, stdout=StringIO())


def test_hashed_stylesheet_is_compressed_and_cached_forever(production_static):
    url = static("css/site.css")
    assert url != "/static/css/site.css"  # the name carries the content hash
    response = Client().get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    assert "Accept-Encoding" in response["Vary"]


def test_unhashed_name_is_cached_briefly(production_static):
    response = Client().get("/static/css/site.css")
    assert response.status_code == 200
    assert response["Cache-Control"] == "max-age=60, public"
