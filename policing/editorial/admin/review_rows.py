"""The rows of the review grid (review_grid.py): a pending proposal as the event it would
become, in a form an editor corrects before accepting (its date read as the event form reads
one, its states typed by name with their roles), and each row's words in their paragraph, its
merge picker and its reason, as the page shows them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms

from policing.editorial import picking, review
from policing.editorial.admin.decisions import MergeForm, Picker, RejectForm, merge_form
from policing.editorial.admin.event_dates import read_edtf_or_phrase
from policing.models import (
    Activity,
    Country,
    Event,
    Proposal,
    ProposalStatus,
    Role,
    Stage,
    default_role,
)
from policing.text import dates, places

# The most states a row offers: what the words name, and one more to add (a page is one form,
# and Django reads at most DATA_UPLOAD_MAX_NUMBER_FIELDS, 1,000, fields of a form; a row
# posts at most 11 + 2 × MAX_PAIRS).
MAX_PAIRS = 8
# Characters of the paragraph shown each side of the words until the row is expanded.
CONTEXT = 160
# The roles by the first words of their labels, so that a state and its role fit side by side.
ROLES = [(value, label.split(" (")[0]) for value, label in Role.choices]


def prefix_of(proposal: Proposal) -> str:
    return f"p{proposal.pk}"


# --- a row's date --------------------------------------------------------------------------


def shown_date(proposal: Proposal) -> str:
    """What a row's date starts as: the phrase the proposal read, else its EDTF value."""
    return proposal.date_text or proposal.date_edtf


def read_date(proposal: Proposal, typed: str) -> tuple[str, str, bool]:
    """(phrase, EDTF, as proposed) of what an editor typed as a row's date. Unchanged, it is
    the proposal's own reading (which may count from a date stated earlier in the report);
    otherwise EDTF checked as the event form checks it, or words read against the report's
    publication, as the event form reads them. DateResolutionError says why not."""
    typed = " ".join(typed.split())
    if not typed:
        raise dates.DateResolutionError("Give the date as the source words it, or as EDTF.")
    if typed == shown_date(proposal) and proposal.date_edtf:
        return proposal.date_text, proposal.date_edtf, True
    try:
        return "", dates.check_edtf(typed).text, False
    except dates.DateResolutionError:
        pass
    return typed, read_edtf_or_phrase(Event(date_text=typed, date_source=proposal.source)), False


def date_reading(proposal: Proposal, typed: str) -> dict:
    """What a row's date reads as, for the line beside it: {"resolved": {edtf, words, phrase,
    as_proposed} or None, "error": why not or None}; both None for nothing typed."""
    if not typed.strip():
        return {"resolved": None, "error": None}
    try:
        phrase, value, as_proposed = read_date(proposal, typed)
    except dates.DateResolutionError as error:
        return {"resolved": None, "error": str(error)}
    resolved = {"edtf": value, "words": dates.in_words(value), "phrase": phrase}
    return {"resolved": {**resolved, "as_proposed": as_proposed}, "error": None}


# --- a row's fields ------------------------------------------------------------------------


class Countries:
    """The country list, read once a page: a state is typed as its name or its code (or a
    name the place reader knows: "PNG", "the Solomons")."""

    def __init__(self):
        self.names = dict(Country.objects.values_list("code", "name"))
        self._codes = {name.casefold(): code for code, name in self.names.items()}

    def code_of(self, typed: str) -> str | None:
        typed = " ".join(typed.split())
        if typed.upper() in self.names:
            return typed.upper()
        code = self._codes.get(typed.casefold()) or places.country_code(typed)
        return code if code in self.names else None


