"""What an editor, a fixture or the manifest gives as EDTF, checked: the edtf package's verdict
first, then this project's reader (edtf.py), and a refusal that says why and, for a date typed
in words, what to type instead (phrases.py reads the words)."""

from __future__ import annotations

import datetime as dt
import functools
import re

from policing.text.dates.edtf import DateResolutionError, Edtf, compact, parse_edtf
from policing.text.dates.phrases import read


@functools.lru_cache(maxsize=4096)
def check_edtf(value: str) -> Edtf:
    """What an editor, a fixture or the manifest gives as EDTF: the edtf package's verdict on
    it first (the standard's reader in Python), then `parse_edtf`; DateResolutionError says
    why not. The package's grammar takes tens of milliseconds a value, so values already
    checked and stored are read with `parse_edtf` alone, and a value checked once is not
    checked again (a load of the curated events checks each date three times: 2.7 of its
    6.6 s). A refusal is not kept: it is raised again each time."""
    from edtf import parse_edtf as edtf_parse
    from edtf.parser.edtf_exceptions import EDTFParseException

    text = compact(value)
    if not text:
        raise DateResolutionError(
            "Give the date as EDTF, e.g. 2025-02-20, 2019-06/.. or 2014/2020."
        )
    # The package reads a set's range only between dates of one precision: a window is read
    # with ours, each of its ends with the package.
    window = text.startswith("[") and ".." in text
    checked = [end.edtf for end in parse_edtf(text).points if end] if window else [text]
    try:
        for each in checked:
            edtf_parse(each)
    except (EDTFParseException, ValueError) as error:
        typed = " ".join(value.split())  # as typed: "July 17, 2022", not "July17,2022"
        raise DateResolutionError(
            f"“{typed}” is not a valid EDTF date{_edtf_reason(error)}.{_as_edtf(typed)} "
            "Examples: 2025-02-20 (a day), 2024-03 (a month), 2024 (a year), 2025-01~ (about), "
            "2024? (uncertain), 2014/2020, 2025-02-23/.. (on or after), ../2025-02-20 (by), "
            "[2024-09-02,2024-09-09] (one of), [2025-03-10..2025-12-31] (sometime between)."
        ) from None
    return parse_edtf(text)


def _as_edtf(typed: str) -> str:
    """A sentence giving the EDTF of a date typed in words with its year ("July 17, 2022",
    "17 July 2022"), so the editor sees what to type; "" for anything else."""
    if not re.search(r"\b\d{4}\b", typed):
        return ""  # without its year a phrase would be read against today: no guess
    if not re.search(r"[^\W\d_]|[/.,]\s*\d", typed):
        return ""  # digits and hyphens alone ("2022-13-01") are a mistyped EDTF, not words
    try:
        value = read(typed, dt.date.today())
    except (DateResolutionError, ValueError):
        return ""
    return f" Written as EDTF: “{value}”."


def _edtf_reason(error: Exception) -> str:
    message = str(error).split(". Please")[0]
    # Its position and "near '…'" count in the value without its spaces, which is not what the
    # editor typed.
    message = re.sub(r"\s+at position \d+|\s+near\s+'.*'$", "", message)
    if not message or re.fullmatch(r"error: invalid input or format", message, re.I):
        return ""  # says nothing the sentence does not
    return f" ({message[0].lower() + message[1:]})"
