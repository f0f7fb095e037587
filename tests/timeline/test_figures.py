"""Figures as data: a figure's number must be in the words it cites, its period is EDTF, the
curated figures are the ones the reports state, and the /figures/ page, the event page and the
exports carry them."""

import csv
import io
import json
from decimal import Decimal

import edtf
import jsonschema
import lxml.html
import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from policing.corpus.curation import read_events
from policing.models import Citation, Counted, Event, Figure, FigureScope, FigureStatus
from policing.text import anchoring, figures
from policing.text.figures import parse_period
from policing.timeline.filters import Filters
from tests.fixture_files import fixtures_with
from tests.markup import select
from tests.migrating import migration


def parsed(html: str):
    """The page as a tree, for what lies inside what (a row's links, an SVG's marks)."""
    return lxml.html.fromstring(html)


def having_class(name: str) -> str:
    return f'contains(concat(" ", normalize-space(@class), " "), " {name} ")'


def words(element) -> str:
    return " ".join(element.text_content().split())


SCHEMA = json.loads((settings.BASE_DIR / "docs" / "events.schema.json").read_text())
ENTRIES = read_events(settings.FIXTURES_DIR)
BASE = "http://testserver"


def validator(definition: str):
    """A validator of one definition of the schema, its references resolved in the whole."""
    whole = jsonschema.Draft202012Validator(
        SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    return whole.evolve(schema=SCHEMA["$defs"][definition])


# --- Reading numbers and periods ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("more than 2,000 African police", "2000", "more than"),
        ("in at least 48 countries", "48", "at least"),
        ("a A$190million (US$118 million) package", "190000000", "exact"),
        ("a A$190million (US$118 million) package", "118000000", "exact"),
        ("generating $3.3 million for the institute", "3300000", "exact"),
        ("with over a dozen Pacific states", "12", "more than"),
        ("at least a dozen other Pacific island nations", "12", "at least"),
        ("escorted a 59-year-old Australian resident", "59", "exact"),
        ("the five countries that attended", "5", "exact"),
        ("China had trained 2,700 foreign law enforcement officers", "2700", "exact"),
    ],
)
def test_a_number_is_read_with_its_hedge(text, value, qualifier):
    assert (Decimal(value), qualifier) in {(n.value, n.qualifier) for n in figures.numbers_in(text)}


def test_a_number_inside_a_word_or_an_anchor_is_not_a_number():
    assert figures.numbers_in("p-1a2b3c4d") == []
    # Digits run into a word are no figure, and never a piece of one: not 8 of "8,000km".
    assert figures.numbers_in("some 8,000km away") == []
    assert [n.value for n in figures.numbers_in("a 1,500.5 tonne load")] == [Decimal("1500.5")]


@pytest.mark.parametrize(
    ("quote", "value", "qualifier", "problem"),
    [
        ("more than 2,000 African police", "2000", "more than", None),
        ("more than 2,000 African police", "2000", "exact", "as “more than”, not “exact”"),
        ("more than 2,000 African police", "200", "exact", "do not state 200"),
        ("3,000 more by 2025", "3000", "exact", None),
        ("China will train thousands of officers", "3000", "exact", "numbers they state: none"),
    ],
)
def test_the_words_must_state_the_number_as_the_figure_hedges_it(quote, value, qualifier, problem):
    found = figures.stated_problem(quote, value, qualifier)
    if problem is None:
        assert found is None
    else:
        assert problem in found


@pytest.mark.parametrize(
    ("text", "words", "earliest", "latest"),
    [
        ("2023", "2023", "2023-01-01", "2023-12-31"),
        ("2018/2021", "2018–2021", "2018-01-01", "2021-12-31"),
        ("../2025", "by 2025", None, "2025-12-31"),
        ("2024-09/..", "from Sep 2024", "2024-09-01", None),
        ("2025-02", "Feb 2025", "2025-02-01", "2025-02-28"),
        ("2025-02-20", "20 Feb 2025", "2025-02-20", "2025-02-20"),
        ("2023/2028~", "2023 – c. 2028", "2023-01-01", "2028-12-31"),
    ],
)
def test_a_period_is_edtf_with_its_bounds_and_words(text, words, earliest, latest):
    period = figures.parse_period(text)
    assert (
        period.earliest and period.earliest.isoformat(),
        period.latest and period.latest.isoformat(),
    ) == (
        earliest,
        latest,
    )
    assert figures.period_in_words(text) == words


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("in 2023", "not a valid EDTF date"),
        ("2023-13", "not a valid EDTF"),
        ("2021/2018", "ends before"),
    ],
)
def test_a_period_that_is_not_edtf_is_refused_with_a_message(text, message):
    with pytest.raises(figures.FigureError, match=message):
        figures.parse_period(text, check=True)  # as an editor's or a fixture's period is
    with pytest.raises(figures.FigureError):  # and a stored one, read quickly
        figures.parse_period(text)


