"""The sitemap of a site's pages, with each article's lead picture as an ``image:image`` entry
(Google's image sitemap extension), on the site's canonical root like every other URL."""

import contextlib

from wagtail.contrib.sitemaps import Sitemap
from wagtail.images import get_image_model
from wagtail.models import Site

from delivery.sites import absolute_url
from newsroom.models import ArticlePage

# The same picture as the sharing card's og:image, so the rendition usually exists already.
SITEMAP_RENDITION = "fill-1200x630"


class PagesSitemap(Sitemap):
    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        articles = [
            item
            for item in self.paginator.page(page).object_list
            if isinstance(item, ArticlePage) and item.lead_image_id
        ]
        pictures = _pictures_of(articles, self.request)
        site = Site.find_for_request(self.request)
        for url in urls:
            image_url = pictures.get(url["location"])
            if image_url:
                url["images"] = [absolute_url(site, image_url) if site else image_url]
        return urls


def _pictures_of(articles, request) -> dict[str, str]:
    """{article URL: its lead picture's URL}, renditions read in one query."""
    images = (
        get_image_model()
        .objects.filter(pk__in={article.lead_image_id for article in articles})
        .prefetch_renditions(SITEMAP_RENDITION)
    )
    by_id = {image.pk: image for image in images}
    found = {}
    for article in articles:
        image = by_id.get(article.lead_image_id)
        if image is None:
            continue
        with contextlib.suppress(OSError):  # a missing file leaves the entry without a picture
            found[article.get_full_url(request)] = image.get_rendition(SITEMAP_RENDITION).url
    return found
