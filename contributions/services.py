"""A proposal becomes a draft in the moderation workflow; a moderator's decision ends it.

Nothing here publishes by itself: a proposal is a draft revision of an `ActorPage` (a new page
kept unpublished, or a new revision of the existing profile, its live version untouched)
submitted to the workflow that covers the page tree; only approving that workflow's task,
which Wagtail allows to the task's group (the Modérateurs) and superusers, publishes it.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import Locale, Page, WorkflowState

from directory.models import ActorPage, DirectoryIndexPage

from . import emails
from .models import Contribution


class AlreadyUnderReview(Exception):
    """The profile already waits for a moderator: a second draft would mix two proposals."""


class AlreadySubmitted(Exception):
    """The same form display was stored by a request that ran alongside (a double click)."""


def default_locale():
    return Locale.objects.get(language_code=settings.LANGUAGE_CODE)


def directory_for_new_actors():
    """New actors start in the directory of the site's default language, which English pages
    are translations of."""
    return DirectoryIndexPage.objects.filter(locale=default_locale()).first()


def source_actor(actor):
    """The page a correction applies to: the default language's version of the profile (the
    English page is a translation of it and follows it at the next sync)."""
    return actor.get_translation_or_none(default_locale()) or actor


def actor_with_siret(siret):
    """The actor of the default language that already carries this SIRET, if any."""
    if not siret:
        return None
    return ActorPage.objects.filter(siret=siret, locale=default_locale()).first()


def actors_with_siren(siren):
    """The actors of the default language whose SIRET belongs to this company (at most two:
    enough to tell one from several)."""
    return list(
        ActorPage.objects.filter(siret__startswith=siren, locale=default_locale())
        .order_by("pk")
        .only("pk", "siret", "title")[:2]
    )


def _apply(actor, values):
    sectors = values["sectors"]
    for name, value in values.items():
        if name != "sectors":
            setattr(actor, name, value)
    # Kept in memory by modelcluster until the revision serialises them; ActorPage.clean()
    # swaps sectors chosen in English for their versions in the page's language.
    actor.sectors.set(list(sectors))


def _open_workflow_state(page):
    return WorkflowState.objects.active().for_instance(page).first()


@transaction.atomic
def submit(values, *, submitter, language, form_nonce, page=None):
    """Store a proposal as a draft in moderation and return its `Contribution`.

    `values` are the profile fields (ContributionForm.profile_values), `submitter` the
    submitter's name, e-mail and relation, `page` the actor being corrected (None for a new
    actor, unless its SIRET is already listed: then it corrects that actor), `form_nonce` the
    name of the form display (contributions.tokens.nonce), stored once. Raises
    AlreadyUnderReview, AlreadySubmitted (nothing of this call is kept), or ValidationError
    when the page refuses the values.
    """
    page = source_actor(page) if page else actor_with_siret(values["siret"])
    if page is None:
        actor = ActorPage(live=False)
        _apply(actor, values)
        directory = directory_for_new_actors()
        directory.add_child(instance=actor)
        kind = Contribution.Kind.NEW_ACTOR
    else:
        # The live row, not the latest draft: the moderator compares the proposal with what
        # the public sees.
        actor = ActorPage.objects.select_for_update().get(pk=page.pk)
        state = _open_workflow_state(actor)
        if state and state.status == WorkflowState.STATUS_IN_PROGRESS:
            raise AlreadyUnderReview
        if state:
            state.cancel()
        _apply(actor, values)
        kind = Contribution.Kind.CORRECTION
    revision = actor.save_revision(log_action=True)
    workflow = actor.get_workflow()
    if workflow is not None:
        workflow.start(actor, user=None)
    try:
        return Contribution.objects.create(
            kind=kind,
            page=actor,
            revision=revision,
            actor_name=actor.title,
            language=language,
            form_nonce=form_nonce,
            **submitter,
        )
    except IntegrityError as error:
        # Leaving the atomic block undoes the page or the revision made above.
        raise AlreadySubmitted from error


def current_task_state(contribution):
    """The moderation task the contribution's page waits on, or None once decided."""
    if contribution.page_id is None:
        return None
    state = (
        WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
        .for_instance(contribution.page)
        .select_related("current_task_state__task")
        .first()
    )
    return state.current_task_state if state else None


def can_decide(contribution, user):
    """Whether `user` may accept or reject it: the moderation task's own rule (its group,
    or a superuser)."""
    if contribution.status != Contribution.Status.NEW:
        return False
    task_state = current_task_state(contribution)
    if task_state is None:
        return False
    page = contribution.page.specific
    return any(
        action == "approve" for action, *_ in task_state.task.specific.get_actions(page, user)
    )


@transaction.atomic
def accept(contribution, user):
    """Approve the moderation task, which publishes the proposed revision (Wagtail's
    workflow publishes the page's latest revision when its last task is approved); the
    workflow's signal records the decision (`record_decision`)."""
    if not can_decide(contribution, user):
        raise PermissionDenied
    current_task_state(contribution).approve(user=user)


@transaction.atomic
def reject(contribution, user, reason):
    """Reject the moderation task with the reason; the workflow's signal records the
    decision (`record_decision`)."""
    if not can_decide(contribution, user):
        raise PermissionDenied
    current_task_state(contribution).reject(user=user, comment=reason)


def record_decision(workflow_state, user, accepted):
    """A moderation workflow ended on a page, here or in Wagtail's own screens: the page's
    open contribution takes the decision and its submitter is told.

    A rejection ("Demander des modifications" in Wagtail's words) ends the workflow: the public
    cannot make the changes asked for. A corrected profile's draft goes back to its live
    version, so that nobody publishes the refused values by mistake; a refused new actor
    stays an unpublished draft."""
    contribution = Contribution.objects.filter(
        page_id=workflow_state.object_id, status=Contribution.Status.NEW
    ).first()
    if contribution is None or not isinstance(workflow_state.content_object, Page):
        return
    if accepted:
        contribution.status = Contribution.Status.ACCEPTED
    else:
        contribution.status = Contribution.Status.REJECTED
        contribution.reason = workflow_state.current_task_state.comment
        workflow_state.cancel(user=user)
        page = contribution.page
        if page.live and page.live_revision_id:
            page.latest_revision_id = page.live_revision_id
            page.has_unpublished_changes = False
            page.draft_title = page.title
            page.save(update_fields=["latest_revision", "has_unpublished_changes", "draft_title"])
    contribution.decided_by = user
    contribution.decided_at = timezone.now()
    contribution.save(update_fields=["status", "decided_by", "decided_at", "reason"])
    emails.send_decision(contribution)
