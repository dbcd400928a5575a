"""Render what readers can reach, as the page cache would store it, to check purges against.

The crawl starts from each site's home page and the API's description, follows every link a
reader or a page's scripts would follow (links, sitemap and feed entries, the fragments that
``static/js`` fetches, the API's lists and their items), and keeps a few addresses of each
shape, so that a new page type or fragment is covered the day it is linked from anywhere.
"""

import json
import re
from dataclasses import dataclass
from html import unescape
from urllib.parse import parse_qsl, urlencode, urlsplit

from delivery.cache import surrogate_keys_of

LINK = re.compile(r"""(?:href|src|action)=["']([^"'#]+)""")
XML_LINK = re.compile(r"<(?:loc|link|id)>([^<]+)</")
PAGE_ID = re.compile(r'data-page-id="(\d+)"')
SLOT = re.compile(r'data-slot="([a-z-]+)"')
DEFAULT_PLACE = re.compile(r'data-default-location="([a-z0-9-]+)"')
# Static files and uploads are files, not pages; the private areas are never cached.
NOT_PAGES = ("/static/", "/media/", "/admin/", "/accounts/", "/settings/", "/_util/")
# A rendition made again (its first copy was rolled back with a test's transaction) gets a new
# file name beside the old file: the same picture, which no reader would call a change.
RENDITION_SUFFIX = re.compile(rb"(/media/images/[\w-]+?)_[A-Za-z0-9]{7}(?=\.)")
# The live notice's starting point may lag: a page read with an older one just hears of the
# stories since then (static/js/live.js), which is what it is for.
LIVE_SINCE = re.compile(rb'data-since="\d+"')
API_DESCRIPTION = "/api/v1/openapi.json"


@dataclass(frozen=True)
class Rendered:
    status: int
    body: bytes
    keys: frozenset[str]
    public: bool

    @property
    def cacheable(self) -> bool:
        return self.status == 200 and self.public and bool(self.keys)


def render(client, host: str, url: str) -> Rendered:
    response = client.get(url, HTTP_HOST=host)
    cache_control = response.headers.get("Cache-Control", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return Rendered(
        status=response.status_code,
        body=LIVE_SINCE.sub(b'data-since=""', RENDITION_SUFFIX.sub(rb"\1", body)),
        keys=frozenset(surrogate_keys_of(response)),
        public="public" in cache_control and "private" not in cache_control,
    )


def shape(url: str) -> tuple:
    """Addresses of one shape render the same code: a section's pages, one tag's or another's."""
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    head = segments[:1] if segments[:1] != ["api"] else segments[:3]
    params = tuple(sorted(name for name, _ in parse_qsl(parts.query)))
    return (*head, len(segments), params)


def _local_path(link: str, host: str) -> str | None:
    link = unescape(link.strip())
    parts = urlsplit(link)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None
    if parts.netloc and parts.netloc.split(":")[0] != host.split(":")[0]:
        return None
    if not parts.path.startswith("/") or parts.path.startswith(NOT_PAGES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


# The API's operations on one item (``/api/v1/articles/{article_id}``), as the description
# names them: filled in with the items its lists return.
_item_operations: list[str] = []
PATH_PARAMETER = re.compile(r"\{(\w+)\}")


def _api_links(url, data) -> list[str]:
    """What a client goes on to ask: from the description, every operation (lists as they are,
    one item's operations filled in later); from a list, its items' own addresses."""
    if url == API_DESCRIPTION:
        paths = list(data.get("paths", {}))
        _item_operations[:] = [path for path in paths if "{" in path]
        return [path for path in paths if "{" not in path]
    results = data.get("results") if isinstance(data, dict) else data
    if not isinstance(results, list):
        return []
    links = []
    for template in _item_operations:
        parameter = PATH_PARAMETER.search(template).group(1)
        field = "slug" if parameter == "slug" else "id"
        if template.startswith(url.split("?")[0] + "/"):
            links += [
                PATH_PARAMETER.sub(str(item[field]), template)
                for item in results
                if isinstance(item, dict) and field in item
            ]
    return links


def links_of(url: str, host: str, rendered: Rendered, places: list[str]) -> list[str]:
    text = rendered.body.decode("utf-8", "replace")
    found = LINK.findall(text) + XML_LINK.findall(text)
    page_ids = PAGE_ID.findall(text)
    for page_id in page_ids:
        found += [f"/comments/thread/{page_id}/", f"/comments/counts/?ids={page_id}"]
    slots = set(SLOT.findall(text))
    for place in {*DEFAULT_PLACE.findall(text), *places}:
        found += [f"/components/{name}/?{urlencode({'location': place})}" for name in slots]
    if url.startswith("/api/"):
        try:
            found += _api_links(url, json.loads(text))
        except ValueError:
            pass
    return [path for path in (_local_path(link, host) for link in found) if path]


def crawl(client, hosts, *, per_shape: int = 2, places=(), limit: int = 400):
    """Render what can be reached from each host's home page: {(host, url): Rendered}."""
    seen: dict[tuple[str, str], Rendered] = {}
    shapes: dict[tuple, int] = {}
    queue = [
        (host, url)
        for host in hosts
        for url in ("/", "/sitemap.xml", "/robots.txt", API_DESCRIPTION)
    ]
    while queue and len(seen) < limit:
        host, url = queue.pop(0)
        if (host, url) in seen:
            continue
        kind = (host, *shape(url))
        if shapes.get(kind, 0) >= per_shape:
            continue
        shapes[kind] = shapes.get(kind, 0) + 1
        rendered = render(client, host, url)
        seen[host, url] = rendered
        if rendered.status == 200:
            queue += [(host, link) for link in links_of(url, host, rendered, list(places))]
    return seen
