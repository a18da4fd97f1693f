"""Redis (the shared cache) down: the form refuses what it cannot check, never a 500, never a
replayed token, and what the visitor typed comes back with a message asking to retry."""

import pytest

from contributions.models import Contribution
from directory.models import ActorPage

from .conftest import submission

pytestmark = pytest.mark.django_db

PROPOSE_FR = "/fr/contribuer/proposer/"
PROPOSE_EN = "/en/contribute/suggest/"
# Production's backend, pointed at a port where no Redis answers.
REDIS_DOWN = {
    "default": {
        "BACKEND": "core.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
    }
}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = REDIS_DOWN


def test_a_token_already_used_is_refused_while_redis_is_down(client, directory, settings):
    data = submission()
    assert client.post(PROPOSE_FR, data).status_code == 302  # stored while Redis was up
    # Redis then goes down: the record of used tokens must not go with it.
    settings.CACHES = REDIS_DOWN
    again = client.post(PROPOSE_FR, data)
    assert "déjà été envoyée" in again.content.decode()
    assert Contribution.objects.count() == 1 and ActorPage.objects.count() == 1


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (PROPOSE_FR, "momentanément indisponible"),
        (PROPOSE_EN, "temporarily unavailable"),
    ],
)
def test_with_redis_down_the_submission_is_refused_and_kept(
    client, directory, redis_down, path, message
):
    """The rate limit counts in Redis: without it a robot could send without limit, so the
    form asks the visitor to retry, with everything typed still in it."""
    response = client.post(path, submission(title="Recyclerie sous la pluie"))
    html = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"]
    assert message in html
    assert 'value="Recyclerie sous la pluie"' in html
    assert not Contribution.objects.exists() and not ActorPage.objects.exists()


def test_the_form_itself_shows_while_redis_is_down(client, directory, redis_down):
    assert client.get(PROPOSE_FR).status_code == 200
