from django.db import models
from django.utils import timezone


class WireStory(models.Model):
    """An agency item imported as a draft article, remembered by its GUID to avoid duplicates."""

    guid = models.CharField(max_length=500, unique=True)
    source = models.CharField(max_length=60, blank=True)
    format = models.CharField(max_length=20)
    page = models.ForeignKey(
        "newsroom.ArticlePage", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    headline = models.CharField(max_length=255)
    imported_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name_plural = "wire stories"

    def __str__(self):
        return self.headline
