"""Data behind the location-aware components: stored weather, traffic alerts and listings."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.search import index

from places.models import Place


class Condition(models.IntegerChoices):
    """WMO weather interpretation codes, as Open-Meteo reports them (a useful subset)."""

    CLEAR = 0, "Clear sky"
    MAINLY_CLEAR = 1, "Mainly clear"
    PARTLY_CLOUDY = 2, "Partly cloudy"
    OVERCAST = 3, "Overcast"
    FOG = 45, "Fog"
    DRIZZLE = 51, "Drizzle"
    RAIN = 61, "Rain"
    HEAVY_RAIN = 65, "Heavy rain"
    SNOW = 71, "Snow"
    SHOWERS = 80, "Rain showers"
    THUNDERSTORM = 95, "Thunderstorm"


class PlaceTracked(models.Model):
    """Remembers the place an object was loaded with, so moving it purges both places."""

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance.loaded_place_id = instance.__dict__.get("place_id")
        instance.loaded_status = instance.__dict__.get("status")
        return instance

    @property
    def place_ids(self):
        return {self.place_id, getattr(self, "loaded_place_id", None)} - {None}


class WeatherReport(models.Model):
    """Current conditions for a place, read by the offline weather provider."""

    place = models.OneToOneField(Place, on_delete=models.CASCADE, related_name="weather_report")
    observed_at = models.DateTimeField()
    temperature_c = models.FloatField()
    condition = models.PositiveSmallIntegerField(choices=Condition.choices)
    wind_kmh = models.FloatField(default=0)

    def __str__(self):
        return f"{self.place}: {self.temperature_c} °C"


class DailyForecast(models.Model):
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="daily_forecasts")
    date = models.DateField(help_text="The day, in the place's time zone.")
    low_c = models.FloatField()
    high_c = models.FloatField()
    condition = models.PositiveSmallIntegerField(choices=Condition.choices)
    rain_chance = models.PositiveSmallIntegerField(default=0, help_text="Per cent.")

    class Meta:
        ordering = ["place", "date"]
        constraints = [
            models.UniqueConstraint(fields=["place", "date"], name="components_one_forecast_a_day")
        ]

    def __str__(self):
        return f"{self.place} {self.date}"


class TrafficAlert(index.Indexed, PlaceTracked):
    class Kind(models.TextChoices):
        ACCIDENT = "accident", "Accident"
        ROADWORKS = "roadworks", "Roadworks"
        CLOSURE = "closure", "Road closure"
        CONGESTION = "congestion", "Congestion"
        HAZARD = "hazard", "Hazard"
        WEATHER = "weather", "Weather"
        EVENT = "event", "Event"

    class Severity(models.IntegerChoices):
        MINOR = 1, "Minor"
        MODERATE = 2, "Moderate"
        MAJOR = 3, "Major"
        SEVERE = 4, "Severe"

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="traffic_alerts")
    road = models.CharField(max_length=120, help_text="e.g. N3 northbound near Hammarsdale")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    severity = models.PositiveSmallIntegerField(choices=Severity.choices, default=Severity.MODERATE)
    description = models.TextField(max_length=1000)
    starts_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(help_text="The alert disappears by itself at this time.")
    source = models.CharField(
        max_length=60, blank=True, help_text="Empty for the newsroom's own; the feed's name."
    )
    external_id = models.CharField(max_length=200, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [
        FieldPanel("place"),
        FieldPanel("road"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("severity")]),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("expires_at")]),
        FieldPanel("source"),
    ]
    search_fields = [index.SearchField("road"), index.SearchField("description")]

    class Meta:
        ordering = ["-severity", "expires_at"]
        indexes = [models.Index(fields=["place", "expires_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                condition=~models.Q(external_id=""),
                name="components_alert_unique_per_feed",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.road} ({self.place})"

    def clean(self):
        if self.starts_at and self.expires_at and self.expires_at <= self.starts_at:
            raise ValidationError({"expires_at": "An alert must expire after it starts."})


class ListingCategory(models.Model):
    name = models.CharField(max_length=60, unique=True)
    slug = models.SlugField(max_length=60, unique=True, help_text="Used in /listings/?category=.")

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "listing categories"

    def __str__(self):
        return self.name


class Listing(index.Indexed, PlaceTracked):
    """A "what's on" entry: an event, a film showing, a TV programme.

    Editors' listings are published at once; members' proposals wait for an editor.
    """

    class Status(models.TextChoices):
        PUBLISHED = "published", "Published"
        PROPOSED = "proposed", "Proposed by a member, awaiting review"
        REFUSED = "refused", "Refused"

    title = models.CharField(max_length=160)
    category = models.ForeignKey(ListingCategory, on_delete=models.PROTECT, related_name="+")
    venue = models.CharField(max_length=160, blank=True)
    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="listings")
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField(null=True, blank=True)
    link = models.URLField(
        blank=True,
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="Tickets or more information.",
    )
    description = models.TextField(max_length=1000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    panels = [
        FieldPanel("status"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("category"), FieldPanel("place")]),
        FieldPanel("venue"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")])], heading="When"
        ),
        FieldPanel("link"),
        FieldPanel("description"),
    ]
    search_fields = [index.SearchField("title"), index.SearchField("venue")]

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["place", "status", "starts_at"])]

    def __str__(self):
        return self.title

    @property
    def finishes_at(self):
        return self.ends_at or self.starts_at

    def clean(self):
        if self.ends_at and self.starts_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": "A listing cannot end before it starts."})
