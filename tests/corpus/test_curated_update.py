"""`load_curated --update`: a site loaded before takes a revised fixture part by part, and keeps
what its editors changed (docs/editors.md, "Updating from the curated fixtures")."""

import io
import json

import pytest
import reversion
from django.core.management import CommandError, call_command
from reversion.models import Version

from policing.corpus.parts import of_entry, of_row
from policing.models import (
    Actor,
    Citation,
    CuratedBase,
    CuratedConflict,
    CuratedKind,
    DataVersion,
    Event,
    Figure,
    Thread,
)
from tests.fixture_files import fixtures_with, read_fixture

EVENT = CuratedKind.EVENT
MYANMAR = "myanmar-scam-centre-repatriation-2025"
FIJI = "fiji-policing-agreement-amended-2024"
AFP = "afp-ends-chinese-police-operations-policy-2019"
IISS = "iiss-police-training-paper-2024"
# How many events the fixtures hold (they are revised on their own: counts follow them).
EVENTS = len(read_fixture("events.json"))


def revised(tmp_path, revise=lambda entries: None, **files):
    """A copy of fixtures/ whose events `revise` changed (given them by slug; a new slug is a
    new event, a slug removed an event the fixtures no longer hold)."""
    entries = {entry["slug"]: entry for entry in read_fixture("events.json")}
    revise(entries)
    return fixtures_with(tmp_path, list(entries.values()), **files)


def update(fixtures, **options) -> str:
    out = io.StringIO()
    call_command("load_curated", fixtures=fixtures, update=True, stdout=out, **options)
    return out.getvalue()


def edit(slug: str, **fields) -> None:
    """An editor's change, saved as the admin saves it (with a version)."""
    with reversion.create_revision():
        event = Event.objects.get(slug=slug)
        for name, value in fields.items():
            setattr(event, name, value)
        event.save()


def parts(slug: str) -> dict:
    return of_row(EVENT, Event.objects.get(slug=slug))


def open_conflicts() -> dict[tuple[str, str], CuratedConflict]:
    rows = CuratedConflict.objects.filter(resolved__isnull=True).select_related("base")
    return {(c.base.slug, c.part): c for c in rows}


def site_state() -> tuple:
    """Everything an update may write, to compare before and after."""
    return (
        {event.slug: of_row(EVENT, event) for event in Event.objects.all()},
        {(a.slug, a.name, a.description) for a in Actor.objects.all()},
        {(t.slug, t.title, t.summary) for t in Thread.objects.all()},
        list(CuratedBase.objects.order_by("pk").values()),
        list(CuratedConflict.objects.order_by("pk").values()),
        Version.objects.count(),
        DataVersion.current().counter,
    )


# --- the base: what each entry was when loaded --------------------------------------------------


def test_each_loaded_event_reads_back_as_its_entry_and_is_its_base(curated):
    """Unchanged parts are told apart from changed ones by comparing these: an entry loaded and
    left alone must read the same from the fixture and from the database."""
    for entry in read_fixture("events.json"):
        event = Event.objects.get(slug=entry["slug"])
        assert of_row(EVENT, event) == of_entry(EVENT, entry), entry["slug"]
        base = CuratedBase.objects.get(kind=EVENT, slug=entry["slug"])
        assert base.object_id == event.pk
        assert base.fixture == base.loaded == of_entry(EVENT, entry)


def test_an_update_with_the_same_fixtures_changes_nothing(curated, tmp_path):
    before = site_state()
    output = update(revised(tmp_path))
    assert site_state() == before
    assert f"events: 0 created, {EVENTS} unchanged" in output


# --- taking the fixtures' changes ----------------------------------------------------------------


def revise_every_part(entries):
    myanmar = entries[MYANMAR]
    myanmar["title"] = "China repatriates 200 of its nationals from Myanmar's scam centres"
    myanmar["summary"] = "Reworded: 200 Chinese nationals rescued from scam centres came home."
    myanmar["stage"] = "started"
    myanmar["thread"] = None
    myanmar["actors"].append({"actor": "liu-zhongyi", "role": "repatriated"})
    myanmar["citations"][0]["claim"] = "200 repatriated on Thursday"
    myanmar["figures"][0]["label"] = "Chinese nationals repatriated from Myanmar"
    myanmar["related"] = []
    myanmar["disputed"], myanmar["dispute_note"] = True, "The reports differ on who spoke."
    fiji = [row for row in entries[FIJI]["participants"] if row["country"] != "NZ"]
    entries[FIJI]["participants"] = [*fiji, {"country": "NZ", "role": "third-party"}]
    entries[AFP]["date"].update(
        edtf="[2019-07..2024-06]",
        manual=True,
        reading="“after June 2019”, and ended by the hearing in mid-2024.",
    )
    added = {**entries[IISS], "slug": "iiss-paper-revisited-2024", "related": []}
    entries["iiss-paper-revisited-2024"] = added


