"""Every date phrase that occurs in the seeds, resolved as a careful reader would, and the EDTF
values the phrases state: their forms, words and bounds."""

import datetime as dt

import edtf
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from policing.text.dates import (
    DAY,
    MONTH,
    YEAR,
    DateResolutionError,
    Point,
    ResolvedDate,
    bounds,
    certainly_in_years,
    check_edtf,
    in_words,
    legacy,
    may_fall_in_words,
    parse_edtf,
    read,
    resolve,
    year_certain,
    years_placed,
)

SCMP = dt.date(2025, 2, 23)  # scmp-yahoo: Sunday 23 February 2025
FEB_2025 = dt.date(2025, 2, 1)  # world-today-news-rewrite, bangkok-post-digest: month precision
TUE_10_SEP_2024 = dt.date(2024, 9, 10)  # train-thousands-2024
YEAR_2024 = dt.date(2024, 1, 1)  # ipd-forum-2024: year precision

D = dt.date


@pytest.mark.parametrize(
    ("phrase", "base", "base_precision", "expected"),
    [
        # scmp-yahoo, read against Sunday 23 February 2025
        ("On Thursday", SCMP, DAY, ResolvedDate(D(2025, 2, 20), DAY)),
        (
            "earlier this month",
            SCMP,
            DAY,
            ResolvedDate(D(2025, 2, 1), DAY, end=D(2025, 2, 22), end_precision=DAY, within=True),
        ),
        ("on February 11", SCMP, DAY, ResolvedDate(D(2025, 2, 11), DAY)),
        ("in 2022", SCMP, DAY, ResolvedDate(D(2022, 1, 1), YEAR)),
        ("in 2023", SCMP, DAY, ResolvedDate(D(2023, 1, 1), YEAR)),
        ("In March last year", SCMP, DAY, ResolvedDate(D(2024, 3, 1), MONTH)),
        ("last September", SCMP, DAY, ResolvedDate(D(2024, 9, 1), MONTH)),
        ("in October", SCMP, DAY, ResolvedDate(D(2024, 10, 1), MONTH)),
        ("In December 2022", SCMP, DAY, ResolvedDate(D(2022, 12, 1), MONTH)),
        ("In January last year", SCMP, DAY, ResolvedDate(D(2024, 1, 1), MONTH)),
        ("in 2001", SCMP, DAY, ResolvedDate(D(2001, 1, 1), YEAR)),
        ("a 2011 policing agreement", SCMP, DAY, ResolvedDate(D(2011, 1, 1), YEAR)),
        ("the 2019 case", FEB_2025, MONTH, ResolvedDate(D(2019, 1, 1), YEAR)),
        # world-today-news-rewrite and bangkok-post-digest, dated only to February 2025
        ("In March of the previous year", FEB_2025, MONTH, ResolvedDate(D(2024, 3, 1), MONTH)),
        ("in January of the previous year", FEB_2025, MONTH, ResolvedDate(D(2024, 1, 1), MONTH)),
        ("last September", FEB_2025, MONTH, ResolvedDate(D(2024, 9, 1), MONTH)),
        ("In March 2023", FEB_2025, MONTH, ResolvedDate(D(2023, 3, 1), MONTH)),
        ("In 2024", FEB_2025, MONTH, ResolvedDate(D(2024, 1, 1), YEAR)),
        ("after June 2019", FEB_2025, MONTH, ResolvedDate(D(2019, 6, 1), MONTH, approximate=True)),
        ("a 2014 incident", FEB_2025, MONTH, ResolvedDate(D(2014, 1, 1), YEAR)),
        # A month and year as an adjective: the article "a" is not the 1st of the month.
        (
            "a September 2024 article",
            dt.date(2024, 9, 1),
            MONTH,
            ResolvedDate(D(2024, 9, 1), MONTH),
        ),
        ("a May 2023 report", dt.date(2024, 9, 1), MONTH, ResolvedDate(D(2023, 5, 1), MONTH)),
        ("In April 2023", FEB_2025, MONTH, ResolvedDate(D(2023, 4, 1), MONTH)),
        (
            "between 2014 and 2020",
            FEB_2025,
            MONTH,
            ResolvedDate(D(2014, 1, 1), YEAR, end=D(2020, 1, 1), end_precision=YEAR),
        ),
        ("in 2021", FEB_2025, MONTH, ResolvedDate(D(2021, 1, 1), YEAR)),
        # train-thousands-2024, read against Tuesday 10 September 2024
        ("on Monday", TUE_10_SEP_2024, DAY, ResolvedDate(D(2024, 9, 9), DAY)),
        ("Monday", TUE_10_SEP_2024, DAY, ResolvedDate(D(2024, 9, 9), DAY)),
        ("on Tuesday", TUE_10_SEP_2024, DAY, ResolvedDate(D(2024, 9, 10), DAY)),
        ("Last year", TUE_10_SEP_2024, DAY, ResolvedDate(D(2023, 1, 1), YEAR)),
        ("in the last year", TUE_10_SEP_2024, DAY, ResolvedDate(D(2023, 1, 1), YEAR)),
        (
            "last week",
            TUE_10_SEP_2024,
            DAY,
            ResolvedDate(D(2024, 9, 2), DAY, end=D(2024, 9, 8), end_precision=DAY, within=True),
        ),
        ("In July", TUE_10_SEP_2024, DAY, ResolvedDate(D(2024, 7, 1), MONTH)),
        # ipd-forum-2024, dated only to the year: absolute dates only
        ("early September 2024", YEAR_2024, YEAR, ResolvedDate(D(2024, 9, 1), MONTH)),
        ("May 2023", YEAR_2024, YEAR, ResolvedDate(D(2023, 5, 1), MONTH)),
        ("September 2024", YEAR_2024, YEAR, ResolvedDate(D(2024, 9, 1), MONTH)),
        (
            "Between 2018 and 2021",
            YEAR_2024,
            YEAR,
            ResolvedDate(D(2018, 1, 1), YEAR, end=D(2021, 1, 1), end_precision=YEAR),
        ),
        # What editors type in the admin
        ("20/02/2025", SCMP, DAY, ResolvedDate(D(2025, 2, 20), DAY)),
        ("early 2024", SCMP, DAY, ResolvedDate(D(2024, 1, 1), YEAR)),
    ],
)
def test_phrase_resolves_as_a_careful_reader_would(phrase, base, base_precision, expected):
    assert resolve(phrase, base, base_precision) == expected


