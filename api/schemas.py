from datetime import datetime

from ninja import Field, Schema


class SiteOut(Schema):
    id: int
    name: str
    hostname: str
    root_url: str


class SectionOut(Schema):
    id: int
    title: str
    slug: str
    url: str
    parent_id: int | None


class TagOut(Schema):
    name: str
    slug: str


class AuthorOut(Schema):
    name: str
    slug: str
    role: str
    bio: str


class PictureOut(Schema):
    url: str
    width: int
    height: int
    caption: str = ""
    credit: str = ""


class PlaceOut(Schema):
    slug: str
    name: str
    region: str
    country: str
    latitude: float
    longitude: float
    timezone: str


class ArticleSummary(Schema):
    id: int
    site_id: int
    headline: str
    standfirst: str
    url: str
    section_id: int | None
    first_published_at: datetime
    updated_at: datetime | None
    authors: list[AuthorOut]
    tags: list[TagOut]
    source: str
    dateline: str
    place: PlaceOut | None
    picture: PictureOut | None


class ArticleDetail(ArticleSummary):
    body_html: str
    blocks: list[dict]


class GalleryOut(Schema):
    id: int
    site_id: int
    title: str
    intro: str
    url: str
    first_published_at: datetime
    pictures: list[PictureOut]


class Error(Schema):
    detail: str


class ResourceOut(Schema):
    name: str
    url: str
    summary: str


class IndexOut(Schema):
    title: str
    version: str
    docs: str = Field(description="The browsable documentation")
    openapi: str = Field(description="The OpenAPI 3 description of every operation")
    resources: list[ResourceOut] = Field(description="Each list the API offers")


class TrafficAlertOut(Schema):
    id: int
    place: PlaceOut
    road: str
    kind: str
    severity: int
    severity_label: str
    description: str
    starts_at: datetime
    expires_at: datetime
    source: str


class ListingOut(Schema):
    id: int
    title: str
    category: str
    venue: str
    place: PlaceOut
    starts_at: datetime
    ends_at: datetime | None
    link: str
    description: str


class ContributorOut(Schema):
    username: str
    display_name: str
    profile_url: str


class ReaderStorySummary(Schema):
    id: int
    site_id: int | None
    title: str
    url: str
    summary: str
    contributor: ContributorOut | None
    in_response_to: int | None
    first_published_at: datetime
    tags: list[TagOut]
    place: PlaceOut | None
    pictures: list[PictureOut]


class ReaderStoryDetail(ReaderStorySummary):
    body_html: str


class ReaderPictureOut(Schema):
    id: int
    site_id: int | None
    caption: str
    credit: str
    url: str
    contributor: ContributorOut | None
    taken_on: str | None
    place: PlaceOut | None
    first_published_at: datetime
    picture: PictureOut