# --- The model ----------------------------------------------------------------------------


def _figure(event, citation, **fields):
    values = {
        "label": "officers trained",
        "counts": Counted.FOREIGN_POLICE_TRAINED,
        "value": Decimal("2700"),
        "unit": "officers",
        "status": FigureStatus.REPORTED,
        "period_edtf": "2023",
    }
    return Figure(event=event, citation=citation, **(values | fields))


def test_a_figure_must_cite_its_own_event_and_words_that_state_it(curated):
    event = Event.objects.get(slug="foreign-officers-trained-2023")
    own = event.citations.get(source__slug="scmp-yahoo")
    _figure(event, own).full_clean()

    other = Citation.objects.exclude(event=event).first()
    with pytest.raises(ValidationError) as error:
        _figure(event, other).full_clean()
    assert "this event’s own citations" in error.value.message_dict["citation"][0]

    with pytest.raises(ValidationError) as error:
        _figure(event, own, value=Decimal("3000")).full_clean()
    assert "do not state 3,000" in error.value.message_dict["citation"][0]

    with pytest.raises(ValidationError) as error:
        _figure(event, own, qualifier="more than").full_clean()
    assert "not “more than”" in error.value.message_dict["citation"][0]

    with pytest.raises(ValidationError) as error:
        _figure(event, own, period_edtf="last year").full_clean()
    assert "not a valid EDTF date" in error.value.message_dict["period_edtf"][0]


def test_a_figure_takes_its_source_from_its_citation(curated):
    event = Event.objects.get(slug="foreign-officers-trained-2023")
    citation = event.citations.get(source__slug="ipd-forum-2024")
    figure = _figure(event, citation)
    figure.save()
    assert figure.source.slug == "ipd-forum-2024"


def test_a_cited_citation_cannot_be_deleted_alone_but_goes_with_its_event(curated):
    figure = Figure.objects.select_related("citation").get(
        event__slug="foreign-officers-trained-2023"
    )
    with pytest.raises(Exception, match="restricted"):
        figure.citation.delete()
    figure.event.delete()
    assert not Figure.objects.filter(pk=figure.pk).exists()


# --- The curated figures --------------------------------------------------------------------


def test_every_curated_figure_cites_words_of_its_event_that_state_it(curated):
    loaded = Figure.objects.select_related("citation", "event")
    assert loaded.count() == sum(len(e.get("figures", [])) for e in ENTRIES)
    for figure in loaded:
        assert figure.citation.event_id == figure.event_id, figure
        assert figures.stated_problem(figure.citation.quote, figure.value, figure.qualifier) is None
        assert figure.counts in Counted.values, figure
        if figure.period_edtf:
            edtf.parse_edtf(figure.period_edtf)


def _claims(slug):
    return {
        (f.citation.source.slug, int(f.value), f.qualifier, f.unit, f.status, f.period_edtf)
        for f in Figure.objects.filter(event__slug=slug).select_related("citation__source")
    }


@pytest.mark.parametrize(
    ("slug", "claim"),
    [
        (
            "foreign-officers-trained-2023",
            ("scmp-yahoo", 2700, "exact", "officers", "reported", "2023"),
        ),
        # One figure per source claim: the sources word the 3,000 differently.
        (
            "lianyungang-forum-training-pledge-2024",
            ("scmp-yahoo", 3000, "exact", "officers", "pledged", "2025"),
        ),
        (
            "lianyungang-forum-training-pledge-2024",
            ("bangkok-post-digest", 3000, "exact", "officers", "pledged", "../2025"),
        ),
        (
            "gsi-training-opportunities-pledge-2023",
            (
                "train-thousands-2024",
                5000,
                "exact",
                "training opportunities",
                "offered",
                "2023/2028~",
            ),
        ),
        (
            "africa-police-training-pledge-2024",
            ("train-thousands-2024", 1000, "exact", "officers", "pledged", ""),
        ),
        (
            "african-police-trained-in-china-2018-2021",
            ("ipd-forum-2024", 2000, "more than", "people", "reported", "2018/2021"),
        ),
        (
            "solomon-islands-police-tactical-training-2025",
            ("scmp-yahoo", 30, "exact", "officers", "reported", "[2025-02-01..2025-02-11]"),
        ),
        (
            "myanmar-scam-centre-repatriation-2025",
            ("scmp-yahoo", 200, "exact", "people", "reported", "2025-02-20"),
        ),
        (
            "australia-solomon-islands-police-package-2025",
            ("scmp-yahoo", 190000000, "exact", "AUD", "pledged", ""),
        ),
    ],
)
def test_the_figures_the_issue_lists_are_curated_with_status_period_and_source(
    curated, slug, claim
):
    assert claim in _claims(slug)