@pytest.mark.parametrize(
    ("phrase", "anchor", "expected"),
    [
        # Fiji, "Two months later" than Papua New Guinea's January 2024 decision.
        (
            "Two months later",
            ResolvedDate(D(2024, 1, 1), MONTH),
            ResolvedDate(D(2024, 3, 1), MONTH),
        ),
        # Australia's package: the February 2025 training "came weeks after" it.
        (
            "It came weeks after",
            ResolvedDate(D(2025, 2, 1), MONTH),
            ResolvedDate(D(2025, 1, 1), MONTH, approximate=True),
        ),
        (
            "Since then",
            ResolvedDate(D(2024, 3, 1), MONTH),
            ResolvedDate(D(2024, 3, 1), MONTH, approximate=True),
        ),
        (
            "Following the Solomons accord",
            ResolvedDate(D(2022, 1, 1), YEAR),
            ResolvedDate(D(2022, 1, 1), YEAR, approximate=True),
        ),
        ("three days later", ResolvedDate(D(2025, 2, 20), DAY), ResolvedDate(D(2025, 2, 23), DAY)),
    ],
)
def test_later_phrases_count_from_the_event_just_dated(phrase, anchor, expected):
    assert resolve(phrase, SCMP, DAY, anchor=anchor) == expected


def test_same_weekday_as_publication_is_the_publication_day_not_a_week_before():
    # dateparser alone reads "Tuesday" on a Tuesday as the Tuesday before.
    assert resolve("Tuesday", TUE_10_SEP_2024).start == D(2024, 9, 10)
    assert resolve("last Tuesday", TUE_10_SEP_2024).start == D(2024, 9, 3)


def test_last_weekday_is_that_day_of_the_week_before():
    # said on a Friday, "last Thursday" is not yesterday but the Thursday of the week before;
    # said on a Tuesday, "last Friday" is the Friday just gone, also of the week before
    assert resolve("last Thursday", D(2024, 12, 20)).start == D(2024, 12, 12)
    assert resolve("Thursday", D(2024, 12, 20)).start == D(2024, 12, 19)
    assert resolve("last Friday", TUE_10_SEP_2024).start == D(2024, 9, 6)


