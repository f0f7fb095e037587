"""Only a published event that cites a source is public, whatever saved it: the admin refuses
to publish one without a citation, and every page, export and the facet index read the same
rule (querysets.public), so an event saved through the ORM is held to it too."""

from decimal import Decimal

import pytest

from policing.models import Actor, Citation, EventActor, Figure, Thread
from tests.factories import make_event

UNCITED = "uncited-event-saved-through-the-orm"


@pytest.fixture
def uncited(world):
    """A published event with no citation, in a thread, with an actor and a figure, in Fiji."""
    thread = Thread.objects.create(slug="fiji-thread", title="Fiji thread", summary="Fiji.")
    actor = Actor.objects.create(slug="fiji-police", name="Fiji Police", kind="police-force")
    event = make_event(
        UNCITED, date=(2024, 7, 1), countries=["CN", "FJ"], title="Uncited event", thread=thread
    )
    event.citations.all().delete()  # as it was saved: published, citing nothing
    EventActor.objects.create(event=event, actor=actor, role="trained")
    Figure.objects.create(event=event, label="officers of the uncited event", value=Decimal(7))
    return event


PUBLIC = [
    "/",
    "/?country=FJ&view=axis",
    "/countries/fj/",
    "/threads/fiji-thread/",
    "/actors/fiji-police/",
    "/figures/",
    "/figures.json",
    "/figures.csv",
    "/map/",
    "/events.json",
    "/events.ndjson",
    "/events.csv",
    "/events.ics",
    "/events.timelinejs.json",
    "/feed.atom",
    "/events/fiji-training-2011/",  # lists the latest events of its countries
]


def test_a_published_event_without_a_citation_is_on_no_public_page(client, uncited):
    for path in [f"/events/{UNCITED}/", f"/events/{UNCITED}.json", f"/events/{UNCITED}.ics"]:
        assert client.get(path).status_code == 404, path
    for path in PUBLIC:
        response = client.get(path)
        assert response.status_code == 200, path
        body = b"".join(response) if response.streaming else response.content
        assert UNCITED.encode() not in body, path
        assert b"Uncited event" not in body and b"officers of the uncited" not in body, path
    exported = client.get("/events.json").json()
    assert exported["meta"]["count"] == 6  # the world's six published events, each cited


def test_an_event_leaves_the_timeline_with_its_last_citation_and_comes_back_with_one(client, world):
    event = world["agreement"]
    [citation] = event.citations.all()

    def listed() -> bool:
        shown = event.slug in client.get("/").content.decode()
        exported = event.slug in {e["slug"] for e in client.get("/events.json").json()["events"]}
        assert shown == exported
        return shown

    assert listed()
    citation.delete()  # through the ORM: the facet index hears of it from the data version
    assert not listed()
    Citation(event=event, source=citation.source, quote=citation.quote).save()
    assert listed()