def test_the_5000_training_opportunities_are_not_counted_as_police_trained(curated):
    """ "5,000 training opportunities … to train professionals to address global security
    issues", through "military and police academies": places on offer, not police trained."""
    offer = Figure.objects.get(event__slug="gsi-training-opportunities-pledge-2023")
    assert offer.counts == Counted.SECURITY_TRAINING_PLACES
    trained = Figure.objects.filter(counts=Counted.FOREIGN_POLICE_TRAINED)
    assert not trained.filter(value=5000).exists()
    assert "police trained" not in Counted(offer.counts).label


@pytest.mark.parametrize(
    ("slug", "period"),
    [
        ("lianyungang-forum-training-pledge-2024", "[2024-09-02,2024-09-09]"),
        ("china-central-asia-public-security-forum-2024", "[2024-09-03,2024-09-10]"),
    ],
)
def test_a_count_of_those_at_a_dated_act_takes_the_acts_date(curated, slug, period):
    (attendance,) = Figure.objects.filter(event__slug=slug, counts=Counted.FORUM_ATTENDANCE)
    assert attendance.period_edtf == period == attendance.event.date_edtf


def test_the_disputed_target_keeps_each_sources_wording(curated):
    pledges = Figure.objects.filter(
        event__slug="lianyungang-forum-training-pledge-2024", value=3000
    )
    assert {f.citation.source.slug for f in pledges} == {
        "scmp-yahoo",
        "bangkok-post-digest",
        "ipd-forum-2024",
    }
    assert len({f.label for f in pledges}) == 3


# --- Scope: what a figure's number spans ----------------------------------------------------

# Each curated figure's scope, its place, and the words of the event that decided it.
SCOPES = [
    ("foreign-officers-trained-2023", 2700, "worldwide", "", "2,700 foreign law enforcement"),
    (
        "lianyungang-forum-training-pledge-2024",
        3000,
        "worldwide",
        "",
        "3,000 police officers worldwide",
    ),
    ("gsi-training-opportunities-pledge-2023", 5000, "worldwide", "", "other developing countries"),
    ("chinese-police-embassy-deployments-2023", 48, "worldwide", "", "in at least 48 countries"),
    (
        "overseas-police-service-stations-allegations-2022",
        102,
        "worldwide",
        "",
        "Beijing was using 102",
    ),
    ("african-police-trained-in-china-2018-2021", 2000, "region", "africa", "2,000 African police"),
    ("africa-police-training-pledge-2024", 1000, "region", "africa", "for the African continent"),
    ("pacific-regional-security-deal-rejected-2022", 12, "region", "pacific", "Pacific states"),
    (
        "solomon-islands-police-tactical-training-2025",
        30,
        "single",
        "SB",
        "took part in the latest training",
    ),
    (
        "australia-solomon-islands-police-package-2025",
        190000000,
        "single",
        "SB",
        "package to support the archipelago's police",
    ),
    (
        "australia-solomon-islands-police-package-2025",
        118000000,
        "single",
        "SB",
        "package to support the archipelago's police",
    ),
    (
        "myanmar-scam-centre-repatriation-2025",
        200,
        "single",
        "MM",
        "rescued from online scam centres in Myanmar",
    ),
    (
        "lianyungang-forum-training-pledge-2024",
        122,
        "single",
        "",
        "in front of law enforcement officials from 122",
    ),
    (
        "china-central-asia-public-security-forum-2024",
        5,
        "single",
        "central-asia",
        "the China-Central Asia public security forum",
    ),
    (
        "jibc-chinese-police-academies-programme-2014-2020",
        12,
        "single",
        "CA",
        "a program that welcomed",
    ),
    (
        "jibc-chinese-police-academies-programme-2014-2020",
        3300000,
        "single",
        "CA",
        "the Canadian judicial system",
    ),
    (
        "us-indictment-mps-officers-troll-farm-2023",
        34,
        "single",
        "US",
        "charged in the United States",
    ),
    (
        "australian-resident-escorted-to-china-2019",
        59,
        "single",
        "AU",
        "a 59-year-old Australian resident",
    ),
]


@pytest.mark.parametrize(("slug", "value", "scope", "place", "words"), SCOPES)
def test_each_curated_figure_has_the_scope_its_words_give(
    curated, slug, value, scope, place, words
):
    found = Figure.objects.filter(event__slug=slug, value=value)
    assert found.exists()
    for figure in found:
        assert (figure.scope, figure.scope_country_id or figure.scope_region) == (scope, place)
    quotes = Citation.objects.filter(event__slug=slug).values_list("quote", flat=True)
    assert any(anchoring.normalise(words) in anchoring.normalise(quote) for quote in quotes)


def test_every_curated_figure_has_a_scope_that_names_its_place(curated):
    shown = set()
    for figure in Figure.objects.select_related("event", "citation"):
        assert figure.scope in FigureScope.values, figure
        figure.full_clean()
        shown.add((figure.event.slug, int(figure.value)))
    assert shown == {(slug, value) for slug, value, *_ in SCOPES}


