"""Site-wide views: the error pages (404, 429 for allauth's limits, 500, and 503 while the
database is down) and the favicon, the same for every site and app."""

import sys

from django.db import DatabaseError
from django.http import (
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static

from ratelimits.answers import too_many_requests, wait_text


def page_not_found(request, exception):
    """The styled 404, with the site's header and navigation."""
    return render(request, "404.html", status=404)


# allauth's limits say no more than that one was reached; its longest default window for
# sign-in attempts is five minutes (settings ACCOUNT_RATE_LIMITS).
SIGN_IN_RETRY_SECONDS = 300


def rate_limited(request):
    """allauth's answer past its sign-in, sign-up and reset limits (it reads ``handler429``
    from the root URLconf): Herald's page and ``Retry-After``, as Herald's own limits answer."""
    page = render(request, "429.html", {"wait": wait_text(SIGN_IN_RETRY_SECONDS)})
    response = too_many_requests(page, SIGN_IN_RETRY_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


DATABASE_DOWN_RETRY_SECONDS = 30


def server_error(request):
    """A 500 page that needs neither the database nor a request context (either may be broken).

    When the database is what failed, the answer is a 503 with Retry-After instead: the site is
    not broken, only unavailable for a moment (the page cache still serves what it has).
    """
    if isinstance(sys.exc_info()[1], DatabaseError):
        return service_unavailable(request)
    return HttpResponseServerError(loader.get_template("500.html").render())


def service_unavailable(request):
    write = request.method not in ("GET", "HEAD")
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"detail": "Service temporarily unavailable; try again shortly."}, status=503
        )
    else:
        body = loader.get_template("503.html").render({"write": write})
        response = HttpResponse(body, status=503)
    response["Retry-After"] = str(DATABASE_DOWN_RETRY_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; point them at the hashed icon."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))
