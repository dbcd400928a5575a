"""The demo network, built by asking each app for its part (see ``manage.py demo_content``).

The newsroom comes first (sites, sections, authors, galleries, articles), then the members
(``accounts.demo``), then every app above them through the ``herald_demo_builders`` hook: wire
copy, the components' forecasts, alerts and listings, comments, reader contributions.
"""

import logging
import secrets
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail import hooks

from accounts.demo import demo_members_create
from delivery.purge import purges_suspended
from newsroom.demo.build import demo_newsroom_build, network_exists

ADMIN_EMAIL = "admin@localhost"

__all__ = ["demo_admin_ensure", "demo_build", "demo_extras_run", "network_exists"]


@dataclass
class DemoReport:
    sites: int
    sections: int
    articles: int
    galleries: int
    authors: int


def demo_build(
    *, articles: int, seed: int, port: int, galleries_per_site: int = 3, progress_factory=None
) -> DemoReport:
    """Build the whole demo network into an empty database.

    ``progress_factory(total, description)`` returns an object with ``update(n)`` and ``close()``
    (a tqdm bar from the command; nothing in tests).
    """
    with purges_suspended():  # nothing is cached yet
        newsroom = demo_newsroom_build(
            articles=articles,
            seed=seed,
            port=port,
            galleries_per_site=galleries_per_site,
            progress_factory=progress_factory,
        )
        with _quiet("accounts"):  # "Profile created" four times is no news to a newcomer
            demo_members_create()
        demo_extras_run(seed=seed)
    return DemoReport(
        sites=newsroom.sites,
        sections=newsroom.sections,
        articles=articles,
        galleries=newsroom.galleries,
        authors=newsroom.authors,
    )


@contextmanager
def _quiet(logger_name: str):
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def demo_extras_run(*, seed: int):
    """Add the demo data of the apps above the newsroom: each registers ``fn(*, seed)`` under
    the ``herald_demo_builders`` hook. Run after a build and on every ``demo_content
    --if-empty``, so time-dependent data stays current."""
    for fn in hooks.get_hooks("herald_demo_builders"):
        fn(seed=seed)


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
