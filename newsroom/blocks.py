import logging

from wagtail import blocks
from wagtail.embeds.format import embed_to_frontend_html
from wagtail.images.blocks import ImageChooserBlock

from video.blocks import VideoBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul"]

logger = logging.getLogger(__name__)


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "newsroom/blocks/quote.html"


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    caption = blocks.CharBlock(required=False, max_length=250)
    credit = blocks.CharBlock(required=False, max_length=120, help_text="e.g. AFP, Reuters")

    class Meta:
        icon = "image"
        template = "newsroom/blocks/image.html"


class EmbedValue(blocks.StructValue):
    def embed_html(self) -> str:
        """The provider's embed (oEmbed, cached by Wagtail), or "" when it gives none: offline,
        an address no provider knows, or a provider that fails. The template then shows the
        title as a plain link, never an error."""
        url = self.get("url")
        if not url:
            return ""
        try:
            return embed_to_frontend_html(url)
        except Exception:  # a reader never sees a provider's failure
            logger.warning("No embed for %s", url, exc_info=True)
            return ""


class EmbedBlock(blocks.StructBlock):
    """An embedded post or video from another site, saved whether or not its provider answers
    now (Wagtail's own EmbedBlock refuses to save offline: "Cannot find an embed for this
    URL"). Bodies saved before the title was asked for hold a bare URL, read as one here."""

    url = blocks.URLBlock(help_text="A YouTube or Vimeo address, or another oEmbed provider's.")
    title = blocks.CharBlock(
        max_length=200, help_text="Shown as a link to the address where the embed cannot be."
    )

    class Meta:
        icon = "media"
        template = "newsroom/blocks/embed.html"
        value_class = EmbedValue

    @staticmethod
    def _from_url(value):
        return {"url": value, "title": ""} if isinstance(value, str) else value

    def to_python(self, value):
        return super().to_python(self._from_url(value))

    def bulk_to_python(self, values):
        return super().bulk_to_python([self._from_url(value) for value in values])

    def normalize(self, value):
        return super().normalize(self._from_url(value))


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(features=PARAGRAPH_FEATURES)
    subheading = blocks.CharBlock(
        max_length=120, form_classname="title", template="newsroom/blocks/subheading.html"
    )
    quote = QuoteBlock()
    image = CaptionedImageBlock()
    video = VideoBlock()
    embed = EmbedBlock()
