"""Text search over titles, summaries and the paragraphs events cite."""

import pytest
from django.db import connection

from policing.models import Citation, Event, Source


def slugs(qs):
    return set(qs.values_list("slug", flat=True))


def test_search_finds_words_of_the_cited_paragraph_not_only_the_title(curated):
    # "Honiara" appears only in the SCMP paragraph the Solomons training cites.
    assert slugs(Event.objects.search("Honiara")) == {
        "solomon-islands-police-tactical-training-2025"
    }


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
@pytest.mark.parametrize("text", ["Italy AND", '"Italy', "(Italy)", "Italy*", "-Italy", "—"])
def test_sqlite_search_reads_search_syntax_as_words(curated, text):
    found = slugs(Event.objects.search(text))
    if text == "—":
        assert not found
    else:
        assert "italy-ends-joint-patrols-2022" in found


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
