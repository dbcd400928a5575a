from django.core.management.base import BaseCommand, CommandError

from sitesearch.documents import (
    documents_from_wagtail_index,
    documents_keys_refresh,
    documents_rebuild,
    is_enabled,
)


class Command(BaseCommand):
    help = (
        "Rebuild site search's index on PostgreSQL from every live article and reader story "
        "(publishing keeps it up to date; run this after a bulk import or a restore)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--from-wagtail-index",
            action="store_true",
            help="Copy the words from Wagtail's search index table instead of reading every page "
            "(fast; needs `manage.py update_index` to be complete).",
        )
        parser.add_argument(
            "--keys",
            action="store_true",
            help="Only rewrite every document's site, section, type and period keys (after "
            "changing HERALD_SEARCH_PERIOD_DAYS); the words stay.",
        )

    def handle(self, *args, from_wagtail_index, keys, **options):
        if not is_enabled():
            raise CommandError(
                "Site search uses Herald's index only on PostgreSQL (with "
                "HERALD_SEARCH_POSTGRES_INDEX on); here Wagtail's search index serves it."
            )
        if keys:
            written = documents_keys_refresh()
        elif from_wagtail_index:
            written = documents_from_wagtail_index()
        else:
            written = documents_rebuild()
        self.stdout.write(self.style.SUCCESS(f"Search documents written: {written}."))
