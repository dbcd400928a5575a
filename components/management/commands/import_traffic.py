from django.core.management.base import BaseCommand, CommandError

from components.traffic_feed import FeedError, feed_import


class Command(BaseCommand):
    help = (
        "Import traffic alerts from feed files (Herald's JSON format or CAP 1.2 XML; see "
        "docs/places.md). Re-importing updates alerts by (source, id). Reports each entry; "
        "exits non-zero when any entry or file could not be imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="Feed files.")
        parser.add_argument(
            "--source", help="The feed's name, where the file gives none (default: file name)."
        )

    def handle(self, *args, paths, source=None, **options):
        failures = 0
        for path in paths:
            try:
                report = feed_import(path, source=source)
            except FeedError as error:
                self.stderr.write(self.style.ERROR(f"{path}: nothing imported: {error}"))
                failures += 1
                continue
            for outcome in report.outcomes:
                line = f"{path}: {outcome.entry}: {outcome.action}"
                if outcome.reason:
                    line += f" ({outcome.reason})"
                style = self.style.WARNING if outcome.action == "skipped" else str
                self.stdout.write(style(line))
            failures += len(report.failed)
            self.stdout.write(
                f"{path}: {report.count('created')} created, {report.count('updated')} updated, "
                f"{report.count('unchanged')} unchanged, {report.count('ignored')} ignored, "
                f"{len(report.failed)} skipped."
            )
        if failures:
            said = "1 entry or file" if failures == 1 else f"{failures} entries or files"
            raise CommandError(f"{said} could not be imported.")