@pytest.mark.parametrize(
    ("scope", "region", "country", "field"),
    [
        ("worldwide", "", None, None),
        ("region", "africa", None, None),
        ("country", "", "SB", None),
        ("single", "", "SB", None),
        ("single", "", None, None),
        ("region", "", None, "scope_region"),
        ("region", "africa", "SB", "scope_region"),
        ("country", "africa", None, "scope_country"),
        ("worldwide", "", "SB", "scope"),
        ("", "africa", None, "scope"),
        ("single", "africa", "SB", "scope_region"),
    ],
)
def test_a_scope_names_the_place_its_kind_requires(curated, scope, region, country, field):
    event = Event.objects.get(slug="foreign-officers-trained-2023")
    figure = _figure(
        event,
        event.citations.get(source__slug="scmp-yahoo"),
        scope=scope,
        scope_region=region,
        scope_country_id=country,
    )
    if field is None:
        figure.full_clean()
        return
    with pytest.raises(ValidationError) as error:
        figure.full_clean()
    assert field in error.value.message_dict


def test_a_fixture_figure_whose_scope_names_no_place_refuses_the_load(corpus, tmp_path):
    broken = json.loads(json.dumps(ENTRIES))
    entry = next(e for e in broken if e["slug"] == "african-police-trained-in-china-2018-2021")
    del entry["figures"][0]["scope_region"]
    fixtures_with(tmp_path, broken)
    with pytest.raises(CommandError, match="names its region"):
        call_command("load_curated", fixtures=tmp_path, verbosity=0)
    assert not Event.objects.exists()


def test_a_fixture_figure_whose_words_do_not_state_it_refuses_the_whole_load(corpus, tmp_path):
    broken = json.loads(json.dumps(ENTRIES))
    entry = next(e for e in broken if e["slug"] == "foreign-officers-trained-2023")
    entry["figures"][0]["value"] = "2800"
    fixtures_with(tmp_path, broken)
    with pytest.raises(CommandError, match="foreign-officers-trained-2023: .*do not state 2,800"):
        call_command("load_curated", fixtures=tmp_path, verbosity=0)
    assert not Event.objects.exists()


def test_a_fixture_figure_citing_words_no_citation_holds_refuses_the_load(corpus, tmp_path):
    broken = json.loads(json.dumps(ENTRIES))
    entry = next(e for e in broken if e["slug"] == "foreign-officers-trained-2023")
    entry["figures"][0]["source"] = "world-today-news-rewrite"
    fixtures_with(tmp_path, broken)
    with pytest.raises(CommandError, match="no citation of this event from “world-today-news"):
        call_command("load_curated", fixtures=tmp_path, verbosity=0)


# --- Exports ------------------------------------------------------------------------------


def test_every_event_object_carries_its_figures_pointing_at_their_citation(curated, client):
    document = client.get("/events.json?per_page=1000").json()
    validator("event").check_schema(SCHEMA)
    exported = 0
    for item in document["events"]:
        validator("event").validate(item)
        for figure in item["figures"]:
            exported += 1
            cited = item["citations"][figure["citation"]]
            assert figure["url"] == cited["url"] and figure["source"] == cited["source"]
            number = figure["value"] if figure["value"] is not None else figure["lower_bound"]
            assert figures.stated_problem(cited["quote"], number, figure["qualifier"]) is None
            assert (figure["lower_bound"] is not None) == (
                figure["qualifier"] in ("more than", "at least")
            )
    assert exported == Figure.objects.filter(event__published=True).count()


def test_the_schema_names_the_models_choices_for_figures():
    figure = SCHEMA["$defs"]["figure"]["properties"]
    assert figure["counts"]["enum"] == [*Counted.values, None]
    assert figure["status"]["enum"] == FigureStatus.values
    assert figure["qualifier"]["enum"] == sorted(
        Figure.Qualifier.values, key=["exact", "about", "at least", "more than"].index
    )
    assert SCHEMA["$defs"]["figure_row"]["properties"]["counts"] == figure["counts"]
    assert figure["scope"]["enum"] == [*FigureScope.values, None]
    for name in ("scope", "scope_region", "scope_country"):
        assert SCHEMA["$defs"]["figure_row"]["properties"][name] == figure[name]


