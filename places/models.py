"""The gazetteer (places readers can choose) and each reader's location for each component."""

import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.search import index

from .slugs import place_slug_free

# The location-aware components, by the name used in /components/<name>/ (DESIGN.md). Readers
# choose one place for each; the components app renders them.
COMPONENTS = {
    "local-news": "Local news",
    "weather": "Weather",
    "traffic": "Traffic alerts",
    "listings": "Listings",
}


def validate_timezone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"“{value}” is not a time zone name such as Africa/Johannesburg.")


class Place(index.Indexed, models.Model):
    class Kind(models.TextChoices):
        CITY = "city", "City or town"
        SUBURB = "suburb", "Suburb"
        REGION = "region", "Region"

    name = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=140,
        unique=True,
        blank=True,
        help_text="Used in addresses such as /components/weather/?location=cape-town. "
        "Leave empty to make one from the name (and the region when the name is taken).",
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.CITY)
    part_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="parts",
        help_text="For a suburb, its city; for a city, optionally its region.",
    )
    region = models.CharField(max_length=120, blank=True, help_text="Province or state.")
    country = models.CharField(max_length=2, default="ZA", help_text="ISO code, such as ZA.")
    latitude = models.FloatField()
    longitude = models.FloatField()
    timezone = models.CharField(
        max_length=64, default="Africa/Johannesburg", validators=[validate_timezone]
    )
    population = models.PositiveIntegerField(
        default=0,
        help_text="Used to rank places of the same name; the largest gets the plain slug.",
    )
    geonames_id = models.PositiveIntegerField(null=True, blank=True, unique=True, editable=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("part_of")]),
        FieldRowPanel([FieldPanel("region"), FieldPanel("country")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("timezone"),
                FieldPanel("population"),
            ],
            heading="Where it is",
        ),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("country"),
    ]

    class Meta:
        ordering = ["name", "region"]
        indexes = [models.Index(fields=["name"]), models.Index(fields=["country", "region"])]

    def __str__(self):
        return self.label

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = place_slug_free(self)
        super().save(*args, **kwargs)

    @property
    def label(self):
        return f"{self.name}, {self.region}" if self.region else self.name

    @property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.timezone)


class LocationChoice(models.Model):
    """A member's place for one component; it follows them to every site of the network."""

    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="location_choices"
    )
    component = models.CharField(max_length=20, choices=list(COMPONENTS.items()))
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["member", "component"], name="places_one_choice_per_component"
            )
        ]

    def __str__(self):
        return f"{self.member}: {self.component} → {self.place}"


@register_setting(icon="site")
class LocationSettings(BaseSiteSetting):
    """The place a site's components show until a reader chooses their own."""

    default_place = models.ForeignKey(
        Place,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Weather, traffic, listings and local news show this place by default.",
    )

    panels = [FieldPanel("default_place")]

    class Meta:
        verbose_name = "location settings"
