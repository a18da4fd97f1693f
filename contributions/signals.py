"""A moderation workflow's end, wherever the moderator decided, records the decision."""

from wagtail.signals import workflow_approved, workflow_rejected

from . import services


def _approved(sender, instance, user=None, **kwargs):
    services.record_decision(instance, user, accepted=True)


def _rejected(sender, instance, user=None, **kwargs):
    services.record_decision(instance, user, accepted=False)


def connect():
    workflow_approved.connect(_approved, dispatch_uid="contributions.approved")
    workflow_rejected.connect(_rejected, dispatch_uid="contributions.rejected")
