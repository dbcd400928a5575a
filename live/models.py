from django.db import models
from django.utils import timezone


class LiveEvent(models.Model):
    """A story was published or unpublished on a site. Ids only grow, so clients can resume."""

    class Kind(models.TextChoices):
        PUBLISHED = "published"
        UNPUBLISHED = "unpublished"

    site_id = models.PositiveIntegerField(db_index=True)
    sections = models.JSONField(
        default=list, help_text="Ids of the page's section and its parents."
    )
    page_id = models.PositiveIntegerField()
    kind = models.CharField(max_length=12, choices=Kind.choices)
    headline = models.CharField(max_length=255)
    url = models.CharField(max_length=1000)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["site_id", "id"], name="live_event_site_id")]

    def __str__(self):
        return f"#{self.pk} {self.kind}: {self.headline}"

    def as_message(self) -> dict:
        return {
            "id": self.pk,
            "site": self.site_id,
            "sections": self.sections,
            "page": self.page_id,
            "kind": self.kind,
            "headline": self.headline,
            "url": self.url,
            "time": self.created_at.isoformat(),
        }
