"""Pictures served by Herald itself (the one-machine install; at scale object storage or the
web server does it): Django's static serving, with the caching and the headers the shipped
nginx gives the same files."""

from django.conf import settings
from django.views.static import serve

MEDIA_FOLDERS = ("images", "original_images", "avatars")


def media_serve(request, path):
    response = serve(request, path, document_root=settings.MEDIA_ROOT)  # Http404 if missing
    erasable = path.startswith("avatars/")
    age = settings.HERALD_AVATAR_MAX_AGE if erasable else settings.HERALD_MEDIA_MAX_AGE
    response["Cache-Control"] = f"public, max-age={age}"
    response["X-Content-Type-Options"] = "nosniff"
    # A picture opened on its own runs nothing, whatever it holds.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
