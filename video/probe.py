"""What an uploaded video is, found by opening it with PyAV (FFmpeg) before it is stored.

A file is refused, with a message for the editor, when it is larger than
``HERALD_VIDEO_MAX_BYTES``, is not an MP4 or WebM container FFmpeg can read, has no video stream
in one of the codecs browsers play (``VIDEO_CODECS``), or is longer than
``HERALD_VIDEO_MAX_SECONDS``. Its poster frame is taken from about a second in."""

import io
import posixpath
from dataclasses import dataclass

import av
from django.conf import settings
from PIL import Image

VIDEO_CODECS = ("h264", "vp8", "vp9", "av1")
# FFmpeg's demuxer names, by the extension editors may upload (wagtailmedia's VIDEO_EXTENSIONS).
CONTAINERS = {"mp4": "mp4", "webm": "webm"}
POSTER_AT_SECONDS = 1.0
POSTER_MAX_SIDE = 1920


class VideoRefused(ValueError):
    """The file is not a video Herald takes; the message says why, for the editor."""


@dataclass(frozen=True)
class VideoProbe:
    container: str
    codec: str
    duration: float
    width: int
    height: int


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _extension(name: str) -> str:
    return posixpath.splitext(name or "")[1].lower().lstrip(".")


def _source(upload):
    """What PyAV opens: the file on disk when Django spooled a large upload there (FFmpeg reads
    it directly), else the file object."""
    if hasattr(upload, "temporary_file_path"):
        return upload.temporary_file_path()
    return upload


def video_probe(upload) -> VideoProbe:
    """Check an uploaded file (a Django ``File``) and say what it holds, or raise
    ``VideoRefused``. Only the container's headers are read, not the frames."""
    max_bytes = settings.HERALD_VIDEO_MAX_BYTES
    if upload.size > max_bytes:
        raise VideoRefused(
            f"This file is {_megabytes(upload.size)}; a video may be at most "
            f"{_megabytes(max_bytes)}. Shorten it or encode it at a lower bitrate."
        )
    extension = _extension(upload.name)
    if extension not in CONTAINERS:
        raise VideoRefused("Upload an MP4 (.mp4) or WebM (.webm) video.")
    upload.seek(0)
    try:
        with av.open(_source(upload), mode="r") as container:
            formats = container.format.name.split(",")
            streams = container.streams.video
            stream = streams[0] if streams else None
            codec = stream.codec_context.name if stream else ""
            width = stream.codec_context.width if stream else 0
            height = stream.codec_context.height if stream else 0
            duration = container.duration / av.time_base if container.duration else 0.0
            if not duration and stream is not None and stream.duration and stream.time_base:
                duration = float(stream.duration * stream.time_base)
    except (av.FFmpegError, OSError, ValueError, EOFError) as error:
        raise VideoRefused(
            "This file could not be read as a video. Upload an MP4 or WebM video."
        ) from error
    finally:
        upload.seek(0)
    if CONTAINERS[extension] not in formats:
        raise VideoRefused(
            f"This file is named .{extension} but is not a {extension.upper()} video. "
            "Upload an MP4 or WebM video."
        )
    if stream is None:
        raise VideoRefused("This file has no video in it. Upload an MP4 or WebM video.")
    if codec not in VIDEO_CODECS:
        raise VideoRefused(
            f"This video is encoded as {codec or 'an unknown codec'}, which browsers do not "
            "all play. Encode it as H.264, VP8, VP9 or AV1."
        )
    if duration <= 0:
        raise VideoRefused("The length of this video could not be read. Encode it again.")
    max_seconds = settings.HERALD_VIDEO_MAX_SECONDS
    if duration > max_seconds:
        raise VideoRefused(
            f"This video is {duration:.0f} seconds long; videos may be at most "
            f"{max_seconds} seconds. Cut it shorter."
        )
    return VideoProbe(
        container=CONTAINERS[extension],
        codec=codec,
        duration=duration,
        width=width,
        height=height,
    )


def video_poster(upload, *, duration: float) -> bytes | None:
    """A JPEG of the frame about ``POSTER_AT_SECONDS`` in (the middle of a shorter video), or
    None when no frame can be decoded."""
    target = min(POSTER_AT_SECONDS, duration / 2)
    upload.seek(0)
    picture = None
    try:
        with av.open(_source(upload), mode="r") as container:
            stream = container.streams.video[0]
            if target > 0 and stream.time_base:
                # Seeks to the key frame at or before the target; decode on from there.
                container.seek(int(target / stream.time_base), stream=stream)
            for frame in container.decode(stream):
                picture = frame
                if frame.time is None or frame.time >= target - 0.001:
                    break
            image = picture.to_image() if picture is not None else None
    except (av.FFmpegError, OSError, ValueError, EOFError, IndexError):
        return None
    finally:
        upload.seek(0)
    if image is None:
        return None
    image = image.convert("RGB")
    image.thumbnail((POSTER_MAX_SIDE, POSTER_MAX_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()


def captions_check(upload) -> None:
    """Refuse a captions file that is not WebVTT: named .vtt, UTF-8, and starting with the
    ``WEBVTT`` signature the format requires (a byte-order mark may come first)."""
    if _extension(upload.name) != "vtt":
        raise VideoRefused("Captions must be a WebVTT file (.vtt).")
    max_bytes = settings.HERALD_VIDEO_CAPTIONS_MAX_BYTES
    if upload.size > max_bytes:
        raise VideoRefused(f"This captions file is larger than {_megabytes(max_bytes)}.")
    upload.seek(0)
    head = upload.read(max_bytes)
    upload.seek(0)
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise VideoRefused("Captions must be a UTF-8 text file.") from error
    if not text.startswith("WEBVTT") or text[6:7] not in ("", " ", "\t", "\n", "\r"):
        raise VideoRefused("This is not a WebVTT file: its first line must start with WEBVTT.")
