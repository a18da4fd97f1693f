"""Public contributions in a real browser, from the visitor's form to the moderator's decision.

A visitor proposes a new actor from the French directory and another suggests a correction
from an English profile; a Modérateur signs in to the admin, finds both under Contributions,
compares the correction with the live profile, accepts it (the public profile shows the new
values) and refuses the proposal with a reason (the submitter is e-mailed it). After the
retention period the submitters' data is purged. The forms, clean and with errors, have no
axe violation in French and English on a phone and a desktop.
"""

import datetime
import io
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Locale

from contributions.models import Contribution
from directory.models import ActorPage, DirectoryIndexPage
from tests.accounts import create_moderator

from .axe import axe_failures
from .conftest import WIDTHS
from .test_editor_flow import log_in

pytestmark = pytest.mark.browser

REASON = "Cette structure n'a pas d'activité sur le territoire de l'agglomération."
NEW_SUMMARY = "Ateliers de réparation de vélos, ouverts à tous, deux soirs par semaine."


@pytest.fixture
def fast_forms(settings, empty_cache):
    """A person takes seconds to fill the form; the test does not wait for the signed minimum.
    The rate-limit counters (in the cache) start from zero."""
    settings.CONTRIBUTION_MIN_FILL_SECONDS = 0


def live_in(language, model):
    return model.objects.live().filter(locale=Locale.objects.get(language_code=language))


def form_paths():
    actor = live_in("fr", ActorPage).first()
    return [
        "/fr/contribuer/proposer/",
        "/en/contribute/suggest/",
        f"/fr/contribuer/corriger/{actor.pk}/",
    ]


def summary_targets(page):
    """The error summary's links, each with whether the field it points to exists."""
    return page.locator(".form-errors a[href^='#']").evaluate_all(
        "links => links.map(a => [a.hash, !!document.getElementById(a.hash.slice(1))])"
    )


def test_the_forms_have_no_wcag_21_aa_violation_clean_or_with_errors(
    demo_site, live_server, injectable_page, fast_forms
):
    page, failures = injectable_page, []
    for path in form_paths():
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            assert page.goto(live_server.url + path).status == 200, path
            failures += axe_failures(page, f"{path} @ {width}px")
            # Sent without the required fields: the summary at the top links to each of them.
            page.locator("#id_title").fill("")
            page.locator(".contribution-form button[type='submit']").click()
            expect(page.locator(".form-errors")).to_be_visible()
            targets = summary_targets(page)
            assert len(targets) >= 4, targets  # title, commune, name, e-mail, relation, consent
            assert all(found for _, found in targets), targets
            assert ("#id_title", True) in [tuple(t) for t in targets]
            failures += axe_failures(page, f"{path} (errors) @ {width}px")
    assert failures == [], "\n".join(failures)


def fill_submitter(page, name, email, relation):
    page.locator("#id_submitter_name").fill(name)
    page.locator("#id_submitter_email").fill(email)
    page.locator("#id_submitter_relation").fill(relation)
    page.locator("#id_consent").check()


def propose_in_french(page, base, directory):
    page.goto(base + directory.url)
    page.get_by_role("link", name="Proposer un acteur").click()
    page.get_by_label("Nom de l’organisation").fill("Atelier vélo d'essai")
    page.get_by_label("Famille de l’ESS").select_option("association")
    page.get_by_label("Commune").select_option("62215")  # Carvin
    page.get_by_label("Site web").fill("https://atelier-velo.example.org")
    fill_submitter(page, "Camille Essai", "camille@example.org", "bénévole")
    page.get_by_role("button", name="Envoyer la proposition").click()
    page.wait_for_url("**/fr/contribuer/merci/")


def correct_in_english(page, base, profile):
    page.goto(base + profile.url)
    page.get_by_role("link", name="Suggest a correction").click()
    # Pre-filled from the profile: the visitor changes only what is wrong.
    expect(page.get_by_label("Name of the organisation")).to_have_value(profile.title)
    page.get_by_label("What the organisation does").fill(NEW_SUMMARY)
    fill_submitter(page, "Sam Example", "sam@example.org", "employee")
    page.get_by_role("button", name="Send the proposal").click()
    page.wait_for_url("**/en/contribute/thanks/")


