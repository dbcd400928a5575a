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
        # Wagtail's own, reading the page's items once for the URLs and their pictures.
        items = list(self.paginator.page(page).object_list)
        pictures = _pictures_of(
            [item for item in items if isinstance(item, ArticlePage) and item.lead_image_id]
        )
        site = Site.find_for_request(self.request)
        urls = []
        for item in items:
            for url in item.get_sitemap_urls(self.request):
                if image_url := pictures.get(item.pk):
                    url["images"] = [absolute_url(site, image_url) if site else image_url]
                urls.append(url)
        last_mods = {url.get("lastmod") for url in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


def _pictures_of(articles) -> dict[int, str]:
    """{article id: its lead picture's URL}, renditions read in one query."""
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
            found[article.pk] = image.get_rendition(SITEMAP_RENDITION).url
    return found
