"""Who took part in an event and in what role (states, regions, actors), and how events
relate to each other. (The event is named as "Event": the events module imports this one.)"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from policing.models.actors import Actor
from policing.models.choices import (
    ActorRole,
    Region,
    Relation,
    Role,
)
from policing.models.sources import Country


class Participant(models.Model):
    """A state taking part in an event, and its role; where the text names no state, only a
    region ("African police"), the region alone."""

    event = models.ForeignKey("Event", on_delete=models.CASCADE, related_name="participants")
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="participations"
    )
    region = models.CharField(
        max_length=20,
        choices=Region.choices,
        blank=True,
        help_text="The country's region (filled in), or the region the text names instead.",
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.COUNTERPART)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "country"], name="one_role_per_country_and_event"
            ),
            models.CheckConstraint(
                condition=~Q(country__isnull=True, region=""), name="participant_country_or_region"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.country or Region(self.region).label}: {self.get_role_display()}"

    def save(self, *args, **kwargs):
        if self.country_id:
            self.region = Country.objects.values_list("region", flat=True).get(pk=self.country_id)
        super().save(*args, **kwargs)

    def clean(self):
        if not self.country_id and not self.region:
            raise ValidationError("Give the country, or the region where the text names none.")


class EventActor(models.Model):
    """An actor in an event, with what they did in it."""

    event = models.ForeignKey("Event", on_delete=models.CASCADE, related_name="actor_roles")
    actor = models.ForeignKey(Actor, on_delete=models.PROTECT, related_name="event_roles")
    role = models.CharField(max_length=20, choices=ActorRole.choices)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "actor", "role"], name="one_actor_role")
        ]

    def __str__(self) -> str:
        return f"{self.actor} {self.get_role_display()}"


class EventRelation(models.Model):
    """One event bearing on another: the later one amends, ends or responds to the earlier."""

    event = models.ForeignKey("Event", on_delete=models.CASCADE, related_name="relations")
    other = models.ForeignKey(
        "Event", on_delete=models.CASCADE, related_name="related_from", verbose_name="event"
    )
    relation = models.CharField(max_length=20, choices=Relation.choices)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "other", "relation"], name="one_relation"),
            models.CheckConstraint(condition=~Q(event=models.F("other")), name="not_to_itself"),
        ]

    def __str__(self) -> str:
        return f"{self.get_relation_display()} {self.other}"

    def clean(self):
        if self.event_id and self.event_id == self.other_id:
            raise ValidationError({"other": "An event cannot relate to itself."})
        event, other = getattr(self, "event", None), getattr(self, "other", None)
        dated = event and other and event.date_start and other.date_start
        if dated and other.date_start > (event.date_end or event.date_start):
            raise ValidationError(
                {
                    "other": f"“{other}” is dated after this event: it cannot be what this "
                    f"event {self.get_relation_display()}."
                }
            )
