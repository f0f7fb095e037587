"""The indexes of threads and actors on the curated data: every one listed and linked, counted
as the public sees them; reached from the navigation and the breadcrumbs; and an actor's page
quoting the words that name the actor in each event."""

import re
from html import unescape

import pytest
from django.utils.html import escape
from lxml import html as lxml_html

from policing.links import citation_address
from policing.models import Actor, ActorRole, Citation, EventActor, Thread
from policing.models.querysets import public
from tests.factories import make_event
from tests.markup import select


def published_steps(thread) -> list:
    return list(thread.events.published().chronological())


def card(html: str, element_id: str):
    """The element `element_id` belongs to: a thread's card, or an actor's row."""
    [heading] = lxml_html.fromstring(html).xpath(f'//*[@id="{element_id}"]')
    return heading.xpath("ancestor::article")[0]


def words(text: str) -> str:
    return " ".join(text.split())


# --- threads ----------------------------------------------------------------------------------


def test_every_thread_is_listed_with_a_link_that_works(curated, client):
    response = client.get("/threads/")
    assert response.status_code == 200
    html = response.content.decode()
    threads = list(Thread.objects.all())
    assert len(threads) > 3
    for thread in threads:
        assert select(html, "a", href=thread.get_absolute_url()), thread.slug
        assert client.get(thread.get_absolute_url()).status_code == 200
    assert len(response.context["threads"]) == len(threads)


def test_a_threads_steps_span_and_latest_stage_are_those_of_its_public_events(curated, client):
    html = client.get("/threads/").content.decode()
    for thread in Thread.objects.all():
        steps = published_steps(thread)
        shown = words(card(html, f"thread-{thread.slug}").text_content())
        assert f"Steps {len(steps)} event{'s' if len(steps) != 1 else ''}" in shown, thread.slug
        first, latest = steps[0], steps[-1]
        if len(steps) > 1:
            assert f"First step {first.date_display}" in shown
        assert f"Latest step {latest.date_display} {latest.title}" in shown
        assert f"Latest stage {latest.get_stage_display()}" in shown
    # The Fiji agreement: signed in 2011, amended in March 2024.
    fiji = words(card(html, "thread-fiji-china-policing-agreement").text_content())
    assert "Steps 2 events First step 2011 Latest step Mar 2024" in fiji
    assert fiji.endswith("Latest stage Amended")


def test_drafts_and_uncited_events_are_not_steps_and_a_thread_without_steps_says_so(
    curated, client
):
    fiji = Thread.objects.get(slug="fiji-china-policing-agreement")
    make_event("fiji-draft-2025", date=(2025, 1, 1), thread=fiji, published=False)
    uncited = make_event("fiji-uncited-2025", date=(2025, 2, 1), thread=fiji)
    Citation.objects.filter(event=uncited).delete()
    empty = Thread.objects.create(slug="no-steps-yet", title="A thread", summary="Nothing yet.")
    response = client.get("/threads/")
    rows = {row["thread"].slug: row for row in response.context["threads"]}
    assert rows["fiji-china-policing-agreement"]["steps"] == 2
    assert rows["fiji-china-policing-agreement"]["latest"].slug == (
        "fiji-policing-agreement-amended-2024"
    )
    assert rows["no-steps-yet"]["steps"] == 0
    html = response.content.decode()
    assert (
        "No published events in this thread yet."
        in card(html, "thread-no-steps-yet").text_content()
    )
    assert client.get(empty.get_absolute_url()).status_code == 200


def test_threads_are_listed_in_the_order_they_began(curated, client):
    rows = client.get("/threads/").context["threads"]
    firsts = [row["first"].date_start for row in rows]
    assert firsts == sorted(firsts)
    assert rows[0]["thread"].slug == "fiji-china-policing-agreement"  # 2011


# --- actors -----------------------------------------------------------------------------------


def public_events(actor) -> set:
    return set(
        EventActor.objects.filter(public("event"), actor=actor).values_list("event_id", flat=True)
    )


