from django.db.models import Min, Prefetch
from django.db.models.functions import Coalesce
from taggit.models import Tag
from wagtail.models import Site

from newsroom.models import Author, GalleryImage, SectionPage
from newsroom.selectors import articles_public, galleries_public


def sites():
    return list(Site.objects.order_by("-is_default_site", "site_name"))


def sections(*, site):
    return list(SectionPage.objects.live().descendant_of(site.root_page).order_by("path"))


def articles(*, site, section=None, tag=None, place=None, since=None, until=None):
    queryset = (
        articles_public()
        .descendant_of(section or site.root_page)
        .select_related("lead_image", "place")
        .prefetch_related(
            "lead_image__renditions", "tags", Prefetch("authors", queryset=Author.objects.all())
        )
        .order_by("-first_published_at", "-pk")
    )
    if place is not None:
        queryset = queryset.filter(place=place)
    if tag is not None:
        queryset = queryset.filter(tagged_items__tag=tag)
    if since is not None:
        queryset = queryset.filter(first_published_at__gte=since)
    if until is not None:
        queryset = queryset.filter(first_published_at__lt=until)
    return queryset


def tags():
    return Tag.objects.order_by("name")


def authors():
    return Author.objects.order_by("name")


def galleries(*, site):
    pictures = GalleryImage.objects.select_related("image").prefetch_related("image__renditions")
    return (
        galleries_public()
        .descendant_of(site.root_page)
        .prefetch_related(Prefetch("images", queryset=pictures))
        .order_by("-first_published_at", "-pk")
    )


def listings_first_end(listings):
    """When the first of ``listings`` finishes, and so leaves the upcoming list (None: none)."""
    if not hasattr(listings, "aggregate"):
        return None
    return listings.aggregate(first=Min(Coalesce("ends_at", "starts_at")))["first"]