def test_the_figure_exports_say_each_figures_scope_and_place(curated, client):
    rows = client.get("/figures.json").json()["figures"]
    scopes = {(r["event"], r["lower_bound"] or r["value"]): r for r in rows}
    africa = scopes[("african-police-trained-in-china-2018-2021", 2000)]
    assert (africa["scope"], africa["scope_region"], africa["scope_country"]) == (
        "region",
        "africa",
        None,
    )
    course = scopes[("solomon-islands-police-tactical-training-2025", 30)]
    assert (course["scope"], course["scope_region"], course["scope_country"]) == (
        "single",
        None,
        "SB",
    )
    assert scopes[("foreign-officers-trained-2023", 2700)]["scope"] == "worldwide"
    # The CSV adds the same three columns after those it had, which keep their places.
    body = client.get("/figures.csv?bom=0").getvalue().decode()
    header, *lines = list(csv.reader(io.StringIO(body)))
    assert header[:13] == ["event", "counts", "label", "value", "lower_bound", "qualifier"] + [
        "unit",
        "status",
        "period_edtf",
        "source",
        "quote",
        "url",
        "event_url",
    ]
    assert header[13:] == ["scope", "scope_region", "scope_country"]
    row = next(dict(zip(header, line, strict=True)) for line in lines if line[3] == "30")
    assert (row["scope"], row["scope_region"], row["scope_country"]) == ("single", "", "SB")
    # And each event's figures in /events.json.
    event = client.get("/events/african-police-trained-in-china-2018-2021.json").json()
    assert event["figures"][0]["scope_region"] == "africa"


def test_figures_json_holds_every_published_figure_and_validates(curated, client):
    Event.objects.filter(slug="myanmar-scam-centre-repatriation-2025").update(published=False)
    response = client.get("/figures.json")
    assert response.status_code == 200
    document = response.json()
    validator("figures_document").validate(document)
    published = Figure.objects.filter(event__published=True)
    assert document["meta"]["count"] == len(document["figures"]) == published.count()
    assert "myanmar-scam-centre-repatriation-2025" not in {f["event"] for f in document["figures"]}
    row = next(
        f for f in document["figures"] if f["event"] == "african-police-trained-in-china-2018-2021"
    )
    assert (row["value"], row["lower_bound"], row["period_edtf"]) == (None, 2000, "2018/2021")
    assert "more than 2,000" in row["quote"]


def test_figures_json_takes_the_timeline_filters_strictly(curated, client):
    document = client.get("/figures.json?kind=training").json()
    events = set(
        Event.objects.published()
        .filtered(Filters.of(kinds=["training"]))
        .values_list("slug", flat=True)
    )
    assert document["figures"] and {f["event"] for f in document["figures"]} <= events
    bad = client.get("/figures.json?colour=red")
    assert bad.status_code == 400 and bad.json()["parameter"] == "colour"


def test_figures_csv_has_one_row_per_figure_with_absolute_links(curated, client):
    response = client.get("/figures.csv")
    assert response["Content-Disposition"] == 'attachment; filename="figures.csv"'
    # Like /events.csv: a byte-order mark for Excel unless bom=0.
    body = response.getvalue()  # a streamed response is read once
    assert body.startswith(b"\xef\xbb\xbf")
    assert not client.get("/figures.csv?bom=0").getvalue().startswith(b"\xef\xbb\xbf")
    named = client.get("/figures.csv?country=SB")["Content-Disposition"]
    assert named == 'attachment; filename="figures-country-SB.csv"'
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) == Figure.objects.filter(event__published=True).count()
    row = next(r for r in rows if r["event"] == "foreign-officers-trained-2023")
    assert (row["value"], row["lower_bound"], row["status"], row["period_edtf"]) == (
        "2700",
        "",
        "reported",
        "2023",
    )
    assert row["url"].startswith(f"{BASE}/sources/scmp-yahoo/#p-")
    assert row["event_url"] == f"{BASE}/events/foreign-officers-trained-2023/"


def test_the_events_csv_appends_the_figure_columns(curated, client):
    reader = csv.reader(io.StringIO(client.get("/events.csv").getvalue().decode("utf-8-sig")))
    header = next(reader)
    at = header.index("figures")  # appended after the derivation columns, before the dates'
    assert header[at - 1 : at + 3] == ["citation_origins", "figures", "figures_json", "date_edtf"]
    assert header[:3] == ["slug", "title", "kind"]  # the first columns keep their places
    rows = {row[0]: dict(zip(header, row, strict=True)) for row in reader}
    row = rows["african-police-trained-in-china-2018-2021"]
    assert row["figures"].startswith("more than 2,000 people: African police")
    assert "(reported, 2018/2021)" in row["figures"]
    assert json.loads(row["figures_json"])[0]["lower_bound"] == 2000
    assert rows["wang-xiaohong-counterpart-meetings-2024"]["figures_json"] == ""


# --- Pages --------------------------------------------------------------------------------


