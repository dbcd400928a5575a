"""Business rules for reader contributions: drafts, submission, the review workflow, pictures."""

import datetime
import logging
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    GroupPagePermission,
    Workflow,
    WorkflowContentType,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail.users.models import UserProfile
from wagtail.utils.file import hash_filelike

from accounts.selectors import suspension_active
from delivery.purge import purge_after_commit
from moderation.models import Decision
from moderation.selectors import words_listed_in
from moderation.services import decision_record
from uploads.pictures import picture_clean
from uploads.services import UploadAllowanceExceeded, upload_allowance_take

from .keys import picture_change_keys, story_change_keys
from .models import (
    Album,
    ContributionReviewTask,
    MyNewsIndexPage,
    ReaderPicture,
    ReaderStoryPage,
    ReaderStoryPicture,
)
from .selectors import mynews_index_of, standing_of
from .text import link_count, plain_text, story_html, word_count

logger = logging.getLogger(__name__)

WORKFLOW_NAME = "Reader contributions"
REVIEW_GROUPS = ("Moderators", "Editors")
COLLECTION_NAME = "Reader pictures"
UNTITLED = "Untitled draft"


class RateLimited(PermissionDenied):
    """Past one of the member's allowances; ``retry_after`` is in seconds."""

    def __init__(self, message, *, retry_after=3600, story=None):
        super().__init__(message)
        self.retry_after = retry_after
        self.story = story  # the draft that was saved, when pictures sent with it were refused


def _upload_allowance_take(member, files: int, path: str):
    try:
        upload_allowance_take(member=member, files=files, path=path)
    except UploadAllowanceExceeded as error:
        raise RateLimited(error.message, retry_after=error.retry_after) from None


# The review workflow --------------------------------------------------------------------------


def review_workflow() -> Workflow:
    """The "Reader contributions" workflow, created on first use with its one review task."""
    workflow, created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    if created or not WorkflowTask.objects.filter(workflow=workflow).exists():
        task = ContributionReviewTask.objects.create(name="Review reader contribution")
        task.groups.set(Group.objects.filter(name__in=REVIEW_GROUPS))
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowContentType.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(ReaderPicture),
        defaults={"workflow": workflow},
    )
    return workflow


def mynews_index(site) -> MyNewsIndexPage | None:
    """The site's MyNews index, with the review workflow assigned to it and the reviewer
    groups allowed to publish and unpublish stories under it."""
    index_page = mynews_index_of(site)
    if index_page is None or WorkflowPage.objects.filter(page=index_page).exists():
        return index_page  # set up already: what admins changed since stays changed
    with transaction.atomic():
        WorkflowPage.objects.get_or_create(
            page=index_page, defaults={"workflow": review_workflow()}
        )
        publish = Permission.objects.get(
            content_type__app_label="wagtailcore", codename="publish_page"
        )
        for group in Group.objects.filter(name__in=REVIEW_GROUPS):
            GroupPagePermission.objects.get_or_create(
                group=group, page=index_page, permission=publish
            )
    return index_page


def _check_allowed(member):
    suspension = suspension_active(member)
    if suspension:
        raise PermissionDenied(
            f"You are suspended {suspension.until_text} and cannot send contributions: "
            f"{suspension.reason}"
        )


def _flags(text: str, html: str = "") -> list[str]:
    """Reasons an editor should look twice; flagged work still reaches the queue."""
    flags = []
    found = words_listed_in(text)
    if found:
        flags.append("Words on the banned or suspect list: " + ", ".join(found))
    links = link_count(html)
    if links > settings.HERALD_MYNEWS_MAX_LINKS:
        flags.append(f"{links} links (more than {settings.HERALD_MYNEWS_MAX_LINKS})")
    return flags


