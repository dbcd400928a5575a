"""A harmless cookie that tells the page script a member may be signed in.

Pages are the same for everyone, so the header's personal menu is fetched from its own URL; the
script only asks when this hint exists (the session cookie itself is HttpOnly), so anonymous
readers cost no extra request. It carries no identity. Signing out and deleting the account
clear it at once; the script clears it when the menu says a session ended some other way (it
expired, or a security event ended it on the server).
"""

from django.conf import settings

SIGNIN_HINT_COOKIE = "herald_signed_in"


def set_signin_hint(sender, request, response=None, **kwargs):
    if response is None:
        return
    response.set_cookie(
        SIGNIN_HINT_COOKIE,
        "1",
        max_age=settings.SESSION_COOKIE_AGE,
        domain=settings.SESSION_COOKIE_DOMAIN,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=False,  # read by the page script; it holds nothing secret
        samesite="Lax",
    )


def clear_signin_hint(response):
    """Drop the hint (with the domain it was set for) from the browser."""
    response.delete_cookie(SIGNIN_HINT_COOKIE, domain=settings.SESSION_COOKIE_DOMAIN)
    return response
