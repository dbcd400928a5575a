"""RSS and Atom feeds of a site's published reader stories (/feeds/mynews/…)."""

from django.http import Http404
from django.utils.feedgenerator import Atom1Feed

from delivery.sites import absolute_url
from newsroom.keys import page_keys
from syndication.feeds import ArticleFeed

from . import selectors
from .templatetags.community_tags import story_excerpt


class MyNewsFeed(ArticleFeed):
    def get_object(self, request, *args, **kwargs):
        index_page = selectors.mynews_index_of(self.site)
        if index_page is None or not index_page.live:
            raise Http404("This site has no MyNews section.")
        self.surrogate_keys = page_keys(index_page)
        return index_page

    def scope(self, obj):
        return obj.title

    def description(self, obj):
        return f"Stories from the readers of {self.site.site_name}."

    def items(self, obj):
        return list(selectors.stories_published(index_page=obj).prefetch_related("tags")[:30])

    def item_description(self, item):
        return story_excerpt(item, 60)

    def item_author_name(self, item):
        return item.contributor.public_name if item.contributor else "A former member"

    def item_author_link(self, item):
        if item.contributor and item.contributor.has_profile:
            return absolute_url(self.site, item.contributor.get_absolute_url())
        return None

    def item_categories(self, item):
        return ["Reader contribution", *(tag.name for tag in item.tags.all())]

    def item_enclosures(self, item):
        return []


class MyNewsAtomFeed(MyNewsFeed):
    feed_type = Atom1Feed


def mynews_rss(request):
    return MyNewsFeed()(request)


def mynews_atom(request):
    return MyNewsAtomFeed()(request)
