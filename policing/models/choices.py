"""Fixed vocabularies of the data (activities, stages, roles, regions, how a text derives), each
with its label, and the mapping of the old `kind` scheme onto activity and stage."""

from __future__ import annotations

from django.db import models

from policing.text import dates


class Region(models.TextChoices):
    SOUTHEAST_ASIA = "southeast-asia", "Southeast Asia"
    EAST_ASIA = "east-asia", "East Asia"
    SOUTH_ASIA = "south-asia", "South Asia"
    CENTRAL_ASIA = "central-asia", "Central Asia"
    PACIFIC = "pacific", "Pacific"
    MIDDLE_EAST = "middle-east", "Middle East"
    AFRICA = "africa", "Africa"
    EUROPE = "europe", "Europe"
    NORTH_AMERICA = "north-america", "North America"
    LATIN_AMERICA = "latin-america", "Latin America"


class Precision(models.TextChoices):
    DAY = dates.DAY, "Day"
    MONTH = dates.MONTH, "Month"
    YEAR = dates.YEAR, "Year"


class Kind(models.TextChoices):
    REPATRIATION = "repatriation", "Repatriation"
    TRAINING = "training", "Training"
    AGREEMENT_SIGNED = "agreement-signed", "Agreement signed"
    AGREEMENT_CHANGED = "agreement-changed", "Agreement suspended, revoked or amended"
    JOINT_PATROL = "joint-patrol", "Joint patrol"
    DEPLOYMENT = "deployment", "Deployment"
    ANNOUNCEMENT = "announcement", "Policy or announcement"
    SCRUTINY = "scrutiny", "Scrutiny: hearings, indictments, reports"


class Activity(models.TextChoices):
    """What the event is an instance of."""

    REPATRIATION = "repatriation", "Repatriation"
    TRAINING = "training", "Training"
    AGREEMENT = "agreement", "Agreement"
    JOINT_PATROL = "joint-patrol", "Joint patrol"
    DEPLOYMENT = "deployment", "Deployment"
    POLICY = "policy", "Policy or initiative"
    VISIT = "visit", "Visit or meeting"
    SCRUTINY = "scrutiny", "Scrutiny: hearings, indictments, reports"


class Stage(models.TextChoices):
    """What happened to the activity in this event, as the text states it."""

    PLEDGED = "pledged", "Pledged or offered"
    ANNOUNCED = "announced", "Announced"
    SIGNED = "signed", "Signed or agreed"
    STARTED = "started", "Started"
    COMPLETED = "completed", "Delivered or completed"
    SUSPENDED = "suspended", "Suspended or put on hold"
    AMENDED = "amended", "Amended"
    ENDED = "ended", "Ended or revoked"
    REJECTED = "rejected", "Rejected"
    CHARGED = "charged", "Investigated or charged"
    REPORTED = "reported", "Reported"


# The single kind events had before activity and stage, kept (derived) for the export contract
# and old permalinks: an agreement's kind depends on its stage, every other activity has one.
_AGREEMENT_KINDS = {
    Stage.PLEDGED: Kind.ANNOUNCEMENT,
    Stage.ANNOUNCED: Kind.ANNOUNCEMENT,
    Stage.SUSPENDED: Kind.AGREEMENT_CHANGED,
    Stage.AMENDED: Kind.AGREEMENT_CHANGED,
    Stage.ENDED: Kind.AGREEMENT_CHANGED,
    Stage.REJECTED: Kind.AGREEMENT_CHANGED,
}
_ACTIVITY_KINDS = {
    Activity.REPATRIATION: Kind.REPATRIATION,
    Activity.TRAINING: Kind.TRAINING,
    Activity.JOINT_PATROL: Kind.JOINT_PATROL,
    Activity.DEPLOYMENT: Kind.DEPLOYMENT,
    Activity.POLICY: Kind.ANNOUNCEMENT,
    Activity.VISIT: Kind.ANNOUNCEMENT,
    Activity.SCRUTINY: Kind.SCRUTINY,
}


# Each kind as an activity and, where the kind implied one, a stage (migration 0010 moved
# existing events by the same table; "agreement-changed" took the stage "amended").
KIND_AS_ACTIVITY = {
    Kind.REPATRIATION: (Activity.REPATRIATION, ""),
    Kind.TRAINING: (Activity.TRAINING, ""),
    Kind.AGREEMENT_SIGNED: (Activity.AGREEMENT, Stage.SIGNED),
    Kind.AGREEMENT_CHANGED: (Activity.AGREEMENT, Stage.AMENDED),
    Kind.JOINT_PATROL: (Activity.JOINT_PATROL, ""),
    Kind.DEPLOYMENT: (Activity.DEPLOYMENT, ""),
    Kind.ANNOUNCEMENT: (Activity.POLICY, Stage.ANNOUNCED),
    Kind.SCRUTINY: (Activity.SCRUTINY, ""),
}


def kind_of(activity: str, stage: str) -> str:
    """The kind an event of this activity and stage had in the first model."""
    if activity == Activity.AGREEMENT:
        return _AGREEMENT_KINDS.get(stage, Kind.AGREEMENT_SIGNED)
    return _ACTIVITY_KINDS.get(activity, "")


# The subject of the whole timeline: the country on China's side of every event.
SUBJECT_COUNTRY = "CN"


