"""The submitters' data is deleted after the retention period."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Site

from contributions.models import Contribution, ContributionSettings, months_before
from directory.models import ActorPage

from .conftest import submission

pytestmark = pytest.mark.django_db


def received(days_ago, **fields):
    return Contribution.objects.create(
        kind="new",
        actor_name="Acteur",
        submitter_name="Camille",
        submitter_email="camille@example.org",
        submitter_relation="bénévole",
        language="fr",
        created_at=timezone.now() - datetime.timedelta(days=days_ago),
        **fields,
    )


def test_contributions_older_than_twelve_months_are_deleted(home_page):
    old = received(days_ago=370)
    recent = received(days_ago=300)
    call_command("purge_contributions", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(Contribution.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not Contribution.objects.filter(pk=old.pk).exists()


def test_the_retention_is_a_site_setting(home_page):
    settings = ContributionSettings.for_site(Site.objects.get(is_default_site=True))
    settings.retention_months = 6
    settings.save()
    received(days_ago=200)
    kept = received(days_ago=150)
    call_command("purge_contributions", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(Contribution.objects.values_list("pk", flat=True)) == [kept.pk]


def test_the_proposed_page_stays_when_its_contribution_is_purged(client, directory):
    client.post("/fr/contribuer/proposer/", submission())
    Contribution.objects.update(created_at=timezone.now() - datetime.timedelta(days=400))
    call_command("purge_contributions", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not Contribution.objects.exists()
    assert ActorPage.objects.filter(title="Recyclerie d'essai").exists()


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime.datetime(2026, 12, 5), 12, datetime.datetime(2025, 12, 5)),
        (datetime.datetime(2026, 3, 31), 1, datetime.datetime(2026, 2, 28)),
        (datetime.datetime(2024, 3, 31), 1, datetime.datetime(2024, 2, 29)),
        (datetime.datetime(2026, 1, 15), 13, datetime.datetime(2024, 12, 15)),
    ],
)
def test_months_before(moment, months, expected):
    assert months_before(moment, months) == expected
