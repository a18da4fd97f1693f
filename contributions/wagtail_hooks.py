"""The "Contributions" menu of the admin: the public's proposals, their status, their review."""

from django.urls import path
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_views import ContributionInspectView, ModeratorsOnlyPolicy, decide
from .models import Contribution


class ContributionViewSet(ModelViewSet):
    model = Contribution
    icon = "mail"
    menu_label = "Contributions"
    menu_order = 250
    add_to_admin_menu = True
    url_prefix = "contributions"
    url_namespace = "contributions"
    list_display = ["actor_name", "kind", "status", "submitter_name", "created_at"]
    list_filter = ["status", "kind", "language"]
    search_fields = ["actor_name", "submitter_name", "submitter_email"]
    inspect_view_enabled = True
    inspect_view_class = ContributionInspectView
    inspect_view_fields = [
        "actor_name",
        "kind",
        "status",
        "page",
        "submitter_name",
        "submitter_email",
        "submitter_relation",
        "language",
        "created_at",
        "decided_at",
        "decided_by",
        "reason",
    ]
    copy_view_enabled = False
    # Listed for reading only (ModeratorsOnlyPolicy): a form is still required by the viewset.
    form_fields = ["reason"]

    @property
    def permission_policy(self):
        return ModeratorsOnlyPolicy(Contribution)


contribution_viewset = ContributionViewSet("contributions")


@hooks.register("register_admin_viewset")
def register_contribution_viewset():
    return contribution_viewset


@hooks.register("register_admin_urls")
def register_decision_url():
    return [path("contributions/<int:pk>/decision/", decide, name="contributions_decide")]
