"""The review queue's writer: a source's candidates saved as pending `Proposal` rows."""

from __future__ import annotations

from django.db import transaction

from policing.models import Proposal
from policing.proposals.reading import propose_source


def queue(source) -> int:
    """Save the source's new candidates as pending proposals; a quote already proposed for the
    source (whatever was decided on it) is not proposed again. Returns how many were added."""
    candidates = propose_source(source)
    with transaction.atomic():
        seen = set(source.proposals.values_list("fingerprint", flat=True))
        new = []
        for candidate in candidates:
            anchor = candidate.passage.anchor if candidate.passage is not None else None
            fingerprint = Proposal.fingerprint_of(candidate.quote, anchor)
            if fingerprint in seen:
                continue
            seen.add(fingerprint)
            new.append(
                Proposal(
                    source=source,
                    passage=candidate.passage,
                    quote=candidate.quote,
                    start=candidate.start,
                    end=candidate.end,
                    date_text=candidate.date_text,
                    date_edtf=candidate.date_edtf,
                    date_start=candidate.date_start,
                    date_precision=candidate.date_precision,
                    date_reading=candidate.date_reading,
                    countries=list(candidate.countries),
                    roles=dict(candidate.roles),
                    activity=candidate.activity,
                    stage=candidate.stage,
                    actors=list(candidate.actors),
                    figures=[dict(f) for f in candidate.figures],
                    matches=[dict(m) for m in candidate.matches],
                    fingerprint=fingerprint,
                )
            )
        Proposal.objects.bulk_create(new, batch_size=250)
    return len(new)
