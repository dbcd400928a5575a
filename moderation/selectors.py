"""Reads of the decision record (one query each) and of the word lists."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef

from . import words
from .models import Decision, WordPolicy

RELATED = ("decided_by", "member", "content_type")


def _content_type(model):
    # ContentType's own cache: after the first call this costs no query.
    return ContentType.objects.get_for_model(model, for_concrete_model=False)


def decisions_for_item(item, *, limit=None) -> list[Decision]:
    """Every decision on ``item``, newest first, with who decided and whom it concerned."""
    decisions = Decision.objects.filter(
        content_type=_content_type(type(item)), object_id=item.pk
    ).select_related(*RELATED)
    return list(decisions[:limit] if limit else decisions)


def decisions_for_items(model, ids) -> dict[int, list[Decision]]:
    """The decisions on many items of one model, newest first, by item id (one query: for a
    desk page that lists its items each with its history)."""
    found = {pk: [] for pk in ids}
    decisions = Decision.objects.filter(
        content_type=_content_type(model), object_id__in=list(found)
    ).select_related(*RELATED)
    for decision in decisions:
        found[decision.object_id].append(decision)
    return found


def decisions_for_member(member, *, limit=None) -> list[Decision]:
    """Every decision about ``member``, on whatever item, newest first."""
    decisions = Decision.objects.filter(member=member).select_related(*RELATED)
    return list(decisions[:limit] if limit else decisions)


def decisions_for_members(member_ids, *, per_member=5) -> dict[int, list[Decision]]:
    """The latest ``per_member`` decisions about each of these members (one query)."""
    found = {pk: [] for pk in member_ids}
    decisions = Decision.objects.filter(member_id__in=list(found)).select_related(*RELATED)
    for decision in decisions:
        if len(found[decision.member_id]) < per_member:
            found[decision.member_id].append(decision)
    return found


def decisions_recent(models, *, limit=20) -> list[Decision]:
    """The latest decisions on items of these models (a desk's "latest decisions")."""
    types = [_content_type(model) for model in models]
    return list(Decision.objects.filter(content_type__in=types).select_related(*RELATED)[:limit])


def decisions_latest(model, ids, *, action) -> dict[int, Decision]:
    """The latest decision of one kind on each of these items (one query)."""
    found = {}
    decisions = Decision.objects.filter(
        content_type=_content_type(model), object_id__in=list(ids), action=action
    ).select_related(*RELATED)
    for decision in decisions:
        found.setdefault(decision.object_id, decision)  # newest first
    return found


def words_banned_in(text: str, policy=None) -> list[str]:
    """The moderators' banned words found in ``text`` (comments, names, contributions)."""
    policy = policy or WordPolicy.load()
    return words.matches(text, words.phrases(policy.banned_words))


def words_suspect_in(text: str, policy=None) -> list[str]:
    """The moderators' suspect words found in ``text``."""
    policy = policy or WordPolicy.load()
    return words.matches(text, words.phrases(policy.suspect_words))


def words_listed_in(text: str, policy=None) -> list[str]:
    """Words of either list found in ``text``, for flags an editor reads."""
    policy = policy or WordPolicy.load()
    listed = words.phrases(policy.banned_words) | words.phrases(policy.suspect_words)
    return words.matches(text, listed)


def decisions_on_outer(model):
    """The decisions on the row of ``model`` an outer query stands on, for ``Exists(…)``
    ("comments a moderator decided on")."""
    return Decision.objects.filter(content_type=_content_type(model), object_id=OuterRef("pk"))
