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

# Each reader story: its title, an opening in the member's own voice about it, and how it ends.
# The middle comes from MIDDLES, so every story passes the 200-word rule.
STORIES = [
    (
        "The taxi rank that runs on trust",
        "At our taxi rank nobody writes anything down. Drivers lend each other fares, a queue "
        "marshal keeps the order, and the woman who sells vetkoek keeps everyone's change in "
        "a tin until the evening. I have caught a taxi here for eleven years.",
        "Next month the association elects a new committee. I hope they keep the tin.",
    ),
    (
        "Our street finally has water again, but for how long?",
        "For nineteen days our street had no water. We filled buckets at the school, carried "
        "them up the hill and boiled what we drank. On Tuesday the taps ran again, and the "
        "children cheered in the road.",
        "We have asked the municipality for the report on the burst pipe. We are still waiting.",
    ),
    (
        "What the new bus route means for night-shift workers",
        "Since last month a bus leaves the hospital at eleven at night, just after the nurses' "
        "shift ends. Before, they waited in the dark for a taxi or paid for a lift. My sister "
        "is one of them.",
        "The route is a trial for six months. Write to the transport office if you use it.",
    ),
    (
        "Why I volunteer at the community garden every Saturday",
        "The garden behind the church hall was a dumping site four years ago. Now it grows "
        "spinach, beans and pumpkins for forty families, and on Saturdays about twenty of us "
        "dig, water and weed.",
        "Anyone can come on Saturday at eight. Bring a hat and a bottle of water.",
    ),
    (
        "A school hall full of people who want to fix the potholes",
        "On Thursday evening more than a hundred residents filled the school hall to talk about "
        "one thing: the potholes on our main road. Two cars lost wheels there last month, and "
        "a scholar transport bus broke an axle.",
        "The roads department has promised an inspection within two weeks. We will be there.",
    ),
    (
        "Three generations at the same corner shop",
        "My grandfather opened the shop on our corner in 1968. My mother ran it after him, and "
        "now I open the door at six every morning. We still sell bread, paraffin and airtime, "
        "and we still give credit to people we know.",
        "Next year the shop turns sixty. We are planning a party for the whole street.",
    ),
    (
        "The club that keeps township rugby alive",
        "Our rugby club trains on a field with no grass and posts we welded ourselves. On "
        "Saturday we fielded four teams, from the under-tens to the seniors, and two of our "
        "old players came back to coach.",
        "We need boots in every size. The clubhouse is open on Wednesday afternoons.",
    ),
    (
        "Load-shedding taught our block to share",
        "When the power went off for eight hours a day, the flats in our block began to share. "
        "One neighbour had a gas stove, another a generator for the fridges, and the caretaker "
        "charged everyone's phones in the office.",
        "The power is more reliable now, but we still cook together on Fridays.",
    ),
    (
        "The library volunteers who never close early",
        "Our library was going to close at two in the afternoon because of staff shortages. "
        "Instead six retired residents now take turns at the desk, so scholars can study there "
        "until six.",
        "The library needs two more volunteers for Saturdays. Ask at the desk.",
    ),
    (
        "Fixing the clinic queue, one bench at a time",
        "Patients at our clinic used to queue outside from four in the morning, standing in the "
        "cold. A carpenter in our street built six benches, and the church next door lent its "
        "hall for the queue on winter mornings.",
        "The clinic manager says an appointment system starts next month.",
    ),
]
TITLES = [title for title, _opening, _ending in STORIES]
MIDDLES = [
    "Every morning people greet each other by name, and newcomers are shown the ropes "
    "within a week. It is the kind of place where someone notices if you are not there. "
    "Nobody asked for much: a working tap, a safe road and a light on the corner.",
    "We wrote letters, we went to meetings and we took photographs of everything. My "
    "neighbour, a retired teacher, wrote down every complaint in a school exercise book, "
    "with the date and the name of the official who answered the phone.",
    "Young people here want work, and many of them have skills nobody uses. Small "
    "businesses keep the area alive, and they pay the price of every delay. When things "
    "improve, and some things have, it is fair to say so.",
    "The ward councillor came once, listened for an hour and left with our list. What we "
    "need most is for someone to come back and tell us what happened next, even if the "
    "answer is that it will take longer than we hoped.",
]
CAPTIONS = [
    "Morning light over the harbour",
    "Children playing after the rain",
    "The market on a Saturday",
    "Storm clouds over the hills",
    "Sunset from the taxi rank",
    "The old station building",
]
# The kind of drawing that suits each caption (newsroom.demo.pictures.KINDS).
CAPTION_KINDS = ["sunset", "weather", "skyline", "weather", "sunset", "facade"]
REFUSAL = "Unverified claims or no sources. Please add who told you and when."


def _story_text(rng: random.Random, title: str) -> str:
    """A reader story in Markdown: its opening, the middle paragraphs, a subheading, its end."""
    _title, opening, ending = next(story for story in STORIES if story[0] == title)
    middles = rng.sample(MIDDLES, len(MIDDLES))
    return "\n\n".join([opening, *middles[:2], "## Why it matters", *middles[2:], ending])


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
            title = TITLES[(number * 5 + position) % len(TITLES)]
            draft = services.StoryDraft(
                key=uuid.uuid4(),
                title=title,
                source=_story_text(rng, title),
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
    for position, (caption, kind) in enumerate(zip(CAPTIONS, CAPTION_KINDS, strict=True)):
        member = members[(number + position) % len(members)]
        upload = SimpleUploadedFile(
            f"reader-{number}-{position}.jpg", draw_picture(rng, 1200, 800, kind=kind), "image/jpeg"
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
