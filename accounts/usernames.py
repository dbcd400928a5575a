"""The rules of the names a member chooses: the username (one name, the same on every site, never
changed) and the display name.

A username is 3–30 ASCII letters, digits, ``_`` or ``-``, starting with a letter. It is unique
across the network by its *key*: NFKC-normalised, then case-folded, so ``Bob`` and ``BOB`` are
the same name. Input is NFKC-normalised before any check, so look-alike forms (full-width
letters, ligatures) are refused with a message rather than slipping past the rules.

Neither name may contain a word of the moderators' banned list (``moderation.WordPolicy``), read
the way comments are read (invisible characters dropped, look-alike letters folded:
``moderation.words``).
"""

import re
import unicodedata

from django.core.exceptions import ValidationError

from moderation.selectors import words_banned_in

MIN_LENGTH, MAX_LENGTH = 3, 30
PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")

RULES_TEXT = (
    f"{MIN_LENGTH}–{MAX_LENGTH} characters: letters (a–z), digits, _ and -, starting with a "
    "letter. It must be unique, cannot be edited, and is used in the address of your profile on "
    "every site of the network."
)

# Names a member could use to pass for staff or the platform, and every top-level URL segment.
RESERVED = frozenset(
    """
    admin administrator api accounts account auth login logout signin signup register staff
    moderator moderators mod editor editors editorial newsroom support help root system
    herald news sport sports official team security abuse postmaster webmaster hostmaster
    info contact null none undefined anonymous deleted profile profiles settings search tags
    authors mynews galleries gallery pictures live feeds feed sitemap robots policies
    components traffic listings weather static media documents healthz me you everyone
    """.split()
)


def username_key(value: str) -> str:
    """The form a username is unique by: NFKC, then case-folded."""
    return unicodedata.normalize("NFKC", value).casefold()


def username_validate(raw: str, *, extra_reserved=frozenset()) -> str:
    """Return the username to store, or raise ``ValidationError`` with a message for the form.

    Uniqueness is checked by the caller against the database (and enforced by its unique index).
    """
    value = raw.strip()
    normalised = unicodedata.normalize("NFKC", value)
    if normalised != value:
        raise ValidationError(
            f"“{value}” contains look-alike characters (it reads as “{normalised}”). "
            "Type it with plain letters and digits.",
            code="lookalike",
        )
    if len(value) < MIN_LENGTH:
        raise ValidationError(f"Usernames need at least {MIN_LENGTH} characters.", code="too_short")
    if len(value) > MAX_LENGTH:
        raise ValidationError(
            f"Usernames can have at most {MAX_LENGTH} characters.", code="too_long"
        )
    if not PATTERN.fullmatch(value):
        raise ValidationError(
            "Use only letters (a–z), digits, _ and -, and start with a letter.",
            code="characters",
        )
    key = username_key(value)
    if key in RESERVED or key in extra_reserved:
        raise ValidationError(
            f"“{value}” is reserved. Please choose another username.", code="reserved"
        )
    _words_check(value, "username")
    return value


def display_name_validate(raw: str) -> str:
    """Return the display name to store (as typed, without surrounding spaces), or raise
    ``ValidationError`` when it contains a banned word."""
    value = raw.strip()
    _words_check(value, "display name")
    return value


def _words_check(value: str, what: str) -> None:
    if words_banned_in(value):
        raise ValidationError(
            f"Your {what} contains words that are not allowed here. Please choose another.",
            code="words",
        )
