"""Reader contributions: MyNews stories (pages) and User Galleries pictures (snippets).

Both go through a Wagtail workflow ("Reader contributions") with one review task: editors
publish, or refuse with a reason. A story is a ``ReaderStoryPage`` under its site's MyNews index
from its first draft (unpublished until approved); a picture is a ``ReaderPicture`` snippet with
draft state, live once approved.
"""

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, HelpPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import (
    AbstractGroupApprovalTask,
    DraftStateMixin,
    Orderable,
    Page,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index

from accounts.keys import member_keys
from newsroom.models import CacheablePageMixin, paginate

from .text import FEATURES

DEFAULT_DISCLAIMER = (
    "{site} encourages commentary submitted via MyNews. Contributions of 200 words or more will "
    "be considered for publication. We reserve editorial discretion to decide what will be "
    "published. Reader contributions are the views of their writers."
)


class MyNewsIndexPage(CacheablePageMixin, Page):
    """/mynews/: the site's published reader stories, newest first."""

    intro = models.TextField(blank=True, help_text="Shown above the list of stories.")
    disclaimer = models.TextField(
        blank=True,
        help_text="Shown under every reader story. Empty: the standard text. {site} is replaced "
        "by the site's name.",
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("disclaimer")]
    parent_page_types = ["newsroom.HomePage"]
    subpage_types = ["community.ReaderStoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "MyNews index"

    def feed_links(self):
        return [
            ("application/rss+xml", f"{self.title} (RSS)", "/feeds/mynews/rss/"),
            ("application/atom+xml", f"{self.title} (Atom)", "/feeds/mynews/atom/"),
        ]

    def disclaimer_text(self, site_name: str) -> str:
        return (self.disclaimer or DEFAULT_DISCLAIMER).replace("{site}", site_name or "Herald")

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context["stories"] = paginate(request, selectors.stories_published(index_page=self))
        return context


class ReaderStoryTag(TaggedItemBase):
    content_object = ParentalKey(
        "community.ReaderStoryPage", related_name="tagged_items", on_delete=models.CASCADE
    )


class ReaderStoryPage(CacheablePageMixin, Page):
    """A member's story. Unpublished while it is a draft or under review."""

    contributor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reader_stories",
        help_text="Empty when the member deleted their account but let the story stay.",
    )
    body = RichTextField(features=FEATURES, blank=True)
    body_source = models.TextField(
        blank=True, editable=False, help_text="What the member typed, for their next edit."
    )
    word_count = models.PositiveIntegerField(default=0, editable=False)
    in_response_to = models.ForeignKey(
        "newsroom.ArticlePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responses",
        help_text="The article this story answers; it is listed under it once published.",
    )
    place = models.ForeignKey(
        "places.Place", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    tags = ClusterTaggableManager(through=ReaderStoryTag, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True, editable=False)
    submission_key = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    review_flags = models.JSONField(default=list, blank=True, editable=False)

    accepts_comments = True  # the comments app serves a thread for it
    is_reader_contribution = True
    exclude_fields_in_copy = ["submission_key"]

    content_panels = [
        *Page.content_panels,
        HelpPanel(template="community/admin/story_context.html", heading="Contribution"),
        FieldPanel("body"),
        InlinePanel("pictures", label="Pictures"),
        MultiFieldPanel(
            [FieldPanel("in_response_to"), FieldPanel("place"), FieldPanel("tags")],
            heading="About",
        ),
    ]
    search_fields = [*Page.search_fields, index.SearchField("body")]
    parent_page_types = ["community.MyNewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "reader story"

    def surrogate_keys(self, request):
        keys = super().surrogate_keys(request)
        if self.contributor_id:
            keys += member_keys(self.contributor_id)
        return keys

    @cached_property
    def tag_list(self):
        return list(self.tags.all())

    def feed_links(self):
        return [("application/rss+xml", "MyNews (RSS)", "/feeds/mynews/rss/")]

    def excerpt(self, words: int = 30) -> str:
        from django.utils.text import Truncator

        from .text import plain_text

        return Truncator(" ".join(plain_text(self.body).split())).words(words)

    # What lists of stories (search results) show for an article: a summary and a picture.
    @property
    def standfirst(self):
        return self.excerpt(30)

    list_prefetch = ("pictures__image__renditions",)
    section_name = "MyNews"  # the JSON-LD articleSection

    def byline_people(self):
        """(name, profile path) for structured data: the contributor, or who they were."""
        if self.contributor is None:
            return [("A former member", "")]
        return [(self.contributor.public_name, self.contributor.get_absolute_url())]

    @property
    def lead_image(self):
        pictures = list(self.pictures.all())
        return pictures[0].image if pictures else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index_page = self.get_parent().specific
        site = self.get_site()
        context["disclaimer"] = index_page.disclaimer_text(site.site_name if site else "")
        context["story_pictures"] = self.pictures.select_related("image")
        context["story_tags"] = self.tag_list
        return context


class ReaderStoryPicture(Orderable):
    page = ParentalKey(ReaderStoryPage, related_name="pictures", on_delete=models.CASCADE)
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(max_length=250, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]


class Album(models.Model):
    """A member's set of pictures in User Galleries."""

    contributor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="albums"
    )
    title = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["contributor", "title"], name="album_title_unique")
        ]
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"/galleries/albums/{self.pk}/"


