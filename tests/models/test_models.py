"""Validation an editor meets: citations must quote their source; events must make sense."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from policing.models import Citation, Event, Figure, Source
from policing.text import dates
from policing.timeline.filters import Filters


@pytest.fixture
def event(corpus):
    return Event.objects.create(
        slug="repatriation",
        title="Repatriation",
        activity="repatriation",
        summary="s",
        date_start=dt.date(2025, 2, 20),
        date_precision="day",
    )


def cite(event, quote, slug="scmp-yahoo"):
    citation = Citation(event=event, source=Source.objects.get(slug=slug), quote=quote)
    citation.full_clean()
    citation.save()
    return citation


def test_exact_quote_is_resolved_to_its_passage_and_span(event):
    quote = "200 Chinese nationals rescued from online scam centres in Myanmar"
    citation = cite(event, quote)
    assert citation.passage.line == 7
    assert citation.passage.text[citation.start : citation.end] == quote


def test_quote_with_different_whitespace_anchors(event):
    citation = cite(event, "200  Chinese nationals\n rescued from online   scam centres")
    assert citation.quoted_text == "200 Chinese nationals rescued from online scam centres"


def test_quote_with_straight_quotes_anchors_to_the_curly_original(event):
    # The rewrite writes “with skills and tactics …” with curly quotes and China’s.
    citation = cite(
        event, 'China\'s dual approach', slug="world-today-news-rewrite"
    )  # fmt: skip
    assert citation.quoted_text == "China’s dual approach"
    citation = cite(event, 'equip officers "with skills and tactics', "world-today-news-rewrite")
    assert citation.passage.line == 10


def test_absent_quote_is_a_field_error_naming_the_source_and_its_closest_passage(event):
    citation = Citation(
        event=event,
        source=Source.objects.get(slug="scmp-yahoo"),
        quote="200 Chinese nationals rescued from scam centres in Cambodia",
    )
    with pytest.raises(ValidationError) as error:
        citation.full_clean()
    message = error.value.message_dict["quote"][0]
    assert "scmp-yahoo" in message
    assert "Closest passage (line 7)" in message and "On Thursday, 200 Chinese" in message


def test_absent_quote_is_never_saved(event):
    with pytest.raises(ValidationError, match="do not occur in"):
        Citation(event=event, source=Source.objects.get(slug="scmp-yahoo"), quote="nope").save()
    assert not Citation.objects.exists()


def test_quote_from_an_unrelated_story_is_refused(event):
    with pytest.raises(ValidationError, match="not part of the report"):
        cite(event, "Guns or weed? Trump administration says you can't use both.")


def test_quote_from_an_ad_inside_the_report_is_refused(event):
    with pytest.raises(ValidationError, match="Advertisement"):
        cite(event, "Get the answers with SCMP Knowledge")


def test_editing_the_quote_re_anchors_it(event):
    citation = cite(event, "200 Chinese nationals")
    citation.quote = "Liu Zhongyi, China's assistant minister for public security"
    citation.save()
    assert citation.passage.line == 8


def test_citation_url_lands_on_the_passage_with_a_text_fragment(event):
    citation = cite(event, "200 Chinese nationals rescued from online scam centres in Myanmar")
    url = citation.get_absolute_url()
    assert url.startswith(f"/sources/scmp-yahoo/#{citation.passage.anchor}:~:text=")
    # The site's own links name the citing event, so the reader can mark its words apart.
    assert citation.reader_address() == url.replace("/#", f"/?event={event.slug}#")
    assert "text=200%20Chinese%20nationals%20rescued,scam%20centres%20in%20Myanmar" in url


def test_a_citation_that_lost_its_passage_links_to_its_source(event):
    citation = cite(event, "200 Chinese nationals rescued from online scam centres in Myanmar")
    Citation.objects.filter(pk=citation.pk).update(passage=None)
    citation.refresh_from_db()
    assert citation.get_absolute_url() == "/sources/scmp-yahoo/"
    [card] = Event.objects.cards([event.pk])
    assert [c.url for c in card.card_citations] == [f"/sources/scmp-yahoo/?event={event.slug}"]


def test_span_that_ends_before_it_starts_is_refused(event):
    event.date_end, event.date_end_precision = dt.date(2020, 1, 1), "year"
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "date_end" in error.value.message_dict


def test_disputed_event_must_say_what_differs(event):
    event.disputed = True
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "dispute_note" in error.value.message_dict


def test_date_text_is_resolved_against_its_source(event):
    event.date_text = "On Thursday"
    event.date_source = Source.objects.get(slug="scmp-yahoo")
    assert event.read_date_text() == "2025-02-20"


def test_a_date_phrase_must_occur_in_its_source_unless_the_date_is_set_directly(event):
    event.date_source = Source.objects.get(slug="scmp-yahoo")
    event.date_text = "Earlier this month"  # the report writes it in lower case
    event.full_clean()
    event.date_text = "20/02/2025"  # the date of "On Thursday", but not the SCMP's words
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "does not occur in the report" in error.value.message_dict["date_text"][0]
    event.date_manual = True
    event.full_clean()


@pytest.mark.parametrize(
    ("value", "unit", "qualifier", "shown"),
    [
        ("200", "people", "exact", "200 people"),
        ("190000000", "AUD", "exact", "190,000,000 AUD"),
        ("48", "countries", "at least", "at least 48 countries"),
        ("3.3", "million dollars", "about", "about 3.3 million dollars"),
    ],
)
def test_figures_display_as_the_source_hedges_them(value, unit, qualifier, shown):
    figure = Figure(label="x", value=Decimal(value), unit=unit, qualifier=qualifier)
    assert figure.display_value == shown


def test_source_counts_are_its_paragraphs_and_the_published_events_citing_it(
    curated, django_assert_num_queries
):
    Event.objects.filter(slug="myanmar-scam-centre-repatriation-2025").update(published=False)
    Source.objects.create(
        slug="uncited", title="Uncited", outlet="O", published=dt.date(2025, 1, 1), text=""
    )
    expected = {
        source.slug: (
            source.passages.count(),
            len(
                {c.event_id for c in source.citations.select_related("event") if c.event.published}
            ),
        )
        for source in Source.objects.all()
    }
    # Events, not citations, are counted: some published event cites a source more than once.
    citations = Citation.objects.filter(event__published=True)
    assert any(
        citations.filter(source=s).count() > expected[s.slug][1] for s in Source.objects.all()
    )
    with django_assert_num_queries(1) as queries:
        counted = {s.slug: (s.passage_count, s.event_count) for s in Source.objects.with_counts()}
    assert counted == expected
    # Grouping the joined rows by every column, the full texts included, took 158 ms.
    assert "GROUP BY" not in queries.captured_queries[0]["sql"]
    assert counted["uncited"] == (0, 0)


# --- dates: sorting and year matching on the earliest and latest possible day -----------------


def _in_year(year: int) -> set[str]:
    return set(
        Event.objects.published()
        .filtered(Filters.of(year_from=year, year_to=year))
        .values_list("slug", flat=True)
    )


def test_an_event_is_placed_in_the_years_from_its_earliest_to_its_latest_known_bound(curated):
    afp_window = "afp-ends-chinese-police-operations-policy-2019"  # [2019-07..2024-12]
    by_20_feb_2025 = "liu-zhongyi-thailand-myanmar-visits-2025"  # [..2025-02-20]
    by_dec_2022 = "overseas-police-service-stations-allegations-2022"  # [..2022-12]
    pacific = "pacific-regional-security-deal-rejected-2022"  # [2022-01..2024-09]
    meetings = "wang-xiaohong-counterpart-meetings-2024"  # Mar 2024 – 23 Feb 2025
    assert meetings in _in_year(2024) and meetings in _in_year(2025)
    assert meetings not in _in_year(2023) and meetings not in _in_year(2026)
    # An open end adds no years beyond its known bound, not even up to the publication of the
    # report it is read from.
    for slug, year in [(by_20_feb_2025, 2025), (by_dec_2022, 2022)]:
        years = (1950, year - 3, year - 1, year, year + 1, year + 3, 2099)
        assert [y for y in years if slug in _in_year(y)] == [year], slug
    # A window is placed in the years from its first bound to its last.
    for slug, first, last in [(afp_window, 2019, 2024), (pacific, 2022, 2024)]:
        placed = [y for y in range(2010, 2030) if slug in _in_year(y)]
        assert placed == list(range(first, last + 1)), slug
    assert _in_year(1950) == _in_year(2099) == set()


def test_the_facet_index_matches_years_as_the_database_does(curated):
    from policing.timeline.facets import FacetIndex

    index = FacetIndex.build()
    counts = index.facet_counts(index.masks())
    for year in range(2010, 2027):
        selection = index.select(index.combine(index.masks(year_from=year, year_to=year)))
        assert {e.slug for e in selection[: len(selection)]} == _in_year(year), year
        assert counts["year"].get(year, 0) == len(_in_year(year))
        # The same split into events placed there and events that only may fall there.
        may_fall = _in_year(year) & set(
            Event.objects.filter(year_certain=False).values_list("slug", flat=True)
        )
        assert counts["year_uncertain"].get(year, 0) == len(may_fall), year
        assert index.year_uncertain_totals().get(year, 0) == len(may_fall), year
        selection = index.select(
            index.combine(index.masks(year_from=year, year_to=year)) & index.uncertain
        )
        assert {e.slug for e in selection[: len(selection)]} == may_fall, year
    # The AFP's policy ended some day between Jul 2019 and Dec 2024: it only may fall in 2021.
    in_2021 = index.masks(year_from=2021, year_to=2021)
    selection = index.select(index.combine(in_2021) & index.uncertain)
    assert "afp-ends-chinese-police-operations-policy-2019" in {e.slug for e in selection[:]}


def test_the_timeline_sorts_by_the_earliest_possible_day(curated):
    order = list(Event.objects.published().chronological().values_list("slug", flat=True))
    assert (
        order.index("africa-police-training-pledge-2024")  # from 26 Aug 2024
        < order.index("lianyungang-forum-training-pledge-2024")  # 2 or 9 Sep 2024
        < order.index("china-central-asia-public-security-forum-2024")  # 3 or 10 Sep 2024
    )
    # "between Jul 2019 and Dec 2024" sorts at July 2019, after the year 2019 that starts in
    # January.
    assert order.index("australian-resident-escorted-to-china-2019") < order.index(
        "afp-ends-chinese-police-operations-policy-2019"
    )

    # An event known only by its latest day sorts at the start of the period that bounds it:
    # "by Sep 2024" at 1 Sep 2024.
    def key(event):
        return event.date_earliest or dates.parse_edtf(event.date_edtf).points[-1].start

    starts = [key(event) for event in Event.objects.published().chronological()]
    assert starts == sorted(starts)


def test_code_that_sets_only_the_old_date_fields_gets_a_matching_edtf_value(event):
    event.date_start, event.date_precision, event.date_approximate = (
        dt.date(2025, 1, 1),
        "month",
        True,
    )
    event.save()
    event.refresh_from_db()
    assert event.date_edtf == "2025-01~"
    assert (event.date_earliest, event.date_latest) == (dt.date(2025, 1, 1), dt.date(2025, 1, 31))
    event.date_edtf = "2019-06/.."
    event.save()
    event.refresh_from_db()
    assert (event.date_start, event.date_precision, event.date_end) == (
        dt.date(2019, 6, 1),
        "month",
        None,
    )
    assert event.date_approximate and event.date_latest is None


def test_the_migration_recomputes_the_years_an_event_is_placed_in(transactional_db):
    from tests.migrating import migration

    rows = {  # EDTF, earliest, latest, the years stored before: the years placed after
        "by": ("../2022-12", None, dt.date(2022, 12, 31), (0, 2022), (2022, 2022)),
        "after": ("2019-06/..", dt.date(2019, 6, 1), None, (2019, 2025), (2019, 2019)),
        "span": ("2014/2020", dt.date(2014, 1, 1), dt.date(2020, 12, 31), (2014, 2020), None),
    }
    with migration("0019_event_years_placed") as step:
        Old = step.old.get_model("policing", "Event")
        for slug, (edtf, earliest, latest, (start, end), _) in rows.items():
            Old.objects.create(
                slug=slug,
                title=slug,
                activity="training",
                summary="S",
                date_start=earliest or latest,
                date_precision="month",
                date_edtf=edtf,
                date_earliest=earliest,
                date_latest=latest,
                start_year=start,
                end_year=end,
            )
        New = step.run().get_model("policing", "Event")
        for slug, (_, _, _, before, after) in rows.items():
            event = New.objects.get(slug=slug)
            assert (event.start_year, event.end_year) == (after or before), slug


def test_an_event_stores_whether_it_is_in_its_years_for_certain(curated):
    stored = dict(Event.objects.published().values_list("slug", "year_certain"))
    assert {slug for slug, certain in stored.items() if not certain} == {
        "afp-ends-chinese-police-operations-policy-2019",  # [2019-07..2024-12]
        "pacific-regional-security-deal-rejected-2022",  # [2022-01..2024-09]
        "australia-solomon-islands-police-package-2025",  # [2024-12,2025-01]
        "overseas-police-service-stations-allegations-2022",  # [..2022-12]
        "liu-zhongyi-thailand-myanmar-visits-2025",  # [..2025-02-20]
        "joint-patrols-with-five-southeast-asian-countries",  # [..2025-02-23]
        "rights-groups-concerns-african-police-training-2024",  # [..2024-09]
        "thailand-cancels-joint-patrol-plan",  # [..2024-09]
    }
    event = Event.objects.get(slug="jibc-chinese-police-academies-programme-2014-2020")
    event.date_edtf = "[2014..2020]"  # read as one day of those years, it only may fall in each
    event.save(update_fields=["date_edtf"])
    event.refresh_from_db()
    assert (event.start_year, event.end_year, event.year_certain) == (2014, 2020, False)


def test_the_migration_stores_whether_an_event_is_in_its_years_for_certain(transactional_db):
    from policing.text import dates
    from tests.migrating import migration

    rows = {  # EDTF, earliest, latest: in its years for certain
        "window": ("[2019-07..2024-12]", dt.date(2019, 7, 1), dt.date(2024, 12, 31), False),
        "days": ("[2025-02-01..2025-02-11]", dt.date(2025, 2, 1), dt.date(2025, 2, 11), True),
        "by": ("[..2022-12]", None, dt.date(2022, 12, 31), False),
        "set": ("[2024-12,2025-01]", dt.date(2024, 12, 1), dt.date(2025, 1, 31), False),
        "span": ("2014/2020", dt.date(2014, 1, 1), dt.date(2020, 12, 31), True),
        "after": ("2019-06/..", dt.date(2019, 6, 1), None, True),
        "every": ("{2020,2023}", dt.date(2020, 1, 1), dt.date(2023, 12, 31), False),
    }
    with migration("0021_event_year_certain") as step:
        Old = step.old.get_model("policing", "Event")
        for slug, (edtf, earliest, latest, _) in rows.items():
            Old.objects.create(
                slug=slug,
                title=slug,
                activity="training",
                summary="S",
                date_start=earliest or latest,
                date_precision="month",
                date_edtf=edtf,
                date_earliest=earliest,
                date_latest=latest,
            )
        New = step.run().get_model("policing", "Event")
        for slug, (edtf, _, _, certain) in rows.items():
            assert New.objects.get(slug=slug).year_certain is certain, slug
            assert dates.year_certain(edtf) is certain, slug  # the rule as it stands now
