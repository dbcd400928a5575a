"""What to purge when newsroom content changes, as surrogate keys (``newsroom.keys``) and, for
CDNs that purge by address, URLs."""

from django.conf import settings
from django.db.models.signals import pre_delete
from wagtail.models import Page, Site

from delivery.purge import purge_after_commit
from delivery.sites import site_root_url

from . import keys as newsroom_keys

SITE_WIDE_TYPES = ("homepage", "sectionpage", "policypage")


def page_change_keys(page, *, parents=()) -> tuple[list[str], list[str]]:
    """The keys (and, when a CDN is configured, URLs) a change to ``page`` makes stale.

    ``parents`` adds the ancestors of other places the page was (a move's old parent).
    """
    page = page.specific_deferred
    keys = {*newsroom_keys.page_keys(page), *newsroom_keys.search_keys()}
    ancestors = list(page.get_ancestors().filter(depth__gt=1).specific(defer=True))
    for parent in parents:
        if parent is not None:
            parent = parent.specific_deferred
            ancestors += [parent, *parent.get_ancestors().filter(depth__gt=1).specific(defer=True)]
    for ancestor in ancestors:
        keys.update(newsroom_keys.page_keys(ancestor))
        if getattr(ancestor, "is_section", False):
            keys.update(newsroom_keys.section_keys(ancestor))
    site = page.get_site()
    if site is not None:
        keys.update(newsroom_keys.latest_keys(site))
        if getattr(page.specific_class, "is_multimedia", False):
            keys.update(newsroom_keys.multimedia_keys(site))
        if page.specific_class and page.specific_class._meta.model_name in SITE_WIDE_TYPES:
            keys.update(newsroom_keys.site_keys(site))
    tags = list(page.tags.all()) if hasattr(page, "tagged_items") else []
    authors = list(page.authors.all()) if hasattr(page, "authors") else []
    keys.update(newsroom_keys.tag_keys(*tags))
    keys.update(newsroom_keys.author_keys(*authors))
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


def on_restriction_changed(sender, instance, **kwargs):
    """A page restricted or opened up: its public copies, and every page of its site (the
    pages below it, and the lists that showed or will show them), go stale."""
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return  # deleted with its page, which purged itself
    keys, urls = page_change_keys(page)
    site = page.get_site()
    if site is not None:
        keys += newsroom_keys.site_keys(site)
    purge_after_commit(keys, urls)


def on_author_changed(sender, instance, **kwargs):
    purge_after_commit([*newsroom_keys.author_keys(instance), *newsroom_keys.authors_keys()])


def on_tag_changed(sender, instance, **kwargs):
    purge_after_commit([*newsroom_keys.tag_keys(instance), *newsroom_keys.tags_keys()])


def on_site_changed(sender, instance, **kwargs):
    from delivery.sites import sites_forget

    sites_forget()
    purge_after_commit(
        [
            *newsroom_keys.site_keys(instance),
            *newsroom_keys.latest_keys(instance),
            *newsroom_keys.sites_keys(),
        ]
    )


def video_file_names(video) -> list[str]:
    """The stored files of a video: the file itself, its poster and its captions."""
    return [field.name for field in (video.file, video.thumbnail, video.captions) if field]


def pages_showing(instance):
    """The live pages that show ``instance`` (a video story's lead, a body block, a gallery's
    slide), as Wagtail's reference index knows them."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    ids = (
        ReferenceIndex.get_references_to(instance)
        .filter(base_content_type=ContentType.objects.get_for_model(Page))
        .values_list("object_id", flat=True)
    )
    return Page.objects.live().filter(pk__in=[int(pk) for pk in ids]).specific(defer=True)


def on_video_saving(sender, instance, **kwargs):
    """Remember the files a video had, so a replaced file's old address can be purged."""
    before = sender.objects.filter(pk=instance.pk).first() if instance.pk else None
    instance._files_before = video_file_names(before) if before else []


def on_video_changed(sender, instance, **kwargs):
    """A video edited, replaced or deleted: the pages that show it are purged, and so are files
    it no longer has (all of them when it is deleted), wherever a CDN keeps them."""
    from delivery.media import media_purge_after_commit

    for page in pages_showing(instance):
        purge_page_change(page)
    kept = [] if kwargs.get("signal") is pre_delete else video_file_names(instance)
    before = getattr(instance, "_files_before", None)
    before = video_file_names(instance) if before is None else before
    media_purge_after_commit([name for name in before if name not in kept])


def connect():
    from django.db.models.signals import post_delete, post_save, pre_save
    from taggit.models import Tag
    from wagtail.models import PageViewRestriction
    from wagtail.signals import page_unpublished, post_page_move

    from video.models import Video

    from .models import Author
    from .signals import page_went_live

    page_went_live.connect(on_page_published, weak=False, dispatch_uid="purge-published")
    page_unpublished.connect(on_page_unpublished, weak=False, dispatch_uid="purge-unpublished")
    post_page_move.connect(on_page_moved, weak=False, dispatch_uid="purge-moved")
    pre_delete.connect(on_page_deleted, weak=False, dispatch_uid="purge-deleted")
    pre_save.connect(on_video_saving, sender=Video, weak=False, dispatch_uid="video-saving")
    for signal in (post_save, pre_delete):
        signal.connect(on_video_changed, sender=Video, weak=False, dispatch_uid=f"v-{signal}")
    for signal in (post_save, post_delete):
        signal.connect(on_author_changed, sender=Author, weak=False, dispatch_uid=f"a-{signal}")
        signal.connect(on_site_changed, sender=Site, weak=False, dispatch_uid=f"s-{signal}")
        signal.connect(on_tag_changed, sender=Tag, weak=False, dispatch_uid=f"t-{signal}")
        signal.connect(
            on_restriction_changed,
            sender=PageViewRestriction,
            weak=False,
            dispatch_uid=f"r-{signal}",
        )
