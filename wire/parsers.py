"""Read agency copy: RSS 2.0, Atom, IPTC ninjs (JSON) and IPTC NewsML-G2 (XML).

XML is parsed by Herald's one parser for outside documents (``external.xml``), so DTDs, entity
expansion (billion laughs) and external entities are refused outright rather than expanded.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime

from external.xml import XmlRefused, xml_parse, xml_serialise

ATOM = "{http://www.w3.org/2005/Atom}"
MEDIA = "{http://search.yahoo.com/mrss/}"
G2 = "{http://iptc.org/std/nar/2006-10-01/}"
XHTML = "{http://www.w3.org/1999/xhtml}"


class WireFormatError(Exception):
    """The whole file could not be read."""


@dataclass
class WireItem:
    guid: str
    headline: str
    body_html: str = ""
    standfirst: str = ""
    byline: list[str] = field(default_factory=list)
    dateline: str = ""
    source: str = ""
    tags: list[str] = field(default_factory=list)
    published: datetime | None = None
    picture: "WirePicture | None" = None


@dataclass
class WirePicture:
    """A picture the item points to by URL; the importer fetches and checks it."""

    url: str
    caption: str = ""
    credit: str = ""


@dataclass
class ParsedFile:
    format: str
    items: list[WireItem]
    errors: list[str]  # per item: what was wrong


def _text(element, path, default=""):
    found = element.find(path) if element is not None else None
    return (found.text or "").strip() if found is not None and found.text else default


def _date(value):
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            return parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None


def _checked(candidates, format_name):
    items, errors = [], []
    for position, item in enumerate(candidates, start=1):
        if not item.guid:
            errors.append(f"item {position}: no GUID/URI, skipped")
        elif not item.headline:
            errors.append(f"item {position} ({item.guid}): no headline, skipped")
        else:
            items.append(item)
    return ParsedFile(format=format_name, items=items, errors=errors)


def parse_bytes(data: bytes, *, name: str = "") -> ParsedFile:
    stripped = data.lstrip()
    if name.endswith(".json") or stripped.startswith((b"{", b"[")):
        return _ninjs(data)
    try:
        root = xml_parse(data)
    except XmlRefused as exc:
        raise WireFormatError(str(exc)) from None
    if root.tag == "rss":
        return _rss(root)
    if root.tag == f"{ATOM}feed":
        return _atom(root)
    if root.tag in (f"{G2}newsItem", f"{G2}newsMessage"):
        return _newsml(root)
    raise WireFormatError(f"unknown format (root element {root.tag})")


def _rss(root):
    candidates = []
    for entry in root.iter("item"):
        candidates.append(
            WireItem(
                guid=_text(entry, "guid") or _text(entry, "link"),
                headline=_text(entry, "title"),
                body_html=_text(entry, "{http://purl.org/rss/1.0/modules/content/}encoded")
                or _text(entry, "description"),
                standfirst=_text(entry, "description")[:400],
                byline=[
                    n for n in [_text(entry, "{http://purl.org/dc/elements/1.1/}creator")] if n
                ],
                tags=[c.text.strip() for c in entry.findall("category") if c.text],
                published=_date(_text(entry, "pubDate")),
                source=_text(root, "channel/title"),
                picture=_rss_picture(entry),
            )
        )
    return _checked(candidates, "rss")


def _width(value) -> int:
    """A rendition's width for choosing the widest; anything but digits counts as 0."""
    return int(value) if str(value or "").isdigit() else 0


def _is_image(mime):
    return (mime or "").lower().startswith("image/")


def _rss_picture(entry):
    """``media:content`` (medium image, or an image type) first, else an image enclosure."""
    for media in entry.iter(f"{MEDIA}content"):
        if media.get("url") and (media.get("medium") == "image" or _is_image(media.get("type"))):
            return WirePicture(
                url=media.get("url"),
                caption=_text(media, f"{MEDIA}description") or _text(media, f"{MEDIA}title"),
                credit=_text(media, f"{MEDIA}credit"),
            )
    for enclosure in entry.findall("enclosure"):
        if enclosure.get("url") and _is_image(enclosure.get("type")):
            return WirePicture(url=enclosure.get("url"))
    return None


def _atom_picture(entry):
    for link in entry.findall(f"{ATOM}link"):
        if link.get("rel") == "enclosure" and link.get("href") and _is_image(link.get("type")):
            return WirePicture(url=link.get("href"), caption=link.get("title", ""))
    return None


def _atom(root):
    candidates = []
    for entry in root.iter(f"{ATOM}entry"):
        candidates.append(
            WireItem(
                guid=_text(entry, f"{ATOM}id"),
                headline=_text(entry, f"{ATOM}title"),
                body_html=_text(entry, f"{ATOM}content") or _text(entry, f"{ATOM}summary"),
                standfirst=_text(entry, f"{ATOM}summary")[:400],
                byline=[
                    a.findtext(f"{ATOM}name", "").strip()
                    for a in entry.findall(f"{ATOM}author")
                    if a.findtext(f"{ATOM}name")
                ],
                tags=[c.get("term") for c in entry.findall(f"{ATOM}category") if c.get("term")],
                published=_date(_text(entry, f"{ATOM}published") or _text(entry, f"{ATOM}updated")),
                source=_text(root, f"{ATOM}title"),
                picture=_atom_picture(entry),
            )
        )
    return _checked(candidates, "atom")