class RowForm(forms.Form):
    """A pending proposal as the event it would become, for the editor to correct before
    accepting: the other suggestions (summary, words cited, actors, figures) are taken as
    they are, or changed on the proposal's own edit page."""

    title = forms.CharField(max_length=250, widget=forms.TextInput(attrs={"class": "grid-title"}))
    activity = forms.ChoiceField(
        choices=[("", "choose one"), *Activity.choices],
        error_messages={"required": "Choose what the event is an instance of."},
    )
    stage = forms.ChoiceField(choices=[("", "not stated"), *Stage.choices], required=False)
    # Words of the report (read against its publication) or EDTF; written out by the template.
    date = forms.CharField(max_length=200, required=False)
    date_reading = forms.CharField(
        label="How the words give it",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(
        self, data=None, *, proposal: Proposal, countries: Countries, typed=None, **kwargs
    ):
        """`typed`: the data of a bound form, shown as its values without judging them."""
        self.proposal, self.countries = proposal, countries
        prefix = prefix_of(proposal)
        initial = self.suggested(proposal, countries)
        super().__init__(data, prefix=prefix, initial=initial, label_suffix="", **kwargs)
        posted = data if data is not None else typed
        if posted is not None:
            count = sum(1 for i in range(MAX_PAIRS) if f"{prefix}-country_{i}" in posted)
            pairs = max(count, 1)
        else:
            pairs = min(len(proposal.countries) + 1, MAX_PAIRS)
        for i in range(pairs):
            self.fields[f"country_{i}"] = forms.CharField(
                label=f"State {i + 1}",
                required=False,
                max_length=100,
                widget=forms.TextInput(
                    attrs={"list": "grid-countries", "autocomplete": "off", "size": 14}
                ),
            )
            self.fields[f"role_{i}"] = forms.ChoiceField(
                label=f"Role of state {i + 1}", choices=ROLES, initial=Role.COUNTERPART
            )
        if typed is not None:
            self.initial = _raw_values(self, typed)

    @staticmethod
    def suggested(proposal: Proposal, countries: Countries) -> dict:
        """The row's first values: the proposal's suggestions, as accepting it unedited takes
        them (review.suggested_edits)."""
        codes = [c for c in dict.fromkeys(proposal.countries) if c in countries.names]
        initial = {
            "title": review.suggested_title(proposal, names=countries.names),
            "activity": proposal.activity,
            "stage": proposal.stage,
            "date": shown_date(proposal),
            "date_reading": proposal.date_reading,
        }
        for i, code in enumerate(codes[:MAX_PAIRS]):
            initial[f"country_{i}"] = countries.names[code]
            initial[f"role_{i}"] = (proposal.roles or {}).get(code) or default_role(code)
        return initial

    def pairs(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        count = sum(1 for name in self.fields if name.startswith("country_"))
        return [(self[f"country_{i}"], self[f"role_{i}"]) for i in range(count)]

    def clean(self):
        cleaned = super().clean()
        self._clean_states(cleaned)
        self._clean_date(cleaned)
        return cleaned

    def _clean_states(self, cleaned) -> None:
        roles: dict[str, str] = {}
        for name in [n for n in self.fields if n.startswith("country_")]:
            typed = (cleaned.get(name) or "").strip()
            if not typed:
                continue
            code = self.countries.code_of(typed)
            if code is None:
                self.add_error(name, f"No state “{typed}” in the country list.")
            elif code in roles:
                self.add_error(name, "A state takes one role per event: it is listed above.")
            else:
                roles[code] = cleaned.get(name.replace("country_", "role_")) or default_role(code)
        cleaned["roles"] = roles

    def _clean_date(self, cleaned) -> None:
        try:
            phrase, value, as_proposed = read_date(self.proposal, cleaned.get("date", ""))
        except dates.DateResolutionError as error:
            self.add_error("date", str(error))
            return
        how = " ".join((cleaned.get("date_reading") or "").split())
        if not as_proposed and how == " ".join(self.proposal.date_reading.split()):
            how = ""  # the reader's words were about the date it read, not this one
        if not (phrase or how or as_proposed):
            self.add_error("date_reading", "Say how the source’s words give this date.")
        cleaned.update(date_text=phrase, date_edtf=value, how=how)

    def edits(self) -> review.Edits:
        data, proposal = self.cleaned_data, self.proposal
        suggested = review.suggested_edits(proposal)
        return review.Edits(
            title=data["title"],
            summary=suggested.summary,
            activity=data["activity"],
            stage=data["stage"],
            quote=proposal.quote,
            date_text=data["date_text"],
            date_edtf=data["date_edtf"],
            date_reading=data["how"],
            countries=list(data["roles"]),
            actors=suggested.actors,
            roles=data["roles"],
        )


def _raw_values(form: forms.Form, data) -> dict:
    """What `data` holds for each field of `form`, as its widget reads it."""
    return {
        name: field.widget.value_from_datadict(data, {}, form.add_prefix(name))
        for name, field in form.fields.items()
    }


class GridRejectForm(RejectForm):
    """A row's reason, one line: Enter in it rejects (grid.js)."""

    reason = forms.CharField(
        label="Why reject it",
        max_length=1000,
        required=True,
        widget=forms.TextInput(attrs={"autocomplete": "off", "size": 30}),
        error_messages={"required": "Say why the proposal is rejected."},
    )


# --- rows ----------------------------------------------------------------------------------


@dataclass
class Row:
    """One proposal of the page, with its forms while it is pending and, once a decision was
    made or refused here, what happened."""

    proposal: Proposal
    number: int
    choices: list[picking.Choice]
    form: RowForm | None = None
    merge: MergeForm | None = None
    reject: GridRejectForm | None = None
    picker: Picker | None = None
    outcome: str = ""
    notes: list[str] = field(default_factory=list)
    error: str = ""
    checked: bool = False  # show the field errors (a refused accept, "Check the rows")
    selected: bool = False  # ticked for "Accept selected rows" and not decided yet

    @property
    def pk(self) -> int:
        return self.proposal.pk

    @property
    def pending(self) -> bool:
        return self.proposal.status == ProposalStatus.PENDING

    @property
    def same(self) -> Event | None:
        return picking.same_in(self.choices)

    @property
    def reading(self) -> dict:
        """What the row's date reads as, as typed (date_reading)."""
        typed = self.form["date"].value() if self.form is not None else shown_date(self.proposal)
        return date_reading(self.proposal, typed or "")

    @property
    def date_words(self) -> str:
        return dates.in_words(self.proposal.date_edtf) if self.proposal.date_edtf else ""

    @property
    def find_button(self) -> tuple[str, str]:
        """The name and value of the picker's "Find" button: a search, not a decision."""
        return "decide", f"find {self.pk}"

    @property
    def paragraph(self) -> dict:
        """The words in their paragraph: all of it, and a shorter stretch around them."""
        before, words, after = review.in_paragraph(self.proposal)
        short_before, short_after = before[-CONTEXT:], after[:CONTEXT]
        if len(short_before) < len(before):
            short_before = "…" + short_before.split(" ", 1)[-1]
        if len(short_after) < len(after):
            short_after = short_after.rsplit(" ", 1)[0] + "…"
        return {
            "before": before,
            "words": words,
            "after": after,
            "short_before": short_before,
            "short_after": short_after,
            "cut": (short_before, short_after) != (before, after),
        }

    def unsaved(self) -> bool:
        """Whether the editor typed in this row and has not decided on it yet."""
        forms_ = [f for f in (self.form, self.merge, self.reject) if f is not None and f.is_bound]
        return self.pending and any(f.has_changed() for f in forms_)

    def as_typed(self, countries: Countries) -> None:
        """Show what was typed in the row, without judging it: only a row whose decision was
        refused, or every row on "Check the rows", shows what is wrong."""
        if not (self.pending and self.form is not None and self.form.is_bound) or self.checked:
            return
        data, prefix = self.form.data, prefix_of(self.proposal)
        self.form = RowForm(proposal=self.proposal, countries=countries, typed=data)
        merge = MergeForm(prefix=prefix)
        merge.initial = _raw_values(merge, data)
        self.merge = merge
        reject = GridRejectForm(prefix=prefix)
        reject.initial = _raw_values(reject, data)
        self.reject = reject
        self.picker = Picker.of(self.proposal, self.merge, self.choices)


def rows_of(page, data, countries: Countries) -> list[Row]:
    """The rows of a page of proposals, bound to what was posted (`data`) or not."""
    proposals = list(page.object_list)
    choices = picking.suggested(proposals)
    rows = []
    for number, proposal in enumerate(proposals, start=page.start_index()):
        row = Row(proposal, number, choices[proposal.pk])
        if row.pending:
            with_forms(row, data, countries)
        rows.append(row)
    return rows


def with_forms(row: Row, data, countries: Countries) -> None:
    proposal, prefix = row.proposal, prefix_of(row.proposal)
    row.form = RowForm(data, proposal=proposal, countries=countries)
    row.merge = merge_form(row.choices, data, prefix=prefix)
    row.reject = GridRejectForm(data, prefix=prefix)
    row.picker = Picker.of(proposal, row.merge, row.choices)
