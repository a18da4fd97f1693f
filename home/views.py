"""Files for crawlers: robots.txt and the multilingual sitemap.xml."""

from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET

from .sitemap import MultilingualSitemap


@require_GET
def robots_txt(request):
    context = {"sitemap_url": request.build_absolute_uri(reverse("sitemap"))}
    return render(request, "robots.txt", context, content_type="text/plain; charset=utf-8")


def sitemap(request):
    return sitemap_view(request, sitemaps={"pages": MultilingualSitemap(request)})
