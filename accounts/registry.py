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


# Word lists for the names members choose (username, display name): an app registers
# ``fn(text) -> list[str]``, the listed words found in ``text`` (empty when there are none).
# Comments registers the moderators' banned words (comments.pipeline.banned_words_in).
name_checks = []


def register_name_check(fn):
    name_checks.append(fn)
