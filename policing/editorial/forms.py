"""Forms of the editors' own admin pages (the event and source forms are in admin.py): citing
selected words, and deciding on a proposed event."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError

from policing.editorial.citing import MAX_QUOTE, Selection
from policing.editorial.review import Edits, suggested_edits
from policing.models import Activity, Actor, Citation, Country, Event, Proposal, Source, Stage
from policing.text import dates


class _KnownIds:
    """The admin's autocomplete widgets look up the chosen ids to show them, and a value that
    is not an id at all (a hand-made POST) was an error page: it is shown as nothing chosen,
    and the field's own validation says what is wrong with it."""

    def optgroups(self, name, value, attr=None):
        key = self.field.remote_field.model._meta.pk

        def valid(item) -> bool:
            try:
                key.to_python(item)
            except ValidationError:
                return False
            return True

        return super().optgroups(name, [v for v in value if v in ("", None) or valid(v)], attr)


class Autocomplete(_KnownIds, AutocompleteSelect):
    pass


class AutocompleteMultiple(_KnownIds, AutocompleteSelectMultiple):
    pass


def event_chooser(**kwargs) -> forms.ModelChoiceField:
    """An event chosen by typing a few words of its title (the admin's autocomplete)."""
    return forms.ModelChoiceField(
        queryset=Event.objects.all(),
        widget=Autocomplete(Citation._meta.get_field("event"), admin.site),
        **kwargs,
    )


class CiteForm(forms.Form):
    """Words of one source to cite: in a new event, or added to an existing one."""

    quote = forms.CharField(
        label="Words to cite",
        max_length=MAX_QUOTE,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="Select them in a paragraph below, or paste them: spacing and curly or "
        "straight quote marks may differ; anything else must match the source.",
    )
    event = event_chooser(
        required=False,
        label="Existing event",
        help_text="To add the words to an event: type a few words of its title.",
    )

    def __init__(self, *args, source: Source, **kwargs):
        super().__init__(*args, **kwargs)
        self.source = source

    def clean_quote(self) -> str:
        selection = Selection(self.source, self.cleaned_data["quote"].strip())
        try:
            selection.anchored()
        except ValidationError as error:
            raise ValidationError(error.message_dict["quote"]) from None
        return selection.quote

    @property
    def selection(self) -> Selection:
        return Selection(self.source, self.cleaned_data["quote"])


class MergeForm(forms.Form):
    event = event_chooser(
        label="Event to cite these words in",
        help_text="Type a few words of its title.",
        error_messages={"required": "Choose the event to cite these words in."},
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Why reject it",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="Kept with the proposal: proposing this source again will not offer it.",
        error_messages={"required": "Say why the proposal is rejected."},
    )


class ProposalEditForm(forms.Form):
    """The proposal's suggestions, for an editor to correct before accepting. The quote may
    change, but only to other words of the same paragraph."""

    title = forms.CharField(
        max_length=250,
        widget=forms.TextInput(attrs={"size": 80}),
        help_text="A short factual headline.",
    )
    summary = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="One or two neutral sentences in our own words.",
    )
    activity = forms.ChoiceField(
        choices=[("", "---------"), *Activity.choices],
        help_text="What the event is an instance of.",
    )
    stage = forms.ChoiceField(
        choices=[("", "---------"), *Stage.choices],
        required=False,
        help_text="What happened to the activity, as the words state it (blank if they do not).",
    )
    quote = forms.CharField(
        label="Words cited",
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text="Words of the paragraph shown above: shorten or widen them within it.",
    )
    date_text = forms.CharField(
        label="Date as written",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"size": 50}),
        help_text="The date phrase as the source writes it.",
    )
    date_edtf = forms.CharField(
        label="Date (EDTF)",
        max_length=100,
        required=False,
        help_text="E.g. 2025-03-03, 2024-03, 2025-01~ (about). Leave it empty to read the "
        "phrase above against the source’s publication date.",
    )
    date_reading = forms.CharField(
        label="How the date was read",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        help_text="How the words give the date.",
    )
    countries = forms.ModelMultipleChoiceField(
        queryset=Country.objects.all(),
        required=False,
        widget=AutocompleteMultiple(Event._meta.get_field("countries"), admin.site),
        help_text="China takes China’s side, every other state is a counterpart: change roles "
        "on the event’s page.",
    )
    actors = forms.ModelMultipleChoiceField(
        queryset=Actor.objects.all(),
        required=False,
        widget=AutocompleteMultiple(Event._meta.get_field("actors"), admin.site),
        help_text="People and bodies the words name acting in the event.",
    )

    def __init__(self, *args, proposal: Proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal

    def clean_quote(self) -> str:
        quote = self.cleaned_data["quote"].strip()
        proposal = self.proposal
        try:
            Selection(proposal.source, quote, proposal.passage).anchored(strict=True)
        except ValidationError as error:
            raise ValidationError(error.message_dict["quote"]) from None
        return quote

    def clean(self):
        cleaned = super().clean()
        typed, phrase = cleaned.get("date_edtf", "").strip(), cleaned.get("date_text", "").strip()
        try:
            if typed:
                cleaned["date_edtf"] = dates.check_edtf(typed).text
            elif phrase:
                probe = Event(date_text=phrase, date_source=self.proposal.source)
                cleaned["date_edtf"] = probe.read_date_text()
            else:
                self.add_error("date_text", "Give the date as the source writes it.")
        except dates.DateResolutionError as error:
            self.add_error("date_edtf" if typed else "date_text", str(error))
        return cleaned

    def edits(self) -> Edits:
        data = self.cleaned_data
        return Edits(
            title=data["title"],
            summary=data["summary"],
            activity=data["activity"],
            stage=data["stage"],
            quote=data["quote"],
            date_text=data["date_text"],
            date_edtf=data["date_edtf"],
            date_reading=data["date_reading"],
            countries=[c.code for c in data["countries"]],
            actors=list(data["actors"]),
        )

    @classmethod
    def suggested(cls, proposal: Proposal) -> dict:
        """The form's first values: the proposal's suggestions (review.Edits)."""
        edits = suggested_edits(proposal)
        return {
            **edits.__dict__,
            "countries": Country.objects.filter(code__in=edits.countries),
            "actors": edits.actors,
        }
