"""A member's contributions when they take their data or leave: the export, and erasure
(removed, or kept without their name), with the purges of everything that showed them."""

from delivery.media import media_purge_after_commit
from delivery.purge import purge_after_commit

from ..keys import picture_change_keys, story_change_keys
from ..models import Album, ReaderPicture, ReaderStoryPage
from ..text import plain_text
from .pictures import contribution_media_names, gallery_revise


def member_export(member):
    from ..selectors import submissions_of

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
            gallery_revise(gallery, draft)
        purge_after_commit(page_change_keys(gallery)[0])


def _delete_with_files(stories, pictures):
    """Delete stories and pictures together with the Wagtail images (files) they hold, and
    purge those files from Varnish and CDNs once committed."""
    media_purge_after_commit(
        [name for item in [*stories, *pictures] for name in contribution_media_names(item)]
    )
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
