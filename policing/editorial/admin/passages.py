"""A source's paragraphs in the admin: shown a page at a time, and marked as the report or as
not the report (a republisher's additions, unrelated material)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Count

from policing.models import Citation, Passage, SectionKind, Source

# Paragraphs shown a page at a time on a source's page and its page for marking them: a report
# may have thousands (an inline form each took a worker to gigabytes).
PASSAGES_PER_PAGE = 50


def passages_page(source: Source, number) -> Page:
    """One page of the source's paragraphs, each with how many citations quote it."""
    rows = source.passages.annotate(cited=Count("citations")).order_by("ordinal")
    return Paginator(rows, PASSAGES_PER_PAGE).get_page(number)


class MarkPassagesForm(forms.Form):
    """Which paragraphs are the report and which are not: a republisher's additions, or
    unrelated material pasted with it (links, another story). Only the report is cited and
    proposed from."""

    section = forms.ChoiceField(
        label="Mark as",
        choices=SectionKind.choices,
        help_text="“Report” undoes a mark. Paragraphs that are not the report are shown "
        "collapsed in the reader and are not proposed from or cited.",
    )
    passages = forms.ModelMultipleChoiceField(
        queryset=Passage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Paragraphs ticked",
    )
    first = forms.IntegerField(
        label="Or from paragraph",
        required=False,
        min_value=1,
        help_text="A range of paragraph numbers (¶), with or instead of the ticked ones.",
    )
    last = forms.IntegerField(label="to paragraph", required=False, min_value=1)
    label = forms.CharField(
        required=False,
        max_length=200,
        help_text="What the material is, e.g. “Related links” (shown in the reader).",
    )

    def __init__(self, *args, source: Source, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source
        self.fields["passages"].queryset = source.passages.all()

    def clean(self):
        cleaned = super().clean()
        first, last = cleaned.get("first"), cleaned.get("last")
        ids = {p.pk for p in cleaned.get("passages") or ()}
        if first or last:
            first, last = first or last, last or first
            if first > last:
                raise ValidationError("The range must start before it ends.")
            ids |= set(
                self.source.passages.filter(ordinal__range=(first, last)).values_list(
                    "pk", flat=True
                )
            )
        if not ids:
            raise ValidationError("Tick paragraphs or give a range of paragraph numbers.")
        chosen = self.source.passages.filter(pk__in=ids)
        if cleaned.get("section") and cleaned["section"] != SectionKind.REPORT:
            cited = (
                Citation.objects.filter(passage__in=chosen)
                .select_related("event", "passage")
                .order_by("passage__ordinal", "pk")
            )
            if cited:
                named = "; ".join(
                    f"¶{c.passage.ordinal} by “{c.event.title}” "
                    f"({'published' if c.event.published else 'draft'})"
                    for c in cited[:10]
                )
                raise ValidationError(
                    f"These paragraphs are cited, so they are the report: {named}. "
                    "Remove those citations first, or leave the paragraphs out of the range."
                )
        cleaned["chosen"] = chosen
        return cleaned


def paragraph_ranges(ordinals: list[int]) -> str:
    """¶3, ¶5–7: paragraph numbers as runs."""
    runs: list[list[int]] = []
    for n in sorted(ordinals):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(f"¶{a}" if a == b else f"¶{a}–{b}" for a, b in runs)
