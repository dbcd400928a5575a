"""The admin form of a video (``WAGTAILMEDIA["MEDIA_FORM_BASE"]``): the file is probed before
anything is stored, and a refusal is a form error beside the field, with what the editor typed
kept; on save the duration, size and poster frame come from the file."""

import posixpath

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from wagtailmedia.forms import BaseMediaForm

from .probe import VideoRefused, captions_check, video_poster, video_probe


class VideoForm(BaseMediaForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.probe = None
        if "thumbnail" in self.fields:
            self.fields["thumbnail"].label = "Poster"
            self.fields[
                "thumbnail"
            ].help_text = "Optional. Without one, a frame about a second into the video is used."

    def clean_captions(self):
        captions = self.cleaned_data.get("captions")
        if isinstance(captions, UploadedFile):
            try:
                captions_check(captions)
            except VideoRefused as refusal:
                self.add_error("captions", str(refusal))
        return captions

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.type != "video":
            self.add_error(None, "Herald takes video only: upload an MP4 or WebM video.")
            return cleaned_data
        upload = cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            try:
                self.probe = video_probe(upload)
            except VideoRefused as refusal:
                self.add_error("file", str(refusal))
        return cleaned_data

    def save(self, commit=True):
        video = super().save(commit=False)
        if self.probe is not None:
            video.duration = round(self.probe.duration, 3)
            video.width = self.probe.width
            video.height = self.probe.height
            video.video_codec = self.probe.codec
            if "thumbnail" not in self.changed_data:
                self._take_poster(video)
        if commit:
            video.save()
            self.save_m2m()
        return video

    def _take_poster(self, video):
        upload = self.cleaned_data["file"]
        poster = video_poster(upload, duration=self.probe.duration)
        if poster is None:
            return
        stem = posixpath.splitext(posixpath.basename(upload.name))[0]
        video.thumbnail = ContentFile(poster, name=f"{stem}-poster.jpg")