def test_the_figures_page_groups_every_figure_by_what_it_counts(curated, client):
    response = client.get("/figures/")
    assert response.status_code == 200
    groups = response.context["groups"]
    keys = [g["key"] for g in groups]
    assert keys == [k for k in Counted.values if k in keys]  # in the order of Counted
    shown = [f for g in groups for claim in g["claims"] for f in claim.figures]
    assert sorted(f.pk for f in shown) == sorted(
        Figure.objects.filter(event__published=True).values_list("pk", flat=True)
    )
    for group in groups:
        assert {c.primary.counts for c in group["claims"]} == {group["key"]}
    html = response.content.decode()
    for group in groups:
        assert select(html, "section", id=f"group-{group['key']}")
        assert select(html, "h2", id=f"group-{group['key']}-title")
    # Each figure's row links to its event and to the words that state it, and says its scope.
    for figure in shown:
        assert select(html, "a", href=figure.event.get_absolute_url())
        assert select(html, "a", href=figure.citation.reader_address())
    page = parsed(html)
    for group in groups:
        for claim in group["claims"]:
            (row,) = page.xpath(f'//tr[@id="{claim.anchor}"]')
            assert claim.primary.scope_display in words(row)


def test_the_3000_pledge_is_one_row_listing_its_sources_and_one_mark(curated, client):
    response = client.get("/figures/")
    html = response.content.decode()
    pledges = list(
        Figure.objects.filter(event__slug="lianyungang-forum-training-pledge-2024", value=3000)
    )
    links = {f.citation.reader_address() for f in pledges}
    rows = [
        row
        for row in parsed(html).xpath("//tbody/tr")
        if links & {a.get("href") for a in row.xpath(".//a")}
    ]
    assert len(rows) == 1
    (row,) = rows
    sources = row.xpath('.//ul[@class="claim-sources"]/li')
    by_precision = sorted(pledges, key=lambda f: ["2025", "../2025", ""].index(f.period_edtf))
    assert [li.xpath("./a")[0].get("href") for li in sources] == [
        f.citation.reader_address() for f in by_precision
    ]
    # Each source's own period, as the sources word it differently; the number is not disputed.
    assert [words(li).rsplit(": ", 1)[1] for li in sources] == ["2025", "by 2025", "no period"]
    assert "Sources differ" not in words(row)
    marks = [p for p in response.context["chart"].points if p.figure in pledges]
    assert len(marks) == 1 and marks[0].label == "3,000 (3 sources)"
    assert html.count(">3,000 (3 sources)<") == 1
    assert select(html, "a", href=f"#{marks[0].claim.anchor}")  # its number leads to the row


def test_sources_whose_numbers_differ_are_marked_on_their_row(curated, client):
    page = parsed(client.get("/figures/").content.decode())
    (row,) = page.xpath('//section[@id="group-regional-deal-states"]//tbody/tr')
    assert "Sources differ" in words(row)
    assert "more than 12 states or at least 12 states" in words(row)
    assert len(row.xpath('.//ul[@class="claim-sources"]/li')) == 2


def panel_scopes(panel) -> set:
    return {f.scope_key for point in panel.points for f in point.claim.figures} | {
        f.scope_key for claim in panel.unplaced for f in claim.figures
    }


def test_no_two_figures_of_different_scopes_share_an_axis_unmarked(curated, client):
    # A national figure joins the chart: it gets a panel of its own, not a place on another's.
    event = Event.objects.get(slug="solomon-islands-police-tactical-training-2025")
    national = _figure(
        event,
        event.figures.get().citation,
        value=Decimal(30),
        period_edtf="2024",
        scope="country",
        scope_country_id="SB",
    )
    national.save()
    response = client.get("/figures/")
    panels = response.context["chart"].panels
    assert [p.title for p in panels] == [
        "Worldwide",
        "Region: Africa",
        "Country: Solomon Islands",
        "One programme, course or act (Solomon Islands)",
    ]
    for panel in panels:
        assert panel_scopes(panel) == {panel.scope_key}, panel.title
    assert len({p.scope_key for p in panels}) == len(panels)
    # In the page: each axis is one SVG, titled with its scope, under a heading that names it,
    # and holds only marks of that scope.
    page = parsed(response.content.decode())
    svgs = page.xpath(f"//svg[{having_class('chart')}]")
    assert len(svgs) == len(panels)
    for svg, panel in zip(svgs, panels, strict=True):
        marks = svg.xpath(f".//g[{having_class('chart-point')}]")
        assert len(marks) == len(panel.points)
        assert {g.get("data-scope") for g in marks} == {svg.get("data-scope")}
        (title,) = svg.xpath(f'.//title[@id="{svg.get("aria-labelledby")}"]')
        assert panel.title in title.text
        (heading,) = page.xpath(f'//h3[@id="panel-{svg.get("data-scope")}-title"]')
        assert heading.text == panel.title


