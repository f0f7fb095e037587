"""The data: sources split into passages, and curated events whose citations anchor in them.

One module per idea (choices, sources, actors, events, participation, evidence, versioning,
proposal, curation, corrections, releases), every model
and choice re-exported here, so the rest of the code imports from `policing.models`.
"""

import reversion

from policing.models.actors import Actor, Thread
from policing.models.choices import (
    KIND_AS_ACTIVITY,
    OTHER_PARTIES,
    SUBJECT_COUNTRY,
    Activity,
    ActorKind,
    ActorRole,
    Counted,
    CuratedKind,
    Derivation,
    FigureScope,
    FigureStatus,
    Kind,
    Precision,
    ProposalStatus,
    Region,
    Relation,
    Resolution,
    Role,
    SectionKind,
    Stage,
    default_role,
    kind_of,
)
from policing.models.corrections import Correction, CorrectionKind
from policing.models.curation import CuratedBase, CuratedConflict
from policing.models.events import (
    LEGACY_DATE_FIELDS,
    UNCITED,
    Event,
)
from policing.models.evidence import Citation, Figure
from policing.models.participation import EventActor, EventRelation, Participant
from policing.models.proposal import Proposal
from policing.models.releases import ImmutableRelease, Release, ReleaseEntry, ReleaseEntryKind
from policing.models.slugs import free_slug
from policing.models.sources import Country, Passage, Source
from policing.models.versioning import DataVersion, IndexChange

__all__ = [
    "KIND_AS_ACTIVITY",
    "LEGACY_DATE_FIELDS",
    "OTHER_PARTIES",
    "SUBJECT_COUNTRY",
    "UNCITED",
    "Activity",
    "Actor",
    "ActorKind",
    "ActorRole",
    "Citation",
    "Correction",
    "CorrectionKind",
    "Counted",
    "Country",
    "CuratedBase",
    "CuratedConflict",
    "CuratedKind",
    "DataVersion",
    "Derivation",
    "Event",
    "EventActor",
    "EventRelation",
    "Figure",
    "FigureScope",
    "FigureStatus",
    "ImmutableRelease",
    "IndexChange",
    "Kind",
    "Participant",
    "Passage",
    "Precision",
    "Proposal",
    "ProposalStatus",
    "Region",
    "Relation",
    "Release",
    "ReleaseEntry",
    "ReleaseEntryKind",
    "Resolution",
    "Role",
    "SectionKind",
    "Source",
    "Stage",
    "Thread",
    "default_role",
    "free_slug",
    "kind_of",
]

# History: a version of an event includes its citations and figures, so restoring or
# recovering an event brings them back as they were.
reversion.register(Citation)
reversion.register(Figure)
reversion.register(Participant)
reversion.register(EventActor)
reversion.register(EventRelation)
reversion.register(Actor)
reversion.register(Thread)
# A decision on a proposal is in the same revision as the event it made or cited.
reversion.register(Proposal)
reversion.register(
    Event, follow=["citations", "figures", "participants", "actor_roles", "relations"]
)
