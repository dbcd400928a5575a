"""The surrogate keys of reader contributions: the only place they are spelled.

A reader story is a page and carries the newsroom's page keys; these name what else shows
contributions (User Galleries, a picture's own page, an album) and what a change purges.
"""

from accounts.keys import member_keys
from newsroom.keys import multimedia_keys, page_keys


def _pk(thing):
    return thing if isinstance(thing, int) or thing is None else thing.pk


def reader_picture_keys(picture) -> list[str]:
    return [f"reader-picture-{_pk(picture)}"]


def user_galleries_keys(site) -> list[str]:
    site_id = _pk(site)
    return [f"user-galleries-{site_id if site_id is not None else 'none'}"]


def album_keys(album) -> list[str]:
    return [f"album-{_pk(album)}"]


def picture_change_keys(picture) -> list[str]:
    """Everything showing ``picture``: its page, User Galleries, /multimedia/ and the home
    page's Multimedia block, its album, its contributor."""
    keys = [
        *reader_picture_keys(picture),
        *user_galleries_keys(picture.site_id),
        *multimedia_keys(picture.site_id),
    ]
    if picture.contributor_id:
        keys += member_keys(picture.contributor_id)
    if picture.album_id:
        keys += album_keys(picture.album_id)
    return keys


def story_change_keys(story) -> list[str]:
    """What a reader story shows beyond its own page (``newsroom.purging`` purges that): its
    contributor's profile, and the article it answers ("Join the conversation")."""
    keys = member_keys(story.contributor_id) if story.contributor_id else []
    if story.in_response_to_id:
        keys += page_keys(story.in_response_to_id)
    return keys
