"""The video block of a StreamField: the browser's own player, no third-party script."""

from wagtail import blocks
from wagtailmedia.blocks import VideoChooserBlock


class VideoBlock(blocks.StructBlock):
    video = VideoChooserBlock()
    caption = blocks.CharBlock(
        required=False, max_length=250, help_text="Leave blank to use the video's own caption."
    )

    class Meta:
        icon = "media"
        template = "video/blocks/video.html"
