"""An editor's decision on a proposed event (policing/proposals/ proposes, an editor decides):
accept it as a draft event, merge its words into an existing event, or reject it with a reason.

Each decision is one revision (django-reversion) by the editor, holding the event with its
citations, participants, actors and figures and the proposal's new status, so it shows in
their history and can be reverted like any other change. An accepted proposal becomes a
draft, which an editor publishes in the event admin, unless the editor asks to publish on
accepting (`publish=True`, for one who may publish: `may_publish`): then the same revision
publishes it, by the rules of the event list's publish action. A decision that cannot be made
raises ReviewError with a message for the editor, and changes nothing.

A decision claims its proposal first, inside its transaction (`_deciding`): of two editors
deciding at the same moment, one claims it and the other is told it was already decided, and a
source deleted meanwhile leaves nothing to decide on.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import reversion
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from policing.editorial import picking
from policing.editorial.citing import Selection, add_citation
from policing.models import (
    SUBJECT_COUNTRY,
    Activity,
    Actor,
    ActorRole,
    Citation,
    Country,
    Event,
    EventActor,
    Figure,
    Participant,
    Proposal,
    ProposalStatus,
    Stage,
    corrections,
    default_role,
    free_slug,
)
from policing.text import anchoring, dates
from policing.text.errors import one_line

# What an actor named in the words did, as far as the stage or activity says it.
ACTOR_ROLE_BY_STAGE = {
    Stage.SIGNED: ActorRole.SIGNED,
    Stage.ANNOUNCED: ActorRole.ANNOUNCED,
    Stage.PLEDGED: ActorRole.ANNOUNCED,
    Stage.ENDED: ActorRole.ENDED,
    Stage.CHARGED: ActorRole.CHARGED,
    Stage.REPORTED: ActorRole.REPORTED,
}
ACTOR_ROLE_BY_ACTIVITY = {
    Activity.TRAINING: ActorRole.TRAINED,
    Activity.DEPLOYMENT: ActorRole.DEPLOYED,
    Activity.REPATRIATION: ActorRole.REPATRIATED,
    Activity.VISIT: ActorRole.VISITED,
}
FIGURE_FIELDS = ("label", "counts", "value", "qualifier", "unit", "status", "period_edtf")


class ReviewError(Exception):
    """Why a decision could not be made, in words for the editor."""


@dataclass
class Edits:
    """What an editor changed before accepting (the edit form's cleaned data); every field
    the proposal also has starts as its suggestion."""

    title: str
    summary: str
    activity: str
    stage: str
    quote: str
    date_text: str
    date_edtf: str
    date_reading: str
    countries: list[str]
    actors: list[Actor]
    # A country's role where the editor chose one; the others take `default_role`.
    roles: dict[str, str] = field(default_factory=dict)


@dataclass
class Outcome:
    """The event a decision created or cited, and what of the proposal it left out."""

    event: Event
    created: bool
    notes: list[str] = field(default_factory=list)
    published: bool = False


# Who may decide: accepting makes an event (or cites in one), merging changes an existing
# event, rejecting only the proposal. Publishing is changing an event's "Published" box:
# whoever may change events may publish (the event list's publish action asks the same).
ACCEPT_PERMISSIONS = ("policing.add_event", "policing.add_citation", "policing.change_proposal")
MERGE_PERMISSIONS = ("policing.change_event", "policing.add_citation", "policing.change_proposal")
REJECT_PERMISSION = "policing.change_proposal"
PUBLISH_PERMISSION = "policing.change_event"


def may_accept(user) -> bool:
    return user.has_perms(ACCEPT_PERMISSIONS)


def may_merge(user) -> bool:
    return user.has_perms(MERGE_PERMISSIONS)


def may_publish(user) -> bool:
    """Whether `user` may publish events, and so accept a proposal straight onto the site."""
    return user.has_perm(PUBLISH_PERMISSION)


def suggested_title(proposal: Proposal, *, names: dict[str, str] | None = None) -> str:
    """A plain headline from the suggested fields, e.g. "Agreement (signed or agreed): Fiji,
    3 Mar 2025", for the editor to rewrite before publishing. `names`: every country's name
    by its code, read once for many proposals."""
    what = Activity(proposal.activity).label if proposal.activity else "Event"
    if proposal.stage:
        what = f"{what} ({Stage(proposal.stage).label.lower()})"
    if names is None:
        names = dict(
            Country.objects.filter(code__in=proposal.countries).values_list("code", "name")
        )
    others = sorted(
        names[c] for c in set(proposal.countries) if c in names and c != SUBJECT_COUNTRY
    )
    where = " and ".join(others) if others else "China"
    when = dates.in_words(proposal.date_edtf) if proposal.date_edtf else ""
    return ", ".join(part for part in (f"{what}: {where}", when) if part)[:250]


def suggested_summary(proposal: Proposal) -> str:
    """The sentence as the source gives it, until an editor writes the summary."""
    return anchoring.normalise(proposal.quote)


def same_event(proposal: Proposal) -> Event | None:
    """The existing event the proposal's words state, by its best "same" match, if any."""
    return picking.same_in(picking.suggested([proposal])[proposal.pk])


def accept(
    proposal: Proposal, *, user, edits: Edits | None = None, publish: bool = False
) -> Outcome:
    """Accept the proposal: a new draft event citing its words, or, when it states an event
    already in the timeline (a "same" match) and was not edited, its words cited there.
    `publish`: the new event is published too, if it may be (else it stays a draft, with a
    note saying why); the caller checks `may_publish`."""
    if edits is None and (existing := same_event(proposal)) is not None:
        return merge(proposal, existing, user=user)
    with _deciding(proposal, ProposalStatus.ACCEPTED, user):
        edits = edits or suggested_edits(proposal)
        citation = _citation(proposal, edits.quote)
        event = _draft_event(proposal, edits)
        citation.event = event
        citation.save()
        notes = _participants(event, edits.countries, edits.roles)
        notes += _actors(event, edits.actors, proposal)
        notes += _figures(event, citation, proposal.figures)
        if publish:
            notes += _publish(event)
        _decide(proposal, event=event)
        # Again, now that its citations and the rest exist: the version holds them all.
        reversion.add_to_revision(event)
        verb = "Accepted and published" if event.published else "Accepted"
        reversion.set_comment(f"{verb} proposal {proposal.pk} from {proposal.source.slug}.")
    return Outcome(event, True, notes, published=event.published)


def merge(proposal: Proposal, event: Event, *, user) -> Outcome:
    """Cite the proposal's words in an existing event (its other suggestions are left out)."""
    cited = f"Cited further words of “{proposal.source.title}” (proposal {proposal.pk}, merged)."
    with (
        _deciding(proposal, ProposalStatus.MERGED, user),
        corrections.recording([event], reason=cited, editor=user),
    ):
        selection = Selection(proposal.source, proposal.quote, proposal.passage)
        try:
            add_citation(
                event,
                selection,
                user=user,
                comment=f"Merged proposal {proposal.pk} from {proposal.source.slug}.",
            )
        except ValidationError as error:
            raise ReviewError(one_line(error)) from None
        _decide(proposal, event=event)
        reversion.set_comment(f"Merged proposal {proposal.pk} from {proposal.source.slug}.")
    return Outcome(event, False)


def reject(proposal: Proposal, *, user, reason: str) -> None:
    """Reject the proposal, remembering why; proposing the source again does not offer it."""
    with _deciding(proposal, ProposalStatus.REJECTED, user):
        reason = reason.strip()
        if not reason:
            raise ReviewError("Say why the proposal is rejected: the reason is kept with it.")
        proposal.reject_reason = reason
        _decide(proposal)
        reversion.set_comment(f"Rejected proposal {proposal.pk}: {reason}")


@contextmanager
def _deciding(proposal: Proposal, status: str, user):
    """One transaction and one revision by `user` for a decision, which starts by claiming the
    proposal: ReviewError if it is no longer pending, or if what it quotes is deleted before
    the decision is made (the transaction is then rolled back)."""
    try:
        with transaction.atomic(), reversion.create_revision():
            _claim(proposal, status, user)
            yield
            reversion.set_user(user)
    except (ObjectDoesNotExist, IntegrityError):
        # What the decision reads or writes was deleted meanwhile (a source, its paragraph, the
        # event), found missing or refused by a foreign key at commit.
        raise ReviewError(
            "Something this decision needs was deleted or changed meanwhile (the source, its "
            "paragraph or the event): nothing was changed. Reload the page and decide again."
        ) from None


def _claim(proposal: Proposal, status: str, user) -> None:
    """Mark the proposal decided, if it is still pending, with one conditional UPDATE: of two
    decisions at the same moment only one finds it pending (PostgreSQL makes the other wait
    for the row and read it again; SQLite's IMMEDIATE transactions take turns). Then read it
    again, with its source and paragraph as they are now."""
    claimed = Proposal.objects.filter(pk=proposal.pk, status=ProposalStatus.PENDING).update(
        status=status, decided=timezone.now(), decided_by=user
    )
    if not claimed:
        _check_pending(proposal)
        raise ReviewError("This proposal was already decided.")  # decided, then reverted
    proposal.refresh_from_db(from_queryset=Proposal.objects.select_related("source", "passage"))


def _check_pending(proposal: Proposal) -> None:
    current = Proposal.objects.filter(pk=proposal.pk).values_list("status", flat=True).first()
    if current is None:
        raise ReviewError("That proposal no longer exists.")
    if current != ProposalStatus.PENDING:
        raise ReviewError(
            f"This proposal was already decided ({ProposalStatus(current).label.lower()})."
        )


def _decide(proposal: Proposal, event: Event | None = None) -> None:
    """Save what the decision made (its event; a rejection's reason), in its revision. The
    claim (`_claim`) has already written the status, when and by whom."""
    proposal.event = event
    proposal.save()


def suggested_edits(proposal: Proposal) -> Edits:
    """What accepting without edits uses, and the edit form starts from."""
    return Edits(
        title=suggested_title(proposal),
        summary=suggested_summary(proposal),
        activity=proposal.activity,
        stage=proposal.stage,
        quote=proposal.quote,
        date_text=proposal.date_text,
        date_edtf=proposal.date_edtf,
        date_reading=proposal.date_reading,
        countries=list(proposal.countries),
        actors=list(Actor.objects.filter(name__in=proposal.actors)),
    )


def _citation(proposal: Proposal, quote: str) -> Citation:
    """The words as a citation, anchored in the proposal's own paragraph: an edited quote may
    shorten or widen the words, but not leave that paragraph."""
    if proposal.passage is None:
        raise ReviewError("This proposal has lost its paragraph (the source text changed).")
    try:
        return Selection(proposal.source, quote.strip(), proposal.passage).anchored(strict=True)
    except ValidationError as error:
        raise ReviewError(one_line(error)) from None


def _draft_event(proposal: Proposal, edits: Edits) -> Event:
    if not edits.activity:
        raise ReviewError(
            "The proposal does not say what kind of activity this is: use “Edit, then accept” "
            "and choose one."
        )
    if not edits.date_edtf:
        raise ReviewError(
            "The proposal has no date: use “Edit, then accept” and give the date as the "
            "source words it."
        )
    source = proposal.source
    phrase = edits.date_text.strip()
    # A phrase the report contains is shown as its words ("The source writes …"); otherwise
    # the date is one the reading set, and the event says so.
    stated = bool(phrase) and anchoring.contains_phrase(
        phrase, [p for p in source.passages.all() if p.citable]
    )
    event = Event(
        title=edits.title,
        slug=free_slug(Event, edits.title, "proposed-event"),
        activity=edits.activity,
        stage=edits.stage,
        summary=edits.summary,
        published=False,
        date_text=phrase if stated else "",
        date_source=source,
        date_edtf=edits.date_edtf,
        date_manual=not stated,
        date_reading=edits.date_reading
        or (f"Read from “{phrase}” in {source.slug}." if phrase else ""),
    )
    try:
        event.full_clean()
    except ValidationError as error:
        raise ReviewError(one_line(error)) from None
    event.save()
    return event


def _publish(event: Event) -> list[str]:
    """Publish the new event by the publish action's rules (a citation, a date phrase its
    source contains), or leave it a draft and say why."""
    event.published = True
    try:
        event.check_cited(event.citations.count())
    except ValidationError as error:
        event.published = False
        return [f"Left a draft: {one_line(error)}"]
    if error := event.date_phrase_error():
        event.published = False
        return [f"Left a draft: {error}"]
    event.save()
    return []


def _participants(event: Event, codes: list[str], roles: dict[str, str] | None = None) -> list[str]:
    """Each state in the role the editor chose, else China on its side and every other
    state a counterpart."""
    roles = {str(c).upper(): r for c, r in (roles or {}).items()}
    codes = list(dict.fromkeys(str(c).upper() for c in codes))
    known = {c.code: c for c in Country.objects.filter(code__in=codes)}
    for code in codes:
        if code in known:
            role = roles.get(code) or default_role(code)
            Participant.objects.create(event=event, country=known[code], role=role)
    unknown = [c for c in codes if c not in known]
    return [f"Countries not in the list, left out: {', '.join(unknown)}."] if unknown else []


def _actors(event: Event, actors: list[Actor], proposal: Proposal) -> list[str]:
    role = ACTOR_ROLE_BY_STAGE.get(event.stage) or ACTOR_ROLE_BY_ACTIVITY.get(event.activity)
    notes = []
    if actors and role is None:
        names = ", ".join(a.name for a in actors)
        notes.append(f"Actors left out (what they did is not clear from the stage): {names}.")
    elif actors:
        for actor in actors:
            EventActor.objects.create(event=event, actor=actor, role=role)
    known = {a.name.casefold() for a in Actor.objects.filter(name__in=proposal.actors)}
    unknown = [n for n in proposal.actors if n.casefold() not in known]
    if unknown:
        notes.append(f"Names not in the actor list, left out: {', '.join(unknown)}.")
    return notes


def _figures(event: Event, citation: Citation, suggested: list) -> list[str]:
    """Each suggested figure the quote states as the figure hedges it (Figure.clean)."""
    refused = []
    for row in suggested:
        row = row if isinstance(row, dict) else {}
        values = {k: row[k] for k in FIGURE_FIELDS if row.get(k) not in (None, "")}
        try:
            values["value"] = Decimal(str(values.get("value", "")))
        except InvalidOperation:
            refused.append(str(row.get("text") or row.get("label") or row))
            continue
        values.setdefault("label", str(row.get("text") or "figure the words state")[:120])
        figure = Figure(event=event, citation=citation, **values)
        try:
            figure.full_clean()
        except ValidationError:
            refused.append(str(row.get("text") or values["label"]))
            continue
        figure.save()
    return [f"Figures left out (add them by hand): {'; '.join(refused)}."] if refused else []


def in_paragraph(proposal: Proposal) -> tuple[str, str, str]:
    """The proposal's paragraph as (before, quoted words, after), for showing the words marked
    in it; ("", "", quote) alone if the paragraph no longer holds them where it said."""
    passage = proposal.passage
    if passage is not None:
        words = passage.text[proposal.start : proposal.end]
        if words and anchoring.normalise(words) == anchoring.normalise(proposal.quote):
            return passage.text[: proposal.start], words, passage.text[proposal.end :]
        match = anchoring.find_quote(proposal.quote, [passage])
        if match is not None:
            return (
                passage.text[: match.start],
                passage.text[match.start : match.end],
                passage.text[match.end :],
            )
    return "", "", proposal.quote


def matched_events(proposal: Proposal) -> list[picking.Choice]:
    """The existing events the words may state, best first, each with its score and relation;
    a match whose event is gone is left out."""
    return picking.suggested([proposal])[proposal.pk]