def test_every_actor_is_listed_with_a_link_that_works(curated, client):
    response = client.get("/actors/")
    assert response.status_code == 200
    html = response.content.decode()
    actors = list(Actor.objects.all())
    assert len(actors) > 10
    for actor in actors:
        assert select(html, "a", href=actor.get_absolute_url()), actor.slug
        assert client.get(actor.get_absolute_url()).status_code == 200
    listed = [row["actor"] for group in response.context["groups"] for row in group["actors"]]
    assert sorted(a.slug for a in listed) == sorted(a.slug for a in actors)
    assert f"The {len(actors)} people and institutions" in html


def test_each_actor_shows_kind_country_public_events_and_roles(curated, client):
    wang = Actor.objects.get(slug="wang-xiaohong")
    draft = make_event("draft-with-wang", published=False)
    EventActor.objects.create(event=draft, actor=wang, role=ActorRole.TRAINED)
    response = client.get("/actors/")
    page = lxml_html.fromstring(response.content)
    for group in response.context["groups"]:
        [table] = page.xpath(f'//table[@aria-labelledby="kind-{group["kind"]}"]')
        heading = page.xpath(f'//h2[@id="kind-{group["kind"]}"]')[0].text_content()
        assert heading.startswith(group["heading"])
        rows = table.xpath("./tbody/tr")
        assert len(rows) == len(group["actors"])
        for tr, row in zip(rows, group["actors"], strict=True):
            actor = row["actor"]
            assert actor.kind == group["kind"]
            name, country, count, roles = (words(cell.text_content()) for cell in tr)
            assert name == actor.name
            assert country == (actor.country.name if actor.country else "None given")
            assert int(count) == row["events"] == len(public_events(actor)), actor.slug
            expected = EventActor.objects.filter(public("event"), actor=actor)
            for role in {r.get_role_display() for r in expected}:
                assert role in roles
    # A draft naming Wang Xiaohong counts for nothing, and his role in it is not listed.
    [row] = [r for g in response.context["groups"] for r in g["actors"] if r["actor"] == wang]
    assert row["events"] == 4 and "trained" not in dict(row["roles"])


def test_actors_are_grouped_by_kind_most_events_first_then_by_name(curated, client):
    groups = client.get("/actors/").context["groups"]
    assert [g["heading"] for g in groups][:2] == ["People", "Government bodies"]
    for group in groups:
        keys = [(-row["events"], row["actor"].name.casefold()) for row in group["actors"]]
        assert keys == sorted(keys)
    people = [row["actor"].slug for row in groups[0]["actors"]]
    assert people[0] == "wang-xiaohong"  # four events


# --- reaching them ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "threads", "actors"),
    [
        ("/", None, None),
        ("/threads/", "page", None),
        ("/threads/fiji-china-policing-agreement/", "true", None),
        ("/actors/", None, "page"),
        ("/actors/wang-xiaohong/", None, "true"),
    ],
)
def test_the_navigation_links_both_indexes_and_marks_where_you_are(
    curated, client, address, threads, actors
):
    html = client.get(address).content.decode()
    nav = html.split('<nav class="site-nav"')[1].split("</nav>")[0]
    [to_threads] = select(nav, "a", href="/threads/")
    [to_actors] = select(nav, "a", href="/actors/")
    assert to_threads.get("aria-current") == threads
    assert to_actors.get("aria-current") == actors


def test_a_thread_or_actor_page_goes_up_to_its_index(curated, client):
    for address, index in (
        ("/threads/fiji-china-policing-agreement/", "/threads/"),
        ("/actors/wang-xiaohong/", "/actors/"),
    ):
        html = client.get(address).content.decode()
        breadcrumbs = html.split('class="breadcrumbs"')[1].split("</nav>")[0]
        assert select(breadcrumbs, "a", href=index), address


def test_the_indexes_read_a_fixed_number_of_queries(curated, client, django_assert_num_queries):
    # The data version, then the events (or actors' roles) and the threads (or actors).
    for address in ("/threads/", "/actors/"):
        with django_assert_num_queries(3):
            client.get(address)


