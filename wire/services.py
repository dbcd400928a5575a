"""Turn wire items into draft articles, once per GUID."""

import nh3
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from newsroom.models import ArticlePage, Author

from .models import WireStory
from .pictures import WirePictureError, picture_fetch

BODY_TAGS = {"p", "b", "strong", "i", "em", "a", "ul", "ol", "li", "br", "h2", "h3", "blockquote"}


def clean_body(html: str) -> list[dict]:
    """Agency HTML, sanitised, as the article's StreamField body."""
    cleaned = nh3.clean(html or "", tags=BODY_TAGS, attributes={"a": {"href"}}, link_rel=None)
    cleaned = cleaned.replace("<strong>", "<b>").replace("</strong>", "</b>")
    cleaned = cleaned.replace("<em>", "<i>").replace("</em>", "</i>")
    if not cleaned.strip():
        return []
    if "<p" not in cleaned:
        cleaned = f"<p>{cleaned}</p>"
    return [{"type": "paragraph", "value": cleaned}]


def _authors(names):
    authors = []
    for name in names:
        name = name.strip()[:120]
        if name:
            author, _ = Author.objects.get_or_create(
                slug=slugify(name)[:120] or "wire", defaults={"name": name}
            )
            authors.append(author)
    return authors


def wire_item_import(*, item, section, file_format, source="", fetch_pictures=True):
    """Create or update the draft for ``item``; return what was done ("created", "updated",
    "skipped (already published)"), and what became of its picture.

    The picture is fetched before the database transaction, so a slow agency server never
    holds the database (on SQLite, every writer) while it answers."""
    image, picture_note = None, ""
    if item.picture and fetch_pictures and _needs_picture(item):
        image, picture_note = _picture_fetch(item)
    with transaction.atomic():
        return _import(item, section, file_format, source, image) + picture_note


def _needs_picture(item) -> bool:
    story = WireStory.objects.filter(guid=item.guid[:500]).select_related("page").first()
    page = story.page if story else None
    return page is None or (page.lead_image_id is None and not page.first_published_at)


def _picture_fetch(item):
    try:
        image = picture_fetch(item.picture.url, title=item.picture.caption or item.headline)
    except WirePictureError as exc:
        return None, f"; picture not used: {exc}"
    return image, "; picture added"


def _import(item, section, file_format, source, image):
    story = WireStory.objects.select_for_update().filter(guid=item.guid[:500]).first()
    page = story.page if story else None
    if page is not None and (page.live or page.first_published_at):
        return "skipped (already published)"
    fields = {
        "title": item.headline[:255],
        "standfirst": (item.standfirst or item.headline)[:400],
        "body": clean_body(item.body_html),
        "source": (source or item.source)[:60],
        "dateline": item.dateline[:80],
    }
    creating = page is None
    if creating:
        page = ArticlePage(live=False, **fields)
    else:
        for name, value in fields.items():
            setattr(page, name, value)
        page.draft_title = page.title
    if image is not None:
        page.lead_image = image
        caption = item.picture.caption
        if item.picture.credit:
            caption = f"{caption} ({item.picture.credit})" if caption else item.picture.credit
        page.lead_image_caption = caption[:250]
    # Parental relations are written when the page is saved, so set them first.
    page.authors.set(_authors(item.byline))
    page.tags.set([tag[:100] for tag in item.tags if tag])
    if creating:
        section.add_child(instance=page)
    else:
        page.save()  # never published: the row itself is the draft
    page.save_revision()
    outcome = "created" if creating else "updated"
    WireStory.objects.update_or_create(
        guid=item.guid[:500],
        defaults={
            "source": fields["source"],
            "format": file_format,
            "page": page,
            "headline": fields["title"],
            "updated_at": timezone.now(),
        },
    )
    return outcome
