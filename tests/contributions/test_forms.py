"""The public forms: what a visitor sees, what a valid proposal becomes, and bad input."""

import pytest
from django.test import Client
from wagtail.models import WorkflowState

from contributions import tokens
from contributions.models import Contribution
from directory.models import ActorPage
from tests.accounts import create_moderator
from tests.directory.conftest import luhn_siret

from .conftest import LISTED_SIRET, NEW_SIRET, form_token, submission

pytestmark = pytest.mark.django_db

PROPOSE_FR = "/fr/contribuer/proposer/"
PROPOSE_EN = "/en/contribute/suggest/"
SIREN = "732829320"  # its Luhn key is right


def correct_url(page, language="fr"):
    return f"/{language}/contribuer/corriger/{page.pk}/"


def in_moderation(page):
    return WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS, object_id=str(page.pk)
    ).exists()


def test_the_directory_and_every_profile_link_to_the_forms(client, actor, directory):
    assert PROPOSE_FR in client.get(directory.url).content.decode()
    assert correct_url(actor) in client.get(actor.url).content.decode()


def test_the_form_in_french_and_in_english(client, directory):
    french = client.get(PROPOSE_FR)
    assert french.status_code == 200
    html = french.content.decode()
    assert "Proposer un acteur" in html and "Nom de l’organisation" in html
    assert 'name="csrfmiddlewaretoken"' in html
    english = client.get(PROPOSE_EN).content.decode()
    assert "Propose an actor" in english and "Name of the organisation" in english


def test_a_proposal_becomes_a_draft_in_moderation_never_live(client, directory, sector, mailoutbox):
    response = client.post(PROPOSE_FR, submission(sectors=[sector.pk]))
    assert response.status_code == 302 and response.url == "/fr/contribuer/merci/"
    actor = ActorPage.objects.get(title="Recyclerie d'essai")
    assert not actor.live and actor.get_parent().pk == directory.pk
    assert in_moderation(actor)
    draft = actor.get_latest_revision_as_object()
    assert draft.website == "https://recyclerie.example.org"
    assert [s.pk for s in draft.sectors.all()] == [sector.pk]
    assert client.get(f"{directory.url}{actor.slug}/").status_code == 404

    contribution = Contribution.objects.get()
    assert contribution.kind == "new" and contribution.status == "new"
    assert contribution.page_id == actor.pk and contribution.revision_id == draft.latest_revision_id
    assert contribution.submitter_email == "camille@example.org"
    # The submitter's data is not in the page.
    assert "camille" not in actor.get_latest_revision().content.__repr__().lower()

    receipt = next(m for m in mailoutbox if m.to == ["camille@example.org"])
    assert "Recyclerie d'essai" in receipt.subject and "Bonjour Camille Essai" in receipt.body


def test_moderators_are_told_by_the_workflow(client, directory, mailoutbox):
    create_moderator()
    client.post(PROPOSE_FR, submission())
    actor = ActorPage.objects.get()
    notice = next(m for m in mailoutbox if m.to == ["moderateur@example.org"])
    assert "Recyclerie d'essai" in notice.body and f"/admin/pages/{actor.pk}/edit/" in notice.body


def test_a_proposal_in_english_is_acknowledged_in_english(client, directory, mailoutbox):
    assert client.post(PROPOSE_EN, submission()).status_code == 302
    assert Contribution.objects.get().language == "en"
    receipt = next(m for m in mailoutbox if m.to == ["camille@example.org"])
    assert "has been received" in receipt.subject and "Hello Camille Essai" in receipt.body


def test_a_correction_is_a_new_draft_revision_the_live_profile_unchanged(client, actor):
    form = client.get(correct_url(actor)).content.decode()
    assert 'value="Jardins d&#x27;essai"' in form  # pre-filled from the profile

    data = submission(title="Jardins d'essai", siret=LISTED_SIRET, summary="Nouveau résumé.")
    assert client.post(correct_url(actor), data).status_code == 302
    actor.refresh_from_db()
    assert actor.live and actor.summary == "Des paniers de légumes."
    assert actor.get_latest_revision_as_object().summary == "Nouveau résumé."
    assert in_moderation(actor)
    assert "Des paniers de légumes." in client.get(actor.url).content.decode()
    assert Contribution.objects.get().kind == "correction"


def test_a_proposal_with_a_listed_siret_corrects_that_actor(client, actor):
    client.post(PROPOSE_FR, submission(siret=LISTED_SIRET, summary="Complété."))
    assert ActorPage.objects.count() == 1
    contribution = Contribution.objects.get()
    assert (contribution.kind, contribution.page_id) == ("correction", actor.pk)


