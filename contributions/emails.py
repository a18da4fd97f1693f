"""The submitter's e-mails: the receipt of a proposal and the moderator's decision, each in
the language the form was filled in. (Moderators are told by Wagtail's own notice of a page
submitted to their task.)

A failing mail server must not lose a proposal nor undo a decision: a message that cannot be
sent is logged and the rest goes on."""

import logging
import smtplib

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


def _send(template, contribution, recipients, language, **context):
    context = {"contribution": contribution, "site_name": settings.WAGTAIL_SITE_NAME, **context}
    with translation.override(language):
        subject = render_to_string(f"contributions/emails/{template}_subject.txt", context)
        body = render_to_string(f"contributions/emails/{template}.txt", context)
    try:
        send_mail(" ".join(subject.split()), body, None, recipients)
    except (smtplib.SMTPException, OSError):
        logger.exception("contribution %s: e-mail %s not sent", contribution.pk, template)


def send_receipt(contribution):
    _send("receipt", contribution, [contribution.submitter_email], contribution.language)


def send_decision(contribution):
    _send("decision", contribution, [contribution.submitter_email], contribution.language)
