"""Proposals made as `proposals.queue()` saves them, for the review tests (client and browser)."""

from policing.models import Proposal, Source
from tests.pasted_report import FIJI, PNG, RUGBY, TIMOR

SENTENCE = (
    "Meanwhile, some 8,000km (4,970 miles) away in the southwestern Pacific, a group of Chinese "
    "liaison officers was wrapping up police tactical training for local officers in the "
    "Solomon Islands earlier this month."
)
TRAINING = "solomon-islands-police-tactical-training-2025"


def make_proposal(source_slug="scmp-yahoo", quote=SENTENCE, **fields) -> Proposal:
    """A pending proposal of `quote`, anchored where it is in the source, as queue() saves one."""
    source = Source.objects.get(slug=source_slug)
    passage = next(p for p in source.passages.all() if quote in p.text)
    start = passage.text.index(quote)
    values = {
        "date_text": "earlier this month",
        "date_edtf": "[2025-02-01..2025-02-22]",
        "date_reading": "“earlier this month”, read against the publication on 23 Feb 2025.",
        "countries": ["CN", "SB"],
        "activity": "training",
        "stage": "completed",
        "actors": [],
        "figures": [],
        "matches": [],
        **fields,
    }
    return Proposal.objects.create(
        source=source,
        passage=passage,
        quote=quote,
        start=start,
        end=start + len(quote),
        fingerprint=Proposal.fingerprint_of(quote, passage.anchor),
        **values,
    )


# A report of five dated acts, one a paragraph, each proposed as the reader proposes it.
# The first four are the pasted report's (tests/pasted_report.py); the fifth is its own.
COURSE = "On 15 March 2025, Chinese officers completed a tactical course for Solomon Islands police"
FIVE = {
    FIJI: ("On 3 March 2025", "2025-03-03", ["FJ", "CN"], "agreement", "signed"),
    PNG: ("On 10 March 2025", "2025-03-10", ["CN", "PG"], "training", "started"),
    TIMOR: ("On 12 March 2025", "2025-03-12", ["TL", "CN"], "joint-patrol", "announced"),
    RUGBY: ("On 14 March 2025", "2025-03-14", ["CN", "SB"], "visit", ""),
    COURSE: ("On 15 March 2025", "2025-03-15", ["CN", "SB"], "training", "completed"),
}


def five_proposals(slug: str = "pacific-ties") -> list[Proposal]:
    """A pasted report of five paragraphs (FIVE), imported, with a pending proposal of each."""
    from policing.corpus import seeds

    source = Source.objects.create(
        slug=slug,
        title="Pacific policing ties deepen",
        outlet="Example Pacific News",
        published_edtf="2025-03-20",
        text="Pacific policing ties deepen\n\n" + "".join(f"{s}.\n" for s in FIVE),
    )
    seeds.import_text(source)
    made = []
    for quote, (phrase, edtf, countries, activity, stage) in FIVE.items():
        made.append(
            make_proposal(
                slug,
                quote,
                date_text=phrase,
                date_edtf=edtf,
                date_reading=f"“{phrase}”, a day.",
                countries=countries,
                activity=activity,
                stage=stage,
            )
        )
    return made
