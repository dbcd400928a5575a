"""The moderation pipeline: small checks, run in order, that publish, hold or reject a comment.

Each check returns None (nothing to say) or a ``Verdict``. The first rejection ends the run; a
hold is recorded and the later checks still run, so moderators see every reason.
"""

import hashlib
import hmac
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists
from django.utils import timezone

from accounts.selectors import suspension_active
from moderation import words
from moderation.models import WordPolicy
from moderation.selectors import decisions_on_outer, words_banned_in, words_suspect_in
from ratelimits.answers import wait_text
from ratelimits.limits import Limit, limits_count, limits_wait

from . import toxicity
from .models import Comment, CommentPolicy, ThreadSettings

URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# "@name" the way usernames are written (a letter, then letters, digits, _ or -), not inside an
# e-mail address or a longer word. There are no mentions; to a reader they look like one.
MENTION = re.compile(r"(?<![\w@.-])@[A-Za-z][A-Za-z0-9_-]{2,29}\b")
# Refusals for what the comment says are kept as rejected comments (hidden from threads): they
# are the member's record, counted by the reputation check. A refusal for when or where it was
# sent (too soon, a closed thread, a suspension) says nothing about the member's words.
RECORDED_REFUSALS = frozenset({"banned_words"})


@dataclass
class Draft:
    body: str
    member: object
    page: object
    ip: str = ""
    editing: Comment | None = None
    now: object = field(default_factory=timezone.now)
    toxicity: float | None = None
    word_policy: WordPolicy | None = None  # loaded once by ``run``


# What each check and outcome is called where editors read them (the comment desk).
CHECK_LABELS = {
    "length": "Length",
    "thread_closed": "Comments closed",
    "member_suspended": "Author suspended",
    "rate_limit": "Commenting too fast",
    "repeat": "Repeated comment",
    "banned_words": "Banned words",
    "suspect_words": "Suspect words",
    "links": "Too many links",
    "toxicity": "Toxicity score",
    "new_member": "New member",
    "reputation": "Author's record",
    "premoderation": "Premoderated thread",
}
OUTCOME_LABELS = {"hold": "held for review", "reject": "refused"}


@dataclass
class Verdict:
    check: str
    outcome: str  # "hold" or "reject"
    reason: str
    score: float | None = None
    retry_after: int | None = None

    def as_record(self):
        record = {"check": self.check, "outcome": self.outcome, "reason": self.reason}
        if self.score is not None:
            record["score"] = round(self.score, 4)
        return record


@dataclass
class Result:
    verdicts: list[Verdict]
    toxicity: float | None = None

    @property
    def rejection(self):
        return next((v for v in self.verdicts if v.outcome == "reject"), None)

    @property
    def status(self):
        if self.rejection:
            return Comment.Status.REJECTED
        if any(v.outcome == "hold" for v in self.verdicts):
            return Comment.Status.HELD
        return Comment.Status.PUBLISHED


def length(draft, policy):
    size = len(draft.body.strip())
    limit = settings.HERALD_COMMENT_MAX_LENGTH
    if not 1 <= size <= limit:
        return Verdict("length", "reject", f"Write between 1 and {limit:,} characters.")


def thread_closed(draft, policy):
    if thread_is_closed(draft.page, now=draft.now):
        return Verdict("thread_closed", "reject", "Comments on this story are closed.")


def member_suspended(draft, policy):
    suspension = suspension_active(draft.member, now=draft.now)
    if suspension:
        return Verdict(
            "member_suspended",
            "reject",
            f"You are suspended {suspension.until_text}: {suspension.reason}",
        )


def rate_limit(draft, policy):
    if draft.editing:
        return None
    wait = limits_wait(_rate_limits(), _rate_subjects(draft))
    if wait:
        return Verdict(
            "rate_limit",
            "reject",
            f"You are commenting too fast. You can comment again {wait_text(wait)}.",
            retry_after=wait,
        )


def rate_limit_count(draft):
    """Count a posted comment against its author's and address's limits."""
    limits_count(_rate_limits(), _rate_subjects(draft))


def _rate_limits():
    """One comment in any HERALD_COMMENT_INTERVAL seconds, HERALD_COMMENT_HOURLY in any hour."""
    return [
        Limit("comment-interval", 1, settings.HERALD_COMMENT_INTERVAL),
        Limit("comment-hourly", settings.HERALD_COMMENT_HOURLY, 3600),
    ]


def _rate_subjects(draft):
    subjects = [f"member-{draft.member.pk}"]
    if draft.ip:
        subjects.append("ip-" + ip_hash(draft.ip))
    return subjects


def ip_hash(ip: str) -> str:
    """Keyed, so the stored value can't be turned back into the address by trying them all."""
    return hmac.new(settings.SECRET_KEY.encode(), ip.encode(), hashlib.sha256).hexdigest()[:24]