def test_last_month_name_said_in_that_month_means_a_year_before():
    assert resolve("last September", D(2024, 9, 20)).start == D(2023, 9, 1)


@pytest.mark.parametrize(
    ("phrase", "base_precision", "message"),
    [
        ("On Thursday", MONTH, "known to the day"),
        ("last September", YEAR, "known to the month"),
        ("Two months later", DAY, "choose the event"),
        ("", DAY, "Type the date"),
        ("the other day of the week", DAY, "Cannot read"),
        ("between 2021 and 2014", DAY, "ends before it starts"),
    ],
)
def test_unresolvable_phrases_say_why(phrase, base_precision, message):
    with pytest.raises(DateResolutionError, match=message):
        resolve(phrase, FEB_2025, base_precision)


@pytest.mark.parametrize(
    ("resolved", "shown"),
    [
        (ResolvedDate(D(2025, 2, 20), DAY), "20 Feb 2025"),
        (ResolvedDate(D(2024, 9, 1), MONTH), "Sep 2024"),
        (ResolvedDate(D(2022, 1, 1), YEAR), "2022"),
        (ResolvedDate(D(2025, 1, 1), MONTH, approximate=True), "c. Jan 2025"),
        (ResolvedDate(D(2014, 1, 1), YEAR, end=D(2020, 1, 1), end_precision=YEAR), "2014–2020"),
    ],
)
def test_dates_display_at_their_precision(resolved, shown):
    assert resolved.display() == shown


def test_day_span_in_one_month_is_shown_compactly():
    assert in_words("2024-09-02/2024-09-08") == "2–8 Sep 2024"


def test_phrases_that_only_bound_a_date_are_approximate_to_the_month_at_best():
    # "The repatriation operation came after a flurry of visits": before 20 Feb 2025, not on it.
    anchor = ResolvedDate(D(2025, 2, 20), DAY)
    assert resolve("came after", SCMP, DAY, anchor=anchor) == ResolvedDate(
        D(2025, 2, 1), MONTH, approximate=True
    )


# --- EDTF: what the phrases state, in words, and the bounds -------------------------------------

SEP_2024 = dt.date(2024, 9, 1)  # train-thousands-2024 as the texts date it: September 2024


@pytest.mark.parametrize(
    ("phrase", "base", "base_precision", "anchor", "expected"),
    [
        # exact day, month and year
        ("On Thursday", SCMP, DAY, None, "2025-02-20"),
        ("in 2022", SCMP, DAY, None, "2022"),
        ("In July", SEP_2024, MONTH, None, "2024-07"),
        ("Last year", SEP_2024, MONTH, None, "2023"),
        # approximate
        ("around January 2025", SCMP, DAY, None, "2025-01~"),
        # open intervals: a lower bound, an upper bound
        ("after June 2019", FEB_2025, MONTH, None, "[2019-07..]"),
        ("before 2020", FEB_2025, MONTH, None, "[..2019]"),
        ("after 3 March 2024", FEB_2025, MONTH, None, "[2024-03-04..]"),
        ("until May 2024", FEB_2025, MONTH, None, "../2024-05"),
        ("by 20 February 2025", SCMP, DAY, None, "[..2025-02-20]"),
        ("came after", SCMP, DAY, "2025-02-20", "[..2025-02-20]"),
        ("Following the Solomons accord", SEP_2024, MONTH, "2022", "[2022..]"),
        # bounded intervals
        ("between 2014 and 2020", FEB_2025, MONTH, None, "2014/2020"),
        ("Since then", SCMP, DAY, "2024-03", "2024-03/2025-02-23"),
        ("in early September 2024", YEAR_2024, YEAR, None, "[2024-09-01..2024-09-10]"),
        ("late February 2024", SCMP, DAY, None, "[2024-02-21..2024-02-29]"),
        # one day between two dates: the event happened in the window, it did not last it
        ("earlier this month", SCMP, DAY, None, "[2025-02-01..2025-02-22]"),
        ("last week", TUE_10_SEP_2024, DAY, None, "[2024-09-02..2024-09-08]"),
        ("this week", TUE_10_SEP_2024, DAY, None, "[2024-09-09..2024-09-15]"),
        ("next week", TUE_10_SEP_2024, DAY, None, "[2024-09-16..2024-09-22]"),
        # one of a set
        ("2 or 9 September 2024", SCMP, DAY, None, "[2024-09-02,2024-09-09]"),
        ("It came weeks after", SCMP, DAY, "2025-02", "[2024-12,2025-01,2025-02]"),
        ("Two months later", SCMP, DAY, "2024-01", "2024-03"),
    ],
)
def test_each_edtf_form_from_a_phrase(phrase, base, base_precision, anchor, expected):
    assert read(phrase, base, base_precision, anchor=anchor) == expected
    edtf.parse_edtf(expected)  # and the edtf package reads what we store


