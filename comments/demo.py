"""Lively demo threads: comments and replies under the newest stories, a featured comment, a
few held for review with the pipeline's reasons, and starting word lists."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from moderation.models import WordPolicy
from newsroom.models import ArticlePage

from .models import Comment

LINES = [
    "This is the third time this year. Who is held accountable?",
    "Good reporting. I'd like to know what the budget says about it.",
    "We felt this in our street last week; nobody came to fix it.",
    "Interesting, but the numbers in paragraph two don't add up for me.",
    "Finally some good news for the province.",
    "The minister should answer these questions in Parliament.",
    "I was there: the queues started at five in the morning.",
    "Can anyone explain what this means for small businesses?",
]
SPORT_LINES = [
    "The second half was the best we have played all season.",
    "Same mistakes at the back every week. The coach has to fix it.",
    "I was at the ground: the atmosphere was something else.",
    "Give the youngsters a chance in the next match.",
    "Still not convinced by the selection, but a win is a win.",
    "Tickets were sold out for weeks. Move the big games to a bigger stadium.",
]
SPORT_REPLIES = [
    "Agreed, the bench changed the game.",
    "Wait until we play a top side before we get excited.",
    "The referee had a shocker, to be fair.",
]
REPLIES = [
    "Agreed, and the council has known about it for years.",
    "The report is linked in the story, worth reading in full.",
    "Not where I live: things have improved a lot.",
    "Good question. I'd like to know too.",
]
HELD = [
    (
        "Everyone who voted for this is a corrupt liar.",
        "suspect_words",
        "Suspect words: corrupt, liar",
    ),
    (
        "Buy cheap tickets at www.example.com and www.example.net and www.example.org",
        "links",
        "3 links",
    ),
]


@transaction.atomic
def demo_comments_build(*, seed: int):
    policy = WordPolicy.load()
    if not policy.banned_words and not policy.suspect_words:
        policy.banned_words = "idiot\nscumbag"
        policy.suspect_words = "corrupt\nliar\nscam"
        policy.save()
    if Comment.objects.exists():
        return
    rng = random.Random(seed)
    members = list(get_user_model().objects.filter(username__isnull=False).exclude(is_staff=True))
    if not members:
        return
    now = timezone.now()
    stories = ArticlePage.objects.live().order_by("-first_published_at")[:24]
    for position, story in enumerate(stories):
        sport = "/sport/" in story.url_path  # readers talk about the game under a match report
        lines, replies = (SPORT_LINES, SPORT_REPLIES) if sport else (LINES, REPLIES)
        start = max(story.first_published_at, now - datetime.timedelta(days=2))
        for n in range(rng.randint(1, 4)):
            when = start + datetime.timedelta(minutes=7 * (n + 1) + rng.randint(0, 30))
            top = Comment.objects.create(
                page=story,
                author=rng.choice(members),
                body=rng.choice(lines),
                created_at=min(when, now),
                respect_count=rng.randint(0, 12),
                featured=position % 6 == 0 and n == 0,
            )
            if rng.random() < 0.5:
                Comment.objects.create(
                    page=story,
                    parent=top,
                    author=rng.choice(members),
                    body=rng.choice(replies),
                    created_at=min(when + datetime.timedelta(minutes=12), now),
                    respect_count=rng.randint(0, 4),
                )
    for (body, check, reason), story in zip(HELD, stories, strict=False):
        Comment.objects.create(
            page=story,
            author=rng.choice(members),
            body=body,
            status=Comment.Status.HELD,
            checks=[{"check": check, "outcome": "hold", "reason": reason}],
            reason="Awaiting review by a moderator.",
        )
