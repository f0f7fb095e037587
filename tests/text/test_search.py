"""Text search over titles, summaries and the words events quote, stemmed, with an excerpt
that shows why an event matched."""

import re

import pytest
from django.db import connection

from policing.models import Citation, Event, Source
from policing.text.search import MATCH_END, MATCH_START, excerpt_html, normalise
from tests.migrating import migration


def slugs(qs):
    return set(qs.values_list("slug", flat=True))


def test_search_finds_words_of_the_quotes_not_only_the_title(curated):
    # "Honiara" is in the Solomons training's quotes and summary, not its title.
    assert "solomon-islands-police-tactical-training-2025" in slugs(Event.objects.search("Honiara"))


def test_search_reads_the_quotes_not_the_whole_paragraphs(curated):
    # Two Italy events cite a paragraph that also mentions Fiji; neither says Fiji itself.
    found = slugs(Event.objects.search("Fiji"))
    assert "fiji-china-policing-agreement-2011" in found
    assert not {slug for slug in found if slug.startswith("italy")}
    for event in Event.objects.search("Fiji"):
        words = [event.title, event.summary, *event.citations.values_list("quote", flat=True)]
        assert "fiji" in " ".join(words).lower()


@pytest.mark.parametrize(
    "typed, slug",
    [
        ("scams", "myanmar-scam-centre-repatriation-2025"),  # "scam centres"
        ("pledged", "africa-police-training-pledge-2024"),  # "China pledges to train"
        ("pledged", "lianyungang-forum-training-pledge-2024"),
        ("trainings", "solomon-islands-police-tactical-training-2025"),  # "tactical training"
        ("3000", "lianyungang-forum-training-pledge-2024"),  # "3,000 police officers"
        ("3000", "africa-police-training-pledge-2024"),
        ("3,000", "africa-police-training-pledge-2024"),
    ],
)
def test_search_finds_other_forms_of_a_word_and_numbers_without_grouping(curated, typed, slug):
    assert slug in slugs(Event.objects.search(typed))


def test_revoked_finds_an_event_that_revokes(curated):
    # No curated event's words inflect "revoke": one that does is found by its other forms.
    event = Event.objects.filter(dated_relative=None).first()
    event.summary = "The government revokes the agreement."
    event.save()
    assert event in Event.objects.search("revoked")
    assert event in Event.objects.search("revoking")


def test_numbers_are_not_joined_across_a_list(curated):
    # "2,700 and 3,000" stay two numbers; a comma before a group of two digits is no grouping.
    assert normalise("2,700 and 3,000; 1,000,000") == "2700 and 3000; 1000000"
    assert normalise("in 2023, 12 officers; 3,00") == "in 2023, 12 officers; 3,00"


def test_every_word_must_match(curated):
    both = slugs(Event.objects.search("Italy patrols"))
    assert "italy-ends-joint-patrols-2022" in both
    assert not slugs(Event.objects.search("Italy Honiara"))


def test_blank_search_changes_nothing(curated):
    assert Event.objects.search("   ").count() == Event.objects.count()


def test_search_follows_citation_changes(curated):
    event = Event.objects.get(slug="fiji-china-policing-agreement-2011")
    assert event not in Event.objects.search("Honiara")
    citation = Citation(
        event=event,
        source=Source.objects.get(slug="scmp-yahoo"),
        quote="The Chinese embassy in Honiara",
    )
    citation.save()
    assert event in Event.objects.search("Honiara")
    citation.delete()
    assert event not in Event.objects.search("Honiara")


def test_search_follows_title_edits(curated):
    event = Event.objects.get(slug="fiji-china-policing-agreement-2011")
    event.title = "Suva accord"
    event.save()
    assert event in Event.objects.search("suva")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text search")
def test_postgresql_search_is_stemmed_and_indexed(curated):
    assert "solomon-islands-police-tactical-training-2025" in slugs(
        Event.objects.search("trainings")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s", ["policing_event_search_gin"]
        )
        assert "to_tsvector" in cursor.fetchone()[0]


sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 index")


@sqlite_only
def test_sqlite_search_matches_the_beginnings_of_words_in_any_case(curated):
    assert slugs(Event.objects.search("HONIAR")) == slugs(Event.objects.search("honiara"))
    assert "solomon-islands-police-tactical-training-2025" in slugs(Event.objects.search("honi"))
    assert not slugs(Event.objects.search("oniara"))  # not the middle of a word


@sqlite_only
@pytest.mark.parametrize(
    "text, slug",
    [
        ("Honiara AND", "solomon-islands-police-tactical-training-2025"),  # "... and sexual"
        ('"Italy', "italy-ends-joint-patrols-2022"),
        ("(Italy)", "italy-ends-joint-patrols-2022"),
        ("Italy*", "italy-ends-joint-patrols-2022"),
        ("-Italy", "italy-ends-joint-patrols-2022"),
        ("—", None),
    ],
)
def test_sqlite_search_reads_search_syntax_as_words(curated, text, slug):
    found = slugs(Event.objects.search(text))
    if slug is None:
        assert not found
    else:
        assert slug in found


