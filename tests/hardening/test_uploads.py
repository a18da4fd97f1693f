"""Uploads that could attack a visitor or the server are refused or made harmless."""

import struct
import zlib
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "a@example.org", "x"))
    return client


@pytest.fixture
def media_on_disk(settings, tmp_path):
    """Documents as in production: files on disk, streamed by Wagtail's view.

    The suite's in-memory storage reports a path that does not exist, so the view would 404.
    """
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


def png(width=4, height=3):
    buffer = BytesIO()
    PILImage.new("RGB", (width, height), "#0a6e4f").save(buffer, "PNG")
    return buffer.getvalue()


def png_header_claiming(width, height):
    """A tiny PNG whose header announces a huge image: decoding it would exhaust memory."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IEND", b"")


def upload_image(client, name, content, content_type="image/png"):
    return client.post(
        "/admin/images/add/",
        {"title": "Image", "file": SimpleUploadedFile(name, content, content_type)},
    )


def upload_document(client, name, content, content_type="application/pdf"):
    return client.post(
        "/admin/documents/add/",
        {"title": "Document", "file": SimpleUploadedFile(name, content, content_type)},
    )


def form_errors(response):
    return " ".join(str(e) for e in response.context["form"].errors.get("file", []))


def test_a_normal_image_is_accepted(editor_client):
    response = upload_image(editor_client, "logo.png", png())
    assert response.status_code == 302
    assert get_image_model().objects.count() == 1


def test_an_oversize_image_is_refused_in_french(editor_client):
    padded = png() + b"\0" * (10 * 1024 * 1024)
    response = upload_image(editor_client, "lourde.png", padded)
    assert response.status_code == 200
    assert "La taille de fichier maximale est de 10,0\xa0Mio" in form_errors(response)
    assert not get_image_model().objects.exists()


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
@pytest.mark.parametrize(
    "side",
    [
        7_000,  # 49 million pixels: over the site's limit, under Pillow's own alarm
        12_000,  # 144 million pixels: Pillow warns but would decode it
        50_000,  # 2.5 billion pixels: Pillow itself refuses to open it
    ],
)
def test_a_pixel_bomb_is_refused_before_decoding(editor_client, side):
    response = upload_image(editor_client, "bombe.png", png_header_claiming(side, side))
    assert response.status_code == 200
    assert "pixels" in form_errors(response)
    assert "40000000" in form_errors(response)
    assert not get_image_model().objects.exists()


def test_a_truncated_image_is_refused_not_a_server_error(editor_client):
    response = upload_image(editor_client, "coupee.png", png_header_claiming(40, 30))
    assert response.status_code == 200
    assert form_errors(response)
    assert not get_image_model().objects.exists()


def test_an_svg_with_script_is_refused(editor_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = upload_image(editor_client, "logo.svg", svg, "image/svg+xml")
    assert response.status_code == 200
    assert "Format d'image non supporté" in form_errors(response)
    assert "SVG" not in form_errors(response)
    assert not get_image_model().objects.exists()


def test_an_html_document_is_refused_by_extension(editor_client):
    response = upload_document(
        editor_client, "page.html", b"<script>alert(1)</script>", "text/html"
    )
    assert response.status_code == 200
    assert "html" in form_errors(response)
    assert not get_document_model().objects.exists()


def test_html_disguised_as_pdf_is_only_ever_downloaded_never_rendered(editor_client, media_on_disk):
    payload = b"<html><script>alert(document.cookie)</script></html>"
    response = upload_document(editor_client, "rapport.pdf", payload)
    assert response.status_code == 302
    document = get_document_model().objects.get()

    served = Client().get(document.url)  # a visitor following the link
    assert served.status_code == 200
    assert served["Content-Disposition"].startswith("attachment")
    assert served["Content-Security-Policy"] == "default-src 'none'"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert served["Content-Type"] == "application/pdf"


def test_a_real_pdf_is_served_as_an_attachment_too(editor_client, media_on_disk):
    pdf = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    upload_document(editor_client, "chiffres-cles.pdf", pdf)
    served = Client().get(get_document_model().objects.get().url)
    assert served["Content-Disposition"].startswith("attachment")
    assert b"".join(served.streaming_content) == pdf
