"""Candidate events read from a report's words, kept for an editor's decision."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.db import models

from policing.models.choices import Activity, Precision, ProposalStatus, Stage
from policing.models.events import Event
from policing.models.sources import Passage, Source


class Proposal(models.Model):
    """A candidate event read from a source's words (policing/proposals/), anchored to them
    and kept for an editor: nothing is published until one accepts it. A rejected proposal
    stays, so that proposing the source again does not offer it again (its fingerprint)."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="proposals")
    passage = models.ForeignKey(
        Passage, on_delete=models.CASCADE, null=True, blank=True, related_name="proposals"
    )
    quote = models.TextField(help_text="The source's words, verbatim.")
    start = models.PositiveIntegerField(help_text="Start of the quote within the passage.")
    end = models.PositiveIntegerField(help_text="End of the quote within the passage.")
    date_text = models.CharField(
        "date as written", max_length=200, blank=True, help_text="The date phrase found."
    )
    date_edtf = models.CharField("date (EDTF)", max_length=100, blank=True)
    date_start = models.DateField(null=True, blank=True, help_text="Earliest day of the date.")
    date_precision = models.CharField(max_length=5, choices=Precision.choices, blank=True)
    date_reading = models.TextField(
        "how the date was read", blank=True, help_text="How the phrase was read, in words."
    )
    countries = models.JSONField(default=list, blank=True, help_text="ISO alpha-2 codes.")
    roles = models.JSONField(
        default=dict,
        blank=True,
        help_text="The role the words give each country: {code: role}; the review starts from it.",
    )
    activity = models.CharField(max_length=20, choices=Activity.choices, blank=True)
    stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    actors = models.JSONField(default=list, blank=True, help_text="Names of known actors.")
    figures = models.JSONField(default=list, blank=True, help_text="Numbers the words state.")
    matches = models.JSONField(
        default=list,
        blank=True,
        help_text="Existing events the words may state: [{slug, score, relation}].",
    )
    status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    reject_reason = models.TextField(blank=True)
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        help_text="The event created or cited on acceptance.",
    )
    fingerprint = models.CharField(
        max_length=64,
        editable=False,
        help_text="sha256 of the whitespace-normalised quote and its passage's anchor.",
    )
    created = models.DateTimeField(auto_now_add=True)
    decided = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["source", "passage__ordinal", "start", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "fingerprint"], name="one_proposal_per_quote_and_source"
            )
        ]

    def __str__(self) -> str:
        return f"{self.source.slug}: “{self.quote[:60]}”"

    @staticmethod
    def fingerprint_of(quote: str, anchor: str | None) -> str:
        """sha256 of the quote with its whitespace collapsed and the passage it is in."""
        words = " ".join(quote.split())
        return hashlib.sha256(f"{anchor or ''}\n{words}".encode()).hexdigest()


# History: a version of an event includes its citations and figures, so restoring or
