"""The demo reads like news: no Latin filler, headlines whose subject and verb agree, each
sport's teams only in its own section, datelines that match the story's place, pictures by beat."""

import re

import pytest

from newsroom.demo.banks import NEWS_TOPICS, VERBS
from newsroom.demo.banks_sport import BALL_TOPICS, SPORTS
from newsroom.demo.pictures import KINDS, draw_picture
from newsroom.demo.text import CopyDesk, Story, picture_caption
from newsroom.models import ArticlePage, GalleryPage

LATIN = re.compile(
    r"\b(lorem|ipsum|dolor|dolore|amet|consectetur|adipiscing|eiusmod|tempor|incididunt|"
    r"aliqua|voluptate|voluptas|voluptatem|laborum|quia|quod|perferendis|doloremque|sint)\b",
    re.IGNORECASE,
)
BEATS = ["news", "world", "africa", "business", "tech", "lifestyle", *SPORTS]
THIRD_PERSON = set(VERBS.values())
BASE_FORMS = set(VERBS)


def _teams(sport):
    return [*SPORTS[sport]["clubs"], *SPORTS[sport]["national"]]


def _mentions(text, names):
    return [name for name in names if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text)]


def _text(article) -> str:
    parts = [article.title, article.standfirst, article.lead_image_caption]
    for block in article.body.raw_data:
        value = block["value"]
        parts += value.values() if isinstance(value, dict) else [value]
    return " ".join(str(part) for part in parts)


@pytest.fixture(scope="module")
def stories() -> list[Story]:
    copy = CopyDesk(7)
    return [copy.story(beat) for _ in range(150) for beat in BEATS]


def test_every_headline_verb_has_its_third_person_form_in_the_bank():
    topics = [t for beat in NEWS_TOPICS.values() for t in beat]
    topics += [t for sport in BALL_TOPICS.values() for t in sport]
    verbs = {verb for topic in topics for _subject, _plural, verb, _rest in topic["headlines"]}
    assert verbs <= BASE_FORMS


def test_plural_subjects_take_the_base_form_and_singular_subjects_the_s_form(stories):
    for story in stories:
        assert story.headline.lower().startswith(f"{story.subject} {story.verb} ".lower())
        if story.plural:
            assert story.verb in BASE_FORMS and story.verb not in THIRD_PERSON, story.headline
        else:
            assert story.verb in THIRD_PERSON, story.headline


def test_teams_with_plural_names_never_take_an_s_verb(stories):
    plural_teams = [
        name for sport in SPORTS.values() for name, spec in sport["clubs"].items() if spec[0]
    ] + [name for sport in SPORTS.values() for name in sport["national"]]
    seen = 0
    for story in stories:
        for team in plural_teams:
            if story.headline.startswith(f"{team} "):
                verb = story.headline.removeprefix(f"{team} ").split()[0]
                assert verb not in THIRD_PERSON, story.headline
                seen += 1
    assert seen > 20


def test_copy_has_no_latin_filler_and_no_unfilled_slots(stories):
    for story in stories:
        text = " ".join(
            [story.headline, story.standfirst, *story.paragraphs, story.quote, story.caption]
        )
        assert not LATIN.search(text), text
        assert "{" not in text and "}" not in text, text
        assert len(story.standfirst) <= 400 and len(story.caption) <= 250  # the fields' limits
        assert len(picture_caption(story)) <= 250 and len(story.headline) <= 255
        assert len(story.attribution) <= 120 and len(story.subheading) <= 120


def test_a_sport_story_names_only_its_own_sport_teams(stories):
    for story in stories:
        if story.beat not in SPORTS:
            continue
        text = " ".join([story.headline, story.standfirst, *story.paragraphs])
        for other in SPORTS:
            if other != story.beat:
                assert not _mentions(text, _teams(other)), (story.beat, text)


def test_a_story_is_filed_from_the_place_it_is_about(stories):
    grounds = {
        sport: {ground: town for _plural, ground, town in spec["clubs"].values()}
        | dict(spec["national_grounds"])
        for sport, spec in SPORTS.items()
    }
    for story in stories:
        assert story.dateline in story.paragraphs[0], (story.dateline, story.paragraphs[0])
        if story.beat in SPORTS:
            named = [g for g in grounds[story.beat] if g in story.paragraphs[0]]
            assert named and all(grounds[story.beat][g] == story.dateline for g in named)


def test_same_seed_writes_the_same_stories():
    first, second = CopyDesk(5), CopyDesk(5)
    assert [first.story(b) for b in BEATS] == [second.story(b) for b in BEATS]
    assert CopyDesk(6).story("news") != CopyDesk(5).story("news")


def test_each_kind_of_picture_is_its_own_drawing():
    import random

    drawings = {kind: draw_picture(random.Random(1), kind=kind) for kind in KINDS}
    assert len(set(drawings.values())) == len(KINDS)


@pytest.mark.django_db
def test_built_demo_reads_like_news():
    articles = list(ArticlePage.objects.live().select_related("place"))
    assert articles
    for article in articles:
        text = _text(article)
        assert not LATIN.search(text), text
        if article.place_id:
            assert article.place.name == article.dateline
    for gallery in GalleryPage.objects.live():
        for picture in gallery.images.all():
            assert not LATIN.search(picture.caption)
            picture.full_clean(exclude=["page"])  # within the fields' limits


@pytest.mark.django_db
def test_built_sport_sections_hold_only_their_own_teams():
    for sport in SPORTS:
        own = ArticlePage.objects.live().filter(url_path__startswith=f"/sport/{sport}/")
        assert own.exists(), sport
        for article in own:
            text = _text(article)
            assert article.tags.filter(slug=sport).exists()
            for other in SPORTS:
                if other != sport:
                    assert not _mentions(text, _teams(other)), (sport, article.title)


@pytest.mark.django_db
def test_built_business_stories_lead_with_charts_and_sport_with_grounds():
    for article in ArticlePage.objects.live().filter(url_path__contains="/business/")[:10]:
        assert article.lead_image.title.endswith("(chart)")
    cricket = ArticlePage.objects.live().filter(url_path__contains="/cricket/").first()
    assert cricket.lead_image.title.endswith("(scoreboard)")


@pytest.mark.django_db
def test_reader_stories_comments_and_listings_read_like_news_too():
    from comments.demo import LINES, REPLIES, SPORT_LINES, SPORT_REPLIES
    from comments.models import Comment
    from community.models import ReaderStoryPage
    from components.models import Listing

    stories = list(ReaderStoryPage.objects.all())
    assert stories
    for story in stories:
        assert not LATIN.search(story.body) and story.word_count >= 200, story.title
    comments = list(Comment.objects.filter(status=Comment.Status.PUBLISHED).select_related("page"))
    assert comments
    for comment in comments:
        sport = comment.page.url_path.startswith("/sport/")
        assert comment.body in (SPORT_LINES + SPORT_REPLIES if sport else LINES + REPLIES)
    listings = list(Listing.objects.all())
    assert listings
    for listing in listings:
        assert not LATIN.search(listing.description) and "demo listing" not in listing.description