def test_a_second_correction_waits_for_the_first_decision(client, actor):
    client.post(correct_url(actor), submission(title="Jardins d'essai"))
    again = client.post(
        correct_url(actor), submission(title="Jardins", submitter_email="autre@example.org")
    )
    assert again.status_code == 200
    assert "attend déjà la relecture" in again.content.decode()
    assert Contribution.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "Champ requis"),
        ("title", "x" * 256, "au plus 255"),
        ("siret", "12345678901234", "Ce SIRET n’est pas valide"),
        ("siret", "abc", "Ce SIRET n’est pas valide"),
        ("commune", "75056", "n’existe pas dans la liste (« 75056 »)"),
        ("family", "<script>", "n’existe pas dans la liste"),
        ("website", "javascript:alert(1)", "Saisissez une URL valide"),
        ("website", "ftp://example.org", "Saisissez une URL valide"),
        ("email", "pas-un-courriel", "adresse de courriel valide"),
        ("phone", "<b>12</b>", "Saisissez un numéro de téléphone"),
        ("summary", "x" * 1001, "au plus 1000"),
        ("submitter_name", "Ca\x00mille", "caractère invisible"),
        ("street_address", "1 rue\x07 d'essai", "caractère invisible"),
        ("submitter_email", "", "Champ requis"),
        ("consent", None, "Champ requis"),
        ("sectors", ["999999"], "n’existe pas dans la liste (« 999999 »)"),
    ],
)
def test_bad_input_is_explained_next_to_the_field_and_nothing_is_stored(
    client, directory, field, value, message
):
    response = client.post(PROPOSE_FR, submission(**{field: value}))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'href="#id_{field}"' in html or field == "sectors"  # the summary links the field
    assert "camille@example.org" in html or field == "submitter_email"  # what was typed is kept
    assert not ActorPage.objects.filter(title="Recyclerie d'essai").exists()
    assert not Contribution.objects.exists()


def test_html_is_stripped_from_text(client, directory):
    client.post(PROPOSE_FR, submission(summary="<b>Réemploi</b><script>x()</script>"))
    draft = ActorPage.objects.get().get_latest_revision_as_object()
    assert draft.summary == "Réemploix()"


def test_errors_are_in_english_on_the_english_form(client, directory):
    html = client.post(PROPOSE_EN, submission(siret="12345678901234")).content.decode()
    assert "This SIRET is not valid" in html


@pytest.mark.parametrize("path", ["/fr/contribuer/corriger/999999/", "/fr/contribuer/corriger/x/"])
def test_a_correction_of_a_missing_page_is_not_found(client, directory, path):
    assert client.get(path).status_code == 404
    assert client.post(path, submission()).status_code == 404


def test_a_correction_of_a_page_that_is_not_an_actor_is_not_found(client, directory):
    assert client.post(correct_url(directory), submission()).status_code == 404
    assert not Contribution.objects.exists()


def test_a_correction_of_an_unpublished_actor_is_not_found(client, actor):
    actor.unpublish()
    assert client.get(correct_url(actor)).status_code == 404


@pytest.mark.parametrize(
    ("seconds_ago", "message"),
    [(None, "rechargez la page"), (0, "trop vite"), (3 * 60 * 60, "trop longtemps")],
)
def test_a_missing_tampered_hasty_or_stale_token_is_refused(
    client, directory, seconds_ago, message
):
    token = form_token(seconds_ago) if seconds_ago is not None else "forged:token"
    html = client.post(PROPOSE_FR, submission(started=token)).content.decode()
    assert message in html
    assert not Contribution.objects.exists()


def test_a_double_submit_stores_one_proposal(client, directory):
    data = submission()
    assert client.post(PROPOSE_FR, data).status_code == 302
    again = client.post(PROPOSE_FR, data)
    assert again.status_code == 200 and "déjà été envoyée" in again.content.decode()
    assert Contribution.objects.count() == 1 and ActorPage.objects.count() == 1


def test_a_double_submit_racing_the_first_stores_one_proposal(client, directory, monkeypatch):
    """Two presses at the same instant: both pass the token check before either is stored;
    the second is undone whole (no second draft page)."""
    data = submission()
    assert client.post(PROPOSE_FR, data).status_code == 302
    monkeypatch.setattr(tokens, "check", lambda token: None)
    again = client.post(PROPOSE_FR, data)
    assert again.status_code == 200 and "déjà été envoyée" in again.content.decode()
    assert Contribution.objects.count() == 1 and ActorPage.objects.count() == 1


def test_the_honeypot_is_thanked_and_forgotten(client, directory, mailoutbox):
    response = client.post(PROPOSE_FR, submission(contact_url="http://spam.example"))
    assert response.status_code == 302
    assert not Contribution.objects.exists() and not ActorPage.objects.exists()
    assert mailoutbox == []


