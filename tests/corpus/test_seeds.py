"""Importing the seeds: verbatim evidence, stable anchors, idempotence, and refusing to break
citations or to read a broken manifest or seed."""

import hashlib
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from policing.corpus.manifest import CorpusError, read_manifest
from policing.corpus.seeds import BrokenCitations, import_corpus, split_passages
from policing.models import Citation, Event, Passage, SectionKind, Source

SHARED_SEEDS = settings.BASE_DIR.parent / "shared" / "seeds"
SCMP = "001_dd4a9ddce3d3a761.txt"
SCMP_SHA256 = "3e0578377bfb6fe5710cd59c4c75e800410204ed5c73308bc5a83f65fe85b1bd"


def test_every_seed_is_in_the_manifest_with_its_sha256():
    entries = read_manifest(settings.SEEDS_DIR)
    assert sorted(e.file for e in entries) == sorted(
        p.name for p in settings.SEEDS_DIR.glob("*.txt")
    )
    for entry in entries:
        content = (settings.SEEDS_DIR / entry.file).read_bytes()
        assert hashlib.sha256(content).hexdigest() == entry.sha256, entry.file


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="../shared/seeds is not beside this checkout")
def test_seeds_are_byte_identical_to_the_shared_originals():
    originals = sorted(SHARED_SEEDS.glob("*.txt"))
    assert [p.name for p in originals] == sorted(p.name for p in settings.SEEDS_DIR.glob("*.txt"))
    for original in originals:
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
    assert (rewrite.derivation, rewrite.rewrite_of) == ("rewrite", scmp)
    # A rewrite of a report of 23 Feb 2025 that carries no date: on or after that day.
    assert rewrite.published_edtf == "2025-02-23/.." and rewrite.published_inferred
    assert rewrite.published_display == "23 Feb 2025 or later (inferred)"  # one act
    # A report the texts date only to its month: "China to train thousands…", September 2024.
    train = Source.objects.get(slug="train-thousands-2024")
    assert train.published_edtf == "2024-09" and train.published_display == "Sep 2024 (inferred)"
    assert "which week" in train.published_note
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
        slug="e", title="E", activity="repatriation", summary="s", date_start="2025-02-20",
        date_precision="day",
    )  # fmt: skip
    citation = Citation(event=event, source=Source.objects.get(slug=slug), quote=quote)
    citation.save()
    return citation


def test_changed_file_that_keeps_the_quote_re_anchors_the_citation(db, seeds_copy):
    import_corpus(seeds_copy)
    citation = _cite("200 Chinese nationals rescued from online scam centres in Myanmar")
    path = seeds_copy / SCMP
    path.write_text("An inserted paragraph.\n" + path.read_text(encoding="utf-8"), "utf-8")
    call_command("rehash_seeds", seeds=seeds_copy, stdout=StringIO())
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
    path = seeds_copy / SCMP
    path.write_text(path.read_text(encoding="utf-8").replace("200 Chinese", "300 Chinese"), "utf-8")
    call_command("rehash_seeds", seeds=seeds_copy, stdout=StringIO())
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
    path = seeds_copy / SCMP
    path.write_text(path.read_text(encoding="utf-8").replace("Liu Zhongyi, China", "Liu, China"))
    call_command("rehash_seeds", seeds=seeds_copy, stdout=StringIO())
    with pytest.raises(BrokenCitations) as failure:
        import_corpus(seeds_copy)
    assert len(failure.value.broken) == 1


def test_dry_run_reports_without_saving(db):
    report = import_corpus(settings.SEEDS_DIR, dry_run=True)
    assert report.sources_created == 5
    assert not Source.objects.exists()


def _database():
    """What a refused import must leave as it was."""
    return (
        Source.objects.count(),
        Passage.objects.count(),
        list(Source.objects.order_by("slug").values_list("slug", "sha256", "text")),
    )


@pytest.fixture
def imported_copy(db, seeds_copy):
    """A writable copy of seeds/, already imported."""
    import_corpus(seeds_copy)
    return seeds_copy


