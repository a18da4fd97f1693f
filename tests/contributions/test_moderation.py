"""The moderators' side: the listing, the comparison, accepting and rejecting; and that no
path publishes a proposal without a moderator."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from wagtail.models import WorkflowPage, WorkflowState

from contributions import services
from contributions.models import Contribution
from directory.models import ActorPage
from tests.accounts import create_editor, create_moderator

from .conftest import submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator():
    return create_moderator()


def propose(**fields):
    Client().post("/fr/contribuer/proposer/", submission(**fields))
    return Contribution.objects.latest("pk")


def suggest(actor, **fields):
    Client().post(f"/fr/contribuer/corriger/{actor.pk}/", submission(**fields))
    return Contribution.objects.latest("pk")


def decide(client, contribution, **data):
    return client.post(f"/admin/contributions/{contribution.pk}/decision/", data)


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_moderators_list_search_and_filter_contributions(directory, moderator):
    propose(title="Recyclerie d'essai")
    propose(title="Épicerie d'essai", submitter_email="autre@example.org")
    client = signed_in(moderator)
    listing = client.get("/admin/contributions/").content.decode()
    assert "Recyclerie d&#x27;essai" in listing and "Épicerie d&#x27;essai" in listing
    searched = client.get("/admin/contributions/?q=autre@example.org").content.decode()
    assert "Épicerie" in searched and "Recyclerie" not in searched
    filtered = client.get("/admin/contributions/?status=accepted").content.decode()
    assert "Recyclerie" not in filtered


def test_editors_and_visitors_cannot_read_contributions(directory):
    contribution = propose()
    editor = signed_in(create_editor())
    assert editor.get("/admin/contributions/").status_code == 302  # refused, sent home
    assert editor.get(f"/admin/contributions/inspect/{contribution.pk}/").status_code == 302
    anonymous = Client().get("/admin/contributions/")
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous.url


def test_a_correction_is_compared_with_the_live_profile(actor, moderator):
    contribution = suggest(actor, title="Jardins d'essai", summary="Nouveau résumé.")
    client = signed_in(moderator)
    page = client.get(f"/admin/contributions/inspect/{contribution.pk}/").content.decode()
    compare_url = f"/admin/pages/{actor.pk}/revisions/compare/live...{contribution.revision_id}/"
    assert compare_url in page and "camille@example.org" in page
    comparison = client.get(compare_url)
    assert comparison.status_code == 200
    assert "Nouveau résumé." in comparison.content.decode()


def test_accepting_publishes_the_proposal_and_tells_the_submitter(directory, moderator):
    contribution = propose()
    mail.outbox.clear()
    response = decide(signed_in(moderator), contribution, action="accept")
    assert response.status_code == 302
    actor = ActorPage.objects.get()
    assert actor.live and actor.website == "https://recyclerie.example.org"
    contribution.refresh_from_db()
    assert contribution.status == "accepted" and contribution.decided_by == moderator
    decision = next(m for m in mail.outbox if m.to == ["camille@example.org"])
    assert "acceptée" in decision.subject


def test_accepting_a_correction_puts_the_new_values_live(actor, moderator):
    contribution = suggest(actor, title="Jardins d'essai", summary="Nouveau résumé.")
    decide(signed_in(moderator), contribution, action="accept")
    actor.refresh_from_db()
    assert actor.summary == "Nouveau résumé."
    assert "Nouveau résumé." in Client().get(actor.url).content.decode()


def test_rejecting_needs_a_reason_which_is_emailed(actor, moderator):
    contribution = suggest(actor, title="Jardins d'essai", summary="Faux résumé.")
    client = signed_in(moderator)
    decide(client, contribution, action="reject", reason="")
    contribution.refresh_from_db()
    assert contribution.status == "new"

    mail.outbox.clear()
    decide(client, contribution, action="reject", reason="Ces informations sont inexactes.")
    contribution.refresh_from_db()
    assert contribution.status == "rejected"
    assert contribution.reason == "Ces informations sont inexactes."
    decision = next(m for m in mail.outbox if m.to == ["camille@example.org"])
    assert "Ces informations sont inexactes." in decision.body
    actor.refresh_from_db()
    # The live profile is unchanged, and so is its draft: nobody publishes the refusal later.
    assert actor.summary == "Des paniers de légumes." and not actor.has_unpublished_changes
    assert actor.get_latest_revision_as_object().summary == "Des paniers de légumes."
    assert not WorkflowState.objects.active().for_instance(actor).exists()
    # The profile may be corrected again.
    assert suggest(actor, title="Jardins", submitter_email="b@example.org").pk != contribution.pk


def test_a_rejected_new_actor_stays_an_unpublished_draft(directory, moderator):
    contribution = propose()
    decide(signed_in(moderator), contribution, action="reject", reason="Hors territoire.")
    assert not ActorPage.objects.get().live


def test_a_decision_in_wagtails_own_screens_is_recorded(directory, moderator):
    contribution = propose()
    task_state = services.current_task_state(contribution)
    task_state.approve(user=moderator)
    contribution.refresh_from_db()
    assert contribution.status == "accepted" and ActorPage.objects.get().live


def test_editors_cannot_approve(directory):
    contribution = propose()
    editor = create_editor()
    refused = decide(signed_in(editor), contribution, action="accept")
    assert (refused.status_code, refused.url) == (302, "/admin/")  # Wagtail's "permission denied"
    with pytest.raises(PermissionDenied):
        services.accept(contribution, editor)
    assert not ActorPage.objects.get().live


def test_visitors_cannot_approve(directory):
    contribution = propose()
    response = decide(Client(), contribution, action="accept")
    assert response.status_code == 302 and "/admin/login/" in response.url
    assert not ActorPage.objects.get().live


def test_no_public_path_publishes(client, actor, directory):
    """Every public form submission leaves the public pages as they were."""
    propose()
    suggest(actor, title="Autre nom", submitter_email="x@example.org")
    assert ActorPage.objects.live().count() == 1
    actor.refresh_from_db()
    assert actor.title == "Jardins d'essai"
    assert client.get(directory.url).content.decode().count("actor-card") == (
        Client().get(directory.url).content.decode().count("actor-card")
    )
    assert "Autre nom" not in client.get(directory.url).content.decode()
    assert "Recyclerie" not in client.get(directory.url).content.decode()


def test_a_decided_contribution_cannot_be_decided_again(directory, moderator):
    contribution = propose()
    client = signed_in(moderator)
    decide(client, contribution, action="accept")
    refused = decide(client, contribution, action="reject", reason="Non")
    assert (refused.status_code, refused.url) == (302, "/admin/")  # Wagtail's "permission denied"
    contribution.refresh_from_db()
    assert contribution.status == "accepted"


def approve_in_wagtail(client, contribution):
    """Wagtail's own "Approuver" action of the page's moderation task."""
    task_state = services.current_task_state(contribution)
    url = f"/admin/pages/workflow/action/{contribution.page_id}/approve/{task_state.pk}/"
    return client.post(url, {"comment": ""})


def test_only_a_moderator_approves_in_wagtails_own_screens(directory, moderator):
    """Wagtail's workflow action is the other way to approve: an editor is refused there too,
    a moderator's approval publishes (the same request, so the refusal is not a bad form)."""
    contribution = propose()
    approve_in_wagtail(signed_in(create_editor()), contribution)
    contribution.refresh_from_db()
    assert contribution.status == "new" and not ActorPage.objects.get().live

    approve_in_wagtail(signed_in(moderator), contribution)
    contribution.refresh_from_db()
    assert contribution.status == "accepted" and ActorPage.objects.get().live


def test_without_a_workflow_a_proposal_stays_a_draft(actor, directory):
    """Should the workflow be detached from the tree, proposals wait as drafts: nothing falls
    back to publishing them."""
    WorkflowPage.objects.all().delete()
    contribution = propose()
    suggest(actor, title="Jardins d'essai", summary="Autre résumé.")
    assert not ActorPage.objects.get(pk=contribution.page_id).live
    actor.refresh_from_db()
    assert actor.summary == "Des paniers de légumes."
    assert not WorkflowState.objects.exists()