def test_csrf_is_required(directory):
    client = Client(enforce_csrf_checks=True)
    assert client.post(PROPOSE_FR, submission()).status_code == 403
    assert not Contribution.objects.exists()


def test_open_proposals_are_capped_per_email_address(client, directory, settings):
    settings.CONTRIBUTION_MAX_OPEN_PER_EMAIL = 2
    for number in range(3):
        response = client.post(PROPOSE_FR, submission(title=f"Acteur {number}"))
    assert "déjà 2 propositions en attente" in response.content.decode()
    assert Contribution.objects.count() == 2


def test_scripted_submissions_from_one_address_are_limited(client, directory, settings):
    """The issue's measure: 1 000 scripted submissions from one address, each complete, with
    its own fresh form token and e-mail address, store the rate limit's 5 and no more."""
    settings.CONTRIBUTION_RATE_LIMIT = "5/h"
    statuses = [
        client.post(
            PROPOSE_FR,
            submission(title=f"Acteur {n}", submitter_email=f"robot{n}@example.org"),
        ).status_code
        for n in range(1000)
    ]
    assert statuses[:5] == [302] * 5 and set(statuses[5:]) == {429}
    assert Contribution.objects.count() == 5
    limited = client.post(PROPOSE_FR, submission(title="Encore"))
    assert "Réessayez dans une heure" in limited.content.decode()
    assert 'value="Encore"' in limited.content.decode()  # nothing typed is lost
    assert client.get(PROPOSE_FR).status_code == 200  # the site keeps serving


def test_the_thanks_page(client, directory):
    response = client.get("/fr/contribuer/merci/")
    assert response.status_code == 200
    assert "Merci" in response.content.decode()


def test_new_siret_is_stored_on_the_draft(client, directory):
    client.post(PROPOSE_FR, submission(siret=NEW_SIRET[:3] + " " + NEW_SIRET[3:]))
    assert ActorPage.objects.get().siret == NEW_SIRET


def test_a_refused_web_address_gives_one_error(client, directory):
    response = client.post(PROPOSE_FR, submission(website="javascript:alert(1)"))
    form = response.context["form"]
    assert form.errors["website"] == ["Saisissez une URL valide."]


@pytest.fixture
def listed_company(directory):
    """An actor whose SIRET carries a valid SIREN, as real ones do (SIREN 732 829 320)."""
    page = ActorPage(title="Coopérative d'essai", siret=luhn_siret(f"{SIREN}0001"))
    directory.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_siren_with_a_wrong_key_is_refused(client, directory):
    html = client.post(PROPOSE_FR, submission(siret="732 829 321")).content.decode()
    assert "Ce SIREN n’est pas valide (« 732829321 »)" in html
    assert not Contribution.objects.exists()


def test_a_siren_of_no_listed_actor_asks_for_the_siret(client, directory):
    """A new actor needs its establishment's SIRET: a company may have several, in and outside
    the agglomeration, and the SIREN does not say which one is listed."""
    html = client.post(PROPOSE_FR, submission(siret=SIREN)).content.decode()
    assert "Aucun acteur de l’annuaire n’a ce SIREN (« 732829320 »)" in html
    english = client.post(PROPOSE_EN, submission(siret=SIREN)).content.decode()
    assert "No actor in the directory has this SIREN" in english
    assert not Contribution.objects.exists()


def test_the_siren_of_a_listed_actor_corrects_that_actor(client, listed_company):
    response = client.post(PROPOSE_FR, submission(siret="732 829 320", summary="Complété."))
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert (contribution.kind, contribution.page_id) == ("correction", listed_company.pk)
    assert listed_company.get_latest_revision_as_object().siret == listed_company.siret


def test_a_correction_may_give_the_siren_of_its_own_profile(client, listed_company):
    data = submission(title="Coopérative d'essai", siret=SIREN, summary="Complété.")
    assert client.post(correct_url(listed_company), data).status_code == 302
    draft = ActorPage.objects.get(pk=listed_company.pk).get_latest_revision_as_object()
    assert (draft.siret, draft.summary) == (listed_company.siret, "Complété.")


def test_a_siren_shared_by_two_listed_establishments_asks_which(client, listed_company):
    second = ActorPage(title="Coopérative, second site", siret=luhn_siret(f"{SIREN}0002"))
    listed_company.get_parent().add_child(instance=second)
    html = client.post(PROPOSE_FR, submission(siret=SIREN)).content.decode()
    assert "Plusieurs établissements de l’annuaire ont ce SIREN" in html
    assert not Contribution.objects.exists()
