"""Demo wire copy: a few agency items waiting as drafts in the Wire list."""

from pathlib import Path

from django.conf import settings
from wagtail.models import Site

from newsroom.models import SectionPage

from .models import WireStory
from .parsers import parse_bytes
from .services import wire_item_import

SAMPLE = Path(settings.BASE_DIR) / "docs" / "examples" / "wire-sample.json"


def demo_wire_build(*, seed: int):
    site = Site.objects.filter(is_default_site=True).first()
    if WireStory.objects.exists() or site is None or not SAMPLE.exists():
        return
    section = SectionPage.objects.child_of(site.root_page).live().order_by("path").first()
    if section is None:
        return
    parsed = parse_bytes(SAMPLE.read_bytes(), name=SAMPLE.name)
    for item in parsed.items:
        wire_item_import(item=item, section=section, file_format=parsed.format, source="Demo Wire")
