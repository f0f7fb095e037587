"""Text as it is stored and exported: one line where a field holds one line, and no control
characters anywhere.

A title pasted with a line break made its calendar fail (iCalendar cannot escape a line break
in a calendar's name), and a vertical tab or NUL makes an Atom feed fail (XML 1.0 cannot write
most control characters). Every text field is tidied on save (`tidy_fields`, connected in
models.py), and the exports tidy what they write again, for rows saved before.
"""

from __future__ import annotations

import re

from django.db import models

# What moves to a new line (and the tab): in a one-line field, a run of them is one space.
_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
_ONE_LINE_BREAKS = re.compile(f" *[\t{_BREAKS}]+ *")
# C0 and C1 control characters and DEL, tab and line feed apart: never part of a real value.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def single_line(value: str) -> str:
    """`value` on one line: breaks and tabs become one space, other control characters go."""
    return _CONTROLS.sub("", _ONE_LINE_BREAKS.sub(" ", value)).strip()


def multi_line(value: str) -> str:
    """`value` with its line breaks as "\\n" and without other control characters (tabs stay)."""
    return _CONTROLS.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def tidy_fields(sender, instance, **kwargs) -> None:
    """Before a save: every CharField one line, every TextField free of control characters.

    A model's `VERBATIM_FIELDS` are left as they are: a source's text is the evidence.
    """
    verbatim = getattr(sender, "VERBATIM_FIELDS", ())
    for field in sender._meta.concrete_fields:
        value = getattr(instance, field.attname)
        if field.name in verbatim or not isinstance(value, str):
            continue
        if isinstance(field, models.TextField):
            setattr(instance, field.attname, multi_line(value))
        elif isinstance(field, models.CharField):
            setattr(instance, field.attname, single_line(value))