def test_each_panel_fits_a_phone_and_opens_on_its_own_years(curated, client):
    chart = client.get("/figures/").context["chart"]
    for panel in chart.panels:
        # 390 px less the page's margins (16 px) and the panel's padding and border (9 px).
        assert panel.width <= 390 - 2 * 16 - 2 * 9, panel.title
        assert panel.first_year == min(
            parse_period(p.figure.period_edtf).earliest.year
            if parse_period(p.figure.period_edtf).earliest
            else parse_period(p.figure.period_edtf).latest.year
            for p in panel.points
        )
    africa = next(p for p in chart.panels if p.title == "Region: Africa")
    assert (africa.first_year, africa.last_year) == (2018, 2021)
    worldwide = next(p for p in chart.panels if p.title == "Worldwide")
    assert (worldwide.first_year, worldwide.last_year) == (2023, 2025)


def test_the_chart_is_svg_with_names_and_each_point_links_to_event_and_words(curated, client):
    # The curated offer (5,000 places) counts training places, not police trained: an offer of
    # police training is added here so that all three shapes are drawn.
    offer = Figure.objects.get(event__slug="foreign-officers-trained-2023")
    offer.pk, offer.status, offer.period_edtf = None, FigureStatus.OFFERED, "2026"
    offer.label = "Places offered"
    offer.save()
    html = client.get("/figures/").content.decode()
    svgs = select(html, "svg", class_="chart")
    assert len(svgs) == 3
    assert "Chart: Foreign police trained by China, Worldwide, by the period" in html
    for svg in svgs:
        assert select(html, "title", id=svg["aria-labelledby"])
        assert select(html, "figcaption", id=svg["aria-describedby"])
    assert "<script" not in html.split('class="figure-chart"')[1].split("</figure>")[0]

    charted = Figure.objects.filter(
        event__published=True, counts=Counted.FOREIGN_POLICE_TRAINED
    ).exclude(period_edtf="")
    claims_drawn = {f.pk for f in charted} - {
        f.pk for f in charted.filter(citation__source__slug="bangkok-post-digest", value=3000)
    }
    assert html.count('<g class="chart-point') == len(claims_drawn)
    for figure in charted.filter(pk__in=claims_drawn).select_related(
        "event", "citation__source", "citation__passage"
    ):
        event_links = select(html, "a", href=figure.event.get_absolute_url())
        assert any("(the event)" in a.get("aria-label", "") for a in event_links), figure
        if figure.value == 3000:  # three sources: its number leads to their row
            continue
        quote_links = select(html, "a", href=figure.citation.reader_address())
        assert any("the words of" in a.get("aria-label", "") for a in quote_links), figure
    # Pledges and offers are drawn as other shapes than reported totals, and the key says so.
    statuses = set(charted.values_list("status", flat=True))
    assert {"reported", "pledged", "offered"} <= statuses
    assert select(html, "circle", class_="mark-reported")
    assert select(html, "path", class_="mark-pledged")
    assert select(html, "rect", class_="mark-offered")
    assert "Pledged or targeted (an open triangle)" in html


def test_a_training_figure_without_a_period_is_named_beside_its_panel(curated, client):
    response = client.get("/figures/")
    chart = response.context["chart"]
    assert {int(c.primary.value) for c in chart.unplaced} == {1000}
    africa = next(p for p in chart.panels if p.title == "Region: Africa")
    assert [c.primary.value for c in africa.unplaced] == [1000]
    assert "Not drawn, because the sources give no period" in response.content.decode()


# --- The page takes the timeline's filters -------------------------------------------------


def test_the_figures_page_takes_the_timeline_filters_as_figures_csv_does(curated, client):
    response = client.get("/figures/?region=africa")
    shown = {f.pk for g in response.context["groups"] for c in g["claims"] for f in c.figures}
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/figures.csv?region=africa&bom=0").getvalue().decode())
        )
    )
    assert len(shown) == len(rows) == 2
    assert {Figure.objects.get(pk=pk).event.slug for pk in shown} == {r["event"] for r in rows}
    html = response.content.decode()
    # The chip that removes it, and a note that the filters narrow the figures.
    (chip,) = parsed(html).xpath(f"//a[{having_class('chip')}]")
    assert "Region Africa" in words(chip) and chip.get("href") == "/figures/"
    total = Figure.objects.filter(event__published=True).count()
    assert f"2 of the {total} figures: those of the events these filters select" in html
    assert select(html, "a", href="/figures.csv?region=africa")
    assert select(html, "a", href="/?region=africa")
    assert [p.title for p in response.context["chart"].panels] == ["Region: Africa"]


def test_without_filters_the_page_has_no_chips_and_no_note(curated, client):
    html = client.get("/figures/").content.decode()
    assert not select(html, "a", class_="chip")
    assert "these filters select" not in html
    assert select(html, "a", href="/figures.csv")


