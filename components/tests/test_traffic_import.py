"""Traffic feed import: JSON and CAP XML, duplicates, broken and hostile files."""

import datetime
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from components.models import TrafficAlert
from components.services import alerts_current
from components.traffic_feed import FeedError, feed_import

pytestmark = pytest.mark.django_db

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def moment(hours):
    return (timezone.now() + datetime.timedelta(hours=hours)).isoformat()


def entry(**fields):
    return {
        "id": "A1",
        "place": "durban",
        "road": "N3 Westville",
        "kind": "accident",
        "severity": "major",
        "description": "Truck overturned.",
        "starts": moment(-1),
        "expires": moment(3),
        **fields,
    }


def write_json(tmp_path, alerts, source="Test centre"):
    path = tmp_path / "alerts.json"
    path.write_text(json.dumps({"source": source, "alerts": alerts}))
    return path


def test_a_good_json_feed_creates_alerts_and_a_reimport_updates_them(tmp_path):
    second = entry(id="A2", place="Cape Town", severity=1)
    path = write_json(tmp_path, [entry(), second])
    report = feed_import(path)
    assert [(o.entry, o.action) for o in report.outcomes] == [("A1", "created"), ("A2", "created")]
    first = TrafficAlert.objects.get(external_id="A1")
    assert (first.place.slug, first.severity, first.source) == ("durban", 3, "Test centre")
    assert TrafficAlert.objects.get(external_id="A2").place.slug == "cape-town"

    path = write_json(
        tmp_path,
        [entry(description="Cleared soon."), second],
    )
    report = feed_import(path)
    assert [o.action for o in report.outcomes] == ["updated", "unchanged"]
    assert TrafficAlert.objects.filter(source="Test centre").count() == 2
    first.refresh_from_db()
    assert first.description == "Cleared soon."


def test_bad_entries_are_skipped_with_reasons_and_the_good_ones_kept(tmp_path):
    path = write_json(
        tmp_path,
        [
            entry(id="ok"),
            entry(id="nowhere", place="Xanadu Heights"),
            entry(id="odd-kind", kind="alien landing"),
            entry(id="no-road", road=""),
            entry(id="bad-time", expires="tomorrow-ish"),
            entry(id="naive", expires="2026-12-01T10:00:00"),
            entry(id="backwards", starts=moment(2), expires=moment(1)),
            entry(id="ok"),
            "not an object",
            entry(id="old", starts=moment(-5), expires=moment(-2)),
        ],
    )
    report = feed_import(path)
    reasons = {o.entry: (o.action, o.reason) for o in report.outcomes}
    assert reasons["ok"] == ("created", "")
    assert "unknown place “Xanadu Heights”" in reasons["nowhere"][1]
    assert "unknown kind" in reasons["odd-kind"][1]
    assert "missing road" in reasons["no-road"][1]
    assert "not a date and time" in reasons["bad-time"][1]
    assert "no time zone" in reasons["naive"][1]
    assert "expires before it starts" in reasons["backwards"][1]
    assert reasons["#9"] == ("skipped", "not an object")
    assert reasons["old"] == ("ignored", "already expired")
    assert [o.reason for o in report.outcomes if o.entry == "ok"][
        0
    ] == "the same id appears earlier"
    assert list(
        TrafficAlert.objects.filter(source="Test centre").values_list("external_id", flat=True)
    ) == ["ok"]


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "not valid JSON"),
        ('{"alerts": "many"}', 'an "alerts" list'),
        ("<alert><unclosed></alert>", "not well-formed XML"),
        ("<feed xmlns='http://www.w3.org/2005/Atom'/>", "no CAP 1.2 <alert>"),
        (
            '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 '
            '"&lol;&lol;&lol;">]><alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">'
            "<identifier>&lol2;</identifier></alert>",
            "refused",
        ),
        (
            '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">'
            "<identifier>&xxe;</identifier></alert>",
            "refused",
        ),
    ],
)
def test_broken_and_hostile_files_import_nothing(tmp_path, content, message):
    path = tmp_path / "feed.txt"
    path.write_text(content)
    before = TrafficAlert.objects.count()
    with pytest.raises(FeedError, match=message):
        feed_import(path)
    assert TrafficAlert.objects.count() == before


def test_the_documented_cap_example_imports(tmp_path):
    text = (EXAMPLES / "traffic-alert.cap.xml").read_text()
    text = text.replace("2026-12-04T18:00:00+02:00", moment(24))
    path = tmp_path / "alert.xml"
    path.write_text(text)
    report = feed_import(path)
    assert [(o.entry, o.action) for o in report.outcomes] == [("WC-ROADS-2026-3318", "created")]
    alert = TrafficAlert.objects.get(external_id="WC-ROADS-2026-3318")
    assert (alert.place.slug, alert.kind, alert.severity) == ("cape-town", "roadworks", 2)
    assert alert.road == "N2 near Borcherds Quarry"
    assert alert.source == "roads@westerncape.example"


def test_the_documented_json_example_imports_as_it_is_whenever_it_is_run():
    report = feed_import(EXAMPLES / "traffic-alerts.json")
    assert [o.action for o in report.outcomes][0] == "created"
    alert = TrafficAlert.objects.get(external_id="KZN-N3-WESTVILLE-0042")
    assert alert.expires_at - alert.starts_at == datetime.timedelta(hours=6)
    assert alert in alerts_current()  # shown now, not expired on arrival


@pytest.mark.parametrize(
    ("expires", "message"),
    [("PT0H", "not a duration"), ("P-1D", "not a duration"), ("Pnever", "not a duration")],
)
def test_an_expiry_given_as_a_bad_duration_is_refused_with_the_reason(tmp_path, expires, message):
    report = feed_import(write_json(tmp_path, [entry(expires=expires)]))
    assert report.outcomes[0].action == "skipped" and message in report.outcomes[0].reason


def test_the_command_reports_each_entry_and_fails_when_any_was_skipped(tmp_path, capsys):
    good = write_json(tmp_path, [entry()])
    call_command("import_traffic", str(good))
    assert "A1: created" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"alerts": [entry(id="B1", place="Xanadu Heights")]}))
    with pytest.raises(CommandError, match="2 entries or files could not be imported"):
        call_command("import_traffic", str(bad), str(tmp_path / "missing.json"))
    output = capsys.readouterr()
    assert "B1: skipped (unknown place" in output.out
    assert "missing.json: nothing imported" in output.err
