"""Members' stories: drafts kept as they type, sent to the editors when long enough."""

import datetime
import logging
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import WorkflowState

from uploads.pictures import picture_clean

from ..models import MyNewsIndexPage, ReaderStoryPage, ReaderStoryPicture
from ..selectors import standing_of
from ..text import plain_text, story_html, word_count
from .checks import RateLimited, contribution_allowed_check, review_flags, upload_allowance_spend
from .pictures import image_digest, image_save
from .workflow import workflow_restart

logger = logging.getLogger(__name__)

UNTITLED = "Untitled draft"


@dataclass
class StoryDraft:
    """What a member typed, as the form cleaned it."""

    key: uuid.UUID
    title: str = ""
    source: str = ""
    place: object = None
    tags: list[str] = field(default_factory=list)
    response_to: object = None
    pictures: list = field(default_factory=list)  # uploaded files, checked here one by one


def story_sent_already(*, member, key) -> bool:
    """Whether the member's story with this form key is with the editors or published."""
    story = ReaderStoryPage.objects.filter(submission_key=key, contributor=member).first()
    return story is not None and not story_editable(story)


def story_editable(story) -> bool:
    """Members change their story while it is a draft, refused or taken down; not while it is
    live or with the editors (``selectors.MEMBER_EDITABLE``, the one rule)."""
    return standing_of(story).editable


def story_save(*, member, index_page, draft: StoryDraft, story=None):
    """Create or update the member's draft; return ``(story, picture_errors)``.

    The same ``draft.key`` always means the same story, so a form sent twice (a double click,
    a reload) saves one story. Pictures past the member's upload allowance are refused whole:
    the text is saved all the same, then ``RateLimited`` is raised with the saved ``story``.
    """
    contribution_allowed_check(member)
    html = story_html(draft.source)
    words = word_count(plain_text(html))
    if words > settings.HERALD_MYNEWS_MAX_WORDS:
        raise ValidationError(
            f"Your story has {words} word{pluralize(words)}; the most we accept is "
            f"{settings.HERALD_MYNEWS_MAX_WORDS}. Shorten it or split it into two stories."
        )
    if story is None:
        story = ReaderStoryPage.objects.filter(submission_key=draft.key).first()
        if story is not None and story.contributor_id != member.pk:
            raise PermissionDenied("This form belongs to someone else. Start a new story.")
    if story is not None and not story_editable(story):
        raise PermissionDenied("This story is with the editors; it can no longer be changed.")
    fields = {
        "title": draft.title.strip() or UNTITLED,
        "body": html,
        "body_source": draft.source,
        "word_count": words,
        "place": draft.place,
        "in_response_to": draft.response_to,
    }
    if story is None:
        drafts = ReaderStoryPage.objects.filter(contributor=member, submitted_at__isnull=True)
        if drafts.count() >= settings.HERALD_MYNEWS_MAX_DRAFTS:
            raise PermissionDenied(
                f"You have {settings.HERALD_MYNEWS_MAX_DRAFTS} drafts, the most we keep: send "
                "or delete one under My submissions first."
            )
        story = _story_create(member=member, index_page=index_page, key=draft.key, fields=fields)
    else:
        for name, value in fields.items():
            setattr(story, name, value)
    story.tags.set(draft.tags)
    errors, refused = [], None
    try:
        errors = _story_pictures_add(member=member, story=story, files=draft.pictures)
    except RateLimited as error:  # past the upload allowance: the text is saved all the same
        refused = error
    story.save()
    story.save_revision(user=member, log_action=False)
    if refused is not None:
        refused.story = story
        raise refused
    return story, errors


def _story_create(*, member, index_page, key, fields):
    for _attempt in range(3):
        slug = f"{slugify(fields['title'])[:60] or 'story'}-{uuid.uuid4().hex[:6]}"
        story = ReaderStoryPage(
            slug=slug, contributor=member, owner=member, live=False, submission_key=key, **fields
        )
        try:
            with transaction.atomic():
                # A fresh parent: its child count decides the new page's tree path.
                MyNewsIndexPage.objects.get(pk=index_page.pk).add_child(instance=story)
        except IntegrityError:
            # The same form sent twice at once (the first one won), or another member's story
            # took the same place in the page tree at the same moment (try again).
            existing = ReaderStoryPage.objects.filter(submission_key=key).first()
            if existing is not None:
                if existing.contributor_id != member.pk or not story_editable(existing):
                    raise PermissionDenied("This story was sent already.") from None
                return existing
            continue
        return story
    raise PermissionDenied("Many stories are arriving at once: please send yours again.")


def _story_pictures_add(*, member, story, files) -> list[tuple[str, str]]:
    if not files:
        return []
    upload_allowance_spend(member, len(files), "story")  # every file checked counts, kept or not
    errors = []
    kept = {item.image.file_hash for item in story.pictures.select_related("image")}
    room = settings.HERALD_MYNEWS_STORY_PICTURES - len(kept)
    for upload in files:
        try:
            clean = picture_clean(upload)  # decoded, limited, upright, without metadata
        except ValidationError as error:
            errors.append((upload.name, error.messages[0]))
            continue
        digest = image_digest(clean)
        if digest in kept:  # the same form sent again, or the same picture chosen twice
            continue
        if room <= 0:
            errors.append((upload.name, "This story already has as many pictures as it can."))
            continue
        image = image_save(clean, digest, member=member, title=story.title)
        story.pictures.add(ReaderStoryPicture(image=image))
        kept.add(digest)
        room -= 1
    return errors


def story_submit(*, member, story, now=None):
    """Send the draft to the editors; refused with a ``ValidationError`` when it is too short."""
    contribution_allowed_check(member)
    if story.contributor_id != member.pk:
        raise PermissionDenied("This is not your story.")
    in_progress = story.workflow_states.filter(status=WorkflowState.STATUS_IN_PROGRESS).exists()
    if in_progress or story.live:
        return story  # sent already: a second click changes nothing
    problems = []
    if story.title == UNTITLED or not story.title.strip():
        problems.append("Give your story a title.")
    minimum = settings.HERALD_MYNEWS_MIN_WORDS
    if story.word_count < minimum:
        problems.append(
            f"Your story has {story.word_count} word{pluralize(story.word_count)}. "
            f"Stories of {minimum} words or more are "
            f"considered for publication: add at least {minimum - story.word_count} more. "
            "We kept your text as a draft."
        )
    if problems:
        raise ValidationError(problems)
    now = now or timezone.now()
    recent = ReaderStoryPage.objects.filter(
        contributor=member, submitted_at__gte=now - datetime.timedelta(days=1)
    ).count()
    if recent >= settings.HERALD_MYNEWS_STORIES_PER_DAY:
        raise RateLimited(
            f"You have sent {recent} {'story' if recent == 1 else 'stories'} in the last 24 hours, "
            "the most we take in a day. "
            "Your story is kept as a draft: send it tomorrow."
        )
    story.submitted_at = now
    tags = " ".join(tag.name for tag in story.tags.all())
    story.review_flags = review_flags(
        f"{story.title}\n{tags}\n{plain_text(story.body)}", story.body
    )
    story.save()
    revision = story.save_revision(user=member, log_action=False)
    workflow_restart(story, member)
    logger.debug("Story %s submitted (revision %s)", story.pk, revision.pk)
    return story


def story_delete(*, member, story):
    if story.contributor_id != member.pk or not story_editable(story):
        raise PermissionDenied("Only your own drafts and refused stories can be deleted.")
    story.delete()
