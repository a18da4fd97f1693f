"""Site-wide middleware: security headers, the admin's content security policy, the HTTP
methods public URLs answer, database outages."""

import logging
import re

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseNotAllowed
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


class PermissionsPolicyMiddleware:
    """Deny the browser features the site never uses (camera, location, …) to anything it embeds."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's looser policy under ADMIN_PATH_PREFIX.

    A view that sets its own policy (Wagtail's document view) keeps it: django-csp never
    overwrites an existing header.
    """

    def process_response(self, request, response):
        # Wagtail renders previews by running a dummy request for the public URL through the
        # middleware; the public policy (frame-ancestors 'none') would then stick to the
        # admin's response and blank the preview panel. The admin request sets the policy.
        if getattr(request, "is_dummy", False):
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(settings.ADMIN_PATH_PREFIX):
            return PolicyParts(
                config=settings.ADMIN_CONTENT_SECURITY_POLICY,
                update=parts.update,
                replace=parts.replace,
                nonce=parts.nonce,
            )
        return parts


SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def takes_forms(path):
    """True for a URL that receives forms (POST): the admin, Wagtail's password and login
    forms, and whatever settings.FORM_URL_PATTERNS lists."""
    return any(re.match(pattern, path) for pattern in settings.FORM_URL_PATTERNS)


class SafeMethodsMiddleware:
    """Public URLs read, they never receive: GET and HEAD, OPTIONS answered here with what is
    allowed, 405 for any other method (POST, PUT, DELETE, TRACE…) before a view or the page
    cache sees the request. A URL that takes forms (`takes_forms`) is left to its view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The query string parsed here, for every URL: one with more parameters than
        # DATA_UPLOAD_MAX_NUMBER_FIELDS is a 400 (Django's TooManyFieldsSent) whether or not
        # the view reads it, not a page served or cached under a 10 000-parameter key.
        request.GET  # noqa: B018
        if request.method in ("GET", "HEAD") or takes_forms(request.path_info):
            return self.get_response(request)
        if request.method == "OPTIONS":
            response = HttpResponse(content_type="text/plain")
            response["Allow"] = ", ".join(SAFE_METHODS)
            return response
        return HttpResponseNotAllowed(SAFE_METHODS)


class DatabaseOutageMiddleware:
    """Answer 503 with a plain maintenance page while the database cannot be reached.

    Visitors see a short French message instead of an error page, load balancers see a
    retryable status, and the error is logged once per request without a traceback in the page.
    """

    RETRY_AFTER_SECONDS = 30

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Base de données injoignable : %s", exception.__class__.__name__)
        response = HttpResponse(
            render_to_string("core/maintenance.html"), status=503, content_type="text/html"
        )
        response["Retry-After"] = str(self.RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
