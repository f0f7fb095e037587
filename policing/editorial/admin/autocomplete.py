"""The admin's autocomplete widgets for the editors' own forms, and an event chosen by typing
a few words of its title."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError

from policing.models import Citation, Event


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
