"""What other apps hold of a member, asked through Wagtail hooks, so that export, deletion and
the public profile stay complete without accounts importing the apps above it.

An app that stores something a member wrote registers, in its ``wagtail_hooks.py``:

- ``herald_member_exporters``: ``fn(member) -> {name: JSON-serialisable}``, each name a key of
  the member's data export;
- ``herald_member_erasers``: ``fn(member, *, mode)``, called before the account is deleted,
  where ``mode`` is ``"remove"`` (delete the contributions) or ``"anonymise"`` (keep them,
  detached from the member);
- ``herald_profile_sections``: ``fn(member) -> {"heading": str, "template": str, **context}``
  or None, a section of the public profile page.

(``herald_member_shown_keys``, what else shows the member, is read by
``services.member_shown_keys``.)
"""

from wagtail import hooks


def member_exports(member) -> dict:
    """Every app's part of the member's data export, by name."""
    data = {}
    for fn in hooks.get_hooks("herald_member_exporters"):
        data.update(fn(member))
    return data


def member_erase_everywhere(member, *, mode: str) -> None:
    """Have every app remove or anonymise what the member contributed."""
    for fn in hooks.get_hooks("herald_member_erasers"):
        fn(member, mode=mode)


def profile_sections(member) -> list[dict]:
    """The sections other apps show on the member's public profile, empty ones left out."""
    return [section for fn in hooks.get_hooks("herald_profile_sections") if (section := fn(member))]