MAR_10_2025 = dt.date(2025, 3, 10)
MAR_2025 = dt.date(2025, 3, 1)


@pytest.mark.parametrize(
    ("phrase", "base", "base_precision", "expected", "words"),
    [
        (
            "later this year",
            MAR_10_2025,
            DAY,
            "[2025-03-11..2025-12-31]",
            "between 11 Mar and 31 Dec 2025",
        ),
        ("Later this year", MAR_2025, MONTH, "[2025-03..2025-12]", "between Mar and Dec 2025"),
        (
            "earlier this year",
            MAR_10_2025,
            DAY,
            "[2025-01-01..2025-03-09]",
            "between 1 Jan and 9 Mar 2025",
        ),
        ("Earlier this year", MAR_2025, MONTH, "[2025-01..2025-03]", "between Jan and Mar 2025"),
        ("earlier this year", D(2025, 1, 1), MONTH, "2025-01", "Jan 2025"),
        ("this year", MAR_10_2025, DAY, "2025", "2025"),
        ("later this year", YEAR_2024, YEAR, "2024", "2024"),  # a report known to its year
        (
            "later this month",
            MAR_10_2025,
            DAY,
            "[2025-03-11..2025-03-31]",
            "between 11 and 31 Mar 2025",
        ),
        (
            "earlier this month",
            MAR_10_2025,
            DAY,
            "[2025-03-01..2025-03-09]",
            "between 1 and 9 Mar 2025",
        ),
        ("later this month", MAR_2025, MONTH, "2025-03", "Mar 2025"),
    ],
)
def test_later_and_earlier_this_year_are_one_day_in_the_part_after_or_before_the_report(
    phrase, base, base_precision, expected, words
):
    value = read(phrase, base, base_precision)
    assert (value, in_words(value)) == (expected, words)
    edtf.parse_edtf(value)


@settings(max_examples=200, deadline=None)
@given(st.dates(D(1990, 1, 1), D(2100, 12, 31)))
def test_the_part_of_the_year_is_bounded_by_the_report_and_the_year(published):
    january, december = D(published.year, 1, 1), D(published.year, 12, 31)
    # known to the day, the report's own day is in neither part, unless no other is left
    day = dt.timedelta(days=1)
    later = (published + day, december) if published < december else (published, published)
    earlier = (january, published - day) if published > january else (published, published)
    assert bounds(read("later this year", published)) == later
    assert bounds(read("earlier this year", published)) == earlier
    assert bounds(read("this year", published)) == (january, december)
    # Known only to the month, the report's whole month is in either part.
    month = published.replace(day=1)
    last_day = Point(month, MONTH).end
    assert bounds(read("later this year", month, MONTH)) == (month, december)
    assert bounds(read("earlier this year", month, MONTH)) == (january, last_day)


