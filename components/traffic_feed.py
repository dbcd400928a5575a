"""Read traffic alerts from a feed file: Herald's JSON format or CAP 1.2 XML (docs/places.md).

``feed_import(path)`` reads every entry first, checks each one whole, then saves the good ones
in one transaction, matched to earlier imports by (source, id) so a re-import updates instead
of duplicating. A file that can't be read at all imports nothing.
"""

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime, parse_duration

from external.xml import XmlRefused, xml_parse
from places.services import place_find

from .models import TrafficAlert

CAP_NS = "{urn:oasis:names:tc:emergency:cap:1.2}"
SEVERITIES = {
    "minor": 1,
    "moderate": 2,
    "major": 3,
    "severe": 4,
    "extreme": 4,  # CAP's scale: Minor, Moderate, Severe, Extreme
}
CAP_SEVERITIES = {"minor": 1, "moderate": 2, "severe": 3, "extreme": 4}
KINDS = set(TrafficAlert.Kind.values)
MAX_ENTRIES = 5000


class FeedError(Exception):
    """The file as a whole can't be read; nothing is imported."""


@dataclass
class Outcome:
    entry: str  # how the report names it: its id, or its position
    action: str  # created, updated, unchanged, skipped
    reason: str = ""


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def failed(self):
        return [o for o in self.outcomes if o.action == "skipped"]

    def count(self, action):
        return sum(1 for o in self.outcomes if o.action == action)


def entries_from_json(text: str, default_source: str):
    try:
        data = json.loads(text)
    except ValueError as error:
        raise FeedError(f"not valid JSON: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("alerts"), list):
        raise FeedError('expected an object with an "alerts" list')
    source = data.get("source") or default_source
    if not isinstance(source, str):
        raise FeedError('"source" must be text')
    for position, item in enumerate(data["alerts"], start=1):
        if not isinstance(item, dict):
            yield f"#{position}", None, "not an object"
            continue
        yield str(item.get("id") or f"#{position}"), {**item, "source": source}, ""


def entries_from_cap(text: str, default_source: str):
    try:
        root = xml_parse(text)
    except XmlRefused as error:
        raise FeedError(str(error)) from None
    alerts = [root] if root.tag == f"{CAP_NS}alert" else root.findall(f"{CAP_NS}alert")
    if not alerts:
        raise FeedError("no CAP 1.2 <alert> elements")
    for position, alert in enumerate(alerts, start=1):
        identifier = _text(alert, "identifier")
        info = alert.find(f"{CAP_NS}info")
        if info is None:
            yield identifier or f"#{position}", None, "no <info> element"
            continue
        parameters = {
            _text(p, "valueName").lower(): _text(p, "value")
            for p in info.findall(f"{CAP_NS}parameter")
        }
        area = info.find(f"{CAP_NS}area")
        geocodes = {}
        if area is not None:
            geocodes = {
                _text(g, "valueName").lower(): _text(g, "value")
                for g in area.findall(f"{CAP_NS}geocode")
            }
        severity = _text(info, "severity").lower()
        yield (
            identifier or f"#{position}",
            {
                "id": identifier,
                "source": _text(alert, "sender") or default_source,
                "place": geocodes.get("herald-place") or _text(area, "areaDesc"),
                "road": parameters.get("road") or _text(info, "headline"),
                "kind": parameters.get("kind") or _text(info, "event").lower(),
                "severity": CAP_SEVERITIES.get(severity, severity),
                "description": _text(info, "description"),
                "starts": _text(info, "effective") or _text(info, "onset") or _text(alert, "sent"),
                "expires": _text(info, "expires"),
            },
            "",
        )


def _text(element, name):
    if element is None:
        return ""
    found = element.find(f"{CAP_NS}{name}")
    return (found.text or "").strip() if found is not None else ""


def alert_fields(item: dict) -> dict:
    """Check one entry and turn it into TrafficAlert fields; ValueError says what is wrong."""
    missing = [
        k for k in ("id", "place", "road", "kind", "description", "expires") if not item.get(k)
    ]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    place, suggestions = place_find(str(item["place"]))
    if place is None:
        raise ValueError(f"unknown place “{item['place']}”")
    kind = str(item["kind"]).lower()
    if kind not in KINDS:
        raise ValueError(f"unknown kind “{item['kind']}” (use {', '.join(sorted(KINDS))})")
    severity = item.get("severity", 2)
    severity = SEVERITIES.get(str(severity).lower(), severity)
    if severity not in (1, 2, 3, 4):
        raise ValueError(f"unknown severity “{item.get('severity')}”")
    starts = _moment(item.get("starts")) if item.get("starts") else timezone.now()
    expires = _expiry(item["expires"], starts)
    if expires <= starts:
        raise ValueError("expires before it starts")
    return {
        "place": place,
        "road": str(item["road"])[:120],
        "kind": kind,
        "severity": severity,
        "description": str(item["description"])[:1000],
        "starts_at": starts,
        "expires_at": expires,
    }


def _expiry(value, starts: datetime.datetime) -> datetime.datetime:
    """A date and time, or an ISO 8601 duration from ``starts`` ("PT6H": six hours after)."""
    text = str(value).strip()
    if not text.upper().startswith("P"):
        return _moment(text)
    length = parse_duration(text.upper())
    if length is None or length <= datetime.timedelta(0):
        raise ValueError(f"“{value}” is not a duration such as PT6H (six hours) or P1D (a day)")
    return starts + length


def _moment(value) -> datetime.datetime:
    moment = parse_datetime(str(value)) if value else None
    if moment is None:
        raise ValueError(f"“{value}” is not a date and time such as 2026-11-27T08:00:00+02:00")
    if timezone.is_naive(moment):
        raise ValueError(f"“{value}” has no time zone offset")
    return moment


def feed_entries(path: Path, source: str | None = None):
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise FeedError(f"can't read {path}: {error}") from error
    default_source = source or path.stem
    if text.lstrip().startswith("<"):
        return list(entries_from_cap(text, default_source))
    return list(entries_from_json(text, default_source))


def feed_import(path: Path, *, source: str | None = None, now=None) -> Report:
    entries = feed_entries(Path(path), source)
    if len(entries) > MAX_ENTRIES:
        raise FeedError(f"{len(entries)} entries; at most {MAX_ENTRIES} a file")
    now = now or timezone.now()
    report, good, seen = Report(), [], set()
    for name, item, problem in entries:
        if item is not None:
            try:
                fields = alert_fields(item)
            except ValueError as error:
                problem = str(error)
        if problem:
            report.outcomes.append(Outcome(name, "skipped", problem))
        elif (item["source"], str(item["id"])) in seen:
            report.outcomes.append(Outcome(name, "skipped", "the same id appears earlier"))
        elif fields["expires_at"] <= now:
            report.outcomes.append(Outcome(name, "ignored", "already expired"))
        else:
            seen.add((item["source"], str(item["id"])))
            good.append((name, item["source"][:60], str(item["id"])[:200], fields))
    with transaction.atomic():
        for name, feed_source, external_id, fields in good:
            report.outcomes.append(Outcome(name, _save(feed_source, external_id, fields)))
    return report


def _save(source, external_id, fields) -> str:
    alert = TrafficAlert.objects.filter(source=source, external_id=external_id).first()
    if alert is None:
        TrafficAlert.objects.create(source=source, external_id=external_id, **fields)
        return "created"
    if all(getattr(alert, name) == value for name, value in fields.items()):
        return "unchanged"
    for name, value in fields.items():
        setattr(alert, name, value)
    alert.save()
    return "updated"