def _edit_manifest(seeds_dir, old, new):
    path = seeds_dir / "manifest.toml"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _line(seeds_dir, prefix):
    """The number of the last manifest line starting with `prefix`: where a message must point."""
    lines = (seeds_dir / "manifest.toml").read_text(encoding="utf-8").splitlines()
    return max(n for n, line in enumerate(lines, 1) if line.startswith(prefix))


def test_a_seed_that_is_not_utf8_is_refused_naming_file_and_line(imported_copy):
    path = imported_copy / SCMP
    lines = path.read_bytes().split(b"\n")
    offset = sum(len(line) + 1 for line in lines[:11])
    lines[11] = b"\xff" + lines[11]
    path.write_bytes(b"\n".join(lines))
    before = _database()

    expected = rf"{SCMP}: not valid UTF-8 at line 12 \(byte 0xff at offset {offset}\)"
    with pytest.raises(CommandError, match=expected):
        call_command("import_sources", seeds=imported_copy)

    assert _database() == before


def test_a_manifest_that_is_not_toml_is_refused_naming_its_line(imported_copy):
    _edit_manifest(imported_copy, 'carried_by = "Yahoo"\n', 'carried_by = "Yahoo\n')
    before = _database()

    line = _line(imported_copy, 'carried_by = "Yahoo')
    with pytest.raises(CommandError, match=rf"manifest\.toml line {line}, column \d+: "):
        call_command("import_sources", seeds=imported_copy)

    assert _database() == before


