"""Where other apps hook members' data in, so export and deletion stay complete.

An app that stores something a member wrote registers, from its ``AppConfig.ready()``:

- an exporter ``fn(member) -> JSON-serialisable`` under a name (the key in the export), and
- an eraser ``fn(member, *, mode)`` called before the account is deleted, where ``mode`` is
  ``"remove"`` (delete the contributions) or ``"anonymise"`` (keep them, detached from the
  member).
"""

exporters = {}
erasers = {}


def register_exporter(name, fn):
    exporters[name] = fn


def register_eraser(name, fn):
    erasers[name] = fn


# Sections of the public profile page (published stories, pictures, comment count): an app
# registers ``fn(member) -> {"heading": str, "template": str, **context} | None``.
profile_sections = []


def register_profile_section(fn):
    profile_sections.append(fn)
