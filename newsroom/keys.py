"""The surrogate keys of what newsroom pages show: the only place they are spelled.

A response names what it shows with these (``delivery.cache.cache_publicly``), and a change
purges the same ones (``newsroom.purging``), so tagging and purging cannot drift apart:

- ``page-<id>``: the page itself; also each ancestor, since home, section and index pages list
  what is below them.
- ``section-<id>``: everything listing a section's stories (its page, its feeds, the related
  stories on its articles): purged when a story inside it changes.
- ``tag-<slug>`` and ``author-<id>``: tag and author pages and feeds, and the pages showing them.
- ``latest-<site id>``: whatever lists a site's newest stories from anywhere on it (feeds, the
  news sitemap, the API's lists, the local-news fragment).
- ``site-<id>``: every page of a site, for what every page shows (the section navigation):
  purged when a section, home or policy page changes.
- ``search``: search results.
- ``multimedia-<site id>``: what lists a site's galleries, reader pictures and videos together
  (/multimedia/, the home page's Multimedia block).
"""


def _pk(thing):
    return thing if isinstance(thing, int) else thing.pk


def site_keys(site) -> list[str]:
    return [f"site-{_pk(site)}" if site is not None else "site-none"]


def sites_keys() -> list[str]:
    """Whatever shows every site of the network (the header's network bar, the API's list)."""
    return ["sites"]


def latest_keys(site) -> list[str]:
    return [f"latest-{_pk(site)}"] if site is not None else site_keys(None)


def page_keys(page) -> list[str]:
    return [f"page-{_pk(page)}"]


def section_keys(section) -> list[str]:
    return [f"section-{_pk(section)}"]


def tag_keys(*tags) -> list[str]:
    return [f"tag-{tag if isinstance(tag, str) else tag.slug}" for tag in tags]


def author_keys(*authors) -> list[str]:
    return [f"author-{_pk(author)}" for author in authors]


def tags_keys() -> list[str]:
    """Lists of every tag: a tag made, renamed or removed changes them."""
    return ["tags"]


def authors_keys() -> list[str]:
    """Lists of every author."""
    return ["authors"]


def search_keys() -> list[str]:
    return ["search"]


def multimedia_keys(site) -> list[str]:
    return [f"multimedia-{_pk(site)}"] if site is not None else site_keys(None)
