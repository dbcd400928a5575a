"""Bulk creation of demo articles: rows are inserted directly, never saved one page at a time,
so that a million articles take minutes rather than days.

Wagtail pages are a treebeard materialised-path tree over multi-table inheritance, so each batch
inserts ``wagtailcore_page`` rows (with their tree path, URL path and publication state), then the
``ArticlePage`` rows that point at them, then tags and bylines, and finally bumps each section's
child count.
"""

import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag
from wagtail.models import Locale, Page

from newsroom.models import ArticlePage, ArticlePageTag, SectionPage

from .pictures import pictures_by_kind
from .text import PLACES

BATCH_SIZE = 1000


class ArticleFactory:
    def __init__(self, *, copy, rng, authors, pictures, newest, span):
        self.copy, self.rng = copy, rng
        self.authors, self.pictures = authors, pictures
        self.picture_ids = {
            kind: [picture.pk for picture in found]
            for kind, found in pictures_by_kind(pictures).items()
        }
        self.newest, self.span = newest, span
        self.content_type = ContentType.objects.get_for_model(ArticlePage)
        self.locale = Locale.get_default()
        self.tags = {}
        # Stories filed from a town are about it: they appear in its local news.
        from places.models import Place

        slugs = {slugify(name): name for name in PLACES}
        self.place_ids = {
            slugs[slug]: pk
            for slug, pk in Place.objects.filter(slug__in=slugs).values_list("slug", "pk")
        }

    def _tag(self, name):
        if name not in self.tags:
            self.tags[name], _ = Tag.objects.get_or_create(
                slug=slugify(name), defaults={"name": name}
            )
        return self.tags[name]

    def create(self, *, section, beat, count, first_number, progress=None):
        """Add ``count`` published articles under ``section``, in batches."""
        section.refresh_from_db()
        last_child = section.get_last_child()
        last_step = (
            ArticlePage._str2int(last_child.path[-ArticlePage.steplen :]) if last_child else 0
        )
        made = 0
        while made < count:
            size = min(BATCH_SIZE, count - made)
            with transaction.atomic():
                self._create_batch(section, beat, size, first_number + made, last_step + made)
                SectionPage.objects.filter(pk=section.pk).update(numchild=F("numchild") + size)
            made += size
            if progress is not None:
                progress.update(size)

    def _create_batch(self, section, beat, size, first_number, existing_children):
        rng, picture_ids = self.rng, self.picture_ids
        pages, details = [], []
        for offset in range(size):
            number = first_number + offset
            story = self.copy.story(beat)
            title = story.headline
            slug = f"{slugify(title)[:60]}-{number}"
            published = self.newest - timedelta(seconds=rng.randint(0, self.span))
            pages.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    content_type=self.content_type,
                    locale=self.locale,
                    translation_key=uuid.UUID(int=rng.getrandbits(128)),
                    path=ArticlePage._get_path(
                        section.path, section.depth + 1, existing_children + offset + 1
                    ),
                    depth=section.depth + 1,
                    numchild=0,
                    url_path=f"{section.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=published,
                    last_published_at=published,
                    live_revision=None,
                    latest_revision_created_at=None,
                )
            )
            details.append(
                {
                    "standfirst": story.standfirst,
                    "lead_image_id": rng.choice(ids)
                    if (ids := picture_ids[story.picture])
                    else None,
                    "lead_image_caption": story.caption,
                    "body": self.copy.body(ids, story),
                    "source": story.source,
                    "dateline": story.dateline,
                    "tags": story.tags,
                    "authors": rng.sample(self.authors, rng.choice([1, 1, 1, 2])),
                }
            )
        Page.objects.bulk_create(pages)
        if any(page.pk is None for page in pages):  # a backend that cannot return new ids
            by_path = dict(
                Page.objects.filter(path__in=[p.path for p in pages]).values_list("path", "pk")
            )
            for page in pages:
                page.pk = by_path[page.path]

        articles = [
            ArticlePage(
                page_ptr_id=page.pk,
                standfirst=info["standfirst"],
                lead_image_id=info["lead_image_id"],
                lead_image_caption=info["lead_image_caption"],
                body=info["body"],
                source=info["source"],
                dateline=info["dateline"],
                place_id=self.place_ids.get(info["dateline"]),
            )
            for page, info in zip(pages, details, strict=True)
        ]
        local_fields = ArticlePage._meta.local_concrete_fields
        ArticlePage.objects._insert(articles, fields=local_fields)

        ArticlePageTag.objects.bulk_create(
            [
                ArticlePageTag(content_object_id=page.pk, tag=self._tag(name))
                for page, info in zip(pages, details, strict=True)
                for name in info["tags"]
            ]
        )
        byline = ArticlePage.authors.through
        byline.objects.bulk_create(
            [
                byline(articlepage_id=page.pk, author_id=author.pk)
                for page, info in zip(pages, details, strict=True)
                for author in info["authors"]
            ]
        )


def demo_time_span(article_count: int):
    """Newest first: a few hundred articles cover days; a million cover years."""
    newest = timezone.now().replace(second=0, microsecond=0)
    return newest, int(timedelta(days=max(3, min(article_count // 40, 3650))).total_seconds())
