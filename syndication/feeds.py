"""RSS 2.0 and Atom feeds for each site's latest stories, each section and each tag.

The RSS feeds carry Media RSS (``media:content`` and ``media:thumbnail``) for the stories that
lead with a video, so podcast and video readers find the file itself."""

from django.contrib.syndication.views import Feed
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from taggit.models import Tag
from wagtail.models import Site

from delivery.cache import cache_publicly
from delivery.sites import absolute_url
from newsroom.keys import author_keys, latest_keys, section_keys, site_keys, tag_keys
from newsroom.models import SectionPage

from . import selectors

ENCLOSURE_RENDITION = "fill-800x450"
MEDIA_RSS = "http://search.yahoo.com/mrss/"


class MediaRssFeed(Rss201rev2Feed):
    """RSS 2.0 with Media RSS elements for the items that have a video."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:media": MEDIA_RSS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("video_content"):
            handler.addQuickElement("media:content", "", item["video_content"])
        if item.get("video_thumbnail"):
            handler.addQuickElement("media:thumbnail", "", {"url": item["video_thumbnail"]})


def _video_of(story):
    """The video a story leads with (read with it: ``videopage__video``), or None; stories
    that are no articles (reader stories) have none."""
    try:
        return story.videopage.video
    except (ObjectDoesNotExist, AttributeError):
        return None


class ArticleFeed(Feed):
    feed_type = MediaRssFeed

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.site = Site.find_for_request(request)
        if self.site is None:
            raise Http404("No site here")
        self.item_keys = []  # the bylines and tags the items show, collected as they render
        response = super().__call__(request, *args, **kwargs)
        keys = [*site_keys(self.site), *self.surrogate_keys, *self.item_keys]
        return cache_publicly(response, keys=keys)

    surrogate_keys = ()

    def get_object(self, request, *args, **kwargs):
        return None

    def scope(self, obj):
        return self.site.site_name or self.site.hostname

    def title(self, obj):
        return f"{self.site.site_name}: {self.scope(obj)}" if obj else self.site.site_name

    def link(self, obj):
        # Absolute already, so that Django's Feed does not put the request's host in front.
        return obj.get_full_url(self.request) if obj else absolute_url(self.site, "/")

    def description(self, obj):
        return f"The latest stories from {self.title(obj)}."

    def feed_url(self, obj):
        return absolute_url(self.site, self.request.path)

    def items(self, obj):
        return selectors.feed_articles(root=self.site.root_page)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.standfirst

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_guid(self, item):
        return item.get_full_url(self.request)

    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        authors = list(item.authors.all())
        self.item_keys += author_keys(*authors)
        names = [author.name for author in authors]
        return ", ".join(names) or item.source or None

    def item_categories(self, item):
        tags = list(item.tags.all())
        self.item_keys += tag_keys(*tags)
        return [tag.name for tag in tags]

    def item_extra_kwargs(self, item):
        video = _video_of(item)
        if video is None or not video.file:
            return {}
        content = {
            "url": absolute_url(self.site, video.file.url),
            "type": video.content_type,
            "medium": "video",
            "duration": str(round(video.duration or 0)),
        }
        if video.width and video.height:
            content.update(width=str(video.width), height=str(video.height))
        thumbnail = absolute_url(self.site, video.thumbnail.url) if video.thumbnail else ""
        return {"video_content": content, "video_thumbnail": thumbnail}

    def item_enclosures(self, item):
        from django.utils.feedgenerator import Enclosure

        if not item.lead_image:
            return []
        try:
            rendition = item.lead_image.get_rendition(ENCLOSURE_RENDITION)
            length = str(rendition.file.size)
        except OSError:  # the picture's file is missing (Wagtail's SourceImageIOError too)
            return []
        mime = "image/jpeg" if rendition.file.name.endswith((".jpg", ".jpeg")) else "image/png"
        return [Enclosure(absolute_url(self.site, rendition.url), length, mime)]


class SiteFeed(ArticleFeed):
    def get_object(self, request, *args, **kwargs):
        self.surrogate_keys = latest_keys(self.site)
        return None


class SectionFeed(ArticleFeed):
    def get_object(self, request, path):
        root = self.site.root_page
        section = (
            SectionPage.objects.live()
            .filter(url_path=f"{root.url_path}{path.strip('/')}/", path__startswith=root.path)
            .first()
        )
        if section is None:
            raise Http404("No such section")
        self.surrogate_keys = section_keys(section)
        return section

    def scope(self, obj):
        return obj.title

    def items(self, obj):
        return selectors.feed_articles(root=obj)


class TagFeed(ArticleFeed):
    def get_object(self, request, tag):
        tag = get_object_or_404(Tag, slug=tag)
        self.surrogate_keys = tag_keys(tag)
        return tag

    def scope(self, obj):
        return obj.name

    def link(self, obj):
        return absolute_url(self.site, f"/tags/{obj.slug}/")

    def items(self, obj):
        return selectors.feed_articles(root=self.site.root_page, tag=obj)


def feed_view(feed_class, *, atom=False):
    """A view making a fresh feed object per request (the feed keeps the request and site)."""
    kind = (
        type(f"Atom{feed_class.__name__}", (feed_class,), {"feed_type": Atom1Feed})
        if atom
        else feed_class
    )

    def view(request, **kwargs):
        return kind()(request, **kwargs)

    return view
