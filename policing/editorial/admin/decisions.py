"""The forms of a decision on a proposal that the proposal's own page and the review grid
share: the event to merge its words into, chosen in the picker, and the reason to reject it."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms

from policing.editorial import picking
from policing.models import Event, Proposal


class MergeForm(forms.Form):
    """The event to cite a proposal's words in, one of the picker's radio buttons (the
    proposal's matches, or what the words in `find` found: picking.py), and those words."""

    event = forms.ModelChoiceField(
        queryset=Event.objects.all(),
        widget=forms.HiddenInput,  # the picker's radio buttons, written by its template
        label="Event to cite these words in",
        error_messages={
            "required": "Choose the event to cite these words in.",
            "invalid_choice": "That event no longer exists: choose another.",
        },
    )
    find = forms.CharField(
        label="Find another event",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "size": 24, "autocomplete": "off"}),
        help_text="Words of its title, summary or quoted words.",
    )


def merge_form(choices: list[picking.Choice], data=None, *, prefix: str = "merge") -> MergeForm:
    """The merge form of a proposal, its best match chosen until the editor chooses."""
    initial = {"event": choices[0].event.pk} if choices else {}
    return MergeForm(data, prefix=prefix, initial=initial)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Why reject it",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="Kept with the proposal: proposing this source again will not offer it.",
        error_messages={"required": "Say why the proposal is rejected."},
    )


@dataclass
class Picker:
    """What the picker's template shows: the choices best first, the one chosen (the form's,
    else the best), the words searched, and the names its inputs post under."""

    prefix: str
    choices: list[picking.Choice]
    chosen: str = ""
    find: str = ""
    searched: bool = False

    @classmethod
    def of(cls, proposal: Proposal, form: MergeForm, choices: list[picking.Choice]) -> Picker:
        """The picker for `form`: the words it holds searched, else the proposal's matches."""
        find = (form["find"].value() or "").strip()[:200]
        if find:
            choices = picking.found(proposal, find)
        chosen = str(form["event"].value() or "")
        if not any(str(c.event.pk) == chosen for c in choices):
            chosen = ""
        return cls(form.prefix, choices, chosen, find, bool(find))

    @property
    def event_name(self) -> str:
        return f"{self.prefix}-event"

    @property
    def find_name(self) -> str:
        return f"{self.prefix}-find"
