"""Every date phrase that occurs in the seeds, resolved as a careful reader would."""

import datetime as dt

import pytest

from policing.dates import (
    DAY,
    MONTH,
    YEAR,
    DateResolutionError,
    ResolvedDate,
    format_span,
    resolve,
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
        ("earlier this month", SCMP, DAY, ResolvedDate(D(2025, 2, 1), MONTH)),
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
            ResolvedDate(D(2024, 9, 2), DAY, end=D(2024, 9, 8), end_precision=DAY),
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
    assert format_span(D(2024, 9, 2), DAY, D(2024, 9, 8), DAY) == "2–8 Sep 2024"


def test_phrases_that_only_bound_a_date_are_approximate_to_the_month_at_best():
    # "The repatriation operation came after a flurry of visits": before 20 Feb 2025, not on it.
    anchor = ResolvedDate(D(2025, 2, 20), DAY)
    assert resolve("came after", SCMP, DAY, anchor=anchor) == ResolvedDate(
        D(2025, 2, 1), MONTH, approximate=True
    )