class ReaderPicture(WorkflowMixin, DraftStateMixin, RevisionMixin, index.Indexed, models.Model):
    """A member's picture: live in User Galleries once an editor approves it."""

    contributor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reader_pictures",
    )
    site = models.ForeignKey(
        "wagtailcore.Site", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(max_length=250)
    credit = models.CharField(max_length=120, blank=True)
    place = models.ForeignKey(
        "places.Place", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    taken_on = models.DateField(null=True, blank=True)
    album = models.ForeignKey(
        Album, null=True, blank=True, on_delete=models.SET_NULL, related_name="pictures"
    )
    news_gallery = models.ForeignKey(
        "newsroom.GalleryPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Also add the picture to this News in Pictures gallery when it is published.",
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    submission_key = models.CharField(max_length=80, blank=True, db_index=True, editable=False)
    review_flags = models.JSONField(default=list, blank=True, editable=False)

    panels = [
        HelpPanel(template="community/admin/picture_context.html", heading="Contribution"),
        FieldPanel("image"),
        FieldPanel("caption"),
        FieldPanel("credit"),
        FieldPanel("place"),
        FieldPanel("taken_on"),
        FieldPanel("news_gallery"),
    ]
    search_fields = [index.SearchField("caption"), index.FilterField("live")]

    class Meta:
        verbose_name = "reader picture"
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["live", "site", "-first_published_at"])]

    def __str__(self):
        return self.caption[:60]

    def get_absolute_url(self):
        return f"/galleries/{self.pk}/"


class ContributionReviewTask(AbstractGroupApprovalTask):
    """Editors publish a reader contribution or refuse it with a reason the member sees."""

    class Meta:
        verbose_name = "Reader contribution review"
        verbose_name_plural = "Reader contribution reviews"

    def get_actions(self, obj, user):
        if user.is_superuser or self._user_in_groups(user):
            return [("approve", "Approve", False), ("reject", "Refuse", True)]
        return []

    def get_form_for_action(self, action):
        from .forms import RefusalForm

        if action == "reject":
            return RefusalForm
        return super().get_form_for_action(action)

    def on_action(self, task_state, user, action_name, **kwargs):
        from .services import contribution_review

        if action_name in ("approve", "reject"):
            contribution_review(
                task_state=task_state,
                editor=user,
                action=action_name,
                reason=kwargs.get("reason", ""),
                comment=kwargs.get("comment", ""),
            )
            return None  # Wagtail reads a returned value as the URL to go to next
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return "Members of the chosen groups publish or refuse reader stories and pictures."
