"""Videos editors upload in the admin: wagtailmedia's media item (``WAGTAILMEDIA["MEDIA_MODEL"]``)
with a captions file, a caption and a credit, and the codec the probe found (``video.probe``).

The duration, size and poster frame are filled in from the file itself when it is uploaded
(``video.forms.VideoForm``), so the admin form does not ask for them."""

from django.db import models
from wagtailmedia.models import AbstractMedia


class Video(AbstractMedia):
    captions = models.FileField(
        upload_to="media_captions",
        blank=True,
        help_text="Optional captions for the video: a WebVTT file (.vtt).",
    )
    caption = models.CharField(
        max_length=250, blank=True, help_text="Shown under the video, as for a picture."
    )
    credit = models.CharField(max_length=120, blank=True, help_text="e.g. AFP, Reuters")
    video_codec = models.CharField(max_length=16, blank=True, editable=False)

    admin_form_fields = (
        "title",
        "file",
        "collection",
        "captions",
        "caption",
        "credit",
        "thumbnail",
        "tags",
    )

    class Meta:
        verbose_name = "video"
        verbose_name_plural = "videos"

    @property
    def content_type(self) -> str:
        """The MIME type of the file, for ``<source type=…>``."""
        return self.sources[0]["type"]
