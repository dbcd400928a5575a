from urllib.parse import unquote

from django.conf import settings
from django.http import JsonResponse

from .cache import SURROGATE_KEY_HEADER, make_private


class CachePolicyMiddleware:
    """Make sure a publicly cacheable response never carries anything personal.

    A response that a page marked public becomes ``private, no-store`` when the request comes
    from a signed-in person or the response sets a cookie (a session or CSRF token), so that no
    cache can ever hand one person's page to another. Wagtail's admin relies on inline scripts,
    so the strict public Content-Security-Policy is not applied under ``/admin/``; sign-in
    pages may post forms on to the sign-in providers.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # response._csp_config is read by Django's ContentSecurityPolicyMiddleware.
        if request.path.startswith("/admin/"):
            response._csp_config = None
        elif request.path.startswith("/accounts/"):
            response._csp_config = {
                **settings.SECURE_CSP,
                "form-action": settings.HERALD_SIGNIN_FORM_ACTION,
            }
        if SURROGATE_KEY_HEADER in response.headers and (
            response.cookies or self._sets_cookie_later(request) or self._signed_in(request)
        ):
            make_private(response)
        return response

    @staticmethod
    def _sets_cookie_later(request):
        # The session and CSRF middleware add their cookies after this one has run.
        session = getattr(request, "session", None)
        return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE")) or bool(
            session is not None and session.modified
        )

    @staticmethod
    def _signed_in(request):
        # Only look at the session when the browser sent one: touching it would add
        # "Vary: Cookie" to every anonymous page and defeat shared caches.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return False
        return request.user.is_authenticated


def reject_nul_bytes(get_response):
    """Answer 400 to NUL bytes in the path or query: PostgreSQL refuses them in text, which
    would otherwise surface as a 500 deep in a view."""

    def middleware(request):
        if "\x00" in request.path or "\x00" in unquote(request.META.get("QUERY_STRING", "")):
            return JsonResponse({"detail": "Bad request: NUL byte in the address."}, status=400)
        return get_response(request)

    return middleware
