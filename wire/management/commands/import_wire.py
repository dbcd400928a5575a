from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm
from wagtail.models import Site

from newsroom.models import SectionPage
from wire.parsers import WireFormatError, parse_bytes
from wire.services import wire_item_import


class Command(BaseCommand):
    help = (
        "Import agency copy (RSS, Atom, IPTC ninjs JSON, IPTC NewsML-G2 XML) as draft articles "
        "in a section. Items are matched by GUID: a re-import updates the draft, unless an "
        "editor has published it. Exits non-zero when anything failed."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Files to import")
        parser.add_argument("--section", required=True, help="Section path, e.g. news/world")
        parser.add_argument("--site", help="Host name of the site (default: the default site)")
        parser.add_argument("--source", default="", help="Agency name, e.g. AFP (overrides)")
        parser.add_argument(
            "--no-pictures",
            action="store_true",
            help="Do not fetch the pictures items point to",
        )

    def handle(self, *args, paths, section, site, source, no_pictures=False, **options):
        section_page = self._section(section, site)
        failures = 0
        for path in paths:
            try:
                parsed = parse_bytes(Path(path).read_bytes(), name=path)
            except (OSError, WireFormatError) as exc:
                self.stderr.write(f"{path}: {exc}")
                failures += 1
                continue
            for error in parsed.errors:
                self.stderr.write(f"{path}: {error}")
                failures += 1
            for item in tqdm(parsed.items, desc=Path(path).name, unit="item", disable=None):
                try:
                    outcome = wire_item_import(
                        item=item,
                        section=section_page,
                        file_format=parsed.format,
                        source=source,
                        fetch_pictures=not no_pictures,
                    )
                except Exception as exc:  # one bad item must not stop the others
                    self.stderr.write(f"{path}: {item.guid}: failed ({exc})")
                    failures += 1
                else:
                    self.stdout.write(f"{path}: {item.guid}: {outcome}: {item.headline}")
        if failures:
            said = "1 problem" if failures == 1 else f"{failures} problems"
            raise CommandError(f"{said}; see the messages above.")

    def _section(self, path, hostname):
        site = (
            Site.objects.filter(hostname=hostname).first()
            if hostname
            else Site.objects.filter(is_default_site=True).first()
        )
        if site is None:
            raise CommandError(f"No site {hostname!r}.")
        url_path = f"{site.root_page.url_path}{path.strip('/')}/"
        section = SectionPage.objects.filter(url_path=url_path).first()
        if section is None:
            raise CommandError(f"No section {path!r} on {site.hostname}.")
        return section
