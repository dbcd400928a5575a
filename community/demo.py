"""Demo reader contributions: each site gets a MyNews index with published stories (some of
them responses to articles), User Galleries pictures (one also in News in Pictures), and a few
stories and pictures waiting in the editors' queue, all through the real services and workflow."""

import datetime
import random
import uuid

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from newsroom.demo.pictures import draw_picture
from newsroom.models import ArticlePage, GalleryPage, HomePage

from . import services
from .models import MyNewsIndexPage, ReaderPicture, ReaderStoryPage

TITLES = [
    "The taxi rank that runs on trust",
    "Our street finally has water again, but for how long?",
    "What the new bus route means for night-shift workers",
    "Why I volunteer at the community garden every Saturday",
    "A school hall full of people who want to fix the potholes",
    "Three generations at the same corner shop",
    "The club that keeps township rugby alive",
    "Load-shedding taught our block to share",
    "The library volunteers who never close early",
    "Fixing the clinic queue, one bench at a time",
]
SENTENCES = [
    "I have lived here for most of my life, and I have never seen the neighbourhood like this.",
    "Every morning the queue starts before sunrise, and people greet each other by name.",
    "The council promised a plan two years ago; residents are still waiting to see it.",
    "My neighbour, a retired teacher, started writing down every complaint in a school book.",
    "Nobody asked for much: a working tap, a safe road and a light on the corner.",
    "When the rain came, the water ran straight through the lower houses again.",
    "Young people here want work, and many of them have skills nobody uses.",
    "On Saturdays the whole street turns out to clean the park and the taxi stop.",
    "The local clinic does its best, but the nurses are tired and the shelves are thin.",
    "Small businesses keep the area alive, and they pay the price of every delay.",
    "We wrote letters, we went to meetings and we took photographs of everything.",
    "Some things have improved, and it is fair to say so.",
    "The ward councillor came once, listened for an hour and left with our list.",
    "What we need most is for someone to come back and tell us what happened next.",
]
CAPTIONS = [
    "Morning light over the harbour",
    "Children playing after the rain",
    "The market on a Saturday",
    "Storm clouds over the hills",
    "Sunset from the taxi rank",
    "The old station building",
]
REFUSAL = "Unverified claims or no sources. Please add who told you and when."


def _story_text(rng: random.Random) -> str:
    paragraphs = []
    while sum(len(p.split()) for p in paragraphs) < 230:
        paragraphs.append(" ".join(rng.sample(SENTENCES, 4)))
    paragraphs.insert(2, "## What happens next")
    return "\n\n".join(paragraphs)


DEMO_EDITOR_EMAIL = "mynews-desk@localhost"


def _demo_editor():
    """The editor the demo's decisions are recorded under (no password: nobody signs in)."""
    from django.contrib.auth.models import Group

    User = get_user_model()
    editor = User.objects.filter(email=DEMO_EDITOR_EMAIL).first()
    if editor is None:
        editor = User.objects.create_user(
            DEMO_EDITOR_EMAIL, None, display_name="MyNews desk", is_staff=True
        )
        editor.groups.add(Group.objects.get_or_create(name="Editors")[0])
    return editor


def _decide(item, *, approve: bool, comment: str = ""):
    task_state = item.current_workflow_task_state
    task = task_state.task.specific
    if approve:
        task.on_action(task_state, _demo_editor(), "approve")
    else:
        task.on_action(task_state, _demo_editor(), "reject", reason="", comment=comment)


def _index_for(home) -> MyNewsIndexPage:
    index_page = MyNewsIndexPage.objects.child_of(home).first()
    if index_page is None:
        index_page = MyNewsIndexPage(
            title="MyNews",
            slug="mynews",
            intro="Stories from our readers. Send us yours: 200 words or more are considered.",
        )
        home.add_child(instance=index_page)
        index_page.save_revision().publish()
    return index_page


@transaction.atomic
def demo_community_build(*, seed: int):
    homes = list(HomePage.objects.all())
    for home in homes:
        _index_for(home)
    if ReaderStoryPage.objects.exists() or ReaderPicture.objects.exists():
        return
    members = list(
        get_user_model().objects.filter(username__isnull=False, is_staff=False).order_by("pk")
    )
    if not members:
        return
    rng = random.Random(seed)
    now = timezone.now()
    for number, home in enumerate(homes):
        site = Site.objects.filter(root_page=home).first()
        index_page = services.mynews_index(site)
        articles = list(ArticlePage.objects.live().descendant_of(home).order_by("-pk")[:3])
        for position in range(5):
            member = members[(number + position) % len(members)]
            draft = services.StoryDraft(
                key=uuid.uuid4(),
                title=TITLES[(number * 5 + position) % len(TITLES)],
                source=_story_text(rng),
                response_to=articles[position] if position < len(articles) - 1 else None,
                tags=["Community"],
            )
            story, _errors = services.story_save(member=member, index_page=index_page, draft=draft)
            sent = now - datetime.timedelta(days=position + 1, hours=number)
            services.story_submit(member=member, story=story, now=sent)
            if position < 3:
                _decide(story, approve=True)
            elif position == 3 and number == 0:
                _decide(story, approve=False, comment=REFUSAL)
        _demo_pictures(site=site, members=members, rng=rng, number=number)


def _demo_pictures(*, site, members, rng, number):
    gallery = GalleryPage.objects.live().descendant_of(site.root_page).first() if site else None
    for position, caption in enumerate(CAPTIONS):
        member = members[(number + position) % len(members)]
        upload = SimpleUploadedFile(
            f"reader-{number}-{position}.jpg", draw_picture(rng, 1200, 800), "image/jpeg"
        )
        stored, _errors = services.pictures_submit(
            member=member,
            site=site,
            files=[upload],
            submission=services.PictureSubmission(
                caption=caption,
                key=uuid.uuid4().hex,
                album="Around town" if position % 2 else "",
            ),
        )
        picture = stored[0]
        if position >= 4:
            continue  # left waiting in the queue
        if position == 0 and gallery is not None:
            picture.news_gallery = gallery
            picture.save()
            picture.save_revision(log_action=False)
        _decide(picture, approve=True)