@pytest.mark.parametrize(
    ("query", "note"),
    [
        ("region=atlantis", "Ignored the unknown region “atlantis”."),
        ("year=12345", "Ignored the year “12345”"),
    ],
)
def test_a_filter_the_page_cannot_take_is_noted_and_the_rest_shown(curated, client, query, note):
    response = client.get(f"/figures/?{query}&kind=training")
    assert response.status_code == 200
    html = response.content.decode()
    assert note in html
    training = Event.objects.published().filtered(Filters.of(kinds=["training"]))
    shown = {c.event.slug for g in response.context["groups"] for c in g["claims"]}
    assert shown == set(training.filter(figures__isnull=False).values_list("slug", flat=True))


def test_figures_of_filters_that_match_nothing_say_so(curated, client):
    response = client.get("/figures/?q=zzzzqqq")
    assert response.status_code == 200
    html = response.content.decode()
    assert "The events these filters select give no figures." in html
    assert response.context["chart"] is None


def test_the_site_navigation_links_the_figures_page(curated, client):
    html = client.get("/figures/").content.decode()
    assert select(html, "a", href="/figures/", aria_current="page")
    assert select(client.get("/").content.decode(), "a", href="/figures/")


def test_the_event_page_links_each_figure_to_its_words_and_group(curated, client):
    event = Event.objects.get(slug="lianyungang-forum-training-pledge-2024")
    html = client.get(event.get_absolute_url()).content.decode()
    for figure in event.figures.select_related("citation"):
        assert select(html, "a", href=figure.citation.reader_address())
    assert select(html, "a", href="/figures/#group-foreign-police-trained")
    assert "by 2025" in html


# --- The migration ------------------------------------------------------------------------


def test_the_migration_links_existing_figures_to_the_citation_stating_them(transactional_db):
    with migration("0013_figures_as_data") as step:
        source = step.old.get_model("policing", "Source").objects.create(
            slug="s", title="T", outlet="O", published="2025-01-01", text=""
        )
        event = step.old.get_model("policing", "Event").objects.create(
            slug="e",
            title="E",
            activity="training",
            stage="pledged",
            date_start="2024-01-01",
            date_precision="year",
            summary="S",
        )
        Citation = step.old.get_model("policing", "Citation")
        Citation.objects.create(event=event, source=source, quote="no number here", order=0)
        stating = Citation.objects.create(
            event=event, source=source, quote="it would train 1,000 officers", order=1
        )
        Figure = step.old.get_model("policing", "Figure")
        linked = Figure.objects.create(
            event=event, label="officers", value=1000, unit="officers", source=source
        )
        unmatched = Figure.objects.create(event=event, label="x", value=7, unit="", source=source)

        new = step.run().get_model("policing", "Figure")
        linked, unmatched = new.objects.get(pk=linked.pk), new.objects.get(pk=unmatched.pk)
        assert (linked.citation_id, linked.status) == (stating.pk, "pledged")
        assert (unmatched.citation_id, unmatched.status) == (None, "pledged")


@pytest.mark.parametrize("name", ["figures-json", "figures-csv", "figures"])
def test_figure_queries_do_not_grow_with_the_number_of_figures(curated, client, name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(name)).status_code == 200
        return len(queries)

    before = count()
    event = Event.objects.get(slug="foreign-officers-trained-2023")
    for citation in event.citations.all()[1:]:
        _figure(event, citation).save()
    assert count() == before


def test_a_scope_whose_figures_give_no_period_is_a_panel_without_axes(curated, client):
    Event.objects.filter(slug="african-police-trained-in-china-2018-2021").update(published=False)
    response = client.get("/figures/?region=africa")
    assert response.status_code == 200
    (panel,) = response.context["chart"].panels
    assert (panel.title, panel.points, [c.primary.value for c in panel.unplaced]) == (
        "Region: Africa",
        [],
        [1000],
    )
    html = response.content.decode()
    assert not select(html, "svg", class_="chart")
    assert "None drawn, because the sources give no period" in html


def test_a_figure_whose_scope_is_not_set_is_charted_apart_and_says_so(curated, client):
    Figure.objects.filter(event__slug="foreign-officers-trained-2023").update(scope="")
    response = client.get("/figures/")
    panels = response.context["chart"].panels
    assert panels[0].title == "Scope not yet set"
    assert [p.figure.value for p in panels[0].points] == [2700]
    assert "2700" not in {str(int(p.figure.value)) for panel in panels[1:] for p in panel.points}
    page = parsed(response.content.decode())
    (row,) = page.xpath(f'//tr[@id="claim-{panels[0].points[0].figure.pk}"]')
    assert "Scope not yet set" in words(row)


def test_the_key_explains_floors_and_several_sources_only_where_the_chart_draws_them(
    curated, client
):
    everything = client.get("/figures/").content.decode()
    assert "the source gives only a floor" in everything
    assert "one figure, as several sources state it" in everything
    africa = client.get("/figures/?region=africa").content.decode()
    assert "the source gives only a floor" in africa  # more than 2,000
    assert "one figure, as several sources state it" not in africa