# Stories --------------------------------------------------------------------------------------


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
    _check_allowed(member)
    html = story_html(draft.source)
    words = word_count(plain_text(html))
    if words > settings.HERALD_MYNEWS_MAX_WORDS:
        raise ValidationError(
            f"Your story has {words} words; the most we accept is "
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
    _upload_allowance_take(member, len(files), "story")  # every file checked counts, kept or not
    errors = []
    kept = {item.image.file_hash for item in story.pictures.select_related("image")}
    room = settings.HERALD_MYNEWS_STORY_PICTURES - len(kept)
    for upload in files:
        try:
            clean = picture_clean(upload)  # decoded, limited, upright, without metadata
        except ValidationError as error:
            errors.append((upload.name, error.messages[0]))
            continue
        digest = _digest(clean)
        if digest in kept:  # the same form sent again, or the same picture chosen twice
            continue
        if room <= 0:
            errors.append((upload.name, "This story already has as many pictures as it can."))
            continue
        image = _image_save(clean, digest, member=member, title=story.title)
        story.pictures.add(ReaderStoryPicture(image=image))
        kept.add(digest)
        room -= 1
    return errors


def story_submit(*, member, story, now=None):
    """Send the draft to the editors; refused with a ``ValidationError`` when it is too short."""
    _check_allowed(member)
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
            f"Your story has {story.word_count} words. Stories of {minimum} words or more are "
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
            f"You have sent {recent} stories in the last 24 hours, the most we take in a day. "
            "Your story is kept as a draft: send it tomorrow."
        )
    story.submitted_at = now
    tags = " ".join(tag.name for tag in story.tags.all())
    story.review_flags = _flags(f"{story.title}\n{tags}\n{plain_text(story.body)}", story.body)
    story.save()
    revision = story.save_revision(user=member, log_action=False)
    _workflow_restart(story, member)
    logger.debug("Story %s submitted (revision %s)", story.pk, revision.pk)
    return story


def _wagtail_mail_off(member):
    """Members hear about decisions from Herald's notifications; Wagtail's own workflow e-mails
    link to the admin, which members cannot open."""
    if member.is_staff:
        return
    profile = UserProfile.get_for_user(member)
    if profile.approved_notifications or profile.rejected_notifications:
        profile.approved_notifications = profile.rejected_notifications = False
        profile.save(update_fields=["approved_notifications", "rejected_notifications"])


def _workflow_restart(obj, member):
    """Start review; a refused contribution sent again starts a fresh review."""
    _wagtail_mail_off(member)
    for state in obj.workflow_states.filter(status=WorkflowState.STATUS_NEEDS_CHANGES):
        state.cancel(user=member)
    workflow = obj.get_workflow() or review_workflow()
    try:
        with transaction.atomic():
            workflow.start(obj, member)
    except (IntegrityError, ValidationError):
        # Sent twice at the same moment: the other request started the review (Wagtail's own
        # check says so with a ValidationError, the database's with an IntegrityError).
        if not obj.workflow_states.filter(status=WorkflowState.STATUS_IN_PROGRESS).exists():
            raise
        logger.info("%s %s is already in review", type(obj).__name__, obj.pk)


def story_delete(*, member, story):
    if story.contributor_id != member.pk or not story_editable(story):
        raise PermissionDenied("Only your own drafts and refused stories can be deleted.")
    story.delete()


# Pictures -------------------------------------------------------------------------------------


def reader_collection() -> Collection:
    existing = Collection.objects.filter(name=COLLECTION_NAME).first()
    return existing or Collection.get_first_root_node().add_child(name=COLLECTION_NAME)


def _digest(clean) -> str:
    """Wagtail's file hash of a cleaned picture (re-encoding the same picture gives the same)."""
    clean.seek(0)
    digest = hash_filelike(clean)
    clean.seek(0)
    return digest


def _image_save(clean, digest, *, member, title):
    image = get_image_model()(
        title=title[:255] or "Reader picture",
        file=clean,
        file_hash=digest,
        uploaded_by_user=member,
        collection=reader_collection(),
    )
    image.save()
    return image


def _image_store(upload, *, member, title):
    clean = picture_clean(upload)  # decoded, limited, upright, re-encoded without metadata
    return _image_save(clean, _digest(clean), member=member, title=title)


@dataclass
class PictureSubmission:
    caption: str
    key: str
    credit: str = ""
    place: object = None
    taken_on: datetime.date | None = None
    album: str = ""


