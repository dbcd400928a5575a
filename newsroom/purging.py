"""What to purge when newsroom content changes, as surrogate keys (and URLs for CDNs).

The keys pages carry, and what purges them:

- ``page-<id>``: the page itself; also each ancestor, since home, section and index pages list
  what is below them.
- ``section-<id>``: everything listing a section's stories (its page, its feeds, the related
  stories on its articles): purged when a story inside it changes.
- ``tag-<slug>`` and ``author-<id>``: tag and author pages and feeds, and the pages showing them.
- ``latest-<site id>``: the site's feeds and news sitemap.
- ``site-<id>``: every page of a site, for what every page shows (the section navigation):
  purged when a section, home or policy page changes.
- ``search``: search results.
"""

from django.conf import settings
from wagtail.models import Page, Site

from delivery.purge import purge_after_commit
from delivery.sites import site_root_url

SITE_WIDE_TYPES = ("homepage", "sectionpage", "policypage")


def page_change_keys(page, *, parents=()) -> tuple[list[str], list[str]]:
    """The keys (and, when a CDN is configured, URLs) a change to ``page`` makes stale.

    ``parents`` adds the ancestors of other places the page was (a move's old parent).
    """
    page = page.specific_deferred
    keys = {f"page-{page.pk}", "search"}
    ancestors = list(page.get_ancestors().filter(depth__gt=1).specific(defer=True))
    for parent in parents:
        if parent is not None:
            ancestors += [parent, *parent.get_ancestors().filter(depth__gt=1).specific(defer=True)]
    for ancestor in ancestors:
        keys.add(f"page-{ancestor.pk}")
        if getattr(ancestor, "is_section", False):
            keys.add(f"section-{ancestor.pk}")
    site = page.get_site()
    if site is not None:
        keys.add(f"latest-{site.pk}")
        if page.specific_class and page.specific_class._meta.model_name in SITE_WIDE_TYPES:
            keys.add(f"site-{site.pk}")
    tags = list(page.tags.all()) if hasattr(page, "tagged_items") else []
    authors = list(page.authors.all()) if hasattr(page, "authors") else []
    keys.update(f"tag-{tag.slug}" for tag in tags)
    keys.update(f"author-{author.pk}" for author in authors)
    urls = []
    if settings.WAGTAILFRONTENDCACHE and site is not None:
        root = site_root_url(site)
        urls += [u for u in (page.full_url, *(a.full_url for a in ancestors)) if u]
        urls += [f"{root}/tags/{tag.slug}/" for tag in tags]
        urls += [f"{root}/authors/{author.slug}/" for author in authors]
        urls += [f"{root}/feeds/rss/", f"{root}/feeds/atom/", f"{root}/news-sitemap.xml"]
    return sorted(keys), urls


def purge_page_change(page, *, parents=()):
    keys, urls = page_change_keys(page, parents=parents)
    purge_after_commit(keys, urls)


def on_page_published(sender, instance, **kwargs):
    purge_page_change(instance)


def on_page_unpublished(sender, instance, **kwargs):
    purge_page_change(instance)


def on_page_moved(sender, instance, parent_page_before=None, parent_page_after=None, **kwargs):
    if instance.live:
        purge_page_change(instance, parents=[parent_page_before, parent_page_after])


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.live and instance.depth > 1:
        purge_page_change(instance)


def on_author_changed(sender, instance, **kwargs):
    purge_after_commit([f"author-{instance.pk}"], [])


def on_site_changed(sender, instance, **kwargs):
    from delivery.sites import sites_forget

    sites_forget()
    purge_after_commit([f"site-{instance.pk}", f"latest-{instance.pk}"], [])


def connect():
    from django.db.models.signals import post_delete, post_save, pre_delete
    from wagtail.signals import page_unpublished, post_page_move

    from .models import Author
    from .signals import page_went_live

    page_went_live.connect(on_page_published, weak=False, dispatch_uid="purge-published")
    page_unpublished.connect(on_page_unpublished, weak=False, dispatch_uid="purge-unpublished")
    post_page_move.connect(on_page_moved, weak=False, dispatch_uid="purge-moved")
    pre_delete.connect(on_page_deleted, weak=False, dispatch_uid="purge-deleted")
    for signal in (post_save, post_delete):
        signal.connect(on_author_changed, sender=Author, weak=False, dispatch_uid=f"a-{signal}")
        signal.connect(on_site_changed, sender=Site, weak=False, dispatch_uid=f"s-{signal}")
