from django.conf import settings

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
            response.cookies or self._signed_in(request)
        ):
            make_private(response)
        return response

    @staticmethod
    def _signed_in(request):
        # Only look at the session when the browser sent one: touching it would add
        # "Vary: Cookie" to every anonymous page and defeat shared caches.
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return False
        return request.user.is_authenticated
