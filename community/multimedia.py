"""User Galleries' pictures as a kind of /multimedia/ (registered in ``wagtail_hooks``)."""

from newsroom.multimedia import MultimediaItem, MultimediaKind

from .selectors import pictures_published


def _picture_item(picture, request) -> MultimediaItem:
    return MultimediaItem(
        kind="pictures",
        title=picture.caption,
        url=picture.get_absolute_url(),
        image=picture.image,
        date=picture.first_published_at,
    )


def _site_pictures(site):
    pictures = pictures_published(site=site)
    return pictures if site is not None else pictures.none()


def reader_pictures_kind() -> MultimediaKind:
    return MultimediaKind(
        slug="pictures",
        label="Reader pictures",
        queryset=_site_pictures,
        item=_picture_item,
        always_offered=True,
    )
