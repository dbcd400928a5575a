"""Wire pictures are fetched, checked and attached; editors publish drafts from the Wire list."""

import io
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.test import Client
from PIL import Image

from wire.models import WireStory
from wire.parsers import parse_bytes

pytestmark = pytest.mark.django_db


def _jpeg_with_gps():
    exif = Image.Exif()
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2] = "S", (33.0, 55.0, 0.0)
    out = io.BytesIO()
    Image.new("RGB", (640, 360), "navy").save(out, "JPEG", exif=exif)
    return out.getvalue()


FILES = {
    "/photo.jpg": (200, "image/jpeg", _jpeg_with_gps()),
    "/not-a-picture.jpg": (200, "image/jpeg", b"<html>surprise</html>"),
    "/gone.jpg": (404, "text/plain", b"no"),
}


@pytest.fixture(scope="module")
def picture_server():
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            status, kind, body = FILES.get(self.path, (404, "text/plain", b"no"))
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def _ninjs(uri, picture_url):
    return {
        "uri": uri,
        "headline": f"Story {uri}",
        "body_html": "<p>Text.</p>",
        "associations": {
            "featureimage": {
                "type": "picture",
                "description_text": "Boats in the harbour",
                "byline": "Jane Photo/AP",
                "renditions": {
                    "thumb": {"href": picture_url.replace("photo", "thumb"), "width": 100},
                    "original": {"href": picture_url, "width": 640},
                },
            }
        },
    }


def _import(tmp_path, document, *extra):
    path = tmp_path / "wire.json"
    path.write_text(json.dumps(document))
    call_command("import_wire", str(path), "--section", "news/world", *extra)


def test_an_items_picture_is_fetched_cleaned_and_becomes_the_lead_image(
    tmp_path, picture_server, capsys
):
    _import(tmp_path, _ninjs("urn:pic:1", f"{picture_server}/photo.jpg"))
    page = WireStory.objects.get(guid="urn:pic:1").page
    assert page.lead_image is not None
    assert page.lead_image_caption == "Boats in the harbour (Jane Photo/AP)"
    with page.lead_image.file.open("rb") as stored, Image.open(stored) as picture:
        assert dict(picture.getexif()) == {}  # the GPS location is gone
    assert "picture added" in capsys.readouterr().out
    _import(tmp_path, _ninjs("urn:pic:1", f"{picture_server}/photo.jpg"))  # re-import
    page.refresh_from_db()
    assert WireStory.objects.get(guid="urn:pic:1").page.lead_image_id == page.lead_image_id


@pytest.mark.parametrize(
    ("path", "message"),
    [("/gone.jpg", "the server answered 404"), ("/not-a-picture.jpg", "not a picture")],
)
def test_a_bad_picture_is_reported_and_the_story_still_imported(
    tmp_path, picture_server, capsys, path, message
):
    _import(tmp_path, _ninjs("urn:pic:2", f"{picture_server}{path}"))
    page = WireStory.objects.get(guid="urn:pic:2").page
    assert page.lead_image is None
    assert message in capsys.readouterr().out


def test_a_picture_larger_than_an_upload_is_refused_as_it_arrives(
    tmp_path, picture_server, capsys, settings
):
    settings.HERALD_UPLOAD_MAX_BYTES = 2 * 1_048_576
    FILES["/huge.jpg"] = (200, "image/jpeg", b"\xff" * (3 * 1_048_576))
    _import(tmp_path, _ninjs("urn:pic:5", f"{picture_server}/huge.jpg"))
    assert WireStory.objects.get(guid="urn:pic:5").page.lead_image is None
    assert "larger than 2 MB" in capsys.readouterr().out