class Role(models.TextChoices):
    """A state's part in an event. The timeline is about China's policing diplomacy, so its
    facets select by the other parties: where that diplomacy reached."""

    SUBJECT = "subject", "China’s side"
    COUNTERPART = "counterpart", "Counterpart (partner, host, recipient)"
    OBJECTOR = "objector", "Objector"
    THIRD_PARTY = "third-party", "Third party"
    TERRITORY = "territory", "Territory entered without consent"


# The roles the country and region facets select by.
OTHER_PARTIES = (Role.COUNTERPART, Role.OBJECTOR, Role.THIRD_PARTY, Role.TERRITORY)


def default_role(code: str) -> str:
    """The role a state named in proposed or selected words takes until an editor says
    otherwise: China its own side, every other state a counterpart."""
    return Role.SUBJECT if code == SUBJECT_COUNTRY else Role.COUNTERPART


class ActorKind(models.TextChoices):
    PERSON = "person", "Person"
    GOVERNMENT_BODY = "government-body", "Government body"
    POLICE_FORCE = "police-force", "Police force"
    ORGANISATION = "organisation", "Organisation"
    RESEARCH_BODY = "research-body", "Research body"


class ActorRole(models.TextChoices):
    ANNOUNCED = "announced", "announced"
    NEGOTIATED = "negotiated", "negotiated"
    SIGNED = "signed", "signed"
    MET = "met", "met"
    VISITED = "visited", "visited"
    HOSTED = "hosted", "hosted"
    TRAINED = "trained", "trained"
    DEPLOYED = "deployed", "deployed"
    REPATRIATED = "repatriated", "repatriated"
    FUNDED = "funded", "funded"
    OBJECTED = "objected", "objected"
    ENDED = "ended", "ended"
    INVESTIGATED = "investigated", "investigated"
    CHARGED = "charged", "charged"
    ACCUSED = "accused", "was accused"
    REPORTED = "reported", "reported"


class Relation(models.TextChoices):
    """How an event bears on an earlier one."""

    AMENDS = "amends", "amends"
    ENDS = "ends", "ends"
    RESPONDS_TO = "responds-to", "responds to"
    FOLLOWS_FROM = "follows-from", "follows from"
    PART_OF = "part-of", "is part of"


class SectionKind(models.TextChoices):
    REPORT = "report", "Report"
    ADDED = "added", "Added by the republisher"
    UNRELATED = "unrelated", "Not part of the report"


class Derivation(models.TextChoices):
    """How a document, or a part of one, derives from another report (see derivation.py)."""

    SYNDICATION = "syndication", "Syndicated copy"
    REWRITE = "rewrite", "Rewrite"
    SUMMARY = "summary", "Summary"


class Counted(models.TextChoices):
    """What a figure counts: the key the /figures/ page groups by, so that figures of the same
    thing given by different sources or for different periods sit together."""

    FOREIGN_POLICE_TRAINED = "foreign-police-trained", "Foreign police trained by China"
    PEOPLE_REPATRIATED = "people-repatriated", "People repatriated to China"
    POLICE_FUNDING = "police-funding", "Money for police support"
    EMBASSY_POLICE = "embassy-police", "Countries with Chinese police at their embassies"
    FORUM_ATTENDANCE = "forum-attendance", "Delegations at a policing forum"
    REGIONAL_DEAL_STATES = "regional-deal-states", "Pacific states and the regional security deal"
    SERVICE_STATIONS = "service-stations", "Chinese police “service stations” alleged abroad"
    OFFICERS_INDICTED = "officers-indicted", "Chinese police officers indicted"
    CHINESE_POLICE_TRAINED_ABROAD = (
        "chinese-police-trained-abroad",
        "Chinese police trained abroad, and what it earned",
    )
    PERSON_AGE = "person-age", "Ages of people named in events"
    SECURITY_TRAINING_PLACES = (
        "security-training-places",
        "Training places offered to other countries’ security professionals",
    )


class FigureScope(models.TextChoices):
    """What a figure's number spans, so that a course's trainees are never read against a
    worldwide yearly total: the whole world, one region, one country, or one programme, course
    or act (docs/corpus.md, "Figures"). A region or country scope names it on the figure; one
    programme or act may name where it was."""

    WORLDWIDE = "worldwide", "worldwide"
    REGION = "region", "one region"
    COUNTRY = "country", "one country"
    SINGLE = "single", "one programme, course or act"


class FigureStatus(models.TextChoices):
    """What the source says of the number: that it happened, that it is promised, or on offer."""

    REPORTED = "reported", "reported as done"
    PLEDGED = "pledged", "pledged or targeted"
    OFFERED = "offered", "offered"


class ProposalStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted (new event)"
    MERGED = "merged", "Merged (cited in an existing event)"
    REJECTED = "rejected", "Rejected"


class CuratedKind(models.TextChoices):
    """What a fixture file holds, one entry per row of its model."""

    EVENT = "event", "event"
    ACTOR = "actor", "actor"
    THREAD = "thread", "thread"


class Resolution(models.TextChoices):
    """How a conflict between the editors' version and the curated one ended."""

    CURATED = "curated", "took the curated version"
    EDITORS = "editors", "kept the editors’ version"
    SAME = "same", "the two came to agree"
