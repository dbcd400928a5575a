"""The newsroom's demo: a believable network of sites, sections, authors, galleries and articles."""

import random
from dataclasses import dataclass

from django.db import transaction
from django.utils.text import slugify

from newsroom.models import Author, HomePage

from .articles import ArticleFactory, demo_time_span
from .network import build_galleries, build_sites
from .pictures import create_pictures
from .text import CopyDesk
from .videos import build_videos, create_videos, poster_picture


@dataclass
class NewsroomBuilt:
    sites: int
    sections: int
    galleries: int
    authors: int


def demo_newsroom_build(
    *, articles: int, seed: int, port: int, galleries_per_site: int = 3, progress_factory=None
) -> NewsroomBuilt:
    """The newsroom's part of the demo (``herald.demo`` asks for it first): sites, sections,
    policies, authors, pictures, galleries and ``articles`` articles, deterministic by ``seed``.

    ``progress_factory(total, description)`` returns an object with ``update(n)`` and ``close()``
    (a tqdm bar from the command; nothing in tests).
    """
    rng = random.Random(seed)
    copy = CopyDesk(seed)
    with transaction.atomic():
        built = build_sites(port=port)
        pictures = create_pictures(rng, 16, title_prefix="Demo picture")
        authors = [
            Author.objects.create(name=name, slug=slugify(name), role=role)
            for name, role in _author_names(copy, rng)
        ]
        videos = create_videos()
        video_slide = (videos[0], poster_picture(videos[0]))
        for _site, home, leaves in built:
            build_galleries(
                home=home,
                video_slide=video_slide,
                beat=leaves[0][1],
                copy=copy,
                pictures=pictures,
                rng=rng,
                count=galleries_per_site,
            )

    leaves = [
        (section, beat) for _site, _home, site_leaves in built for section, beat in site_leaves
    ]
    newest, span = demo_time_span(articles)
    factory = ArticleFactory(
        copy=copy, rng=rng, authors=authors, pictures=pictures, newest=newest, span=span
    )
    progress = progress_factory(articles, "Articles") if progress_factory else None
    share, remainder = divmod(articles, len(leaves))
    number = 1
    for position, (section, beat) in enumerate(leaves):
        count = share + (1 if position < remainder else 0)
        factory.create(
            section=section, beat=beat, count=count, first_number=number, progress=progress
        )
        number += count
    if progress is not None:
        progress.close()
    build_videos(
        built=built, videos=videos, copy=copy, pictures=pictures, rng=random.Random(seed + 1)
    )
    return NewsroomBuilt(
        sites=len(built),
        sections=len(leaves),
        galleries=galleries_per_site * len(built),
        authors=len(authors),
    )


def network_exists() -> bool:
    return HomePage.objects.exists()


def _author_names(copy, rng):
    roles = [
        "Political reporter",
        "Business editor",
        "Sports writer",
        "News editor",
        "Senior reporter",
        "Photographer",
        "Rugby correspondent",
        "Cricket writer",
    ]
    names = list(dict.fromkeys(copy.names))[:12]
    return [(name, rng.choice(roles)) for name in names]
