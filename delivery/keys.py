"""The surrogate keys of media files Herald serves itself: the only place they are spelled.

A picture's original and every rendition of it share one key, named after the original's file
(``original_images/reader-3f2a9c1b7d4e….jpg`` and ``images/reader-3f2a9c1b7d4e.fill-300x200.jpg``
are both ``media-reader-3f2a9c1b7``), so Varnish drops them all with one purge when a picture is
taken down. Only the start of the name counts: Wagtail cuts the original's name short in a
rendition's, so that the whole stays within 60 characters. Two pictures whose names start alike
share a key, and a purge of one drops the other too, which does no harm.
"""

import posixpath

STEM_LENGTH = 16  # "reader-" and 9 characters of the generated name


def media_keys(name: str) -> list[str]:
    """The key of a stored media file (``images/…``, ``original_images/…``, ``avatars/…``)."""
    stem = posixpath.basename(name).split(".", 1)[0][:STEM_LENGTH]
    return [f"media-{stem}"] if stem else []
