"""The demo network's structure: two sites, their sections, policies and News in Pictures."""

import random

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Site

from newsroom.models import (
    GalleryImage,
    GalleryPage,
    HomePage,
    PicturesIndexPage,
    PolicyPage,
    SectionPage,
)

from .banks_sport import SPORTS
from .pictures import pictures_by_kind
from .text import picture_caption

SITES = [
    {
        "name": "Herald News",
        "hostname": "localhost",
        "default": True,
        "strapline": "News you can trust, from South Africa and the world",
        # (title, slug, beat, subsections as (title, slug, beat)); the beats are text.CopyDesk's
        "sections": [
            (
                "News",
                "news",
                "news",
                [
                    ("South Africa", "south-africa", "news"),
                    ("World", "world", "world"),
                    ("Africa", "africa", "africa"),
                ],
            ),
            ("Business", "business", "business", []),
            ("Tech", "tech", "tech", []),
            ("Lifestyle", "lifestyle", "lifestyle", []),
        ],
    },
    {
        "name": "Herald Sport",
        "hostname": "sport.localhost",
        "default": False,
        "strapline": "Soccer, rugby, cricket and more",
        "sections": [
            ("Soccer", "soccer", "soccer", []),
            ("Rugby", "rugby", "rugby", []),
            ("Cricket", "cricket", "cricket", []),
            ("Motorsport", "motorsport", "motorsport", []),
        ],
    },
]

COMMENTS_POLICY = """<h2>Our comments policy</h2>
<p>Comments are open to members who have created a profile. Be respectful: no hate speech,
harassment, threats or personal attacks; stay on topic; no spam or advertising.</p>
<p>Moderators may hold, edit or remove comments, and suspend members who break these rules.
Repeat offenders lose the right to comment across every site of the network.</p>"""

CONTRIBUTIONS_POLICY = """<h2>Sending us your stories and pictures</h2>
<p>Contributions of 200 words or more will be considered for publication. We reserve editorial
discretion to decide what will be published.</p>
<p>Send only your own work. Pictures must be yours to share; we strip location data from every
upload before anyone else sees it.</p>"""


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def build_sites(*, port: int):
    """Replace Wagtail's welcome page with the network's home pages and sites.

    Returns ``[(site, home, [(section, beat), ...leaf sections])]``.
    """
    root = Page.get_first_root_node()
    Site.objects.all().delete()
    home_type = ContentType.objects.get_for_model(HomePage)
    for page in root.get_children().exclude(content_type=home_type):
        page.delete()
    root.refresh_from_db()

    built = []
    for spec in SITES:
        home = _publish(
            root,
            HomePage(
                title=spec["name"], slug=spec["hostname"].split(".")[0], strapline=spec["strapline"]
            ),
        )
        site = Site.objects.create(
            hostname=spec["hostname"],
            port=port,
            root_page=home,
            is_default_site=spec["default"],
            site_name=spec["name"],
        )
        leaves = []
        for title, slug, beat, subsections in spec["sections"]:
            section = _publish(
                home,
                SectionPage(
                    title=title,
                    slug=slug,
                    show_in_menus=True,
                    intro=f"The latest {title.lower()} stories.",
                ),
            )
            for sub_title, sub_slug, sub_beat in subsections:
                sub = _publish(
                    section,
                    SectionPage(title=sub_title, slug=sub_slug, intro=f"{title}: {sub_title}."),
                )
                leaves.append((sub, sub_beat))
            if not subsections:
                leaves.append((section, beat))
        policies = _publish(home, PolicyPage(title="Policies", slug="policies"))
        _publish(
            policies, PolicyPage(title="Comments policy", slug="comments", body=COMMENTS_POLICY)
        )
        _publish(
            policies,
            PolicyPage(
                title="Contributions policy", slug="contributions", body=CONTRIBUTIONS_POLICY
            ),
        )
        built.append((site, home, leaves))
    return built


def build_galleries(*, home, beat, video_slide, copy, pictures, rng: random.Random, count: int):
    """A site's News in Pictures with ``count`` galleries; the first has ``video_slide`` (a
    video and the picture of its poster) as its second slide, so a video gallery is there to
    try."""
    index = _publish(
        home,
        PicturesIndexPage(
            title="News in Pictures",
            slug="pictures",
            intro="The day's events in pictures, from our photographers and agencies.",
        ),
    )
    by_kind = pictures_by_kind(pictures)
    beat = "sport" if beat in SPORTS else beat  # a sport site's galleries show every sport
    for number in range(count):
        title, intro, stories = copy.gallery(beat, rng.randint(4, 6))
        gallery = GalleryPage(title=title, intro=intro)
        for slide, story in enumerate(stories):
            video, poster = (
                video_slide if video_slide and number == 0 and slide == 1 else (None, None)
            )
            # Drawn for a video slide too, so the rest of the demo stays as it was.
            picture = rng.choice(by_kind[story.picture])
            credit = rng.choice(["AFP", "Reuters", "Herald"])
            gallery.images.add(
                GalleryImage(
                    image=poster or picture,
                    caption=video.caption if video and video.caption else picture_caption(story),
                    credit=video.credit if video else credit,
                    video=video,
                )
            )
        _publish(index, gallery)
    return index