def test_a_weekday_in_a_report_dated_to_the_month_is_refused_not_guessed():
    with pytest.raises(DateResolutionError, match="known to the day"):
        read("on Monday", SEP_2024, MONTH)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2025-02-20", "20 Feb 2025"),
        ("2024-09", "Sep 2024"),
        ("2022", "2022"),
        ("2025-01~", "c. Jan 2025"),
        ("2024?", "2024?"),
        # What lasted, open at one end; a single act known by one bound is a window.
        ("2019-06/..", "from Jun 2019"),
        ("../2025-02-20", "until 20 Feb 2025"),
        ("2024-03/2025-02", "Mar 2024 – Feb 2025"),
        ("2014/2020", "2014–2020"),
        ("2024-09-02/2024-09-08", "2–8 Sep 2024"),
        ("2024-08-26/2024-09-08", "26 Aug – 8 Sep 2024"),
        ("[2024-09-02,2024-09-09]", "2 or 9 Sep 2024"),
        ("[2024-12,2025-01]", "Dec 2024 or Jan 2025"),
        # one day between two dates: the span's rules for repeating the month and year
        ("[2025-03-10..2025-12-31]", "between 10 Mar and 31 Dec 2025"),
        ("[2025-02-01..2025-02-23]", "between 1 and 23 Feb 2025"),
        ("[2025-03..2025-12]", "between Mar and Dec 2025"),
        ("[2024-08-26..2025-01-05]", "between 26 Aug 2024 and 5 Jan 2025"),
        ("[2014..2020]", "between 2014 and 2020"),
        ("[2025-03-10..2025-12]", "between 10 Mar 2025 and Dec 2025"),
        ("[..2022-12]", "by Dec 2022"),
        ("[2019-07..]", "Jul 2019 or later"),
        ("[2019-07..2024-12]", "between Jul 2019 and Dec 2024"),
    ],
)
def test_each_edtf_form_in_words(value, words):
    assert in_words(value) == words


@pytest.mark.parametrize(
    ("value", "earliest", "latest"),
    [
        ("2025-02-20", D(2025, 2, 20), D(2025, 2, 20)),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29)),
        ("2019-06/..", D(2019, 6, 1), None),
        ("../2025-02-20", None, D(2025, 2, 20)),
        ("2014/2020", D(2014, 1, 1), D(2020, 12, 31)),
        ("[2024-09-02,2024-09-09]", D(2024, 9, 2), D(2024, 9, 9)),
        ("2025-01~", D(2025, 1, 1), D(2025, 1, 31)),
        ("[2025-03-10..2025-12-31]", D(2025, 3, 10), D(2025, 12, 31)),
        ("[2025-03..2025-12]", D(2025, 3, 1), D(2025, 12, 31)),
        ("[..2022-12]", None, D(2022, 12, 31)),
        ("[2019-07..]", D(2019, 7, 1), None),
    ],
)
def test_bounds_agree_with_the_edtf_package(value, earliest, latest):
    assert bounds(value) == (earliest, latest)
    parsed = edtf.parse_edtf(value)
    for ours, theirs in ((earliest, parsed.lower_strict()), (latest, parsed.upper_strict())):
        if ours is None:
            assert not hasattr(theirs, "tm_year")  # an open end
        else:
            assert (theirs.tm_year, theirs.tm_mon, theirs.tm_mday) == ours.timetuple()[:3]


@pytest.mark.parametrize(
    ("value", "stated"),
    [
        ("2025-02-20", ResolvedDate(D(2025, 2, 20), DAY)),
        ("2019-06/..", ResolvedDate(D(2019, 6, 1), MONTH, approximate=True)),
        ("../2025-02-20", ResolvedDate(D(2025, 2, 20), DAY, approximate=True)),
        ("2014/2020", ResolvedDate(D(2014, 1, 1), YEAR, end=D(2020, 1, 1), end_precision=YEAR)),
        (
            "[2024-09-02,2024-09-09]",
            ResolvedDate(
                D(2024, 9, 2), DAY, approximate=True, end=D(2024, 9, 9), end_precision=DAY
            ),
        ),
        # A window gives what a set gives: its first and last date, approximate.
        (
            "[2025-02-01..2025-02-23]",
            ResolvedDate(
                D(2025, 2, 1), DAY, approximate=True, end=D(2025, 2, 23), end_precision=DAY
            ),
        ),
    ],
)
def test_the_first_models_fields_are_derived_from_the_edtf_value(value, stated):
    assert legacy(value) == stated


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2019-13", "not a valid EDTF date"),
        ("2024-02-30", "not a valid EDTF date"),
        ("<script>", "not a valid EDTF date"),
        ("2025/2019", "ends before it starts"),
        ("../..", "no date at either end"),
        ("2025-01-XX", "not an EDTF form this timeline shows"),
        ("", "Give the date as EDTF"),
        ("[2025-12..2025-03]", "ends before it starts"),
        ("[2025-01,2025-03..2025-05]", "the range alone"),
        ("[..]", "a date at one end"),
        ("[2025-03~..2025-05]", "without ~ or ?"),
        ("[2025-03-10..2025-13]", "not a date"),
    ],
)
def test_bad_edtf_says_what_is_wrong(value, message):
    with pytest.raises(DateResolutionError, match=message):
        check_edtf(value)
    with pytest.raises(DateResolutionError):  # the quick reader of stored values refuses it too
        parse_edtf(value)


