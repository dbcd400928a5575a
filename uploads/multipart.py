"""Long file names: a member's upload is read whatever its name, and the name is shortened.

Two things in Django's handling of ``multipart/form-data`` turn a long file name into a lost
form. Django reads each part's headers within ``django.http.multipartparser``'s
``MAX_TOTAL_HEADER_SIZE`` (1,024 bytes, a module constant, not a setting: Django ticket #34968).
A file name over about 940 bytes (235 emoji, or 255 characters from a file system that counts
characters, as macOS does; or any made-up name) raises ``MultiPartParserError``, and Django
answers its bare "Bad Request (400)" page from the first code that reads ``request.POST`` (the
CSRF middleware): everything the member typed is gone. And a file too big to keep in memory is
written to a temporary file whose name ends with the upload's own extension, so a long
"extension" fails with ``OSError`` (file name too long): a 500.

Herald stores every upload under a name of its own (``uploads.pictures``), so the member's name
only ever appears in a message about that file. So the header limit is raised to
``PART_HEADERS_MAX_BYTES``, far above any name a file system allows (255 characters of up to 4
bytes each, with a browser's escaping), and Herald's upload handlers (``FILE_UPLOAD_HANDLERS``)
shorten a name before Django uses it. A request over the raised limit cannot come from a
person's browser, and still gets Django's 400.
"""

from django.core.files import uploadhandler
from django.http import multipartparser

PART_HEADERS_MAX_BYTES = 8 * 1024
NAME_MAX_CHARACTERS = 80
_EXTENSION_MAX_CHARACTERS = 10


def part_headers_allow() -> None:
    """Let Django's multipart parser read part headers up to ``PART_HEADERS_MAX_BYTES``."""
    if multipartparser.MAX_TOTAL_HEADER_SIZE < PART_HEADERS_MAX_BYTES:
        multipartparser.MAX_TOTAL_HEADER_SIZE = PART_HEADERS_MAX_BYTES


def file_name_shorten(name: str, most: int = NAME_MAX_CHARACTERS) -> str:
    """``name`` itself if it is short enough, else its start, "…" and a plausible extension."""
    if name is None or len(name) <= most:
        return name
    stem, dot, extension = name.rpartition(".")
    if not dot or not extension.isalnum() or len(extension) > _EXTENSION_MAX_CHARACTERS:
        stem, extension = name, ""
    suffix = f"….{extension}" if extension else "…"
    return stem[: most - len(suffix)] + suffix


class _ShortNames:
    def new_file(self, field_name, file_name, *args, **kwargs):
        return super().new_file(field_name, file_name_shorten(file_name), *args, **kwargs)


class MemoryFileUploadHandler(_ShortNames, uploadhandler.MemoryFileUploadHandler):
    """Django's in-memory handler, for files with their names shortened."""


class TemporaryFileUploadHandler(_ShortNames, uploadhandler.TemporaryFileUploadHandler):
    """Django's temporary-file handler, for files with their names shortened."""
