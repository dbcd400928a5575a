from datetime import timedelta

from django.db.models import Prefetch
from django.utils import timezone

from newsroom.models import Author
from newsroom.selectors import articles_public

FEED_SIZE = 30
NEWS_SITEMAP_DAYS = 2
NEWS_SITEMAP_LIMIT = 1000


def _articles():
    return (
        articles_public()
        # A video story's video comes with it (Media RSS), in the same query.
        .select_related("lead_image", "videopage__video")
        .prefetch_related(
            "lead_image__renditions",
            "tags",
            Prefetch("authors", queryset=Author.objects.only("name", "slug")),
        )
        .order_by("-first_published_at", "-pk")
    )


def feed_articles(*, root, tag=None, limit=FEED_SIZE):
    articles = _articles().descendant_of(root)
    if tag is not None:
        articles = articles.filter(tagged_items__tag=tag)
    return list(articles[:limit])


def news_sitemap_articles(*, root, now=None):
    """Google News sitemap rules: articles of the last two days, at most 1,000."""
    since = (now or timezone.now()) - timedelta(days=NEWS_SITEMAP_DAYS)
    return list(
        articles_public()
        .descendant_of(root)
        .filter(first_published_at__gte=since)
        .order_by("-first_published_at", "-pk")
        .only("title", "url_path", "first_published_at", "path", "depth")[:NEWS_SITEMAP_LIMIT]
    )