def test_an_unchanged_site_takes_every_part_of_a_revised_fixture(curated, tmp_path):
    fixtures = revised(tmp_path, revise_every_part)
    output = update(fixtures)
    entries = {entry["slug"]: entry for entry in read_fixture_at(fixtures)}
    for slug in (MYANMAR, FIJI, AFP, "iiss-paper-revisited-2024"):
        assert parts(slug) == of_entry(EVENT, entries[slug]), slug
    assert not CuratedConflict.objects.exists()
    assert Event.objects.get(slug=AFP).date_latest.isoformat() == "2024-06-30"
    assert f"event {MYANMAR}: took the fixtures' title, summary, stage, thread, actors" in output
    assert "event iiss-paper-revisited-2024: created" in output
    assert f"events: 1 created, 3 updated, {EVENTS - 3} unchanged" in output
    latest = Version.objects.get_for_object(Event.objects.get(slug=MYANMAR)).first()
    assert latest.revision.comment.startswith("Updated from fixtures/events.json: title")
    # The version holds the event as updated, with its rows: restoring it restores them.
    assert {v.object_repr for v in latest.revision.version_set.all()} >= {
        "China repatriates 200 of its nationals from Myanmar's scam centres"
    }


def read_fixture_at(fixtures) -> list[dict]:
    return json.loads((fixtures / "events.json").read_text(encoding="utf-8"))


# --- keeping the editors' ------------------------------------------------------------------------


def test_an_editors_change_survives_an_update(curated, tmp_path):
    edit(FIJI, title="Fiji reviews its policing deal with China (editors' wording)")
    output = update(revised(tmp_path))
    assert Event.objects.get(slug=FIJI).title.endswith("(editors' wording)")
    assert f"event {FIJI}: kept the editors' title" in output
    assert not CuratedConflict.objects.exists()


def test_the_fixtures_parts_are_taken_beside_the_editors_other_parts(curated, tmp_path):
    edit(MYANMAR, title="Editors' title")

    def revise(entries):
        entries[MYANMAR]["summary"] = "A revised summary."
        entries[MYANMAR]["figures"][0]["label"] = "Nationals repatriated"

    output = update(revised(tmp_path, revise))
    event = Event.objects.get(slug=MYANMAR)
    assert event.title == "Editors' title"
    assert event.summary == "A revised summary."
    assert [f.label for f in event.figures.all()] == ["Nationals repatriated"]
    assert not CuratedConflict.objects.exists()
    assert (
        f"event {MYANMAR}: took the fixtures' summary, figures; kept the editors' title" in output
    )


def test_new_citations_keep_the_figures_the_editors_changed(curated, tmp_path):
    event = Event.objects.get(slug=MYANMAR)
    figure = event.figures.get()
    figure.label = "Editors' label"
    figure.save()
    cited = figure.citation_id

    def revise(entries):
        entries[MYANMAR]["citations"][0]["claim"] = "200, on Thursday"

    update(revised(tmp_path, revise))
    figure.refresh_from_db()
    assert figure.label == "Editors' label" and figure.citation_id == cited
    assert Citation.objects.get(pk=cited).claim == "200, on Thursday"


# --- conflicts -----------------------------------------------------------------------------------


def test_a_part_both_changed_is_a_conflict_and_the_editors_version_stays(curated, tmp_path):
    edit(MYANMAR, title="Editors' title")

    def revise(entries):
        entries[MYANMAR]["title"] = "Curated title"
        entries[MYANMAR]["summary"] = "A revised summary."

    output = update(revised(tmp_path, revise))
    event = Event.objects.get(slug=MYANMAR)
    assert (event.title, event.summary) == ("Editors' title", "A revised summary.")
    conflict = open_conflicts()[(MYANMAR, "title")]
    assert (conflict.editors, conflict.curated) == ("Editors' title", "Curated title")
    assert list(open_conflicts()) == [(MYANMAR, "title")]
    assert f"event {MYANMAR}: took the fixtures' summary; CONFLICT in title" in output
    assert "    title, the editors': Editors' title\n" in output
    assert "    title, curated: Curated title\n" in output
    assert "1 conflict(s) open for an editor to decide" in output


def test_a_fixture_part_that_cannot_join_the_editors_changes_is_a_conflict(curated, tmp_path):
    # The editors drop the rewrite's citation; the fixtures add a figure citing its words.
    with reversion.create_revision():
        Citation.objects.get(event__slug=MYANMAR, source__slug="world-today-news-rewrite").delete()
        Event.objects.get(slug=MYANMAR).save()

    def revise(entries):
        entries[MYANMAR]["figures"].append(
            {
                **entries[MYANMAR]["figures"][0],
                "label": "Nationals repatriated, in the rewrite",
                "source": "world-today-news-rewrite",
                "words": "repatriated 200 Chinese nationals",
            }
        )

    output = update(revised(tmp_path, revise))
    event = Event.objects.get(slug=MYANMAR)
    assert event.citations.count() == 1 and event.figures.count() == 1
    conflict = open_conflicts()[(MYANMAR, "figures")]
    assert "no citation of “world-today-news-rewrite”" in conflict.note
    assert "not taken alongside the editors' changes" in output


