"""The picture beside a member's name in the Wagtail admin, without asking gravatar.com.

Wagtail asks gravatar.com by default, which shows broken images on a machine offline and hands
each editor's e-mail hash to a third party; Herald turns it off (``WAGTAIL_GRAVATAR_PROVIDER_URL``
is None unless ``HERALD_GRAVATAR_URL`` is set, docs/configuration.md). Through Wagtail's
``get_avatar_url`` hook the admin shows instead, in this order: the member's profile picture,
the avatar uploaded in the admin's own account settings, gravatar when an operator turned it
on, and otherwise the member's initials drawn on a colour of their own.
"""

import hashlib
from urllib.parse import quote

from django.conf import settings

COLOURS = ("#1d4f91", "#7a3b8f", "#0f6b5c", "#9c4a1a", "#5a5f16", "#8f2d3b", "#2f5d75")

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
    '<rect width="64" height="64" fill="{colour}"/>'
    '<text x="32" y="32" dy=".35em" text-anchor="middle" fill="#fff" '
    'font-family="sans-serif" font-size="26" font-weight="600">{initials}</text></svg>'
)


def initials(user) -> str:
    """Up to two letters from the member's display name, username or e-mail."""
    name = user.display_name or user.username or user.email.split("@")[0]
    words = [word for word in name.replace("_", " ").replace("-", " ").split() if word]
    letters = "".join(word[0] for word in words[:2]) if len(words) > 1 else name[:2]
    return letters.upper() or "?"


def initials_url(user) -> str:
    digest = hashlib.blake2s(str(user.pk).encode(), digest_size=2).digest()
    colour = COLOURS[int.from_bytes(digest) % len(COLOURS)]
    text = initials(user).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "data:image/svg+xml;charset=utf-8," + quote(SVG.format(colour=colour, initials=text))


def avatar_url(user) -> str | None:
    """The admin's picture of ``user``, or None to let Wagtail ask the gravatar it was given."""
    if getattr(user, "avatar", None):
        return user.avatar.url
    profile = getattr(user, "wagtail_userprofile", None)
    if profile is not None and profile.avatar:
        return profile.avatar.url
    if getattr(settings, "WAGTAIL_GRAVATAR_PROVIDER_URL", None):
        return None
    return initials_url(user)
