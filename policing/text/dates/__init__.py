"""Dates: the EDTF value every date is stored as (`edtf`), date phrases read into it as a
careful reader of the source would (`phrases`), and what an editor types checked (`checking`).
The public names are re-exported here, so `from policing.text import dates; dates.read(...)`
reads as one module."""

from policing.text.dates.checking import check_edtf
from policing.text.dates.edtf import (
    DAY,
    MONTH,
    OPEN,
    YEAR,
    DateResolutionError,
    Edtf,
    Point,
    ResolvedDate,
    add_months,
    bounds,
    edtf_of,
    format_date,
    in_words,
    iso_at,
    legacy,
    parse_edtf,
    truncate,
    years_placed,
)
from policing.text.dates.phrases import (
    CARDINALS,
    NUMBER_WORDS,
    UNBOUNDED,
    WEEKDAYS,
    coarser,
    read,
    resolve,
)

__all__ = [
    "CARDINALS",
    "DAY",
    "MONTH",
    "NUMBER_WORDS",
    "OPEN",
    "UNBOUNDED",
    "WEEKDAYS",
    "YEAR",
    "DateResolutionError",
    "Edtf",
    "Point",
    "ResolvedDate",
    "add_months",
    "bounds",
    "check_edtf",
    "coarser",
    "edtf_of",
    "format_date",
    "in_words",
    "iso_at",
    "legacy",
    "parse_edtf",
    "read",
    "resolve",
    "truncate",
    "years_placed",
]