@pytest.mark.parametrize(
    ("typed", "suggested"),
    [
        ("July 17, 2022", "2022-07-17"),
        ("17 July 2022", "2022-07-17"),
        ("July 2022", "2022-07"),
        ("17/07/2022", "2022-07-17"),
        ("2022-13-01", None),  # a mistyped EDTF value, not words: no guess
        ("July 17", None),  # no year: it would be read against today
    ],
)
def test_a_refused_value_is_quoted_as_typed_with_its_edtf_where_the_words_are_a_date(
    typed, suggested
):
    with pytest.raises(DateResolutionError) as refused:
        check_edtf(typed)
    message = str(refused.value)
    assert message.startswith(f"“{typed}” is not a valid EDTF date")
    assert "near" not in message and "position" not in message  # counted without the spaces
    assert "2024 (a year)" in message and "2025-02-23/.." in message
    if suggested:
        assert f"Written as EDTF: “{suggested}”." in message
    else:
        assert "Written as EDTF" not in message


_POINTS = st.one_of(
    st.just(".."),
    st.builds(
        "{:04d}{}{}".format,
        st.integers(1900, 2100),
        st.one_of(st.just(""), st.integers(0, 13).map("-{:02d}".format)),
        st.sampled_from(["", "~", "?", "%", "-31", "-29", "-15", "-00"]),
    ),
)
_VALUES = st.one_of(
    _POINTS,
    st.builds("{}/{}".format, _POINTS, _POINTS),
    st.lists(_POINTS, min_size=1, max_size=3).map(lambda p: "[" + ",".join(p) + "]"),
    st.builds("[{}..{}]".format, _POINTS, _POINTS),
    st.text(alphabet="0123456789-/.,[]~?% x", max_size=24),
)


@settings(max_examples=300, deadline=None)
@given(_VALUES)
def test_the_quick_reader_accepts_only_what_the_edtf_package_accepts(value):
    """Pages and exports read stored dates with `parse_edtf` (the package's grammar is too
    slow for them); whatever it reads, the package reads too, with the same bounds."""
    try:
        parsed = parse_edtf(value)
    except DateResolutionError:
        return
    assert check_edtf(value) == parsed
    ends = [p for p in parsed.points if p]
    if parsed.form == "between" and len({p.precision for p in ends}) > 1:
        # The package reads a set's range only between dates of one precision; each end of a
        # window of two precisions must still be a date it reads.
        for point in ends:
            edtf.parse_edtf(point.edtf)
        return
    reference = edtf.parse_edtf("".join(value.split()))  # both readers drop white space
    if parsed.form != "set":
        lower, upper = reference.lower_strict(), reference.upper_strict()
        if parsed.earliest:
            assert parsed.earliest.timetuple()[:3] == lower[:3]
        if parsed.latest:
            assert parsed.latest.timetuple()[:3] == upper[:3]


def test_one_day_between_two_dates_is_a_window_not_a_span():
    window, span = parse_edtf("[2025-02-01..2025-02-23]"), parse_edtf("2025-02-01/2025-02-23")
    assert (window.form, span.form) == ("between", "interval")
    assert bounds(window) == bounds(span) == (D(2025, 2, 1), D(2025, 2, 23))
    assert window.uncertain and not span.uncertain
    assert check_edtf(" [2025-03-10 .. 2025-12] ").text == "[2025-03-10..2025-12]"


def test_a_publication_known_only_as_a_lower_bound_reads_absolute_phrases_only():
    # The digest and the rewrite carry no date: on or after 23 Feb 2025 ("2025-02-23/..").
    base = dt.date(2025, 2, 23)
    from policing.text.dates import UNBOUNDED

    assert read("between 2014 and 2020", base, UNBOUNDED) == "2014/2020"
    assert read("after June 2019", base, UNBOUNDED) == "[2019-07..]"
    for relative in [
        "last September",
        "On Thursday",
        "in March of the previous year",
        "this year",
        "later this year",
        "last year",
        "a year ago",
    ]:
        with pytest.raises(DateResolutionError, match="known only as a lower bound"):
            read(relative, base, UNBOUNDED)


