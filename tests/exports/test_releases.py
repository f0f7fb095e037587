"""Releases: the zip of the curated data is a valid Frictionless Data Package whose tables load
with the csv module and join on their keys, whose events.ndjson is the export contract's, whose
codebook names every field and value; a release is never rebuilt or altered; a second release
lists what editors changed and withdrew, with their reasons, old and new values."""

import csv
import hashlib
import io
import json
import os
import zipfile

import feedparser
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from frictionless import validate

from bench import synthetic
from policing.exports import contract
from policing.exports.releases import building, tables
from policing.models import Correction, Event, Figure, ImmutableRelease, Release, ReleaseEntry
from tests.editorial.forms import change_form_data
from tests.exports import release_reference
from tests.exports.readers import BASE, ITALY, MYANMAR


@pytest.fixture
def releases_dir(settings, tmp_path):
    settings.RELEASES_DIR = tmp_path / "releases"
    settings.SITE_URL = BASE
    return settings.RELEASES_DIR


def make(version: str, notes: str = "") -> Release:
    call_command("release", version, notes=notes, stdout=io.StringIO())
    return Release.objects.get(version=version)


@pytest.fixture
def first(curated, releases_dir):
    return make("2026.1", "The curated events.")


def unpacked(release: Release, folder):
    with zipfile.ZipFile(release.path) as archive:
        archive.extractall(folder)
    return folder


def read_table(folder, table) -> list[dict]:
    with (folder / table.path).open(encoding="utf-8", newline="") as stream:
        return list(csv.DictReader(stream))


def test_the_package_validates_with_frictionless_foreign_keys_included(first, tmp_path):
    folder = unpacked(first, tmp_path / "zip")
    report = validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["title", "message"])
    assert report.stats["tasks"] == len(tables.TABLES)


def test_a_broken_foreign_key_fails_validation(first, tmp_path):
    """The check can fail: a participant of a country no table holds is refused."""
    folder = unpacked(first, tmp_path / "zip")
    path = folder / "data" / "participants.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    rows[1][rows[0].index("country")] = "XX"
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, lineterminator="\r\n").writerows(rows)
    package = json.loads((folder / "datapackage.json").read_text())
    for resource in package["resources"]:
        resource.pop("hash"), resource.pop("bytes")
    (folder / "datapackage.json").write_text(json.dumps(package))
    report = validate(folder / "datapackage.json")
    assert [e[0] for e in report.flatten(["type"])] == ["foreign-key"]


def test_the_tables_load_with_csv_and_join_on_their_keys(first, tmp_path):
    folder = unpacked(first, tmp_path / "zip")
    rows = {table.name: read_table(folder, table) for table in tables.TABLES}
    assert len(rows["events"]) == Event.objects.published().count() == first.counts["events"]
    for table in tables.TABLES:
        assert list(rows[table.name][0]) == table.names if rows[table.name] else True
        keys = [tuple(row[k] for k in table.key) for row in rows[table.name]]
        assert len(keys) == len(set(keys)), f"{table.name}: repeated key"
        for columns, other, to in table.references:
            target = {tuple(row[c] for c in to) for row in rows[other]}
            for row in rows[table.name]:
                values = tuple(row[c] for c in columns)
                if all(values):
                    assert values in target, f"{table.name}.{columns} = {values}"
    # A join without parsing a cell: the countries of an event, through its participants.
    myanmar = {p["country"] for p in rows["participants"] if p["event"] == MYANMAR}
    assert myanmar == {"CN", "MM"}
    citations = [c for c in rows["citations"] if c["event"] == MYANMAR]
    assert [int(c["position"]) for c in citations] == list(range(len(citations)))
    assert {c["source"] for c in citations} <= {s["slug"] for s in rows["sources"]}