def client_ip(request) -> str:
    """The reader's address: behind HERALD_NUM_PROXIES proxies, from X-Forwarded-For."""
    proxies = settings.NINJA_NUM_PROXIES
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def repeat(draft, policy):
    since = draft.now - timezone.timedelta(hours=settings.HERALD_COMMENT_REPEAT_HOURS)
    decided = decisions_on_outer(Comment)
    recent = (
        Comment.objects.filter(author=draft.member, created_at__gte=since)
        .exclude(status=Comment.Status.DELETED)
        # Refused by the pipeline, not sent: the same words are refused again for what they say.
        .exclude(~Exists(decided), status=Comment.Status.REJECTED)
    )
    if draft.editing:
        recent = recent.exclude(pk=draft.editing.pk)
    mine = words.tokens(draft.body)
    for body in recent.values_list("body", flat=True)[:50]:
        if words.tokens(body) == mine:
            return Verdict("repeat", "reject", "You posted this comment already.")


def banned_words(draft, policy):
    found = words_banned_in(draft.body, draft.word_policy)
    if found:
        return Verdict(
            "banned_words", "reject", "Your comment contains words that are not allowed here."
        )


def suspect_words(draft, policy):
    found = words_suspect_in(draft.body, draft.word_policy)
    if found:
        return Verdict("suspect_words", "hold", f"Suspect words: {', '.join(found)}")


def links(draft, policy):
    count = len(URL.findall(draft.body))
    mentions = len(MENTION.findall(draft.body)) if _is_new_member(draft) else 0
    if count + mentions > settings.HERALD_COMMENT_MAX_LINKS:
        found = f"{count} links" + (f" and {mentions} @names" if mentions else "")
        return Verdict("links", "hold", found)


def _is_new_member(draft):
    """Fewer than HERALD_COMMENT_NEW_MEMBER_COMMENTS published comments: "@name" counts as a
    link, since a run of them is how new accounts spam and harass."""
    needed = settings.HERALD_COMMENT_NEW_MEMBER_COMMENTS
    published = Comment.objects.filter(author=draft.member, status=Comment.Status.PUBLISHED)
    return published[:needed].count() < needed


def toxic(draft, policy):
    value, source = toxicity.score(draft.body, ip=draft.ip)
    draft.toxicity = value
    if value >= policy.toxicity_threshold:
        return Verdict("toxicity", "hold", f"Toxicity {value:.2f} ({source})", score=value)


def new_member(draft, policy):
    needed = settings.HERALD_COMMENT_NEW_MEMBER_HOLDS
    if draft.editing or needed <= 0:
        return None
    published = Comment.objects.filter(author=draft.member, status=Comment.Status.PUBLISHED)
    if published.count() < needed:
        return Verdict("new_member", "hold", "A new member's first comments are reviewed.")


def reputation(draft, policy):
    window = settings.HERALD_COMMENT_REPUTATION_WINDOW
    recent = list(
        Comment.objects.filter(
            author=draft.member,
            status__in=[Comment.Status.PUBLISHED, Comment.Status.REJECTED],
        )
        .order_by("-created_at")
        .values_list("status", flat=True)[:window]
    )
    if len(recent) < settings.HERALD_COMMENT_REPUTATION_MINIMUM:
        return None
    rate = recent.count(Comment.Status.REJECTED) / len(recent)
    if rate >= settings.HERALD_COMMENT_REPUTATION_RATE:
        return Verdict("reputation", "hold", f"{rate:.0%} of recent comments rejected")


def premoderation(draft, policy):
    if policy.premoderate_all:
        return Verdict("premoderation", "hold", "Every comment is reviewed at the moment.")
    pages = [draft.page.pk, *draft.page.get_ancestors().values_list("pk", flat=True)]
    if ThreadSettings.objects.filter(page_id__in=pages, premoderated=True).exists():
        return Verdict("premoderation", "hold", "Comments here are reviewed before they appear.")


CHECKS = [
    length,
    thread_closed,
    member_suspended,
    rate_limit,
    repeat,
    banned_words,
    suspect_words,
    links,
    toxic,
    new_member,
    reputation,
    premoderation,
]


def thread_is_closed(page, *, now=None):
    now = now or timezone.now()
    days = settings.HERALD_COMMENTS_CLOSE_AFTER_DAYS
    published = page.first_published_at
    if days and published and now - published > timezone.timedelta(days=days):
        return True
    pages = [page.pk, *page.get_ancestors().values_list("pk", flat=True)]
    return ThreadSettings.objects.filter(page_id__in=pages, closed=True).exists()


def run(draft: Draft, *, checks=None) -> Result:
    policy = CommentPolicy.load()
    draft.word_policy = WordPolicy.load()
    draft.toxicity = None
    verdicts = []
    for check in checks or CHECKS:
        verdict = check(draft, policy)
        if verdict is None:
            continue
        verdicts.append(verdict)
        if verdict.outcome == "reject":
            break
    return Result(verdicts=verdicts, toxicity=draft.toxicity)
