"""The benchmark's floor: the cheapest response Django gives through the site's middleware."""

from django.http import HttpResponse


def floor(request):
    return HttpResponse("ok", content_type="text/plain")