def test_pictures_are_not_fetched_from_other_schemes_or_when_asked_not_to(tmp_path, capsys):
    _import(tmp_path, _ninjs("urn:pic:3", "file:///etc/passwd"))
    assert "only http and https" in capsys.readouterr().out
    _import(tmp_path, _ninjs("urn:pic:4", "http://127.0.0.1:9/photo.jpg"), "--no-pictures")
    assert WireStory.objects.get(guid="urn:pic:4").page.lead_image is None


def test_pictures_are_found_in_rss_atom_and_newsml():
    rss = parse_bytes(
        b'<rss xmlns:media="http://search.yahoo.com/mrss/"><channel><item><guid>g1</guid>'
        b"<title>T</title><enclosure url='http://x/a.pdf' type='application/pdf'/>"
        b"<media:content url='http://x/p.jpg' medium='image'><media:credit>AFP</media:credit>"
        b"<media:description>A caption</media:description></media:content></item></channel></rss>"
    )
    assert (rss.items[0].picture.url, rss.items[0].picture.credit) == ("http://x/p.jpg", "AFP")
    atom = parse_bytes(
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>g2</id><title>T</title>'
        b"<link rel='enclosure' type='image/png' href='http://x/p.png'/></entry></feed>"
    )
    assert atom.items[0].picture.url == "http://x/p.png"
    newsml = parse_bytes(
        b'<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet>'
        b'<newsItem guid="text1"><itemMeta><itemClass qcode="ninat:text"/>'
        b'<link rel="irel:seeAlso" residref="pic1"/></itemMeta>'
        b"<contentMeta><headline>Story</headline></contentMeta></newsItem>"
        b'<newsItem guid="pic1"><itemMeta><itemClass qcode="ninat:picture"/></itemMeta>'
        b"<contentMeta><headline>Pic</headline><description>Crowd</description></contentMeta>"
        b"<contentSet>"
        b'<remoteContent href="http://x/small.jpg" contenttype="image/jpeg" width="200"/>'
        b'<remoteContent href="http://x/big.jpg" contenttype="image/jpeg" width="2000"/>'
        b"</contentSet></newsItem></itemSet></newsMessage>"
    )
    assert [item.guid for item in newsml.items] == ["text1"]  # the picture is not a story
    assert newsml.items[0].picture.url == "http://x/big.jpg"
    assert newsml.items[0].picture.caption == "Crowd"


def test_editors_publish_a_wire_draft_from_the_list_in_one_click(admin_user, tmp_path):
    import re

    _import(tmp_path, {"uri": "urn:pub:1", "headline": "Budget vote today"}, "--no-pictures")
    story = WireStory.objects.get(guid="urn:pub:1")
    admin_client = Client(enforce_csrf_checks=True)
    admin_client.force_login(admin_user)
    listing = admin_client.get("/admin/wire/").content.decode()
    assert f'action="/admin/wire-publish/{story.pk}/"' in listing
    token = re.search(
        rf'wire-publish/{story.pk}/"><input type="hidden" name="csrfmiddlewaretoken" '
        r'value="([^"]+)"',
        listing,
    ).group(1)
    response = admin_client.post(f"/admin/wire-publish/{story.pk}/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    story.page.refresh_from_db()
    assert story.page.live
    assert "Published" in admin_client.get("/admin/wire/").content.decode()


def test_publishing_from_the_list_needs_the_publish_permission(tmp_path, django_user_model):
    from django.contrib.auth.models import Group

    _import(tmp_path, {"uri": "urn:pub:2", "headline": "Not yours to publish"}, "--no-pictures")
    story = WireStory.objects.get(guid="urn:pub:2")
    editor = django_user_model.objects.create_user("ed@example.com", "x-long-pass-1")
    editor.groups.add(Group.objects.get(name="Editors"))  # may edit, not publish
    client = Client()
    client.force_login(editor)
    assert client.get(f"/admin/wire-publish/{story.pk}/").status_code == 405
    assert client.post(f"/admin/wire-publish/{story.pk}/").status_code in {302, 403}
    story.page.refresh_from_db()
    assert not story.page.live
