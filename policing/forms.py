"""Forms of the editors' own admin pages (the event and source forms are in admin.py): citing
selected words, and deciding on a proposed event."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError

from .citing import MAX_QUOTE, Selection
from .models import Citation, Event, Source


def event_chooser(**kwargs) -> forms.ModelChoiceField:
    """An event chosen by typing a few words of its title (the admin's autocomplete)."""
    return forms.ModelChoiceField(
        queryset=Event.objects.all(),
        widget=AutocompleteSelect(Citation._meta.get_field("event"), admin.site),
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
