"""A ValidationError put in one line, for a message an editor or an operator reads: the one
rule for every place that reports Django's validation in words."""

from __future__ import annotations

from django.core.exceptions import ValidationError


def one_line(error: ValidationError, *, fields: bool = False) -> str:
    """The error's messages joined by spaces; with `fields`, each field's messages after its
    name ("slug: …; date_edtf: …"), where the error names fields (a model's `full_clean`)."""
    if fields and hasattr(error, "error_dict"):
        return "; ".join(f"{name}: {' '.join(m)}" for name, m in error.message_dict.items())
    return " ".join(error.messages)