# --- an actor's words -------------------------------------------------------------------------


def step_words(html: str, event_slug: str):
    """The quoted words and their link under an event on an actor's page."""
    page = lxml_html.fromstring(html)
    [item] = page.xpath(
        f'//ol[contains(@class, "actor-steps")]/li[a[@href="/events/{event_slug}/"]]'
    )
    [figure] = item.xpath('.//figure[@class="actor-words"]')
    return figure


def test_an_actors_page_quotes_the_sentence_that_names_them_and_links_to_it(curated, client):
    html = client.get("/actors/wang-xiaohong/").content.decode()
    figure = step_words(html, "foreign-officers-trained-2023")
    # "Wang" alone: no other person of this event shares the name (Wang Yi is in none).
    quote = figure.xpath(".//blockquote")[0]
    assert words(quote.text_content()) == (
        "“Wang said China had trained 2,700 foreign law enforcement officers in 2023”"
    )
    assert [b.text_content() for b in quote.xpath(".//b")] == ["Wang"]
    citation = Citation.objects.get(
        event__slug="foreign-officers-trained-2023", quote__startswith="Wang said"
    )
    [link] = figure.xpath(".//figcaption/a")
    assert unescape(link.get("href")) == citation.reader_address()
    assert words(link.text_content()) == (
        f"{citation.source.outlet_display}, paragraph {citation.passage.ordinal}"
    )
    assert client.get(citation.reader_address().split("#")[0]).status_code == 200


def test_of_a_quote_of_several_sentences_the_one_naming_the_actor_is_shown(curated, client):
    citation = Citation.objects.get(event__slug="china-central-asia-public-security-forum-2024")
    assert "He stated" in citation.quoted_text
    html = client.get("/actors/wang-xiaohong/").content.decode()
    figure = step_words(html, "china-central-asia-public-security-forum-2024")
    shown = words(figure.xpath(".//blockquote")[0].text_content()).strip("“”")
    assert shown.startswith("Wang spoke at the China-Central Asia public security forum")
    assert "He stated" not in shown
    # The link points the browser at that sentence, with the event's words set apart.
    href = unescape(figure.xpath(".//figcaption/a")[0].get("href"))
    assert href == citation_address(
        "train-thousands-2024",
        citation.passage.anchor,
        shown,
        "china-central-asia-public-security-forum-2024",
    )


def test_where_no_quote_names_the_actor_the_first_citation_is_shown_and_said_to_be(curated, client):
    # The report writes "ABC’s Four Corners program", not the actor's name.
    html = client.get("/actors/abc-four-corners/").content.decode()
    figure = step_words(html, "australian-resident-escorted-to-china-2019")
    first = Citation.objects.filter(event__slug="australian-resident-escorted-to-china-2019")[0]
    assert words(figure.xpath(".//blockquote")[0].text_content()) == (
        f"“{words(first.quoted_text)}”"
    )
    assert not figure.xpath(".//b")
    caption = words(figure.xpath(".//figcaption")[0].text_content())
    assert "the event’s first citation; none of its quotes gives the name “ABC Four Corners”" in (
        caption
    )
    assert escape(first.quoted_text) in html


def test_an_actor_page_reads_a_fixed_number_of_queries(curated, client, django_assert_num_queries):
    # The data version, the actor, its roles with events, their citations and their actors.
    with django_assert_num_queries(5):
        client.get("/actors/wang-xiaohong/")
    with django_assert_num_queries(5):
        client.get("/actors/ministry-of-public-security/")


def test_every_actors_page_quotes_words_for_each_of_their_events(curated, client):
    for actor in Actor.objects.all():
        response = client.get(actor.get_absolute_url())
        for step in response.context["steps"]:
            found = step["words"]
            assert found is not None, (actor.slug, step["event"].slug)
            quoted = found["before"] + found["name"] + found["after"]
            # Words of one of the event's quotes, as the source spells them.
            assert any(
                quoted in c.quoted_text for c in Citation.objects.filter(event=step["event"])
            )
            if found["names"]:
                assert re.search(r"\w", found["name"])