def test_each_figure_says_its_scope_and_its_country_joins(first, tmp_path):
    """A figure's scope is in the figures table as in the contract, and a national figure's
    country is a row of countries (a foreign key frictionless checks)."""
    folder = unpacked(first, tmp_path / "zip")
    figures = read_table(folder, tables.FIGURES)
    codes = {row["code"] for row in read_table(folder, tables.COUNTRIES)}
    expected = [
        (
            e["slug"],
            str(position),
            f["scope"] or "",
            f["scope_region"] or "",
            f["scope_country"] or "",
        )
        for e in contract.export_events(base_url=BASE)
        for position, f in enumerate(e["figures"])
    ]
    got = [
        (f["event"], f["position"], f["scope"], f["scope_region"], f["scope_country"])
        for f in figures
    ]
    assert sorted(got) == sorted(expected)
    assert {"worldwide", "region", "single"} <= {f["scope"] for f in figures}
    assert {f["scope_country"] for f in figures} - {""} <= codes
    assert any(f["scope_country"] for f in figures) and any(f["scope_region"] for f in figures)


def test_a_figure_no_citation_states_validates_and_the_others_join(curated, releases_dir, tmp_path):
    """A figure may be stated by no citation (Figure.citation is optional): its row leaves
    `citation` empty and the package still validates; every other figure's (event, citation)
    is a citation's (event, position)."""
    figure = Figure.objects.filter(event__slug=MYANMAR, citation__isnull=False).first()
    Figure.objects.filter(pk=figure.pk).update(citation=None)
    folder = unpacked(make("2026.1"), tmp_path / "zip")
    report = validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["title", "message"])
    figures = read_table(folder, tables.FIGURES)
    citations = {(c["event"], c["position"]) for c in read_table(folder, tables.CITATIONS)}
    assert any(f["event"] == MYANMAR and f["citation"] == "" for f in figures)
    stated = [(f["event"], f["citation"]) for f in figures if f["citation"]]
    assert stated and set(stated) <= citations


def test_events_ndjson_is_the_export_contract(first):
    with zipfile.ZipFile(first.path) as archive:
        lines = archive.read("events.ndjson").decode().splitlines()
    expected = contract.export_events(base_url=BASE)
    assert [json.loads(line) for line in lines] == json.loads(json.dumps(expected))


def test_the_release_reads_the_contract_a_chunk_at_a_time(curated, django_assert_num_queries):
    """The release reads its rows as the exports do (`rows.read`), one query per related table
    and chunk: the objects are the contract's, whatever the chunk, in a number of queries that
    grows with the chunks and not with the events."""
    expected = json.loads(json.dumps(contract.export_events(base_url=BASE)))
    assert len(expected) > 7
    for size in [7, 500]:
        objects = list(tables.export_objects(base_url=BASE, chunk=size))
        assert json.loads(json.dumps(objects)) == expected
    # The events; participants (and so countries), actors, relations, citations, their
    # sources (read once a release, not once a chunk), figures.
    with django_assert_num_queries(1 + 6):
        list(tables.export_objects(base_url=BASE, chunk=500))


def test_the_codebook_names_every_field_and_every_value_used(first, tmp_path):
    folder = unpacked(first, tmp_path / "zip")
    codebook = (folder / "CODEBOOK.md").read_text()
    for table in tables.TABLES:
        assert f"### {table.name} (`{table.path}`" in codebook
        used = read_table(folder, table)
        for column in table.columns:
            assert f"| `{column.name}` |" in codebook, f"{table.name}.{column.name}"
            if column.choices is None:
                continue
            section = codebook.split(f"Values of `{table.name}.{column.name}`:")[1]
            section = section.split("\n\n", 2)[1]
            for value in {row[column.name] for row in used} - {""}:
                assert f"| `{value}` |" in section, f"{table.name}.{column.name}: {value}"
    schema = json.loads((folder / "events.schema.json").read_text())
    for name in schema["$defs"]["event"]["properties"]:
        assert f"- `{name}`:" in codebook
    assert "## Dates" in codebook.replace("### Dates", "## Dates")  # docs/corpus.md's rules
    assert "Rules applied to every event" in codebook
    assert "The re-read of December 2026" not in codebook


