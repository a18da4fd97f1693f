"""The moderators' side: who may read contributions, the inspect page and the decision."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.views.generic import InspectView
from wagtail.permission_policies.base import BasePermissionPolicy

from core.roles import MODERATORS

from . import services
from .models import Contribution


class ModeratorsOnlyPolicy(BasePermissionPolicy):
    """Contributions hold personal data: only Modérateurs and superusers read them. Nobody adds,
    edits or deletes them in the admin: a decision goes through `decide`, and the retention
    period (purge_contributions) deletes them."""

    def user_has_permission(self, user, action):
        return (
            action == "view"
            and user.is_active
            and (user.is_superuser or user.groups.filter(name=MODERATORS).exists())
        )

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(is_superuser=True) | Q(groups__name=MODERATORS))
            .distinct()
        )


class DecisionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("accept", gettext_lazy("Accepter")), ("reject", gettext_lazy("Refuser"))]
    )
    reason = forms.CharField(
        label=gettext_lazy("Motif du refus (envoyé à la personne)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("action") == "reject" and not cleaned_data.get("reason", "").strip():
            self.add_error("reason", _("Indiquez le motif du refus : il est envoyé à la personne."))
        return cleaned_data


def comparison_url(contribution):
    """Wagtail's comparison of the proposed revision with the live profile, or, for a new
    actor (nothing live to compare with), the preview of the proposed revision."""
    if contribution.page_id is None or contribution.revision_id is None:
        return None
    if contribution.kind == Contribution.Kind.CORRECTION:
        return reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[contribution.page_id, "live", contribution.revision_id],
        )
    return reverse(
        "wagtailadmin_pages:revisions_view", args=[contribution.page_id, contribution.revision_id]
    )


class ContributionInspectView(InspectView):
    template_name = "contributions/admin/inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["comparison_url"] = comparison_url(self.object)
        context["can_decide"] = services.can_decide(self.object, self.request.user)
        context["decision_form"] = DecisionForm()
        context["decide_url"] = reverse("contributions_decide", args=[self.object.pk])
        return context


@require_POST
def decide(request, pk):
    contribution = get_object_or_404(Contribution, pk=pk)
    if not services.can_decide(contribution, request.user):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    inspect_url = reverse("contributions:inspect", args=[pk])
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(inspect_url)
    if form.cleaned_data["action"] == "accept":
        services.accept(contribution, request.user)
        messages.success(
            request,
            _("Contribution acceptée : « %(name)s » est publiée.")
            % {"name": contribution.actor_name},
        )
    else:
        services.reject(contribution, request.user, form.cleaned_data["reason"].strip())
        messages.success(request, _("Contribution refusée : le motif est envoyé à la personne."))
    return redirect(inspect_url)