def test_a_conflict_the_fixtures_change_again_is_updated_not_repeated(curated, tmp_path):
    edit(MYANMAR, title="Editors' title")
    update(revised(tmp_path / "first", lambda e: e[MYANMAR].update(title="Curated title")))
    update(revised(tmp_path / "second", lambda e: e[MYANMAR].update(title="Curated again")))
    assert CuratedConflict.objects.count() == 1
    assert open_conflicts()[(MYANMAR, "title")].curated == "Curated again"


def test_the_base_keeps_the_loaded_version_of_a_part_the_editors_hold(curated, tmp_path):
    """An editor who changes a part back to what was loaded gets the fixtures' next change of
    it: the base still holds the loaded version while the editors' differs."""
    loaded = Event.objects.get(slug=MYANMAR).title
    edit(MYANMAR, title="Editors' title")
    update(revised(tmp_path / "first"))  # kept
    edit(MYANMAR, title=loaded)
    update(revised(tmp_path / "second", lambda e: e[MYANMAR].update(title="Curated title")))
    assert Event.objects.get(slug=MYANMAR).title == "Curated title"
    assert not CuratedConflict.objects.exists()


# --- what an update never does -------------------------------------------------------------------


def test_a_dry_run_reports_everything_and_writes_nothing(curated, tmp_path):
    edit(MYANMAR, title="Editors' title")
    before = site_state()

    def revise(entries):
        revise_every_part(entries)
        del entries[FIJI]

    output = update(revised(tmp_path, revise), dry_run=True)
    assert site_state() == before
    assert output.splitlines()[-1].startswith("Dry run, nothing saved. Curated data:")
    assert f"event {MYANMAR}: took the fixtures' summary" in output
    assert "CONFLICT in title" in output
    assert "event iiss-paper-revisited-2024: created" in output
    assert f"event {FIJI}: no longer in the fixtures, left as it is" in output


def test_an_update_run_twice_changes_nothing_the_second_time(curated, tmp_path):
    edit(MYANMAR, title="Editors' title")

    def revise(entries):
        revise_every_part(entries)
        entries[FIJI]["title"] = "Fiji amends its policing agreement with China (revised)"

    fixtures = revised(tmp_path, revise)
    update(fixtures)
    after_first = site_state()
    output = update(fixtures)
    assert site_state() == after_first
    assert f"events: 0 created, 1 kept the editors' changes, {EVENTS} unchanged" in output
    assert "CONFLICT" not in output and "1 conflict(s) open" in output


def test_events_the_fixtures_no_longer_hold_are_reported_not_deleted(curated, tmp_path):
    output = update(revised(tmp_path, lambda entries: entries.pop(FIJI)))
    assert Event.objects.filter(slug=FIJI).exists()
    assert f"event {FIJI}: no longer in the fixtures, left as it is" in output
    assert "1 no longer in the fixtures" in output


@pytest.mark.parametrize("update_too", [False, True], ids=["load", "update"])
def test_an_event_the_editors_deleted_is_not_made_again(curated, tmp_path, update_too):
    Event.objects.get(slug=FIJI).delete()
    out = io.StringIO()
    call_command("load_curated", fixtures=revised(tmp_path), update=update_too, stdout=out)
    assert not Event.objects.filter(slug=FIJI).exists()
    assert f"event {FIJI}: deleted by the editors, not made again" in out.getvalue()


def test_a_revised_fixture_with_a_problem_changes_nothing(curated, tmp_path):
    before = site_state()

    def revise(entries):
        entries[MYANMAR]["title"] = "Curated title"
        entries[FIJI]["citations"][0]["quote"] = "words that appear in no report at all"

    with pytest.raises(CommandError, match=f"{FIJI}: .*do not occur in"):
        update(revised(tmp_path, revise))
    assert site_state() == before


def test_without_update_the_load_only_adds_what_is_missing(curated, tmp_path):
    def revise(entries):
        entries[MYANMAR]["title"] = "Curated title"
        entries["iiss-paper-revisited-2024"] = {
            **entries[IISS],
            "slug": "iiss-paper-revisited-2024",
        }

    out = io.StringIO()
    call_command("load_curated", fixtures=revised(tmp_path, revise), stdout=out)
    assert Event.objects.get(slug=MYANMAR).title != "Curated title"
    assert Event.objects.filter(slug="iiss-paper-revisited-2024").exists()
    assert f"events: 1 created, {EVENTS} already present" in out.getvalue()