def open_contribution(page, base, actor_name):
    page.goto(f"{base}/admin/contributions/")
    page.get_by_role("link", name=actor_name).first.click()
    expect(page.locator("main")).to_contain_text(actor_name)


def test_a_proposal_and_a_correction_go_through_moderation_to_the_public_site(
    demo_site, live_server, browser_page, fast_forms, mailoutbox
):
    page, base = browser_page, live_server.url
    directory = live_in("fr", DirectoryIndexPage).get()
    english_profile = live_in("en", ActorPage).filter(summary__gt="").first()
    french_profile = english_profile.get_translation(Locale.objects.get(language_code="fr"))
    create_moderator("moderateur")

    propose_in_french(page, base, directory)
    correct_in_english(page, base, english_profile)
    proposal = Contribution.objects.get(actor_name="Atelier vélo d'essai")
    correction = Contribution.objects.get(kind="correction")
    assert (proposal.language, correction.language) == ("fr", "en")
    receipts = {
        message.to[0]
        for message in mail.outbox
        if "camille" in message.to[0] or "sam" in message.to[0]
    }
    assert receipts == {"camille@example.org", "sam@example.org"}
    # Nothing is public yet.
    page.goto(base + directory.url)
    expect(page.locator("main")).not_to_contain_text("Atelier vélo d'essai")
    page.goto(base + french_profile.url)
    expect(page.locator("main")).not_to_contain_text(NEW_SUMMARY)

    log_in(page, base, "moderateur")
    page.goto(f"{base}/admin/contributions/")
    listing = page.locator("main table")
    expect(listing).to_contain_text("Atelier vélo d'essai")
    expect(listing).to_contain_text(french_profile.title)

    # The correction: compared with the live profile, then accepted.
    open_contribution(page, base, french_profile.title)
    page.get_by_role("link", name="Comparer avec la fiche publiée").click()
    expect(page.locator("main")).to_contain_text(NEW_SUMMARY)
    page.go_back()
    page.get_by_role("button", name="Accepter et publier").click()
    expect(page.locator(".messages")).to_contain_text("Contribution acceptée")
    page.context.clear_cookies()
    page.goto(base + french_profile.url)
    expect(page.locator("main")).to_contain_text(NEW_SUMMARY)

    # The proposal: previewed, then refused with a reason that the submitter receives.
    log_in(page, base, "moderateur")
    open_contribution(page, base, "Atelier vélo d'essai")
    expect(page.get_by_role("link", name="Voir la fiche proposée")).to_be_visible()
    mail.outbox.clear()
    page.get_by_label("Motif du refus").fill(REASON)
    page.get_by_role("button", name="Refuser avec ce motif").click()
    expect(page.locator(".messages")).to_contain_text("Contribution refusée")
    decision = [message for message in mail.outbox if message.to == ["camille@example.org"]]
    assert len(decision) == 1 and REASON in decision[0].body
    correction.refresh_from_db()
    proposal.refresh_from_db()
    assert (correction.status, proposal.status) == ("accepted", "rejected")
    page.context.clear_cookies()
    page.goto(base + directory.url)
    expect(page.locator("main")).not_to_contain_text("Atelier vélo d'essai")

    # Twelve months later (the default retention), the daily purge deletes both records.
    received = max(proposal.created_at, correction.created_at)
    for days, remaining in ((364, 2), (367, 0)):
        with mock.patch.object(timezone, "now", return_value=received + datetime.timedelta(days)):
            call_command("purge_contributions", stdout=io.StringIO())
        assert Contribution.objects.count() == remaining
    assert not Contribution.objects.filter(
        submitter_email__in=["camille@example.org", "sam@example.org"]
    ).exists()
    french_profile.refresh_from_db()
    assert french_profile.summary == NEW_SUMMARY  # the page stays: only personal data goes
    # A refused new actor stays an unpublished draft, for the moderators to delete or keep.
    assert not ActorPage.objects.get(title="Atelier vélo d'essai").live
