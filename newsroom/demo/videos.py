"""The demo's videos, made here rather than shipped or downloaded: frames drawn with Pillow
(a sky, a sun crossing it, a ticker), encoded with PyAV as H.264 in MP4 or VP9 in WebM, a few
seconds and a few kilobytes each, with WebVTT captions; a video story (``VideoPage``) in each
site's first section leading with one, and a video slide in each site's first gallery
(``newsroom.demo.network``), so the player is there to try offline."""

import io
import random
from datetime import timedelta
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as Drawing
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.models import Collection

from newsroom.models import Author, VideoPage
from video.encode import video_encode
from video.models import Video
from video.probe import video_poster, video_probe

from .pictures import pictures_by_kind

SIZE = (320, 180)
FPS = 12
SECONDS = 3
CLIPS = [
    ("Sunrise over the city", "mp4", (255, 170, 90), (40, 70, 140)),
    ("Storm clouds over the coast", "webm", (120, 130, 150), (30, 40, 60)),
]


def _frames(sky_top, sky_bottom, label):
    width, height = SIZE
    total = FPS * SECONDS
    for number in range(total):
        picture = Drawing.new("RGB", SIZE)
        draw = ImageDraw.Draw(picture)
        for y in range(height):  # the sky, from one colour to the other
            share = y / height
            colour = tuple(
                round(a + (b - a) * share) for a, b in zip(sky_top, sky_bottom, strict=True)
            )
            draw.line((0, y, width, y), fill=colour)
        x = round(20 + (width - 60) * number / total)
        draw.ellipse((x, 40, x + 30, 70), fill=(255, 230, 120))
        draw.rectangle((0, height - 50, width, height - 24), fill=(30, 30, 30))  # the skyline
        for left in range(0, width, 40):
            draw.rectangle(
                (left + 4, height - 80 + (left % 30), left + 30, height - 24), fill=(45, 45, 55)
            )
        draw.rectangle((0, height - 24, width, height), fill=(160, 20, 30))
        draw.text((8, height - 18), f"HERALD · {label} · {number / FPS:0.1f}s", fill="white")
        yield picture


def _captions(title: str) -> bytes:
    return (
        "WEBVTT\n\n"
        f"00:00.000 --> 00:01.500\n{title}.\n\n"
        "00:01.500 --> 00:03.000\nA demo video Herald made itself.\n"
    ).encode()


def _video(title, extension, sky_top, sky_bottom) -> Video:
    slug = title.lower().replace(" ", "-")
    data = ContentFile(
        video_encode(_frames(sky_top, sky_bottom, title.upper()), fps=FPS, extension=extension),
        name=f"demo-{slug}.{extension}",
    )
    probe = video_probe(data)
    poster = video_poster(data, duration=probe.duration)
    return Video.objects.create(
        title=title,
        type="video",
        collection=Collection.get_first_root_node(),
        file=data,
        thumbnail=ContentFile(poster, name=f"demo-{slug}-poster.jpg") if poster else "",
        captions=ContentFile(_captions(title), name=f"demo-{slug}.vtt"),
        caption=f"{title}, filmed for the demo.",
        credit="Herald",
        duration=probe.duration,
        width=probe.width,
        height=probe.height,
        video_codec=probe.codec,
    )


def create_videos() -> list[Video]:
    """The demo's videos: a few seconds each, in both containers the player takes."""
    return [_video(*clip) for clip in CLIPS]


def poster_picture(video: Video) -> Image:
    """A picture of the video's poster frame, for a gallery's video slide to show as its
    poster, thumbnail and sharing card."""
    with video.thumbnail.open("rb") as poster:
        data = poster.read()
    return Image.objects.create(
        title=f"{video.title} (poster)",
        file=ImageFile(io.BytesIO(data), name=f"{Path(video.thumbnail.name).stem}.jpg"),
    )


def build_videos(*, built, videos, copy, pictures, rng: random.Random) -> list[Video]:
    """One video story in the first section of each site, leading with one of ``videos``."""
    authors = list(Author.objects.order_by("pk"))
    for position, (_site, _home, leaves) in enumerate(built):
        section, beat = leaves[0]
        story = copy.story(beat)
        of_its_kind = pictures_by_kind(pictures).get(story.picture) or pictures
        page = VideoPage(
            title=story.headline,
            standfirst=story.standfirst,
            video=videos[position % len(videos)],
            lead_image=rng.choice(of_its_kind) if of_its_kind else None,  # for lists and cards
            body=copy.body([], story),
            source="Herald",
            dateline=story.dateline,
        )
        page.authors = rng.sample(authors, 1) if authors else []
        page.tags.add(*story.tags)
        # Live without a publish, as the bulk-made articles are: a demo story announces
        # nothing to the live stream. A day old, so the home pages still lead with an article.
        page.first_published_at = page.last_published_at = timezone.now() - timedelta(
            days=1, minutes=rng.randint(0, 600)
        )
        section.add_child(instance=page)
    return videos
