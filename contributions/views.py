"""The public forms: propose an actor, suggest a correction of a profile, and the thanks page.

A valid submission is stored as a draft in moderation (services.submit) and acknowledged by
e-mail; an invalid one comes back with every typed value and its errors. Abuse is kept out by
CSRF, a honeypot field, a signed and single-use start time (tokens.py), a rate limit per
address and a cap on open proposals per e-mail address.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.core import get_usage
from wagtail.models import Locale, Site

from core.cache import find_site
from core.navigation import shown_to_public
from core.security import client_ip
from directory.models import ActorPage, Sector

from . import emails, services, tokens
from .forms import TOKEN_ERRORS, ContributionForm
from .models import Contribution, ContributionSettings

# How long a visitor is asked to wait when the shared cache cannot count submissions.
RETRY_AFTER_SECONDS = 300


def _address(group, request):
    return client_ip(request) or ""


def _rate_limit(request):
    """Count this submission against its address: None while under the limit, "limited"
    beyond it, "unavailable" when the shared cache (Redis) cannot count, since a robot could
    then send without limit (fail closed)."""
    usage = get_usage(
        request,
        group="contributions",
        key=_address,
        rate=settings.CONTRIBUTION_RATE_LIMIT,
        method="POST",
        increment=True,
    )
    if usage is None or not usage["should_limit"]:
        return None
    # Once this submission is counted the count is at least 1; django-ratelimit answers 0 when
    # the cache could not count (it fails closed, RATELIMIT_FAIL_OPEN being off).
    return "limited" if usage["count"] else "unavailable"


@require_http_methods(["GET", "HEAD", "POST"])
def propose(request):
    return _contribution_form(request, actor=None)


@require_http_methods(["GET", "HEAD", "POST"])
def correct(request, page_id):
    actor = get_object_or_404(ActorPage.objects.live().public(), pk=page_id)
    return _contribution_form(request, actor=actor)


@require_safe
def thanks(request):
    find_site(request)
    return render(request, "contributions/thanks.html")


def _initial(actor):
    initial = {"started": tokens.issue()}
    if actor is not None:
        initial.update({name: getattr(actor, name) for name in ContributionForm.PROFILE_FIELDS})
        initial["sectors"] = list(actor.sectors.all())
        initial["commune"] = actor.commune.insee_code if actor.commune_id else None
    return initial


def _contribution_form(request, actor):
    find_site(request)
    site = Site.find_for_request(request)  # the one find_site kept on the request
    if services.directory_for_new_actors() is None:
        raise Http404("Aucun annuaire ne reçoit les propositions.")
    sectors = Sector.objects.filter(locale=Locale.get_active())
    status = 200
    if request.method != "POST":
        form = ContributionForm(initial=_initial(actor), sectors=sectors, actor=actor)
    else:
        form = ContributionForm(request.POST, sectors=sectors, actor=actor)
        refusal = _rate_limit(request)
        if form.is_spam:
            return redirect("contribuer:thanks")
        if refusal:
            form.is_valid()  # errors of what was typed are shown along the refusal
            form.add_error(None, _refusal_message(refusal))
            status = 429 if refusal == "limited" else 503
        elif form.is_valid() and _store(request, form, actor):
            return redirect("contribuer:thanks")
    field_errors = _field_errors(form)
    context = {
        "form": form,
        "actor": actor,
        "privacy_page": _privacy_page(site),
        "field_errors": field_errors,
        "error_count": len(form.non_field_errors()) + len(field_errors),
        "meta_description": _(
            "Proposer un acteur de l’ESS ou une correction : l’équipe du site relit chaque "
            "proposition avant de la publier."
        ),
    }
    response = render(request, "contributions/contribution_form.html", context, status=status)
    if status == 503:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def _refusal_message(refusal):
    if refusal == "limited":
        return _(
            "Trop de propositions ont été envoyées depuis votre connexion. Réessayez "
            "dans une heure : ce que vous avez saisi est conservé ci-dessous."
        )
    return _(
        "Le service est momentanément indisponible et votre proposition n’a pas été "
        "enregistrée. Réessayez dans quelques minutes : ce que vous avez saisi est conservé "
        "ci-dessous."
    )


def _field_errors(form):
    """The error summary's entries: (id of the control to go to, label, message), in the order
    of the form. A group of checkboxes has no control of its own: its first box (the group
    itself while it offers none)."""
    entries = []
    for name in form.fields:
        field = form[name]
        if field.errors:
            boxes = field.subwidgets
            target = field.id_for_label or (boxes[0].id_for_label if boxes else field.auto_id)
            entries += [(target, field.label, error) for error in field.errors]
    return entries


def _privacy_page(site):
    """The privacy notice chosen in the settings, in the reader's language when translated;
    None while it is not live and public (core's visibility rule for chosen pages)."""
    page = ContributionSettings.for_site(site).privacy_page if site else None
    page = page.localized if page else None
    return page if shown_to_public(page) else None


def _store(request, form, actor):
    """Submit the proposal; on refusal, add the reason to the form and return False."""
    submitter = {
        "submitter_name": form.cleaned_data["submitter_name"],
        "submitter_email": form.cleaned_data["submitter_email"],
        "submitter_relation": form.cleaned_data["submitter_relation"],
    }
    open_count = Contribution.objects.filter(
        status=Contribution.Status.NEW, submitter_email__iexact=submitter["submitter_email"]
    ).count()
    if open_count >= settings.CONTRIBUTION_MAX_OPEN_PER_EMAIL:
        form.add_error(
            "submitter_email",
            _(
                "Vous avez déjà %(count)d propositions en attente de relecture : attendez "
                "notre réponse avant d’en envoyer d’autres."
            )
            % {"count": open_count},
        )
        return False
    try:
        contribution = services.submit(
            form.profile_values(),
            submitter=submitter,
            language=get_language(),
            form_nonce=tokens.nonce(form.cleaned_data["started"]),
            page=actor,
        )
    except services.AlreadySubmitted:
        form.add_error(None, TOKEN_ERRORS["used"])
        return False
    except services.AlreadyUnderReview:
        form.add_error(
            None,
            _(
                "Une modification de cette fiche attend déjà la relecture d’un modérateur. "
                "Réessayez lorsqu’elle aura été traitée (quelques jours au plus)."
            ),
        )
        return False
    except ValidationError as error:
        for field, messages in error.update_error_dict({}).items():
            form.add_error(field if field in form.fields else None, messages)
        return False
    emails.send_receipt(contribution)
    return True
