"""The threads that join events (an agreement's life) and the people and institutions events
name."""

from __future__ import annotations

from django.db import models

from policing.links import address
from policing.models.choices import (
    ActorKind,
)
from policing.models.sources import Country


class Thread(models.Model):
    """The life of one arrangement or programme, told as events (signed → amended → ended)."""

    slug = models.SlugField(max_length=120, unique=True, help_text="Identifier in its URL.")
    title = models.CharField(max_length=200, help_text="e.g. “Fiji–China policing agreement”.")
    summary = models.TextField(help_text="One neutral sentence on what the thread follows.")

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return address("thread-detail", self.slug)


class Actor(models.Model):
    """A person or organisation the sources name as acting in events."""

    slug = models.SlugField(max_length=120, unique=True, help_text="Identifier in its URL.")
    name = models.CharField(max_length=200, unique=True, help_text="As the sources name them.")
    kind = models.CharField(max_length=20, choices=ActorKind.choices)
    country = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actors",
        help_text="The state they belong to or serve, if any.",
    )
    description = models.CharField(
        max_length=300, help_text="One line, saying only what the sources say of them."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return address("actor-detail", self.slug)
