"""Editor-facing texts in the editor's own language (their "Mon compte" choice).

Wagtail's redirects listing (wagtail.contrib.redirects.filters) translates its "Type" filter
with ``gettext`` when the module is imported, so the label and its choices are frozen in the
language active at start-up (French, the site's default): an editor who chose English saw
"Tous / Permanente / Temporaire" among English texts. The same words, translated lazily, are
translated for each request by Wagtail's own catalogue.
"""

from django.utils.translation import gettext_lazy


def translate_redirect_filters_per_request():
    from wagtail.contrib.redirects.filters import RedirectsReportFilterSet

    kind = RedirectsReportFilterSet.base_filters["is_permanent"]
    kind.label = gettext_lazy("Type")
    kind.extra["choices"] = ((True, gettext_lazy("Permanent")), (False, gettext_lazy("Temporary")))
    kind.extra["empty_label"] = gettext_lazy("All")
