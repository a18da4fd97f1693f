"""What a load balancer and a visitor see when the database cannot be reached."""

from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connections

pytestmark = pytest.mark.django_db


def database_down(error=OperationalError):
    return mock.patch.object(
        connections["default"], "cursor", side_effect=error("connection refused")
    )


def test_health_endpoint_answers_ok_when_the_database_responds(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]


def test_health_endpoint_answers_503_when_the_database_is_down(client):
    with database_down():
        response = client.get("/healthz")
    assert response.status_code == 503


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_visitors_get_a_plain_french_maintenance_page(client, home_page, error):
    with database_down(error):
        response = client.get("/fr/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Site momentanément indisponible" in html
    assert "Réessayer" in html or "réessayer" in html
    for leak in ("Traceback", "OperationalError", "InterfaceError", "connection refused"):
        assert leak not in html


def test_other_errors_are_not_disguised_as_maintenance(client, home_page):
    with mock.patch("home.models.HomePage.get_context", side_effect=ValueError("bug")):
        with pytest.raises(ValueError):
            client.get("/fr/")
