"""Long file names reach the form and are shortened (uploads/multipart.py).

The forms' own tests (accounts/tests/test_avatar.py, community/tests/test_upload_rules.py)
post long names through the whole stack; these pin the pieces."""

import pytest
from django.core.checks import run_checks
from django.http import multipartparser

from uploads.multipart import PART_HEADERS_MAX_BYTES, file_name_shorten


def test_django_reads_part_headers_far_longer_than_its_own_1024_bytes():
    assert multipartparser.MAX_TOTAL_HEADER_SIZE >= PART_HEADERS_MAX_BYTES >= 4 * 1024 + 200


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("photo.jpg", "photo.jpg"),
        ("a" * 80, "a" * 80),
        ("b" * 1200 + ".jpeg", "b" * 74 + "….jpeg"),
        ("c." + "x" * 600, "c." + "x" * 77 + "…"),  # no plausible extension is kept
        ("😀" * 300 + ".png", "😀" * 75 + "….png"),
    ],
)
def test_long_names_keep_their_start_and_extension(name, expected):
    shortened = file_name_shorten(name)
    assert shortened == expected and len(shortened) <= 80


def test_django_s_own_upload_handlers_are_refused_by_a_check(settings):
    settings.FILE_UPLOAD_HANDLERS = ["django.core.files.uploadhandler.MemoryFileUploadHandler"]
    errors = [error for error in run_checks() if error.id == "uploads.E002"]
    assert errors and "uploads.multipart.MemoryFileUploadHandler" in errors[0].msg