# --- Placed for certain, or only "may fall in" (docs/corpus.md, "The years an event is placed in")


@pytest.mark.parametrize(
    ("value", "certain"),
    [
        # A date is in its year; a qualifier says how sure the day is, not the year.
        ("2025-02-20", True),
        ("2024", True),
        ("2025-01~", True),
        ("2024?", True),
        # What lasted is in every year it spans, and an open one in its known bound's year.
        ("2014/2020", True),
        ("2024-03/2025-02-23", True),
        ("2019-06/..", True),
        ("../2022-12", True),
        # One day, or one of a set, in a single year with both ends known.
        ("[2024-09-02,2024-09-09]", True),
        ("[2025-02-01..2025-02-11]", True),
        ("[2024-08-26..2024-09-08]", True),
        # One day that may fall in any of several years, or open at one end.
        ("[2019-07..2024-12]", False),
        ("[2022-01..2024-09]", False),
        ("[2024-12,2025-01]", False),
        ("[..2022-12]", False),
        ("[..2025-02-20]", False),
        ("[2019-07..]", False),
        # Every one of a set: in each year between its first and last only if no year is empty.
        ("{2024-01,2025-03}", True),
        ("{2020,2023}", False),
    ],
)
def test_an_event_is_placed_in_its_years_for_certain_or_only_may_fall_in_them(value, certain):
    assert year_certain(value) is certain
    assert year_certain(parse_edtf(value)) is certain


@pytest.mark.parametrize(
    ("value", "first", "last", "certainly"),
    [
        ("[2019-07..2024-12]", 2021, 2021, False),
        ("[2019-07..2024-12]", 2019, 2024, True),  # every day it may fall on is there
        ("[2019-07..2024-12]", 2018, None, True),
        ("[2019-07..2024-12]", None, 2023, False),
        ("[..2022-12]", 2022, 2022, False),  # perhaps in 2021
        ("[..2022-12]", None, 2022, True),
        ("[2019-07..]", 2019, None, True),
        ("[2024-12,2025-01]", 2025, 2025, False),
        ("[2024-12,2025-01]", 2024, 2025, True),
        ("2025-02-20", 2025, 2025, True),
        ("2014/2020", 2017, 2017, True),
        ("2014/2020", 2021, 2021, False),  # not listed there at all
        ("{2020,2023}", 2020, 2020, True),
        ("{2020,2023}", 2021, 2022, False),
    ],
)
def test_whether_an_event_is_certainly_in_the_chosen_years(value, first, last, certainly):
    assert certainly_in_years(value, first, last) is certainly


@pytest.mark.parametrize(
    ("value", "first", "last", "words"),
    [
        (
            "[2019-07..2024-12]",
            2021,
            2021,
            "May fall in 2021: some day between Jul 2019 and Dec 2024",
        ),
        (
            "[2022-01..2024-09]",
            2023,
            2024,
            "May fall in 2023–2024: some day between Jan 2022 and Sep 2024",
        ),
        ("[..2025-02-20]", 2025, 2025, "May fall in 2025: some day by 20 Feb 2025"),
        ("[2024-12,2025-01]", 2025, None, "May fall in 2025 or later: Dec 2024 or Jan 2025"),
        ("[2019-07..]", None, 2019, "May fall in 2019 or earlier: Jul 2019 or later"),
        ("[2019-07..2024-12]", 2019, 2024, ""),
        ("[2019-07..2024-12]", None, None, ""),
        ("2025-02-20", 2025, 2025, ""),
        ("2014/2020", 2016, 2016, ""),
    ],
)
def test_a_card_under_years_it_only_may_fall_in_says_so(value, first, last, words):
    assert may_fall_in_words(value, first, last) == words


def _point_text(day: dt.date, precision: str) -> str:
    return {DAY: f"{day:%Y-%m-%d}", MONTH: f"{day:%Y-%m}", YEAR: f"{day:%Y}"}[precision]


