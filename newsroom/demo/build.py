"""Fill an empty database with a believable demo network (see ``manage.py demo_content``)."""

import random
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.text import slugify
from wagtail import hooks

from delivery.purge import purges_suspended
from newsroom.models import Author, HomePage

from .articles import ArticleFactory, demo_time_span
from .network import build_galleries, build_sites
from .pictures import create_pictures
from .text import CopyDesk

ADMIN_EMAIL = "admin@localhost"


@dataclass
class DemoReport:
    sites: int
    sections: int
    articles: int
    galleries: int
    authors: int


def demo_extras_run(*, seed: int):
    """Add the demo data of the apps above the newsroom (wire copy, the components' forecasts,
    alerts and listings, comments, reader contributions): each registers ``fn(*, seed)`` under
    the ``herald_demo_builders`` hook. Run after a build and on every ``demo_content
    --if-empty``, so time-dependent data stays current."""
    for fn in hooks.get_hooks("herald_demo_builders"):
        fn(seed=seed)


def network_exists() -> bool:
    return HomePage.objects.exists()


def demo_build(
    *, articles: int, seed: int, port: int, galleries_per_site: int = 3, progress_factory=None
) -> DemoReport:
    """Build the demo network: sites, sections, policies, authors, pictures, galleries, articles.

    ``progress_factory(total, description)`` returns an object with ``update(n)`` and ``close()``
    (a tqdm bar from the command; nothing in tests).
    """
    with purges_suspended():  # nothing is cached yet
        return _build(articles, seed, port, galleries_per_site, progress_factory)


def _build(articles, seed, port, galleries_per_site, progress_factory):
    rng = random.Random(seed)
    copy = CopyDesk(seed)
    with transaction.atomic():
        built = build_sites(port=port)
        pictures = create_pictures(rng, 16, title_prefix="Demo picture")
        authors = [
            Author.objects.create(name=name, slug=slugify(name), role=role)
            for name, role in _author_names(copy, rng)
        ]
        demo_members_create()
        for _site, home, leaves in built:
            build_galleries(
                home=home,
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
    demo_extras_run(seed=seed)
    return DemoReport(
        sites=len(built),
        sections=len(leaves),
        articles=articles,
        galleries=galleries_per_site * len(built),
        authors=len(authors),
    )


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


DEMO_MEMBERS = [
    ("thandi_m", "Thandi Mokoena", "Reader in Soweto. Trains, taxis and local politics."),
    ("pieter-vdm", "Pieter van der Merwe", "Rugby tragic from Stellenbosch."),
    ("ayesha_k", "Ayesha Khan", "Durban. Writes about food, water and the beachfront."),
    ("sipho_n", "Sipho Nkosi", "Photographer in Pretoria."),
]


def demo_members_create():
    """A few members with profiles, so the community has faces (their passwords are unusable)."""
    from allauth.account.models import EmailAddress

    from accounts.services import profile_create

    User = get_user_model()
    for username, name, bio in DEMO_MEMBERS:
        email = f"{username.replace('_', '.').replace('-', '.')}@example.org"
        member = User.objects.create_user(email, None, bio=bio)
        EmailAddress.objects.create(user=member, email=email, verified=True, primary=True)
        profile_create(member=member, username=username, display_name=name)


def demo_admin_ensure() -> str | None:
    """Create the demo's admin account once; return its new password, or None if it existed."""
    User = get_user_model()
    if User.objects.filter(email=ADMIN_EMAIL).exists():
        return None
    password = secrets.token_urlsafe(12)
    User.objects.create_superuser(ADMIN_EMAIL, password, display_name="Herald desk")
    path = settings.HERALD_VAR_DIR / "demo-admin.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"e-mail:   {ADMIN_EMAIL}\npassword: {password}\n")
    path.chmod(0o600)
    return password
