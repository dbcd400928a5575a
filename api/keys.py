"""The surrogate keys of API responses, made of the keys of the apps that own what they show
(so the API is purged with the pages); only the API's own description is the API's."""

from accounts.keys import member_keys
from community.keys import reader_picture_keys, user_galleries_keys
from components.keys import listings_keys, traffic_keys
from newsroom.keys import author_keys, latest_keys, page_keys, section_keys, tag_keys
from places.keys import place_keys


def api_docs_keys() -> list[str]:
    return ["api-docs"]


def article_keys(article) -> list[str]:
    """An article or a reader story as an item: its page, bylines, tags and place."""
    authors = article.authors.all() if hasattr(article, "authors") else ()
    return [
        *page_keys(article),
        *author_keys(*authors),
        *tag_keys(*article.tags.all()),
        *place_keys(article.place_id),
        *(member_keys(article.contributor_id) if getattr(article, "contributor_id", None) else ()),
    ]


def articles_list_keys(site, *, section=None, tag=None, place=None) -> list[str]:
    """A list of a site's pages: it changes whenever any of them is published or withdrawn
    (``latest``, which every publish on the site purges), and when what it is filtered by
    changes or loses a page (a section's story moved to another site, a tag renamed)."""
    return [
        *latest_keys(site),
        *(section_keys(section) if section is not None else ()),
        *(tag_keys(tag) if tag is not None else ()),
        *place_keys(place),
    ]


def reader_pictures_keys(site) -> list[str]:
    return user_galleries_keys(site)


def reader_picture_item_keys(picture) -> list[str]:
    return [
        *reader_picture_keys(picture),
        *place_keys(picture.place_id),
        *(member_keys(picture.contributor_id) if picture.contributor_id else ()),
    ]


def traffic_item_keys(alert) -> list[str]:
    return [*traffic_keys(alert.place_id), *place_keys(alert.place_id)]


def listing_item_keys(item) -> list[str]:
    return [*listings_keys(item.place_id), *place_keys(item.place_id)]
