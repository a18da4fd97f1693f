"""Security headers on the public site and the admin's content security policy."""

import re

import pytest

from tests.editors.page_forms import home_form

pytestmark = pytest.mark.django_db


def directives(header):
    return {
        name: sources
        for name, *sources in (part.split() for part in header.split(";") if part.strip())
    }


def test_public_page_forbids_scripts_inline_code_and_other_origins(client, home_page):
    response = client.get("/fr/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert policy == {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }


def test_public_page_sends_the_other_security_headers(client, home_page):
    response = client.get("/fr/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment"):
        assert f"{feature}=()" in permissions


def test_public_html_has_no_inline_script_style_or_external_origin(client, home_page):
    html = client.get("/fr/").content.decode()
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert "<style" not in html
    assert not re.search(r"\sstyle=", html)
    # Nothing is loaded from another origin (links to other sites and the canonical URL are
    # not loads).
    assert not re.search(r"""\ssrc=["']https?://""", html)
    assert not re.search(r"""<link[^>]*rel="(stylesheet|icon|preload)"[^>]*href="https?://""", html)


def test_not_found_pages_carry_the_public_policy_too(client, home_page):
    response = client.get("/fr/page-qui-n-existe-pas/")
    assert response.status_code == 404
    # The directives come in any order: compare whole directives, not a substring.
    directives = [d.strip() for d in response["Content-Security-Policy"].split(";")]
    assert "script-src 'self'" in directives


@pytest.fixture
def editor_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(user)
    return client


def test_admin_page_editor_loads_under_the_admin_policy(editor_client, home_page):
    response = editor_client.get(f"/admin/pages/{home_page.pk}/edit/")
    assert response.status_code == 200
    html = response.content.decode()
    # The editor really needs its looser policy: Wagtail writes inline scripts into the form.
    assert re.search(r"<script>\s*\S", html)
    policy = directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["style-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]
    # Still no other origin, and no eval.
    every_source = [source for sources in policy.values() for source in sources]
    assert not [s for s in every_source if "://" in s or s == "'unsafe-eval'"]


def test_admin_preview_can_be_framed_by_the_admin_only(editor_client, home_page):
    preview_url = f"/admin/pages/{home_page.pk}/edit/preview/"
    form = home_form(home_page.title, "Aperçu encadré", slug=home_page.slug)
    assert editor_client.post(preview_url, form).json()["is_valid"]
    response = editor_client.get(preview_url, {"in_preview_panel": "true"})
    assert response.status_code == 200
    assert "Aperçu encadré" in response.content.decode()
    assert directives(response["Content-Security-Policy"])["frame-ancestors"] == ["'self'"]
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_admin_shows_no_gravatar_from_a_third_party(editor_client, home_page):
    html = editor_client.get("/admin/").content.decode()
    assert "gravatar.com" not in html
