"""Admin sign-in: repeated wrong passwords lock the account out from that address, in French."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PASSWORD = "Un-mot-de-passe-solide-2026"


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editrice", "e@example.org", PASSWORD)


def sign_in(client, password, username="editrice", address="203.0.113.7"):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_a_correct_password_signs_in(client, editor):
    response = sign_in(client, PASSWORD)
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client, editor):
    for _ in range(4):
        response = sign_in(client, "mauvais")
        assert response.status_code == 200  # the login form again, with its error
    locked = sign_in(client, "mauvais")
    assert locked.status_code == 429
    html = locked.content.decode()
    assert '<html lang="fr">' in html
    assert "Connexion temporairement bloquée" in html
    assert "15 minutes" in html

    refused = sign_in(client, PASSWORD)
    assert refused.status_code == 429
    assert client.get("/admin/").status_code == 302  # still signed out


def test_the_lock_applies_to_that_account_from_that_address_only(client, editor):
    for _ in range(5):
        sign_in(client, "mauvais")
    assert sign_in(Client(), PASSWORD, address="198.51.100.20").status_code == 302


def test_the_client_address_is_read_behind_the_trusted_proxy(client, editor, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    # A forged left-most entry must not give the attacker a fresh address on every attempt.
    for attempt in range(5):
        client.post(
            "/admin/login/",
            {"username": "editrice", "password": "mauvais"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, 203.0.113.7",
        )
    response = client.post(
        "/admin/login/",
        {"username": "editrice", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.7",
    )
    assert response.status_code == 429
