"""import_wire: each format, duplicates, published stories left alone, hostile or broken input."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from newsroom.models import ArticlePage
from wire.models import WireStory

pytestmark = pytest.mark.django_db

RSS = """<?xml version="1.0"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>AFP</title>
<item><guid>urn:afp:1</guid><title>Rains return to the Karoo</title>
<description>Farmers welcome the first good rains in years.</description>
<dc:creator>Nomsa Dube</dc:creator><category>weather</category><category>farming</category>
<pubDate>Tue, 17 Feb 2019 17:34:00 +0200</pubDate></item>
<item><title>No GUID here</title></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Reuters</title>
<entry><id>tag:reuters.com,2019:1</id><title>Rand firms</title>
<summary>The rand firmed against the dollar.</summary>
<content type="html">&lt;p&gt;The rand &lt;strong&gt;firmed&lt;/strong&gt;.&lt;/p&gt;
&lt;script&gt;x()&lt;/script&gt;</content>
<author><name>Jan Smit</name></author><category term="rand"/>
<updated>2019-02-17T10:00:00Z</updated></entry></feed>"""

NINJS = {
    "uri": "urn:ap:42",
    "headline": "Cape Town reservoirs at 80%",
    "body_html": "<p>Dam levels rose <em>again</em>.</p><img src=x onerror=alert(1)>",
    "byline": "Lerato Mokoena",
    "located": "Cape Town",
    "copyrightholder": "AP",
    "subject": [{"name": "water"}],
    "versioncreated": "2019-02-17T08:00:00Z",
}

NEWSML = """<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:newsml:g2:7" version="1">
 <itemMeta><versionCreated>2019-02-17T12:00:00Z</versionCreated></itemMeta>
 <contentMeta><headline>Springboks name squad</headline><by>Thabo Nel</by>
  <creditline>SAPA</creditline><located><name>Johannesburg</name></located>
  <subject><name>rugby</name></subject></contentMeta>
 <contentSet><inlineXML contenttype="application/xhtml+xml">
  <html xmlns="http://www.w3.org/1999/xhtml"><body>
   <p>The coach named <b>31</b> players.</p></body></html>
 </inlineXML></contentSet></newsItem>"""

BILLION_LAUGHS = """<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rss><channel><item><guid>g</guid><title>&lol2;</title></item></channel></rss>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<rss><channel><item><guid>g</guid><title>&x;</title></item></channel></rss>"""


def _file(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return str(path)


def _import(*paths, section="news/world"):
    call_command("import_wire", *paths, "--section", section)


def _draft(guid):
    return WireStory.objects.get(guid=guid).page


def test_rss_item_becomes_a_draft_and_an_item_without_guid_is_reported(tmp_path, capsys):
    with pytest.raises(CommandError, match=r"^1 problem; see"):
        _import(_file(tmp_path, "afp.xml", RSS))
    page = _draft("urn:afp:1")
    assert (page.title, page.live, page.source) == ("Rains return to the Karoo", False, "AFP")
    assert page.get_parent().slug == "world"
    assert [a.name for a in page.authors.all()] == ["Nomsa Dube"]
    assert sorted(t.name for t in page.tags.all()) == ["farming", "weather"]
    assert "no GUID" in capsys.readouterr().err


def test_atom_ninjs_and_newsml_items_are_imported_and_sanitised(tmp_path):
    _import(
        _file(tmp_path, "r.xml", ATOM),
        _file(tmp_path, "ap.json", NINJS),
        _file(tmp_path, "g2.xml", NEWSML),
    )
    atom = _draft("tag:reuters.com,2019:1")
    assert atom.title == "Rand firms" and "<b>firmed</b>" in str(atom.body)
    assert "script" not in str(atom.body)
    ninjs = _draft("urn:ap:42")
    assert (ninjs.dateline, ninjs.source) == ("Cape Town", "AP")
    assert "onerror" not in str(ninjs.body) and "<i>again</i>" in str(ninjs.body)
    g2 = _draft("urn:newsml:g2:7")
    assert (g2.title, g2.dateline, g2.source) == ("Springboks name squad", "Johannesburg", "SAPA")
    assert "<b>31</b>" in str(g2.body)
    assert [t.name for t in g2.tags.all()] == ["rugby"]


def test_reimport_updates_the_draft_instead_of_duplicating(tmp_path, capsys):
    path = _file(tmp_path, "ap.json", NINJS)
    _import(path)
    _import(_file(tmp_path, "ap2.json", {**NINJS, "headline": "Reservoirs at 81%"}))
    assert WireStory.objects.count() == 1
    assert ArticlePage.objects.filter(title__startswith="Reservoirs at 81%").count() == 1
    assert "updated" in capsys.readouterr().out


def test_published_story_is_left_alone_on_reimport(tmp_path, capsys):
    _import(_file(tmp_path, "ap.json", NINJS))
    _draft("urn:ap:42").save_revision().publish()
    _import(_file(tmp_path, "ap2.json", {**NINJS, "headline": "Changed by the agency"}))
    assert _draft("urn:ap:42").title == "Cape Town reservoirs at 80%"
    assert "skipped (already published)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (BILLION_LAUGHS, "refused unsafe XML"),
        (EXTERNAL_ENTITY, "refused unsafe XML"),
        ("<rss><channel><item>", "not well-formed"),
        ("{not json", "not valid JSON"),
        ("<html><body>hello</body></html>", "unknown format"),
    ],
)
def test_hostile_or_broken_files_import_nothing_and_fail(tmp_path, capsys, content, message):
    before = ArticlePage.objects.count()
    with pytest.raises(CommandError):
        _import(_file(tmp_path, "bad.xml", content))
    assert message in capsys.readouterr().err
    assert ArticlePage.objects.count() == before and not WireStory.objects.exists()


def test_unknown_section_is_refused(tmp_path):
    with pytest.raises(CommandError, match="No section"):
        _import(_file(tmp_path, "ap.json", NINJS), section="no/such")


def test_editors_see_the_wire_list(admin_client, tmp_path):
    _import(_file(tmp_path, "ap.json", NINJS))
    response = admin_client.get("/admin/wire/")
    assert response.status_code == 200
    assert "Cape Town reservoirs at 80%" in response.content.decode()