# --- actors and threads --------------------------------------------------------------------------


def test_actors_and_threads_take_the_fixtures_unless_the_editors_changed_them(curated, tmp_path):
    with reversion.create_revision():
        Actor.objects.filter(slug="liu-zhongyi").update(description="Editors' description.")
        Actor.objects.get(slug="wang-yi").save()
        Thread.objects.filter(slug="fiji-china-policing-agreement").update(title="Editors' title")
    actors, threads = read_fixture("actors.json"), read_fixture("threads.json")
    for actor in actors:
        if actor["slug"] in ("liu-zhongyi", "wang-yi", "xi-jinping"):
            actor["description"] = f"Curated: {actor['description']}"
    actors.append({"slug": "new-actor", "name": "A new actor", "kind": "person", "country": "CN",
                   "description": "Named in a revised event."})  # fmt: skip
    threads[0]["title"] = "Curated thread title"

    output = update(revised(tmp_path, actors=actors, threads=threads))
    descriptions = dict(Actor.objects.values_list("slug", "description"))
    assert descriptions["liu-zhongyi"] == "Editors' description."
    assert descriptions["wang-yi"].startswith("Curated: ") and descriptions["new-actor"]
    assert Thread.objects.get(slug=threads[0]["slug"]).title == "Curated thread title"
    assert Thread.objects.get(slug="fiji-china-policing-agreement").title == "Editors' title"
    assert set(open_conflicts()) == {("liu-zhongyi", "description")}
    assert "actor liu-zhongyi: CONFLICT in description" in output
    assert "actors: 1 created, 2 updated, 1 with conflicts" in output


# --- a site set up before bases were kept ---------------------------------------------------------


def test_a_site_loaded_before_bases_were_kept_keeps_its_editors_changes(curated, tmp_path):
    """Its base is the version the load saved of each event ("Loaded from fixtures/…")."""
    CuratedBase.objects.all().delete()
    edit(MYANMAR, title="Editors' title", summary="Editors' summary.")

    def revise(entries):
        entries[MYANMAR]["title"] = "Curated title"
        entries[MYANMAR]["stage"] = "started"
        entries[FIJI]["title"] = "Curated Fiji title"

    output = update(revised(tmp_path, revise))
    event = Event.objects.get(slug=MYANMAR)
    assert (event.title, event.summary, event.stage) == (
        "Editors' title",
        "Editors' summary.",
        "started",
    )
    assert Event.objects.get(slug=FIJI).title == "Curated Fiji title"
    assert set(open_conflicts()) == {(MYANMAR, "title")}
    assert f"event {MYANMAR}: took the fixtures' stage; kept the editors' summary" in output
    # From now on the site has bases: the same update again changes nothing.
    before = site_state()
    update(revised(tmp_path, revise))
    assert site_state() == before


def test_an_old_load_without_relations_in_its_version_does_not_lose_the_editors(curated, tmp_path):
    """Loads before bases were kept wrote relations after the event's version: an event edited
    since has no record of its loaded relations, so a revised fixture's are not taken blindly."""
    CuratedBase.objects.all().delete()
    loaded = Version.objects.get_for_object(Event.objects.get(slug=MYANMAR)).get()
    loaded.revision.version_set.filter(content_type__model="eventrelation").delete()
    edit(MYANMAR, title="Editors' title")

    output = update(revised(tmp_path, lambda entries: entries[MYANMAR].update(related=[])))
    assert Event.objects.get(slug=MYANMAR).relations.count() == 1
    assert set(open_conflicts()) == {(MYANMAR, "relations")}
    assert f"event {MYANMAR}: kept the editors' title; CONFLICT in related events" in output


# --- a site loaded before figures had a scope (migration 0025) ------------------------------------


def test_a_site_loaded_before_figures_had_a_scope_takes_them_without_a_conflict(curated, tmp_path):
    """Its bases hold figures without the scope fields, and the migration left its figures'
    scope blank: the fixtures' scopes are their change, not one both made."""
    Figure.objects.update(scope="", scope_region="", scope_country=None)
    for base in CuratedBase.objects.filter(kind=EVENT):
        for parts_of in (base.fixture, base.loaded):
            for figure in parts_of.get("figures", []):
                for field in ("scope", "scope_region", "scope_country"):
                    del figure[field]
        base.save()
    edit(FIJI, title="Fiji reviews its policing deal with China (editors' wording)")

    output = update(revised(tmp_path))
    assert not CuratedConflict.objects.exists()
    assert f"event {MYANMAR}: took the fixtures' figures" in output
    assert not Figure.objects.filter(scope="").exists()
    assert Figure.objects.get(event__slug=MYANMAR).scope_key == ("single", "", "MM")
    assert Event.objects.get(slug=FIJI).title.endswith("(editors' wording)")
