"""The newsroom's page types: home, section, article, News in Pictures, policies; and authors."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.text import slugify
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction, Site
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtailmedia.edit_handlers import MediaChooserPanel

from delivery.cache import cache_publicly, make_private
from delivery.fragments import Facts, facts_cached

from . import extensions, multimedia, restrictions, selectors
from . import keys as newsroom_keys
from .blocks import ArticleBodyBlock
from .search import SearchForm, filters_from, search_terms

LIST_PAGE_SIZE = 20
HOME_MULTIMEDIA_ITEMS = 4
HOME_LATEST_ITEMS = 12  # under the lead story
ARTICLE_SECTION_LATEST = 6


class CacheablePageMixin:
    """Serve the page as publicly cacheable, tagged with the surrogate keys of what it shows."""

    def surrogate_keys(self, request):
        site = Site.find_for_request(request)
        return [*newsroom_keys.site_keys(site), *newsroom_keys.page_keys(self)]

    @cached_property
    def is_restricted(self) -> bool:
        """Whether a view restriction covers the page, read once per instance (a request's)."""
        return restrictions.is_restricted(self)

    def get_view_restrictions(self):
        """Wagtail's answer, without its two queries when the memo of restricted paths says
        no restriction covers this page (``newsroom.restrictions``)."""
        if not self.is_restricted:
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if self.is_restricted:
            return make_private(response)  # only the members allowed in may see it
        return cache_publicly(response, keys=self.surrogate_keys(request))


class CappedPaginator(Paginator):
    """Counts at most ``HERALD_LIST_MAX_PAGES`` pages of a queryset: an exact count of a big
    section or tag took a second at a million articles, and nobody pages back that far (search
    and its date filters reach older stories)."""

    @cached_property
    def count(self):
        return selectors.count_capped(
            self.object_list, settings.HERALD_LIST_MAX_PAGES * self.per_page
        )


def paginate(request, queryset):
    return CappedPaginator(queryset, LIST_PAGE_SIZE).get_page(request.GET.get("page"))


def paginate_lazily(request, queryset):
    """``paginate``, counted and read only if the list's kept part is rendered."""
    return SimpleLazyObject(lambda: paginate(request, queryset))


def list_part_keys(request, keys) -> list[str]:
    """The keys a list's kept part is kept under (``{% keep … list_page keys=… %}``), or none,
    so that it is not kept, for a ``?page=`` that is not a plain number of up to four digits
    (the paginator shows the first or last page for those, and each would be one more part)
    or a query with other parameters, which the page links carry along."""
    number = request.GET.get("page", "1")
    if set(request.GET) - {"page"}:
        return []
    return list(keys) if number.isascii() and number.isdigit() and len(number) <= 4 else []


@register_snippet
class Author(index.Indexed, models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True, help_text="Used in /authors/<slug>/.")
    role = models.CharField(max_length=120, blank=True, help_text="e.g. Political reporter")
    bio = models.TextField(blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("role"),
        FieldPanel("bio"),
        FieldPanel("photo"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"/authors/{self.slug}/"


class HomePage(CacheablePageMixin, RoutablePageMixin, Page):
    """A site's front page; also answers the site's tag and author pages."""

    strapline = models.CharField(max_length=200, blank=True, help_text="Shown under the masthead.")

    content_panels = [*Page.content_panels, FieldPanel("strapline")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["newsroom.SectionPage", "newsroom.PicturesIndexPage", "newsroom.PolicyPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "home page"

    @classmethod
    def clean_subpage_models(cls):
        """Add the page types other apps let editors put under a home page (the MyNews index).

        Wagtail reads ``subpage_types`` here once, after every app is loaded, so the
        ``herald_home_subpage_types`` hook can be asked then.
        """
        if cls._clean_subpage_models is None:
            added = extensions.home_subpage_types()
            cls.subpage_types = list(dict.fromkeys([*cls.subpage_types, *added]))
        return super().clean_subpage_models()

    @path("", name="home")
    def home(self, request):
        site = Site.find_for_request(request)
        # Read only when the kept parts that show them are rendered ({% keep %}): the lead
        # and the latest list under the site's latest keys, which every publish on it purges;
        # News in Pictures and the Multimedia block under its multimedia keys.
        latest = SimpleLazyObject(
            lambda: list(selectors.articles_latest(root=self, limit=HOME_LATEST_ITEMS + 1))
        )
        response = self.render(
            request,
            context_overrides={
                "lead": SimpleLazyObject(lambda: latest[0] if latest else None),
                "latest": SimpleLazyObject(lambda: latest[1:]),
                "latest_part_keys": [
                    *newsroom_keys.latest_keys(site),
                    *newsroom_keys.site_keys(site),
                ],
                "section_blocks": selectors.sections_with_top_articles(home=self, per_section=4),
                "galleries": SimpleLazyObject(
                    lambda: list(selectors.galleries_latest(root=self, limit=3))
                ),
                "multimedia": SimpleLazyObject(
                    lambda: multimedia.multimedia_latest(
                        site=site, request=request, limit=HOME_MULTIMEDIA_ITEMS
                    )
                ),
                "multimedia_part_keys": newsroom_keys.multimedia_keys(site),
            },
        )
        return cache_publicly(response, keys=newsroom_keys.multimedia_keys(site))

    @path("multimedia/", name="multimedia")
    def multimedia_page(self, request):
        """The site's galleries, reader pictures and videos, newest first; ``?kind=`` filters
        by kind (an unknown one is a 404), ``?page=`` pages."""
        site = Site.find_for_request(request)
        kinds = multimedia.multimedia_kinds()
        chosen = request.GET.get("kind", "")
        if chosen:
            kinds = [kind for kind in kinds if kind.slug == chosen]
            if not kinds:
                raise Http404("No such kind of multimedia.")
        response = self.render(
            request,
            context_overrides={
                "items": multimedia.multimedia_page(
                    site=site, request=request, kinds=kinds, number=request.GET.get("page")
                ),
                "kinds": multimedia.kinds_offered(site=site, kinds=multimedia.multimedia_kinds()),
                "chosen": chosen,
                "card": {
                    "title": "Multimedia",
                    "description": "The newest galleries and reader pictures.",
                },
            },
            template="newsroom/multimedia_page.html",
        )
        return cache_publicly(response, keys=newsroom_keys.multimedia_keys(site))

    @path("tags/<str:tag>/", name="tag")
    def tag_page(self, request, tag):
        tag_obj = Tag.objects.filter(slug=tag).first()
        if tag_obj is None:
            raise Http404("No such tag")
        articles = paginate_lazily(request, selectors.articles_tagged(root=self, tag=tag_obj))
        site_keys = newsroom_keys.site_keys(Site.find_for_request(request))
        response = self.render(
            request,
            context_overrides={
                "tag": tag_obj,
                "articles": articles,
                "list_page": request.GET.get("page", "1"),
                "list_part_keys": list_part_keys(
                    request, [*newsroom_keys.tag_keys(tag_obj), *site_keys]
                ),
                "card": {
                    "title": tag_obj.name.title(),
                    "description": f"The latest stories about {tag_obj.name}.",
                },
            },
            template="newsroom/tag_page.html",
        )
        return cache_publicly(response, keys=newsroom_keys.tag_keys(tag_obj))

    @path("search/", name="search")
    def search_page(self, request):
        form = SearchForm(request.GET, sections=selectors.site_sections_all(home=self))
        filters = filters_from(form)
        found = selectors.articles_search(root=self, filters=filters)
        results = paginate(request, found)
        if filters.query:
            results.object_list = selectors.search_results_specific(results.object_list)
        response = self.render(
            request,
            context_overrides={
                "form": form,
                "query": filters.query,
                "terms": search_terms(filters.query),
                "results": results,
                "more_found": getattr(found, "more", False),
            },
            template="newsroom/search_page.html",
        )
        return cache_publicly(response, keys=newsroom_keys.search_keys())

    @path("authors/<slug:slug>/", name="author")
    def author_page(self, request, slug):
        author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
        articles = paginate_lazily(request, selectors.articles_by_author(root=self, author=author))
        site_keys = newsroom_keys.site_keys(Site.find_for_request(request))
        response = self.render(
            request,
            context_overrides={
                "author": author,
                "articles": articles,
                "list_page": request.GET.get("page", "1"),
                "list_part_keys": list_part_keys(
                    request, [*newsroom_keys.author_keys(author), *site_keys]
                ),
                "card": {
                    "title": author.name,
                    "type": "profile",
                    "description": author.bio
                    or f"{author.role or 'Writer'}: the latest stories by {author.name}.",
                },
            },
            template="newsroom/author_page.html",
        )
        return cache_publicly(response, keys=newsroom_keys.author_keys(author))


class SectionPage(CacheablePageMixin, Page):
    """A section such as News, World or Sport; holds articles and sub-sections."""

    intro = models.TextField(blank=True, help_text="One or two sentences under the heading.")

    is_section = True  # live notices and other apps filter by section

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["newsroom.HomePage", "newsroom.SectionPage"]
    subpage_types = ["newsroom.SectionPage", "newsroom.ArticlePage", "newsroom.VideoPage"]

    def surrogate_keys(self, request):
        return [*super().surrogate_keys(request), *newsroom_keys.section_keys(self)]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the kept part that shows them is rendered: its stories change with
        # its key, its title and sub-sections with a section's publish, which is site-wide.
        context["subsections"] = SimpleLazyObject(lambda: selectors.section_children(section=self))
        context["articles"] = paginate_lazily(request, selectors.articles_in_section(section=self))
        context["list_page"] = request.GET.get("page", "1")
        context["list_part_keys"] = list_part_keys(request, self.surrogate_keys(request))
        return context


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey(
        "newsroom.ArticlePage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ArticlePage(CacheablePageMixin, Page):
    # Read with the page when its kept route fetches it (delivery/route_cache.py): every render
    # shows the lead picture in the sharing card.
    route_select_related = ("lead_image",)

    standfirst = models.TextField(
        max_length=400, help_text="The summary under the headline, one or two sentences."
    )
    lead_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    lead_image_caption = models.CharField(max_length=250, blank=True)
    body = StreamField(ArticleBodyBlock())
    authors = ParentalManyToManyField(Author, blank=True, related_name="articles")
    source = models.CharField(
        max_length=60, blank=True, help_text="The agency the copy came from, e.g. AFP or Reuters."
    )
    dateline = models.CharField(
        max_length=80, blank=True, help_text="Where the story was filed from, e.g. Cape Town."
    )
    tags = ClusterTaggableManager(through=ArticlePageTag, blank=True)
    place = models.ForeignKey(
        "places.Place",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where the story happened; it then appears in that place's local news.",
    )

    announce_live = True  # publishing one tells open home and section pages
    accepts_comments = True  # the comments app serves a thread for it

    content_panels = [
        *Page.content_panels,
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [FieldPanel("lead_image"), FieldPanel("lead_image_caption")], heading="Lead image"
        ),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("authors"),
                FieldPanel("source"),
                FieldPanel("dateline"),
                FieldPanel("place"),
            ],
            heading="Byline",
        ),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("standfirst"),
        index.SearchField("body"),
        index.FilterField("first_published_at"),
    ]
    parent_page_types = ["newsroom.SectionPage"]
    subpage_types = []

    def story_keys(self, request):
        """What the story and its related stories show. Related stories come from the tags;
        the section trail's titles change only with a section's publish, which purges the
        whole site (newsroom/purging.py)."""
        return list(self._facts(request)["story_keys"])

    def surrogate_keys(self, request):
        # The side column lists the newest stories of the article's own section.
        return [*self.story_keys(request), *self._section_keys(request)]

    def _section_keys(self, request):
        section_id = self._facts(request)["section_id"]
        return newsroom_keys.section_keys(section_id) if section_id else []

    def _facts(self, request):
        """The story's keys and its section, read once per request; between renders they are
        kept (``delivery.fragments``) under the story's own keys, which its publish, a move, a
        change of one of its tags or authors, or a site-wide change purges."""
        if "_facts_read" not in self.__dict__:
            read = lambda: self._facts_from_database(request)  # noqa: E731
            if getattr(request, "is_preview", False):
                self._facts_read = read().value
            else:
                name = f"article:{self.pk}:{self.live_revision_id}"
                self._facts_read = facts_cached(name, read).value
        return self._facts_read

    def _facts_from_database(self, request):
        keys = [
            *super().surrogate_keys(request),
            *newsroom_keys.tag_keys(*self.tag_list),
            *newsroom_keys.author_keys(*self.author_list),
        ]
        section = self._breadcrumbs[-1] if self._breadcrumbs else None
        return Facts({"story_keys": keys, "section_id": section.pk if section else None}, keys)

    @cached_property
    def tag_list(self):
        return list(self.tags.all())

    @cached_property
    def author_list(self):
        return list(self.authors.all())

    @cached_property
    def _breadcrumbs(self):
        return selectors.section_trail(page=self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Read only when the parts that show them are rendered, not when they are kept
        # ({% keep %} in the template: the story and related stories under the story's keys,
        # the side column under its section's).
        context["breadcrumbs"] = SimpleLazyObject(lambda: self._breadcrumbs)
        context["section"] = SimpleLazyObject(
            lambda: self._breadcrumbs[-1] if self._breadcrumbs else None
        )
        context["authors"] = SimpleLazyObject(lambda: self.author_list)
        context["article_tags"] = SimpleLazyObject(lambda: self.tag_list)
        context["related"] = SimpleLazyObject(
            lambda: selectors.articles_related(article=self, limit=4)
        )
        context["part_keys"] = self.story_keys(request)
        context["section_id"] = section_id = self._facts(request)["section_id"]
        context["section_part_keys"] = [
            *self._section_keys(request),
            *super().surrogate_keys(request),  # the site's: a section's new title is site-wide
        ]
        context["section_latest"] = SimpleLazyObject(
            lambda: (
                selectors.articles_newest_in_section(
                    section=self._breadcrumbs[-1], leaving_out=self, limit=ARTICLE_SECTION_LATEST
                )
                if section_id
                else []
            )
        )
        return context


class VideoPage(ArticlePage):
    """A video-led story: an article whose lead is a video (``video.Video``) instead of a
    picture. It is an article (Wagtail page inheritance), so it is listed, searched, tagged,
    syndicated, cached and purged as one; and it is multimedia, so its publish also purges the
    Multimedia lists."""

    video = models.ForeignKey(
        "video.Video",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The video the story leads with; its poster, captions and credit come with it.",
    )

    is_multimedia = True

    content_panels = [
        *Page.content_panels,
        FieldPanel("standfirst"),
        MultiFieldPanel(
            [
                MediaChooserPanel("video", media_type="video"),
                FieldPanel("lead_image_caption", heading="Caption"),
            ],
            heading="Lead video",
        ),
        *ArticlePage.content_panels[-3:],  # body, byline, tags
    ]
    parent_page_types = ["newsroom.SectionPage"]
    subpage_types = []

    class Meta:
        verbose_name = "video story"
        verbose_name_plural = "video stories"


class PicturesIndexPage(CacheablePageMixin, Page):
    """News in Pictures: the list of galleries."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["newsroom.HomePage"]
    subpage_types = ["newsroom.GalleryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "News in Pictures index"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["galleries"] = paginate(request, selectors.galleries_in(index_page=self))
        return context


class GalleryPage(CacheablePageMixin, RoutablePageMixin, Page):
    """A News in Pictures gallery, read as a slideshow; ``<n>/`` is its n-th picture's own page
    (1-based), so a share or a bookmark shows that picture."""

    intro = models.TextField(blank=True, help_text="What the pictures show.")

    content_panels = [*Page.content_panels, FieldPanel("intro"), InlinePanel("images", min_num=1)]
    parent_page_types = ["newsroom.PicturesIndexPage"]
    subpage_types = []

    is_multimedia = True  # listed on /multimedia/: its publish purges the multimedia lists

    @cached_property
    def pictures(self):
        return selectors.gallery_pictures(gallery=self)

    @property
    def share_picture(self):
        """The sharing card's picture (syndication): the first, already read for the page."""
        return self.pictures[0].image if self.pictures else None

    def picture_url(self, request, number: int) -> str:
        url = self.get_url(request)
        if url is None:  # a preview of a page not yet saved: it has no address
            return f"#picture-{number}"
        return url + self.reverse_subpage("picture", args=[number])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["pictures"] = [
            (number, picture, self.picture_url(request, number))
            for number, picture in enumerate(self.pictures, start=1)
        ]
        return context

    # Digits only, no leading zero: one address per picture; anything else is a 404.
    @re_path(r"^([1-9][0-9]{0,5})/$", name="picture")
    def picture_page(self, request, number):
        number, count = int(number), len(self.pictures)
        if number > count:
            raise Http404("This gallery has fewer pictures.")
        picture = self.pictures[number - 1]
        title = f"{self.title}: picture {number} of {count}"
        return self.render(
            request,
            context_overrides={
                "current": number,
                "picture_title": title,
                "previous_link": self.picture_url(request, number - 1) if number > 1 else None,
                "next_link": self.picture_url(request, number + 1) if number < count else None,
                "card": {
                    "title": title,
                    "description": picture.caption,
                    "url": self.get_full_url(request) + self.reverse_subpage("picture", [number]),
                    "picture": picture.image,
                },
            },
        )

    @property
    def video_count(self) -> int:
        """How many slides play a video; from the prefetched ``images``, so no query either."""
        return sum(1 for slide in self.images.all() if slide.video_id)

    @property
    def cover(self):
        """The first picture; list selectors prefetch ``images`` so this costs no query."""
        pictures = list(self.images.all())
        return pictures[0].image if pictures else None


class GalleryImage(Orderable):
    page = ParentalKey(GalleryPage, related_name="images", on_delete=models.CASCADE)
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(max_length=250)
    credit = models.CharField(max_length=120, blank=True)
    video = models.ForeignKey(
        "video.Video",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=(
            "Optional: a video this slide plays. The picture stays its poster, its thumbnail "
            "in the grid and its sharing card."
        ),
    )

    panels = [
        FieldPanel("image"),
        FieldPanel("caption"),
        FieldPanel("credit"),
        MediaChooserPanel("video", media_type="video"),
    ]


class PolicyPage(CacheablePageMixin, Page):
    """Rules readers agree to, such as /policies/comments/ and /policies/contributions/."""

    body = RichTextField(features=["h2", "h3", "bold", "italic", "link", "ol", "ul"], blank=True)

    content_panels = [*Page.content_panels, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["newsroom.HomePage", "newsroom.PolicyPage"]
    subpage_types = ["newsroom.PolicyPage"]