def test_the_sums_citation_and_first_changes(first, tmp_path):
    folder = unpacked(first, tmp_path / "zip")
    for line in (folder / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ")
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest
    assert hashlib.sha256(first.path.read_bytes()).hexdigest() == first.checksum
    changes = json.loads((folder / "CHANGES.json").read_text())
    assert changes["previous"] is None and not changes["changed"]
    assert len(changes["added"]) == first.counts["events"]
    assert 'version: "2026.1"' in (folder / "CITATION.cff").read_text()
    assert "version = {2026.1}" in (folder / "CITATION.bib").read_text()
    package = json.loads((folder / "datapackage.json").read_text())
    assert package["version"] == "2026.1" and package["description"] == "The curated events."
    assert ReleaseEntry.objects.filter(release=first, change="added").count() == len(
        changes["added"]
    )


def test_a_release_is_never_rebuilt_or_altered(first):
    before = first.path.read_bytes()
    with pytest.raises(CommandError, match="never rebuilt"):
        make("2026.1")
    assert first.path.read_bytes() == before
    first.notes = "Rewritten"
    with pytest.raises(ImmutableRelease):
        first.save()
    with pytest.raises(ImmutableRelease):
        first.delete()
    with pytest.raises(ImmutableRelease):
        Release.objects.filter(pk=first.pk).update(notes="Rewritten")
    with pytest.raises(ImmutableRelease):
        ReleaseEntry.objects.filter(release=first).delete()
    assert Release.objects.get(pk=first.pk).notes == "The curated events."
    assert not os.access(first.path, os.W_OK) or os.geteuid() == 0
    assert first.path.stat().st_mode & 0o222 == 0


def test_a_version_that_cannot_name_a_release_is_refused(curated, releases_dir):
    for version in ["../2026", "latest", "2026 1", ""]:
        with pytest.raises(CommandError):
            make(version)
    assert not Release.objects.exists()


def test_a_file_left_where_the_release_would_go_is_never_overwritten(curated, releases_dir):
    releases_dir.mkdir()
    (releases_dir / "policing-diplomacy-timeline-2026.1.zip").write_bytes(b"not ours")
    with pytest.raises(CommandError, match="never overwritten"):
        make("2026.1")
    assert not Release.objects.exists()


def _second_release(client):
    """An editor corrects the Myanmar event's title and withdraws Italy's; release 2026.2."""
    myanmar = Event.objects.get(slug=MYANMAR)
    data = change_form_data(client, myanmar)
    data["title"] = "Myanmar hands over scam-centre suspects to China"
    data["change_reason"] = "The report says suspects, not victims."  # the helper's replaced
    url = reverse("admin:policing_event_change", args=[myanmar.pk])
    assert client.post(url, data).status_code == 302
    italy = Event.objects.get(slug=ITALY)
    changelist = reverse("admin:policing_event_changelist")
    response = client.post(
        changelist,
        {
            "action": "unpublish",
            "_selected_action": [str(italy.pk)],
            "withdraw_reason": "Its only report is a rewrite that misdates it.",
        },
    )
    assert response.status_code == 302
    return make("2026.2")


@pytest.fixture
def second(first, admin_client):
    return _second_release(admin_client)


def test_the_second_release_lists_the_change_and_the_withdrawal_with_their_reasons(
    second, tmp_path
):
    folder = unpacked(second, tmp_path / "zip")
    changes = json.loads((folder / "CHANGES.json").read_text())
    assert changes["previous"] == "2026.1" and changes["added"] == []
    [withdrawn] = changes["withdrawn"]
    assert withdrawn["slug"] == ITALY
    assert withdrawn["reasons"][0]["reason"] == "Its only report is a rewrite that misdates it."
    [changed] = changes["changed"]
    assert changed["slug"] == MYANMAR
    [title] = [f for f in changed["fields"] if f["field"] == "title"]
    assert title["new"] == "Myanmar hands over scam-centre suspects to China"
    assert title["old"] != title["new"]
    assert [f["field"] for f in changed["fields"]] == ["title"]
    assert changed["reasons"][0]["reason"] == "The report says suspects, not victims."
    markdown = (folder / "CHANGES.md").read_text()
    for words in [
        ITALY,
        "Its only report is a rewrite that misdates it.",
        "The report says suspects, not victims.",
        f"“{title['old']}”",
        "“Myanmar hands over scam-centre suspects to China”",
    ]:
        assert words in markdown
    assert (second.counts["changed"], second.counts["withdrawn"]) == (1, 1)
    assert second.changes_in_a_line == "1 changed, 1 withdrawn."
    report = validate(folder / "datapackage.json")
    assert report.valid, report.flatten(["title", "message"])


def test_corrections_and_release_history_are_shown(second, client):
    page = client.get(reverse("changes")).content.decode()
    assert "The report says suspects, not victims." in page
    assert "Its only report is a rewrite that misdates it." in page
    assert page.index("Its only report") < page.index("The report says")  # newest first
    event_page = client.get(reverse("event-detail", args=[MYANMAR])).content.decode()
    assert "First appeared in" in event_page and "release 2026.1" in event_page
    assert "last changed in" in event_page and "release 2026.2" in event_page
    assert f"/releases/2026.1/events/{MYANMAR}/" in event_page
    assert "The report says suspects, not victims." in event_page
    as_of = client.get(f"/releases/2026.1/events/{MYANMAR}/")
    assert as_of.status_code == 200
    correction = Correction.objects.get(slug=MYANMAR)
    assert correction.changes[0]["old"] in as_of.content.decode()
    feed = feedparser.parse(client.get(reverse("changes-feed")).content)
    assert not feed.bozo and len(feed.entries) == 2
    assert "suspects, not victims" in feed.entries[1].summary


def test_release_pages_and_download(second, client):
    listing = client.get("/releases/").content.decode()
    assert "2026.2" in listing and "1 changed, 1 withdrawn." in listing
    assert second.checksum in listing
    assert client.get("/releases/latest/")["Location"] == "/releases/2026.2/"
    detail = client.get("/releases/2026.2/").content.decode()
    assert "Its only report is a rewrite that misdates it." in detail
    assert "/releases/2026.2/download/" in detail
    download = client.get("/releases/2026.2/download/")
    assert download["Content-Type"] == "application/zip"
    assert download["Content-Disposition"] == (
        'attachment; filename="policing-diplomacy-timeline-2026.2.zip"'
    )
    body = b"".join(download.streaming_content)
    assert hashlib.sha256(body).hexdigest() == second.checksum
    again = client.get("/releases/2026.2/download/", HTTP_IF_NONE_MATCH=download["ETag"])
    assert again.status_code == 304
    for missing in ["/releases/2027.1/", "/releases/2027.1/download/"]:
        assert client.get(missing).status_code == 404
    assert client.get(f"/releases/2026.2/events/{ITALY}/").status_code == 404
    assert client.get(f"/releases/2026.1/events/{ITALY}/").status_code == 200


def test_a_release_file_changed_on_disk_is_not_served(first, client):
    os.chmod(first.path, 0o644)
    first.path.write_bytes(first.path.read_bytes() + b"x")
    assert client.get("/releases/2026.1/download/").status_code == 404


def test_no_release_yet(db, client, releases_dir):
    assert client.get("/releases/latest/").status_code == 404
    assert "No release has been made yet" in client.get("/releases/").content.decode()


def _written(folder, base_url):
    """What one pass over the events writes: every file's bytes, and what it counted."""
    folder.mkdir()
    written = building._write_data(folder, base_url)
    files = {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
    return files, written


def test_the_release_writes_what_it_wrote_from_model_instances(curated, monkeypatch, tmp_path):
    """The release reads its rows as the exports do (`rows.read`, no model instances), and
    every file it writes from them (events.ndjson and each table), every count, coded value,
    line digest and title, is what it wrote from model instances (`release_reference`): on the
    curated data (disputes, derived and carried reports, figures citing their words,
    relations, actors) and on synthetic events beside them (drafts, spans, regions alone,
    threads)."""
    synthetic.build(300, seed=5)
    Event.objects.filter(pk__in=Event.objects.order_by("-pk")[:5].values("pk")).update(
        disputed=True, dispute_note="Synthetic dispute."
    )
    files, written = _written(tmp_path / "rows", BASE)
    with monkeypatch.context() as old:
        release_reference.use(old)
        expected_files, expected = _written(tmp_path / "models", BASE)
    assert list(files) == list(expected_files)
    for name, content in expected_files.items():
        assert files[name] == content, name
    assert written == expected
    assert written.counts["events"] == Event.objects.published().count() > 300
    assert all(written.counts[table.name] for table in tables.TABLES)