@pytest.mark.parametrize(
    ("old", "new", "at", "expected"),
    [
        (
            'carried_by = "Yahoo"\n',
            'carried_by = "Yahoo"\npublisher = "SCMP"\n',
            "publisher =",
            r"source “scmp-yahoo” has an unknown key “publisher” \(known: author, carried_by, .*\)",
        ),
        (
            'outlet = "Indo-Pacific Defense FORUM"\n',
            "",
            "[[sources]]",
            r"source “ipd-forum-2024” lacks the required key “outlet”",
        ),
        (
            f'file = "{SCMP}"',
            'file = "001_missing.txt"',
            'file = "001_missing',
            r"source “scmp-yahoo” names the file “001_missing\.txt”, which is not in ",
        ),
        (
            'published = 2025-02-23\npublished_precision = "day"\nprovenance',
            'published = "23 February 2025"\npublished_precision = "day"\nprovenance',
            'published = "23',
            r"source “scmp-yahoo” has published = '23 February 2025'; write a date without quotes",
        ),
        (
            'published = 2025-02-23\npublished_precision = "day"\nprovenance',
            'published = 2025-02-23T09:00:00\npublished_precision = "day"\nprovenance',
            "published = 2025-02-23T",
            r"source “scmp-yahoo” has published = datetime",
        ),
        (
            'published_precision = "day"\nprovenance = "The South',
            'published_precision = "week"\nprovenance = "The South',
            'published_precision = "week"',
            r"source “scmp-yahoo” has published_precision “week”; use one of day, month, year",
        ),
        (
            '{ lines = [2, 9], kind = "report" }',
            '{ lines = [9, 2], kind = "report" }',
            "  { lines = [9, 2]",
            r"source “scmp-yahoo” has a section with lines = \[9, 2\]",
        ),
        (
            'derived_from = "scmp-yahoo"\nprovenance = "A rewrite',
            'derived_from = "scmp"\nprovenance = "A rewrite',
            'derived_from = "scmp"',
            r"source “world-today-news-rewrite” derives from “scmp”, which is not a source",
        ),
        (
            'derivation = "rewrite"',
            'derivation = "copy"',
            'derivation = "copy"',
            r"source “world-today-news-rewrite” has derivation “copy”; use one of syndication, "
            "rewrite, summary",
        ),
        (
            'derivation = "rewrite"\nderived_from = "scmp-yahoo"\n',
            'derivation = "rewrite"\n',
            'derivation = "rewrite"',
            r"source “world-today-news-rewrite” has derivation without derived_from; give both",
        ),
        (
            'derived_from = "scmp-yahoo"\nprovenance = "A rewrite',
            'derived_from = "world-today-news-rewrite"\nprovenance = "A rewrite',
            'derived_from = "world-today-news-rewrite"',
            r"source “world-today-news-rewrite” cannot derive from itself",
        ),
        (
            'derived_from = "scmp-yahoo"\nprovenance = "A rewrite',
            'derived_from = "bangkok-post-digest"\nprovenance = "A rewrite',
            'derived_from = "bangkok-post-digest"',
            r"source “world-today-news-rewrite” derives from “bangkok-post-digest”, which itself "
            "derives from another report; name that report, the origin",
        ),
        (
            'derived_from = "scmp-yahoo" }',
            'derived_from = "scmp" }',
            "  { lines = [1, 8]",
            r"source “bangkok-post-digest” derives from “scmp”, which is not a source",
        ),
        (
            'derivation = "summary", derived_from',
            "derived_from",
            "  { lines = [1, 8]",
            r"source “bangkok-post-digest” has a section with derived_from without derivation",
        ),
        (
            'kind = "unrelated", label = "Digest categories (navigation)" }',
            'kind = "unrelated", label = "Digest categories (navigation)", '
            'derivation = "summary", derived_from = "scmp-yahoo" }',
            "  { lines = [18, 20]",
            r"source “bangkok-post-digest” has a section of kind “unrelated” that derives from "
            "another report",
        ),
        (
            '{ lines = [29, 44], kind = "added"',
            '{ lines = [29, 44], kind = "report", derivation = "summary", '
            'derived_from = "scmp-yahoo" }, { lines = [45, 45], kind = "added"',
            'derived_from = "scmp-yahoo"',
            r"source “world-today-news-rewrite” derives from “scmp-yahoo” as a whole, so none of "
            "its sections can derive too",
        ),
        (
            'slug = "ipd-forum-2024"',
            'slug = "train-thousands-2024"',
            'slug = "train-thousands-2024"',
            r"slug “train-thousands-2024” is repeated",
        ),
        (
            'published_edtf = "2024-09"',
            'published_edtf = "2024-09-10"',
            'published_edtf = "2024-09-10"',
            r"source “train-thousands-2024” has published_edtf “2024-09-10”, which starts "
            r"2024-09-10 at day precision, but published = 2024-09-01",
        ),
        (
            'published_edtf = "2024-09"',
            'published_edtf = "September 2024"',
            'published_edtf = "September',
            r"source “train-thousands-2024”: published_edtf: “September 2024” is not a valid EDTF",
        ),
    ],
    ids=[
        "unknown key",
        "missing key",
        "missing file",
        "date as text",
        "date and time",
        "precision",
        "section lines",
        "derived_from",
        "derivation kind",
        "derivation alone",
        "derived from itself",
        "derived from a derived source",
        "section derived_from",
        "section derived_from alone",
        "derived unrelated section",
        "derived section in a derived source",
        "repeated slug",
        "publication EDTF disagrees",
        "publication not EDTF",
    ],
)
def test_a_bad_manifest_entry_is_refused_naming_its_line(imported_copy, old, new, at, expected):
    _edit_manifest(imported_copy, old, new)
    before = _database()

    line = _line(imported_copy, at)
    with pytest.raises(CommandError, match=rf"manifest\.toml line {line}: {expected}"):
        call_command("import_sources", seeds=imported_copy)

    assert _database() == before


def test_a_seed_that_differs_from_its_sha256_is_refused(imported_copy):
    path = imported_copy / SCMP
    path.write_bytes(path.read_bytes() + b"A line added outside any quote.\n")
    actual = hashlib.sha256(path.read_bytes()).hexdigest()
    before = _database()

    with pytest.raises(CorpusError) as failure:
        import_corpus(imported_copy)

    message = str(failure.value)
    assert message.startswith(f"{imported_copy / SCMP}: its SHA-256 is {actual}")
    line = _line(imported_copy, 'sha256 = "3e05')
    assert f"manifest.toml line {line} records {SCMP_SHA256}" in message
    assert "manage.py rehash_seeds" in message
    assert _database() == before
    with pytest.raises(CommandError, match=rf"{SCMP}: its SHA-256 is {actual}"):
        call_command("import_sources", seeds=imported_copy)
    assert _database() == before