def pictures_submit(*, member, site, files, submission: PictureSubmission):
    """Check and store each file on its own; return ``(pictures, [(file name, error)])``."""
    _check_allowed(member)
    most = settings.HERALD_GALLERY_FILES_PER_SUBMISSION
    extra = [(f.name, f"Not sent: at most {most} pictures at a time.") for f in files[most:]]
    files = files[:most]
    keys = [f"{submission.key}:{position}"[:80] for position in range(len(files))]
    existing = {
        picture.submission_key: picture
        for picture in ReaderPicture.objects.filter(contributor=member, submission_key__in=keys)
    }
    # The same form sent again is not checked again, so it does not count twice.
    _upload_allowance_take(member, len(set(keys) - set(existing)), "gallery")
    album = None
    if submission.album.strip():
        album, _ = Album.objects.get_or_create(
            contributor=member, title=submission.album.strip()[:120]
        )
    flags = _flags(f"{submission.caption}\n{submission.credit}\n{submission.album}")
    stored, errors = [], extra
    for upload, key in zip(files, keys, strict=True):
        if key in existing:  # the same form sent twice
            stored.append(existing[key])
            continue
        try:
            image = _image_store(upload, member=member, title=submission.caption)
        except ValidationError as error:
            errors.append((upload.name, error.messages[0]))
            continue
        picture = ReaderPicture.objects.create(
            contributor=member,
            site=site,
            image=image,
            caption=submission.caption,
            credit=submission.credit,
            place=submission.place,
            taken_on=submission.taken_on,
            album=album,
            submission_key=key,
            review_flags=flags,
            live=False,
            has_unpublished_changes=True,
        )
        picture.save_revision(user=member, log_action=False)
        _workflow_restart(picture, member)
        stored.append(picture)
    return stored, errors


def picture_to_news_gallery(picture):
    """Add a published picture to the News in Pictures gallery the editor chose.

    The picture joins the gallery's latest draft. A live gallery without pending changes is
    published at once; one an editor is still working on keeps the picture in its draft."""
    from newsroom.models import GalleryImage

    gallery = picture.news_gallery
    if gallery is None:
        return
    draft = gallery.get_latest_revision_as_object()
    if any(item.image_id == picture.image_id for item in draft.images.all()):
        return
    credit = picture.credit or (picture.contributor.public_name if picture.contributor else "")
    draft.images.add(
        GalleryImage(image=picture.image, caption=picture.caption, credit=credit[:120])
    )
    _gallery_revise(gallery, draft)


def picture_from_news_gallery(picture):
    """A picture taken down leaves the News in Pictures gallery it was added to."""
    gallery = picture.news_gallery
    if gallery is None:
        return
    draft = gallery.get_latest_revision_as_object()
    kept = [item for item in draft.images.all() if item.image_id != picture.image_id]
    if len(kept) != len(draft.images.all()):
        draft.images.set(kept)
        _gallery_revise(gallery, draft)


def _gallery_revise(gallery, draft):
    publish_now = gallery.live and not gallery.has_unpublished_changes
    revision = draft.save_revision(log_action=False)
    if publish_now:
        revision.publish()


def _contribution_of(workflow_state):
    item = workflow_state.content_object
    item = getattr(item, "specific", item)
    return item if isinstance(item, ReaderStoryPage | ReaderPicture) else None


@transaction.atomic
def contribution_review(*, task_state, editor, action: str, reason: str = "", comment: str = ""):
    """An editor's Approve or Refuse in Wagtail's review workflow, recorded with who and why.

    ``reason`` is one of ``HERALD_CONTRIBUTION_REFUSAL_REASONS``, ``comment`` the editor's own
    words; a refusal needs one of them (``forms.RefusalForm``), and the contributor reads both.
    """
    from .forms import refusal_text

    item = _contribution_of(task_state.workflow_state)
    if action == "reject":
        why = refusal_text(reason, comment)
        task_state.reject(user=editor, comment=why)
        decided = Decision.Action.REJECT
    elif action == "approve":
        why = " ".join((comment or "").split())
        task_state.approve(user=editor, comment=why)
        decided = Decision.Action.APPROVE
    else:
        raise ValidationError(f"Unknown review action {action!r}.")
    if item is not None:
        decision_record(
            item=item,
            action=decided,
            decided_by=editor,
            member=item.contributor,
            reason=why,
        )


@transaction.atomic
def contribution_take_down(item, *, editor, reason: str):
    """Unpublish a published story or picture, recording who and why; the contributor is told
    the reason (``receivers``), and it joins the queue's latest decisions."""
    if not item.live:
        raise ValidationError("This contribution is not published.")
    decision_record(
        item=item,
        action=Decision.Action.TAKE_DOWN,
        decided_by=editor,
        member=item.contributor,
        reason=reason,
    )
    item.unpublish(user=editor)


