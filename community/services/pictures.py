"""Members' pictures: each file checked and stored on its own, sent to review; published
ones may join a News in Pictures gallery."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.utils.file import hash_filelike

from delivery.media import READER_MEDIA_PREFIX, image_file_names, media_purge_after_commit
from uploads.pictures import picture_clean

from ..models import Album, ReaderPicture
from .checks import contribution_allowed_check, review_flags, upload_allowance_spend
from .workflow import workflow_restart

COLLECTION_NAME = "Reader pictures"


def reader_collection() -> Collection:
    existing = Collection.objects.filter(name=COLLECTION_NAME).first()
    return existing or Collection.get_first_root_node().add_child(name=COLLECTION_NAME)


def image_digest(clean) -> str:
    """Wagtail's file hash of a cleaned picture (re-encoding the same picture gives the same)."""
    clean.seek(0)
    digest = hash_filelike(clean)
    clean.seek(0)
    return digest


def image_save(clean, digest, *, member, title):
    # The prefix gives the original and its renditions the short lifetime of members' media
    # (delivery.media), which a take-down or an erasure can live with.
    clean.name = f"{READER_MEDIA_PREFIX}{clean.name}"
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
    return image_save(clean, image_digest(clean), member=member, title=title)


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
    contribution_allowed_check(member)
    most = settings.HERALD_GALLERY_FILES_PER_SUBMISSION
    extra = [(f.name, f"Not sent: at most {most} pictures at a time.") for f in files[most:]]
    files = files[:most]
    keys = [f"{submission.key}:{position}"[:80] for position in range(len(files))]
    existing = {
        picture.submission_key: picture
        for picture in ReaderPicture.objects.filter(contributor=member, submission_key__in=keys)
    }
    # The same form sent again is not checked again, so it does not count twice.
    upload_allowance_spend(member, len(set(keys) - set(existing)), "gallery")
    album = None
    if submission.album.strip():
        album, _ = Album.objects.get_or_create(
            contributor=member, title=submission.album.strip()[:120]
        )
    flags = review_flags(f"{submission.caption}\n{submission.credit}\n{submission.album}")
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
        workflow_restart(picture, member)
        stored.append(picture)
    return stored, errors


def contribution_media_names(item) -> list[str]:
    """The stored files (originals and renditions) of a story's or a picture's pictures."""
    if isinstance(item, ReaderPicture):
        images = [item.image]
    else:
        images = [picture.image for picture in item.pictures.select_related("image")]
    return [name for image in images for name in image_file_names(image)]


def contribution_media_purge(item):
    """Purge the files of a contribution taken down or erased from Varnish and CDNs once
    committed; the origin keeps an unpublished picture's files for its contributor."""
    media_purge_after_commit(contribution_media_names(item))


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
    gallery_revise(gallery, draft)


def picture_from_news_gallery(picture):
    """A picture taken down leaves the News in Pictures gallery it was added to."""
    gallery = picture.news_gallery
    if gallery is None:
        return
    draft = gallery.get_latest_revision_as_object()
    kept = [item for item in draft.images.all() if item.image_id != picture.image_id]
    if len(kept) != len(draft.images.all()):
        draft.images.set(kept)
        gallery_revise(gallery, draft)


def gallery_revise(gallery, draft):
    publish_now = gallery.live and not gallery.has_unpublished_changes
    revision = draft.save_revision(log_action=False)
    if publish_now:
        revision.publish()