@st.composite
def _forms(draw) -> tuple[str, str, tuple[int | None, int | None], set[int]]:
    """An EDTF value of any form the timeline shows, with what its parts say independently of
    the reader: whether it lasted ("lasted"), happened on every one of its dates ("every"), or
    on one day ("one"); the years of its first and last known dates (None for an open end);
    and the years of its dates."""
    count = draw(st.integers(1, 3))
    days = sorted(
        draw(st.lists(st.dates(D(2000, 1, 1), D(2006, 12, 31)), min_size=count, max_size=count))
    )
    precisions = [draw(st.sampled_from([DAY, MONTH, YEAR])) for _ in days]
    texts = [_point_text(day, p) for day, p in zip(days, precisions, strict=True)]
    # Ordered by their first days at precision (2003 starts before 2003-05).
    texts.sort(key=lambda text: (text + "-01-01")[:10])
    years = [int(text[:4]) for text in texts]
    form = draw(st.sampled_from(["date", "interval", "set", "all", "window"]))
    first, last = texts[0], texts[-1]
    if form == "date":
        qualifier = draw(st.sampled_from(["", "~", "?"]))
        return first + qualifier, "lasted", (years[0], years[0]), {years[0]}
    if form in ("set", "all"):
        assume(len(set(texts)) == len(texts) >= 2)
        brackets = "[]" if form == "set" else "{}"
        value = brackets[0] + ",".join(texts) + brackets[1]
        return value, "one" if form == "set" else "every", (years[0], years[-1]), set(years)
    open_end = draw(st.sampled_from(["", "start", "end"]))
    start = None if open_end == "start" else years[0]
    end = None if open_end == "end" else years[-1]
    a = ".." if open_end == "start" else first
    b = ".." if open_end == "end" else last
    if form == "interval":
        return f"{a}/{b}", "lasted", (start, end), {y for y in (start, end) if y}
    return f"[{'' if a == '..' else a}..{'' if b == '..' else b}]", "one", (start, end), set()


@settings(max_examples=400, deadline=None)
@given(_forms())
def test_an_event_is_certain_of_its_years_exactly_when_its_form_and_ends_say_so(generated):
    value, how, (start, end), dated = generated
    parsed = parse_edtf(value)
    certain = year_certain(value)
    placed = range(min(y for y in (start, end) if y), max(y for y in (start, end) if y) + 1)
    assert years_placed(parsed.earliest, parsed.latest) == (placed[0], placed[-1])
    if how == "lasted":
        assert certain
    elif how == "every":
        assert certain == (dated == set(placed))
    else:  # one day: certain only if every day it may fall on lies in one year
        assert certain == (start is not None and end is not None and start == end)
    for year in placed:
        # Each year an event is placed in, it is in for certain, or only may fall in.
        surely = certainly_in_years(value, year, year)
        assert surely == (certain or (how == "every" and year in dated)), year
        words = may_fall_in_words(value, year, year)
        assert (words == "") == surely, year
        if words:
            assert words.startswith(f"May fall in {year}: ") and in_words(value) in words
    # Across all the years it is placed in, it is there for certain unless an end is open.
    whole = certainly_in_years(value, placed[0], placed[-1])
    assert whole == (certain or how == "every" or (start is not None and end is not None))
    assert not certainly_in_years(value, placed[-1] + 1, None)
    assert not certainly_in_years(value, None, placed[0] - 1)


@pytest.mark.parametrize(
    ("phrase", "value"),
    [
        # a stretch up to the publication (22 August 2024): one day within it
        ("over the past year", "[2023-08-22..2024-08-22]"),
        ("in the past two weeks", "[2024-08-08..2024-08-22]"),
        ("during the past 12 months", "[2023-08-22..2024-08-22]"),
        ("over the last decade", "[2014-08-22..2024-08-22]"),
        ("in the last two years", "[2022-08-22..2024-08-22]"),
        ("since the start of the year", "[2024-01-01..2024-08-22]"),
        # part of a month: one day in its first, second or last third
        ("late last month", "[2024-07-21..2024-07-31]"),
        ("early this month", "[2024-08-01..2024-08-10]"),
        # the year before stays the calendar year before
        ("last year", "2023"),
        ("in the last year", "2023"),
    ],
)
def test_a_stretch_or_a_part_of_a_month_is_a_window(phrase, value):
    assert read(phrase, dt.date(2024, 8, 22), DAY) == value


def test_a_year_back_from_the_end_of_a_month_is_the_same_day():
    assert read("over the past year", dt.date(2024, 8, 31), DAY) == "[2023-08-31..2024-08-31]"
    assert read("over the past year", dt.date(2024, 2, 29), DAY) == "[2023-02-28..2024-02-29]"
