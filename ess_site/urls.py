"""URL map: the admin outside the language prefix, the public site under /fr/ and /en/."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.utils.translation import gettext_noop
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views
from core.blocks import BLOCK_ID_PATTERN
from core.i18n_urls import translated_path
from core.translation_sync import SyncTranslationsView
from home import views as home_views

urlpatterns = [
    path("healthz", home_views.healthz, name="healthz"),
    # wagtail-localize's sync screen with "Publish immediately" kept to those who may publish
    # (core/translation_sync.py); first, so that it stands in for wagtail-localize's own.
    path(
        "admin/localize/update/<int:translation_source_id>/",
        require_admin_access(SyncTranslationsView.as_view()),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", home_views.sitemap, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("favicon.ico", home_views.favicon, name="favicon"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("", include("search.urls")),
    path("", include("contributions.urls")),
    *translated_path(
        rf"^donnees/carte/(?P<page_id>[0-9]{{1,10}})/(?P<block_id>{BLOCK_ID_PATTERN})\.(?P<fmt>csv|json)$",
        core_views.commune_map_data,
        "commune_map_data",
        segment=gettext_noop("donnees/carte/"),
        route=re_path,
    ),
    # Wagtail's serve pattern, minus Wagtail's own "_util/" views (password, login), so as to
    # come first; Wagtail's pattern stays behind it, unreached.
    re_path(r"^(?!_util/)((?:[\w\-]+/)*)$", home_views.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
