import io

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from wagtail.models import Site

from community import services
from newsroom.models import ArticlePage

# 20 distinct words; stories are built from it so word counts are exact.
TWENTY = (
    "Residents of the valley gathered on Saturday to ask why the new bridge is still "
    "closed after three long months"
)


def words(n: int) -> str:
    """A story text of exactly ``n`` words, in paragraphs of at most 20."""
    whole, rest = divmod(n, 20)
    paragraphs = [TWENTY] * whole
    if rest:
        paragraphs.append(" ".join(TWENTY.split()[:rest]))
    return "\n\n".join(paragraphs)


@pytest.fixture(autouse=True)
def fresh_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def member(make_member):
    return make_member("zanele")


@pytest.fixture
def member_client(member):
    client = Client(HTTP_HOST="localhost")
    client.force_login(member)
    return client


@pytest.fixture
def editor(django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        "editor@example.com", "long-pass-phrase-1", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def editor_client(editor):
    client = Client(HTTP_HOST="localhost")
    client.force_login(editor)
    return client


@pytest.fixture
def news_index(news_site):
    return services.mynews_index(news_site)


@pytest.fixture
def article(db):
    return (
        ArticlePage.objects.live()
        .filter(url_path__startswith="/localhost/")
        .order_by("-first_published_at")
        .first()
    )


@pytest.fixture
def site(news_site):
    return news_site


def picture_file(name="photo.jpg", kind="JPEG", size=(640, 480), exif=None, mode="RGB"):
    picture = Image.new(mode, size, "teal")
    out = io.BytesIO()
    picture.save(out, kind, **({"exif": exif} if exif is not None else {}))
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


def gps_exif():
    exif = Image.Exif()
    exif[0x010F] = "SpyCam Inc."
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "S", (33.0, 55.0, 0.0)
    gps[3], gps[4] = "E", (18.0, 25.0, 0.0)
    return exif


def submit_story(member, index_page, *, n_words=220, title="A bridge too long", **extra):
    import uuid

    draft = services.StoryDraft(key=uuid.uuid4(), title=title, source=words(n_words), **extra)
    story, _ = services.story_save(member=member, index_page=index_page, draft=draft)
    return services.story_submit(member=member, story=story)


def decide(item, user, *, approve=True, reason="", comment=""):
    item.refresh_from_db()
    task_state = item.current_workflow_task_state
    task = task_state.task.specific
    if approve:
        task.on_action(task_state, user, "approve")
    else:
        task.on_action(task_state, user, "reject", reason=reason, comment=comment)


def default_site():
    return Site.objects.get(is_default_site=True)