# Members' data --------------------------------------------------------------------------------


def member_export(member):
    from .selectors import submissions_of

    stories, pictures = [], []
    for standing in submissions_of(member):
        item = standing.item
        common = {"state": standing.label, "refusal_reason": standing.reason}
        if standing.kind == "story":
            stories.append(
                {
                    "title": item.title,
                    "text": item.body_source or plain_text(item.body),
                    "published": item.live,
                    "url": item.full_url if item.live else "",
                    "tags": [tag.name for tag in item.tags.all()],
                    "place": item.place.label if item.place else "",
                    "in_response_to": item.in_response_to.title if item.in_response_to else "",
                    "pictures": [p.image.file.url for p in item.pictures.all()],
                    "submitted_at": item.submitted_at.isoformat() if item.submitted_at else None,
                    **common,
                }
            )
        else:
            pictures.append(
                {
                    "caption": item.caption,
                    "credit": item.credit,
                    "album": item.album.title if item.album else "",
                    "place": item.place.label if item.place else "",
                    "taken_on": item.taken_on.isoformat() if item.taken_on else None,
                    "published": item.live,
                    "file": item.image.file.url,
                    "submitted_at": item.submitted_at.isoformat(),
                    **common,
                }
            )
    return {"stories": stories, "pictures": pictures}


def contributions_shown_keys(member) -> list[str]:
    """Everything public that shows the member's work or name (``herald_member_shown_keys``)."""
    stories = ReaderStoryPage.objects.filter(contributor=member)
    pictures = ReaderPicture.objects.filter(contributor=member)
    return sorted(_erased_keys(stories, pictures))


def _erased_keys(stories, pictures):
    """Everything public that showed the leaving member's work or name."""
    from newsroom.purging import page_change_keys

    keys = set()
    for story in stories.filter(live=True):
        keys.update(page_change_keys(story)[0], story_change_keys(story))
    for picture in pictures.filter(live=True):
        keys.update(picture_change_keys(picture))
    return keys


def _credits_forget(member, pictures):
    """The leaving member's name leaves the credits of their pictures, News in Pictures too
    (its live page now, and its latest revision, so a later publish can't bring it back)."""
    from newsroom.models import GalleryImage
    from newsroom.purging import page_change_keys

    names = {name.casefold() for name in (member.public_name, member.username) if name}

    def named(items):
        return [item for item in items if item.credit.casefold() in names]

    for picture in named(pictures):
        picture.credit = ""
        picture.save(update_fields=["credit"])
    for picture in pictures.exclude(news_gallery=None).select_related("news_gallery"):
        for item in named(GalleryImage.objects.filter(image_id=picture.image_id)):
            item.credit = ""
            item.save(update_fields=["credit"])
        gallery = picture.news_gallery
        draft = gallery.get_latest_revision_as_object()
        images = list(draft.images.all())
        in_draft = named(item for item in images if item.image_id == picture.image_id)
        for item in in_draft:
            item.credit = ""
        if in_draft:
            draft.images.set(images)
            _gallery_revise(gallery, draft)
        purge_after_commit(page_change_keys(gallery)[0])


def _delete_with_files(stories, pictures):
    """Delete stories and pictures together with the Wagtail images (files) they hold."""
    for story in stories:
        images = [item.image for item in story.pictures.all()]
        story.delete()
        for image in images:
            image.delete()
    for picture in pictures.select_related("image"):
        image = picture.image
        picture.delete()
        image.delete()


def member_erase(member, *, mode):
    """Remove a leaving member's contributions, or keep them without their name."""
    stories = ReaderStoryPage.objects.filter(contributor=member)
    pictures = ReaderPicture.objects.filter(contributor=member)
    purge_after_commit(_erased_keys(stories, pictures))
    if mode == "remove":
        _delete_with_files(stories, pictures)
    else:
        # Unpublished work by someone who left is of no use to anyone; published work stays,
        # without their name.
        _delete_with_files(stories.filter(live=False), pictures.filter(live=False))
        stories.filter(live=True).update(contributor=None, owner=None)
        _credits_forget(member, pictures)
        pictures.update(contributor=None)
    Album.objects.filter(contributor=member).delete()
