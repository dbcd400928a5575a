"""Parts of pages kept rendered while their surrogate keys are unpurged (delivery/fragments.py)."""

import time

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from delivery import fragments
from delivery.fragments import Part, part_cached
from delivery.pagecache import keys_purge

pytestmark = pytest.mark.django_db
NEWS = {"HTTP_HOST": "localhost"}


class Renderer:
    def __init__(self, keys=("section-7",), max_age=None):
        self.calls = 0
        self.keys = list(keys)
        self.max_age = max_age

    def __call__(self):
        self.calls += 1
        return Part(f"<p>render {self.calls}</p>", self.keys, self.max_age)


def test_a_part_is_kept_until_one_of_its_keys_is_purged():
    render = Renderer(keys=["section-7", "site-2"])
    assert part_cached("block:7", render).html == "<p>render 1</p>"
    assert part_cached("block:7", render).html == "<p>render 1</p>"
    assert render.calls == 1
    keys_purge(["section-8"])  # another section's change
    assert part_cached("block:7", render).html == "<p>render 1</p>"
    keys_purge(["site-2"])
    assert part_cached("block:7", render).html == "<p>render 2</p>"
    assert part_cached("block:7", render).html == "<p>render 2</p>"


def test_a_purge_during_the_render_keeps_nothing():
    calls = []

    def render():
        calls.append(1)
        keys_purge(["section-7"])  # lands while the part renders
        return Part("<p>old</p>", ["section-7"])

    part_cached("raced", render)
    part_cached("raced", render)
    assert len(calls) == 2


def test_what_ends_by_itself_is_kept_no_longer_and_says_what_is_left(monkeypatch):
    render = Renderer(max_age=100)
    first = part_cached("alerts", render)
    assert first.max_age == 100
    later = time.time() + 60
    monkeypatch.setattr(fragments.time, "time", lambda: later)
    again = part_cached("alerts", render)
    assert render.calls == 1 and 39 <= again.max_age <= 40
    monkeypatch.setattr(fragments.time, "time", lambda: later + 41)
    part_cached("alerts", render)
    assert render.calls == 2


def test_parts_are_not_kept_when_the_setting_is_off(settings):
    settings.HERALD_FRAGMENT_CACHE = False
    render = Renderer()
    part_cached("off", render)
    part_cached("off", render)
    assert render.calls == 2


def test_the_keep_tag_keeps_a_part_by_its_name_and_keys():
    template = Template(
        '{% load parts_tags %}{% keep "block" section keys=keys %}<b>{{ value }}</b>{% endkeep %}'
    )
    request = RequestFactory().get("/")

    def render(value, section=1, preview=False):
        request.is_preview = preview
        context = {"request": request, "value": value, "section": section, "keys": ["section-1"]}
        return template.render(Context(context))

    assert render("first") == "<b>first</b>"
    assert render("second") == "<b>first</b>"  # kept
    assert render("third", section=2) == "<b>third</b>"  # another name
    assert render("preview", preview=True) == "<b>preview</b>"  # previews are never kept
    keys_purge(["section-1"])
    assert render("fourth") == "<b>fourth</b>"


def test_a_new_story_reaches_the_home_pages_section_block(
    client, settings, django_capture_on_commit_callbacks
):
    """The home page's section blocks are kept; publishing in the section purges its key."""
    from newsroom.models import ArticlePage, SectionPage

    settings.HERALD_PAGE_CACHE = False  # every request renders; only the parts are kept
    client.get("/", **NEWS)
    section = SectionPage.objects.get(url_path="/localhost/business/")
    template = ArticlePage.objects.live().descendant_of(section).first()
    story = ArticlePage(
        title="A headline no block showed before",
        slug="a-headline-no-block-showed-before",
        standfirst="Standfirst.",
        body=template.body.raw_data,
    )
    with django_capture_on_commit_callbacks(execute=True):
        section.add_child(instance=story)
        story.save_revision().publish()
    html = client.get("/", **NEWS).content.decode()
    block = html.split('class="block-heading"><a href="/business/">', 1)[1].split("</section>")[0]
    assert "A headline no block showed before" in block