def test_rehash_seeds_records_a_deliberate_change_and_nothing_else(imported_copy):
    manifest = imported_copy / "manifest.toml"
    original = manifest.read_text(encoding="utf-8")
    path = imported_copy / SCMP
    path.write_bytes(path.read_bytes() + b"A line added outside any quote.\n")
    actual = hashlib.sha256(path.read_bytes()).hexdigest()

    call_command("rehash_seeds", seeds=imported_copy, dry_run=True, stdout=StringIO())
    assert manifest.read_text(encoding="utf-8") == original
    out = StringIO()
    call_command("rehash_seeds", seeds=imported_copy, stdout=out)

    assert f"{SCMP}: {SCMP_SHA256} -> {actual}" in out.getvalue()
    # Only the one sha256 line changed: comments, order and the other hashes are kept.
    assert manifest.read_text(encoding="utf-8") == original.replace(SCMP_SHA256, actual)
    import_corpus(imported_copy)
    assert Source.objects.get(slug="scmp-yahoo").sha256 == actual
    assert Source.objects.get(slug="scmp-yahoo").text.endswith("outside any quote.\n")
    again = StringIO()
    call_command("rehash_seeds", seeds=imported_copy, stdout=again)
    assert "Every seed matches its recorded hash." in again.getvalue()


def test_a_new_document_gets_its_hash_from_rehash_seeds(db, seeds_copy):
    (seeds_copy / "005_new.txt").write_text("A new report.\n", encoding="utf-8")
    with (seeds_copy / "manifest.toml").open("a", encoding="utf-8") as manifest:
        manifest.write(
            '\n[[sources]]\nslug = "new"\nfile = "005_new.txt"\ntitle = "New"\n'
            'outlet = "Somewhere"\npublished = 2025-03-01\nsha256 = ""\n'
        )
    with pytest.raises(CommandError, match=r"005_new\.txt: its SHA-256 is \w+ but .* nothing"):
        call_command("import_sources", seeds=seeds_copy)

    call_command("rehash_seeds", seeds=seeds_copy, stdout=StringIO())
    call_command("import_sources", seeds=seeds_copy, stdout=StringIO())

    assert Source.objects.get(slug="new").sha256 == hashlib.sha256(b"A new report.\n").hexdigest()


@pytest.mark.django_db
def test_a_report_at_the_paragraph_limit_is_written_in_a_few_statements(
    django_assert_max_num_queries,
):
    """A row at a time, 12,095 passages took 53 s and held the write lock throughout."""
    from policing.corpus.seeds import import_text
    from policing.models import DataVersion

    lines = [f"Paragraph {i} of a long report." for i in range(settings.REPORT_MAX_PARAGRAPHS)]
    source = Source.objects.create(
        slug="long", title="Long", outlet="O", published="2025-01-01", text="\n".join(lines)
    )
    before = DataVersion.current().counter
    with django_assert_max_num_queries(40):
        report = import_text(source)
    assert report.passages_created == settings.REPORT_MAX_PARAGRAPHS
    assert source.passages.count() == settings.REPORT_MAX_PARAGRAPHS
    assert DataVersion.current().counter > before

    # Text changed: kept paragraphs keep an editor's marks, and only changed rows are written.
    source.passages.filter(ordinal=1).update(section=SectionKind.UNRELATED)
    source.text = "A new first line.\n" + "\n".join(lines[:-1])
    with django_assert_max_num_queries(40):
        report = import_text(source)
    assert (report.passages_created, report.passages_deleted) == (1, 1)
    assert source.passages.get(line=2).section == SectionKind.UNRELATED
    assert source.passages.count() == settings.REPORT_MAX_PARAGRAPHS
