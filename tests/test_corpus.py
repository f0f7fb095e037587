"""Importing the seeds: verbatim evidence, stable anchors, idempotence, and refusing to break
citations."""

import hashlib

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from policing.corpus import BrokenCitations, import_corpus, read_manifest, split_passages
from policing.models import Citation, Event, Passage, SectionKind, Source

SHARED_SEEDS = settings.BASE_DIR.parent / "shared" / "seeds"


def test_seeds_are_the_evidence_as_received():
    entries = read_manifest(settings.SEEDS_DIR)
    assert len(entries) == 5
    for entry in entries:
        content = (settings.SEEDS_DIR / entry.file).read_bytes()
        assert hashlib.sha256(content).hexdigest() == entry.sha256, entry.file


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_seeds_are_byte_identical_to_the_shared_originals():
    for original in SHARED_SEEDS.glob("*.txt"):
        assert (settings.SEEDS_DIR / original.name).read_bytes() == original.read_bytes()


def test_every_non_empty_line_is_a_passage_with_its_offsets():
    text = "First line.\n\n  \nSecond “line”.\r\nFirst line.\n"
    passages = split_passages(text)
    assert [p.line for p in passages] == [1, 4, 5]
    for passage in passages:
        assert text[passage.start : passage.end] == passage.text
    assert passages[0].anchor != passages[2].anchor  # a repeated paragraph gets its own anchor
    assert passages[2].anchor == passages[0].anchor + "-2"


def test_anchors_depend_on_the_paragraph_not_its_position():
    before = {p.text: p.anchor for p in split_passages("A.\nB.\nC.\n")}
    after = {p.text: p.anchor for p in split_passages("New first.\nA.\nC.\nB.\n")}
    assert all(after[text] == anchor for text, anchor in before.items())


def test_import_creates_sources_with_manifest_metadata_and_sections(corpus):
    scmp = Source.objects.get(slug="scmp-yahoo")
    assert scmp.syndication == "South China Morning Post via Yahoo"
    assert scmp.published.isoformat() == "2025-02-23"
    rewrite = Source.objects.get(slug="world-today-news-rewrite")
    assert rewrite.rewrite_of == scmp
    assert rewrite.published_precision == "month" and rewrite.published_inferred
    # The unrelated stories after the report are passages, but marked as not part of it.
    guns = scmp.passages.filter(text__startswith="Guns or weed?").first()
    assert guns.section == SectionKind.UNRELATED
    assert scmp.passages.get(text__startswith="On Thursday, 200").section == SectionKind.REPORT
    interview = rewrite.passages.get(text__startswith="Interviewer: Dr. Anya Sharma")
    assert interview.section == SectionKind.ADDED
    for passage in Passage.objects.all():
        assert passage.source.text[passage.start : passage.end] == passage.text


def test_second_import_changes_nothing(corpus):
    before = list(Passage.objects.order_by("pk").values())
    report = import_corpus(settings.SEEDS_DIR)
    assert not report.changed
    assert list(Passage.objects.order_by("pk").values()) == before


def _cite(quote, slug="scmp-yahoo"):
    event = Event.objects.create(
        slug="e", title="E", kind="repatriation", summary="s", date_start="2025-02-20",
        date_precision="day",
    )  # fmt: skip
    citation = Citation(event=event, source=Source.objects.get(slug=slug), quote=quote)
    citation.save()
    return citation


def test_changed_file_that_keeps_the_quote_re_anchors_the_citation(db, seeds_copy):
    import_corpus(seeds_copy)
    citation = _cite("200 Chinese nationals rescued from online scam centres in Myanmar")
    path = seeds_copy / "001_dd4a9ddce3d3a761.txt"
    path.write_text("An inserted paragraph.\n" + path.read_text(encoding="utf-8"), "utf-8")
    anchor, ordinal = citation.passage.anchor, citation.passage.ordinal

    report = import_corpus(seeds_copy)

    citation.refresh_from_db()
    assert citation.passage.anchor == anchor  # the same paragraph, now one further down
    assert citation.passage.ordinal == ordinal + 1
    assert report.passages_created == 1


def test_changed_file_that_breaks_a_citation_fails_and_changes_nothing(db, seeds_copy):
    import_corpus(seeds_copy)
    quote = "200 Chinese nationals rescued from online scam centres in Myanmar"
    citation = _cite(quote)
    path = seeds_copy / "001_dd4a9ddce3d3a761.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("200 Chinese", "300 Chinese"), "utf-8")
    before = list(Passage.objects.order_by("pk").values())

    with pytest.raises(CommandError) as failure:
        call_command("import_sources", seeds=seeds_copy)

    message = str(failure.value)
    assert "event “e”" in message and "source “scmp-yahoo”" in message and quote in message
    assert list(Passage.objects.order_by("pk").values()) == before
    citation.refresh_from_db()
    assert citation.passage.text.startswith("On Thursday, 200 Chinese")
    assert "300 Chinese" not in Source.objects.get(slug="scmp-yahoo").text


def test_broken_citation_error_lists_each_citation(db, seeds_copy):
    import_corpus(seeds_copy)
    _cite("Liu Zhongyi, China's assistant minister for public security")
    path = seeds_copy / "001_dd4a9ddce3d3a761.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Liu Zhongyi, China", "Liu, China"))
    with pytest.raises(BrokenCitations) as failure:
        import_corpus(seeds_copy)
    assert len(failure.value.broken) == 1


def test_dry_run_reports_without_saving(db):
    report = import_corpus(settings.SEEDS_DIR, dry_run=True)
    assert report.sources_created == 5
    assert not Source.objects.exists()
