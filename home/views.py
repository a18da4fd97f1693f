"""Site-wide views outside the page tree: files for crawlers and the health endpoint."""

from functools import cache

from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.contrib.staticfiles import finders
from django.db import DatabaseError, connection
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail import views as wagtail_views

from core import routing
from core.cache import find_site
from core.public_address import absolute_url

from .sitemap import MultilingualSitemap


@require_safe
def robots_txt(request):
    sitemap_url = absolute_url(reverse("sitemap"), request.build_absolute_uri("/"))
    context = {"sitemap_url": sitemap_url}
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")


@cache
def favicon_bytes():
    with open(finders.find("favicon.ico"), "rb") as handle:
        return handle.read()


@require_safe
def favicon(request):
    """/favicon.ico, which browsers ask for on every site whatever the page says: a 404 on
    each first visit is an error in the console (and in Lighthouse's best practices)."""
    response = HttpResponse(favicon_bytes(), content_type="image/vnd.microsoft.icon")
    response["Cache-Control"] = "public, max-age=604800"
    return response


def serve(request, path):
    """Wagtail's page view, with the site found once per publication and the page found by
    core.routing (two queries) beforehand: Wagtail then takes the route it finds on the request
    instead of looking for it. A path deeper than any page is not found before any query."""
    if routing.path_components(path) is None:
        raise Http404
    find_site(request)
    # A private attribute, kept for want of a public way: it is the cache Wagtail's
    # Page.route_for_request reads (and names in its docstring), so its serve view, and
    # anything else asking for the page (Page.find_for_request), takes this route instead of
    # routing again. tests/core/test_routing.py fails if Wagtail stops reading it.
    request._wagtail_route_for_request = routing.route(request, path)
    return wagtail_views.serve(request, path)


def sitemap(request):
    return sitemap_view(request, sitemaps={"pages": MultilingualSitemap(request)})


@never_cache
@require_safe
def healthz(request):
    """What load balancers poll: the process answers and the database responds."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("base de données injoignable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