def _newsml_picture_items(items):
    """Picture items of a NewsML-G2 message, by GUID, as ``WirePicture``."""
    pictures = {}
    for item in items:
        item_class = item.find(f"{G2}itemMeta/{G2}itemClass")
        if item_class is None or not item_class.get("qcode", "").startswith("ninat:picture"):
            continue
        remotes = [
            r
            for r in item.iter(f"{G2}remoteContent")
            if r.get("href") and _is_image(r.get("contenttype"))
        ]
        if remotes:  # the largest rendition
            best = max(remotes, key=lambda r: _width(r.get("width")))
            meta = item.find(f"{G2}contentMeta")
            pictures[item.get("guid", "")] = WirePicture(
                url=best.get("href"),
                caption=_text(meta, f"{G2}description") or _text(meta, f"{G2}headline"),
                credit=_text(meta, f"{G2}creditline") or _text(meta, f"{G2}by"),
            )
    return pictures


def _newsml(root):
    items = [root] if root.tag == f"{G2}newsItem" else list(root.iter(f"{G2}newsItem"))
    pictures = _newsml_picture_items(items)
    candidates = []
    for item in items:
        if item.get("guid", "") in pictures:
            continue  # a picture item: it illustrates a text item, it is not a story
        linked = [
            pictures[link.get("residref")]
            for link in item.findall(f"{G2}itemMeta/{G2}link")
            if link.get("residref") in pictures
        ]
        meta = item.find(f"{G2}contentMeta")
        body = item.find(f"{G2}contentSet/{G2}inlineXML")
        body_html = ""
        if body is not None:
            html_body = body.find(f".//{XHTML}body")
            container = html_body if html_body is not None else body
            for element in container.iter():  # drop namespaces: <html:p> becomes <p>
                element.tag = element.tag.split("}", 1)[-1]
            body_html = "".join(xml_serialise(child) for child in container)
        candidates.append(
            WireItem(
                guid=item.get("guid", ""),
                headline=_text(meta, f"{G2}headline"),
                body_html=body_html,
                standfirst=_text(meta, f"{G2}description")[:400],
                byline=[n for n in [_text(meta, f"{G2}by")] if n],
                dateline=_text(meta, f"{G2}located/{G2}name"),
                source=_text(meta, f"{G2}creditline"),
                tags=[
                    _text(s, f"{G2}name")
                    for s in (meta.findall(f"{G2}subject") if meta is not None else [])
                    if _text(s, f"{G2}name")
                ],
                published=_date(_text(item, f"{G2}itemMeta/{G2}versionCreated")),
                picture=linked[0] if linked else None,
            )
        )
    return _checked(candidates, "newsml-g2")


def _ninjs(data):
    try:
        document = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise WireFormatError(f"not valid JSON ({exc})") from None
    entries = document if isinstance(document, list) else [document]
    candidates = []
    for entry in entries:
        if not isinstance(entry, dict):
            candidates.append(WireItem(guid="", headline=""))
            continue
        by = entry.get("byline") or ""
        located = entry.get("located") or ""
        subjects = entry.get("subject") or []
        candidates.append(
            WireItem(
                guid=str(entry.get("uri") or ""),
                headline=str(entry.get("headline") or "").strip(),
                body_html=str(entry.get("body_html") or ""),
                standfirst=str(entry.get("description_text") or "")[:400],
                byline=[by] if isinstance(by, str) and by else [],
                dateline=located if isinstance(located, str) else "",
                source=str(entry.get("copyrightholder") or ""),
                tags=[s.get("name") for s in subjects if isinstance(s, dict) and s.get("name")],
                published=_date(str(entry.get("versioncreated") or "")),
                picture=_ninjs_picture(entry.get("associations")),
            )
        )
    return _checked(candidates, "ninjs")


def _ninjs_picture(associations):
    """The first associated picture, at its largest rendition (ninjs 1.x and 2.x shapes)."""
    if isinstance(associations, dict):
        associations = list(associations.values())
    for association in associations if isinstance(associations, list) else []:
        if not isinstance(association, dict) or association.get("type") != "picture":
            continue
        renditions = association.get("renditions") or {}
        if isinstance(renditions, dict):
            renditions = list(renditions.values())
        hrefs = [r for r in renditions if isinstance(r, dict) and str(r.get("href", "")).strip()]
        if not hrefs:
            continue
        best = max(hrefs, key=lambda r: _width(r.get("width")))
        return WirePicture(
            url=str(best["href"]).strip(),
            caption=str(association.get("description_text") or association.get("headline") or ""),
            credit=str(association.get("byline") or association.get("copyrightholder") or ""),
        )
    return None