@sqlite_only
def test_sqlite_search_index_follows_every_change(curated):
    """The FTS5 triggers must survive migrations that rebuild the event table."""

    def indexed():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM policing_event_fts")
            return cursor.fetchone()[0]

    assert indexed() == Event.objects.count()
    event = Event.objects.filter(dated_relative=None).first()  # one nothing is dated from
    event.summary = "Zanzibarian"
    event.save()
    assert event in Event.objects.search("zanzibar")
    event.delete()
    assert indexed() == Event.objects.count()
    assert not Event.objects.search("zanzibar").exists()


# What a reader sees: each result shows why it matched.


def cards(html: str) -> list[str]:
    return re.findall(r'<article class="event-card.*?</article>', html, re.S)


def excerpts(html: str) -> list[str]:
    return re.findall(r'<p class="event-excerpt">(.*?)</p>', html, re.S)


@pytest.mark.parametrize("typed", ["scams", "pledged", "3000"])
def test_every_result_shows_its_excerpt_with_the_matched_words_marked(client, curated, typed):
    html = client.get("/", {"q": typed}).content.decode()
    found = cards(html)
    assert found
    for card in found:
        (excerpt,) = excerpts(card)
        assert re.search(r"<mark>[^<]+</mark>", excerpt)


def test_an_excerpt_marks_the_words_as_the_source_wrote_them(client, curated):
    html = client.get("/", {"q": "3000"}).content.decode()
    assert "<mark>3,000</mark>" in html  # not the "3000" the index reads
    html = client.get("/", {"q": "scams"}).content.decode()
    assert "<mark>scam</mark>" in html


def test_no_excerpt_without_a_search(client, curated):
    html = client.get("/").content.decode()
    assert cards(html)
    assert not excerpts(html)


def test_an_excerpt_is_escaped_before_its_words_are_marked(client, curated):
    event = Event.objects.get(slug="myanmar-scam-centre-repatriation-2025")
    event.title = '<script>alert("x")</script> scam <b>raid</b>'
    event.save()
    html = client.get("/", {"q": "scam raid"}).content.decode()
    assert "<script>alert" not in html
    assert "<b>" not in html
    (card,) = [c for c in cards(html) if event.slug in c]
    (excerpt,) = excerpts(card)
    assert "<mark>scam</mark>" in excerpt
    assert {tag for tag in re.findall(r"</?(\w+)", excerpt)} <= {"span", "mark"}
    if connection.vendor == "sqlite":  # (PostgreSQL's ts_headline leaves tags out)
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in excerpt
        assert "&lt;b&gt;<mark>raid</mark>&lt;/b&gt;" in excerpt


def test_excerpt_html_closes_a_mark_cut_off_by_the_excerpt(curated):
    html = excerpt_html(f"…{MATCH_END} police {MATCH_START}3000 <i>", "3,000 officers")
    assert html == "… police <mark>3,000 &lt;i&gt;</mark>"


def test_the_search_box_searches_as_you_type_and_still_submits(client, curated):
    html = client.get("/").content.decode()
    box = re.search(r'<input type="search" id="filter-q".*?>', html, re.S).group()
    assert 'hx-trigger="input changed delay:400ms, search"' in box
    assert 'name="q"' in box
    form = re.search(r'<form id="filter-form" method="get".*?</form>', html, re.S).group()
    assert 'id="filter-q"' in form and 'type="submit"' in form


def test_an_excerpt_keeps_the_title_apart_from_the_summary(curated):
    assert excerpt_html(f"{MATCH_START}Fiji{MATCH_END} amends\nFiji  said") == (
        "<mark>Fiji</mark> amends · Fiji said"
    )


# --- The migration ------------------------------------------------------------------------


def test_the_migration_searches_existing_events_by_their_quotes_and_stems(transactional_db):
    with migration("0014_search_stemming") as step:
        source = step.old.get_model("policing", "Source").objects.create(
            slug="s", title="T", outlet="O", published="2025-01-01", text=""
        )
        event = step.old.get_model("policing", "Event").objects.create(
            slug="e",
            title="Minister pledges",
            activity="training",
            date_start="2024-01-01",
            date_precision="year",
            summary="S",
            search_text="Minister pledges\nS\nA whole paragraph that also names Fiji.",
        )
        step.old.get_model("policing", "Citation").objects.create(
            event=event, source=source, quote="it would train 3,000 officers", order=0
        )

        new = step.run().get_model("policing", "Event")
        expected = "Minister pledges\nS\nit would train 3000 officers"
        assert new.objects.get(pk=event.pk).search_text == expected
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                for word, found in [("pledged", True), ("3000", True), ("fiji", False)]:
                    cursor.execute(
                        "SELECT rowid FROM policing_event_fts WHERE policing_event_fts MATCH %s",
                        [f'"{word}"*'],
                    )
                    assert bool(cursor.fetchall()) is found, word


@sqlite_only
def test_a_word_still_being_typed_gets_its_excerpt_too(client, curated):
    # Excerpts are looked up by whole words first; "honi" is none, so its results take the
    # second lookup, by beginnings of words, and each still shows the marked words.
    html = client.get("/", {"q": "honi"}).content.decode()
    found = cards(html)
    assert found
    for card in found:
        (excerpt,) = excerpts(card)
        assert re.search(r"<mark>Honi[a-z]*</mark>", excerpt, re.I)
