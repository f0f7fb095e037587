"""The events' admin: the event form (a save based on an out-of-date copy is refused), its
citations, figures, participants, actors and relations as inlines, and publishing.

Events keep a full history (django-reversion, following their citations and figures).
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from policing.editorial import citing
from policing.editorial.admin.curated import CuratedConflictFilter, CuratedConflictsAdmin
from policing.editorial.admin.event_dates import (
    first_cited_source,
    preview_date,
    read_edtf_or_phrase,
)
from policing.models import (
    Citation,
    Event,
    EventActor,
    EventRelation,
    Figure,
    Participant,
    corrections,
)
from policing.text import dates
from policing.timeline.filters import Filters


class EventAdminForm(forms.ModelForm):
    # The edit token the editor's copy was based on; compared with the database on save.
    based_on = forms.UUIDField(widget=forms.HiddenInput, required=False)
    # Asked of a change to a published event (required then: `_require_a_reason`), and kept
    # with the correction it makes (models/corrections.py), which /changes/ shows.
    change_reason = forms.CharField(
        label="Why this change",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 80}),
        help_text="This event is published: say why you change it (or, unticking “Published”, "
        "why you withdraw it). The reason is public, shown with the correction on the event’s "
        "page, on /changes/ and in the next release’s list of changes.",
    )

    class Meta:
        model = Event
        fields = [
            "title",
            "slug",
            "activity",
            "stage",
            "thread",
            "published",
            "summary",
            "date_text",
            "date_source",
            "date_relative_to",
            "date_manual",
            "date_edtf",
            "date_reading",
            "no_country_note",
            "disputed",
            "dispute_note",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3, "cols": 80}),
            "date_text": forms.TextInput(attrs={"size": 50}),
            "date_edtf": forms.TextInput(attrs={"size": 40}),
            "date_reading": forms.Textarea(attrs={"rows": 2, "cols": 80}),
            "title": forms.TextInput(attrs={"size": 80}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The token the database holds now, not the instance's: in a "revert" view the
            # instance is the old version, but the save must be checked against the current one.
            current = Event.objects.filter(pk=self.instance.pk).values_list("edit_token", flat=True)
            self.initial["based_on"] = current.first()

    def clean(self):
        cleaned = super().clean()
        self._refuse_stale_save(cleaned)
        self._require_a_reason(cleaned)
        if cleaned.get("date_manual"):
            self._set_date(cleaned)
        else:
            self._resolve_date(cleaned)
        return cleaned

    def _refuse_stale_save(self, cleaned):
        if not self.instance.pk:
            return
        current = (
            Event.objects.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("edit_token", flat=True)
            .first()
        )
        if current is not None and cleaned.get("based_on") != current:
            raise ValidationError(
                "Someone else saved this event after you opened it, so your changes were not "
                "saved (they are still in the form below). Open the event in a new tab to see "
                "the other version, merge what you need here, then reload this page and save.",
                code="stale",
            )

    def was_published(self) -> bool:
        """Whether the event is published as the database holds it (what the public sees)."""
        if not self.instance.pk:
            return False
        return Event.objects.filter(pk=self.instance.pk, published=True).exists()

    def _require_a_reason(self, cleaned):
        """A change to a published event needs its reason; an unchanged save does not. The
        inlines' forms count too: the admin hands them over (`EventAdmin._create_formsets`)."""
        if (cleaned.get("change_reason") or "").strip() or not self.was_published():
            return
        changed = [name for name in self.changed_data if name not in {"change_reason", "based_on"}]
        formsets = getattr(self.instance, "_admin_formsets", None)
        inlines = formsets is None or any(formset.has_changed() for formset in formsets)
        if not (changed or inlines):
            return
        withdrawing = "published" in changed and not cleaned.get("published")
        self.add_error(
            "change_reason",
            "Say why you withdraw this published event: the reason is shown with it on /changes/."
            if withdrawing
            else "This event is published: say why you change it. The reason is shown with the "
            "correction on the event’s page and on /changes/.",
        )

    def _resolve_date(self, cleaned):
        phrase = (cleaned.get("date_text") or "").strip()
        if not phrase:
            self.add_error("date_text", "Type the date as the source writes it.")
            return
        probe = Event(
            date_text=phrase,
            date_source=cleaned.get("date_source") or first_cited_source(self.data),
            date_relative_to=cleaned.get("date_relative_to"),
        )
        try:
            value = probe.read_date_text()
        except dates.DateResolutionError as error:
            self.add_error("date_text", str(error))
            return
        cleaned.update(date_source=probe.date_source, date_edtf=value)

    def _set_date(self, cleaned):
        """A date the editors set: an EDTF value, or a phrase read against the date source."""
        typed = (cleaned.get("date_edtf") or "").strip()
        if not typed:
            self.add_error(
                "date_edtf", "Give the date as EDTF or a phrase, or untick “date set directly”."
            )
            return
        probe = Event(
            date_text=typed,
            date_source=cleaned.get("date_source") or first_cited_source(self.data),
            date_relative_to=cleaned.get("date_relative_to"),
        )
        try:
            cleaned["date_edtf"] = read_edtf_or_phrase(probe)
        except dates.DateResolutionError as error:
            self.add_error("date_edtf", str(error))
            return
        if not (cleaned.get("date_reading") or "").strip():
            self.add_error(
                "date_reading", "Say how the source’s words were read to give this date."
            )


class CitationFormSet(forms.BaseInlineFormSet):
    def clean(self):
        """A published event keeps at least one citation. The event's form has set
        `self.instance.published` by now; its citations are only these forms."""
        super().clean()
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        self.instance.check_cited(len(kept))
        self._refuse_the_same_words_twice(kept)

    @staticmethod
    def _refuse_the_same_words_twice(kept) -> None:
        """An event cites a span of a paragraph once (the `one_citation_per_span` constraint,
        which the forms do not check: the span is not a form field). Each form's citation is
        anchored by now (Citation.clean)."""
        seen = set()
        for form in kept:
            citation = form.instance
            if citation.passage_id is None:
                continue  # its quote was refused, with the reason
            span = (citation.passage_id, citation.start, citation.end)
            if span in seen:
                form.add_error("quote", "This event already cites these words.")
            seen.add(span)


class CitationForm(forms.ModelForm):
    def has_changed(self):
        """A new citation form holding words is a citation, even when the words came with the
        page (`?source=…&quote=…`, from the reader's "Cite this"): unchanged extra forms are
        otherwise skipped without a word, and the selected quote would be lost."""
        if self.instance._state.adding and self.data.get(self.add_prefix("quote"), "").strip():
            return True
        return super().has_changed()


class CitationInline(admin.StackedInline):
    model = Citation
    form = CitationForm
    formset = CitationFormSet
    extra = 1
    fields = ["source", "quote", "claim", "order", "anchored_in"]
    readonly_fields = ["anchored_in"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "quote":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3, "cols": 80})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description="Anchored in")
    def anchored_in(self, citation):
        if not citation.passage_id:
            return "Resolved when saved."
        return format_html(
            '<a href="{}">{} ¶{} (line {}, {})</a>',
            citation.get_absolute_url(),
            citation.source.slug,
            citation.passage.ordinal,
            citation.passage.line,
            citation.passage.anchor,
        )


class FigureInline(admin.StackedInline):
    """A number with what it counts, its status, period and the citation whose words state it
    (validated by `Figure.clean`: the quote must state the number as the figure hedges it)."""

    model = Figure
    extra = 0
    fields = [
        ("label", "counts"),
        ("value", "qualifier", "unit"),
        ("status", "period_edtf", "period_in_words"),
        ("scope", "scope_region", "scope_country"),
        "citation",
    ]
    readonly_fields = ["period_in_words"]
    autocomplete_fields = ["scope_country"]

    @admin.display(description="period in words")
    def period_in_words(self, figure):
        return figure.period_display or "—"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "citation":
            # Only this event's saved citations: a figure cites the words of its own event.
            # (Recovering a deleted event has no object id; Figure.clean checks it then.)
            event_id = request.resolver_match.kwargs.get("object_id")
            citations = Citation.objects.select_related("source")
            kwargs["queryset"] = citations.filter(event_id=event_id) if event_id else citations
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 1
    fields = ["country", "region", "role"]
    autocomplete_fields = ["country"]
    verbose_name = "participating state"
    verbose_name_plural = "participating states (or, where the text names none, the region)"

    def get_extra(self, request, obj=None, **kwargs):
        """A row for each state the selected words name (`selection_reading`), and one more."""
        selected = selection_read(request) if obj is None else None
        return len(selected[1].participants) + 1 if selected else self.extra


def selection_read(request: HttpRequest) -> tuple[citing.Selection, citing.Reading] | None:
    """The words selected in the reader (`?source=&passage=&quote=` on the add form) and what
    they state, read once a request; None without a selection."""
    if request.method != "GET":
        return None
    if not hasattr(request, "_selection_read"):
        selection = citing.Selection.from_query(request.GET)
        found = (selection, citing.read(selection)) if selection and selection.quote else None
        request._selection_read = found
    return request._selection_read


def prefilled(selection: citing.Selection, reading: citing.Reading) -> dict:
    """The add form's first values from a reading of the selected words: activity, stage
    and date, the date as its phrase where the event form reads the phrase so (against the
    words' source), else set directly with how it was read."""
    initial = {"activity": reading.activity, "stage": reading.stage}
    if not reading.date_edtf:
        return initial
    source = selection.source
    phrase = reading.date_text
    try:
        as_phrase = bool(phrase) and (
            Event(date_text=phrase, date_source=source).read_date_text() == reading.date_edtf
        )
    except dates.DateResolutionError:
        as_phrase = False
    if as_phrase:
        return {**initial, "date_text": phrase, "date_source": source.pk}
    return {
        **initial,
        "date_source": source.pk,
        "date_manual": True,
        "date_edtf": reading.date_edtf,
        "date_reading": reading.date_reading,
    }


class EventActorInline(admin.TabularInline):
    model = EventActor
    extra = 0
    autocomplete_fields = ["actor"]
    verbose_name = "actor"
    verbose_name_plural = "actors named in the cited text"


class RelationInline(admin.TabularInline):
    model = EventRelation
    fk_name = "event"
    extra = 0
    autocomplete_fields = ["other"]
    verbose_name = "relation to an earlier event"
    verbose_name_plural = "relations to earlier events"


class YearFilter(admin.SimpleListFilter):
    title = "year"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Event.objects.dates("date_start", "year", order="DESC")
        return [(str(d.year), str(d.year)) for d in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            year = int(self.value())
            return queryset.filtered(Filters.of(year_from=year, year_to=year))
        return queryset


@admin.register(Event)
class EventAdmin(CuratedConflictsAdmin, VersionAdmin):
    form = EventAdminForm
    list_display = [
        "date_column",
        "title",
        "activity",
        "stage",
        "country_codes",
        "citation_count",
        "disputed",
        "published",
    ]
    list_display_links = ["title"]
    list_filter = [
        "activity",
        "stage",
        ("participants__region", admin.ChoicesFieldListFilter),
        "countries",
        "thread",
        YearFilter,
        "published",
        "disputed",
        CuratedConflictFilter,
    ]
    search_fields = ["title", "summary", "citations__quote"]
    date_hierarchy = "date_start"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["date_relative_to", "thread"]
    readonly_fields = ["date_preview"]
    save_on_top = True
    actions = ["publish", "unpublish"]
    inlines = [CitationInline, ParticipantInline, EventActorInline, RelationInline, FigureInline]
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", ("activity", "stage"), "thread", "published", "summary"]},
        ),
        (
            "Date",
            {
                "description": "Type the date as the source words it; it is read against the "
                "publication date of the source below (or of the first cited source).",
                "fields": ["date_text", "date_source", "date_relative_to", "date_preview"],
            },
        ),
        (
            "Set the date directly",
            {
                "classes": ["collapse"],
                "description": "Where no single phrase states the date: tick “date set "
                "directly”, type it as EDTF (2025-02-20, 2024-03, 2025-01~, 2019-06/.., "
                "../2025-02-20, 2014/2020, [2024-09-02,2024-09-09], [2025-03-10..2025-12-31] "
                "(sometime between)) or as a phrase, and say how the words were read.",
                "fields": ["date_manual", "date_edtf", "date_reading"],
            },
        ),
        ("Countries", {"fields": ["no_country_note"]}),
        ("Disagreement between sources", {"fields": ["disputed", "dispute_note"]}),
        (None, {"fields": ["based_on"]}),
    ]
    # Shown first on a published event's form: a change to it needs a reason.
    reason_fieldset = (
        "This event is public",
        {
            "description": "Corrections to a published event are public: say why you make "
            "this one. Nothing you typed is lost if the save is refused.",
            "fields": ["change_reason"],
        },
    )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and obj.pk and Event.objects.filter(pk=obj.pk, published=True).exists():
            return [self.reason_fieldset, *fieldsets]
        return fieldsets

    def _create_formsets(self, request, obj, change):
        """The inlines' formsets, handed to the event's form too, which asks for a reason
        when any of them changes a published event."""
        formsets, inline_instances = super()._create_formsets(request, obj, change)
        obj._admin_formsets = formsets
        return formsets, inline_instances

    def save_model(self, request, obj, form, change):
        # What the public saw before the change: the record a correction compares with.
        request._correction_before = corrections.snapshot([obj]) if change else {}
        super().save_model(request, obj, form, change)

    # Deleting asks no reason (Django's confirmation page), but a published event deleted is
    # withdrawn all the same: it is logged so.
    DELETED = "Deleted in the admin (the delete page asks no reason)."

    def delete_model(self, request, obj):
        with corrections.recording([obj], reason=self.DELETED, editor=request.user):
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        with corrections.recording(list(queryset), reason=self.DELETED, editor=request.user):
            super().delete_queryset(request, queryset)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        before = getattr(request, "_correction_before", {})
        if before:
            reason = form.cleaned_data.get("change_reason", "")
            corrections.record(before, reason=reason, editor=request.user)

    def get_formset_kwargs(self, request, obj, inline, prefix):
        """The words selected in the reader (`?source=&passage=&quote=`) fill the citation of
        a new event. Only of a new one: "Save and continue editing" keeps the address, and the
        saved event's form would offer the words again beside their citation."""
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        adding = obj is None or obj._state.adding
        if request.method == "GET" and adding and isinstance(inline, CitationInline):
            selection = citing.Selection.from_query(request.GET)
            if selection is not None:
                kwargs["initial"] = [{"source": selection.source.pk, "quote": selection.quote}]
        if (
            adding
            and isinstance(inline, ParticipantInline)
            and (selected := selection_read(request))
        ):
            kwargs["initial"] = [{"country": c, "role": r} for c, r in selected[1].participants]
        return kwargs

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        # Not Event fields: read by get_formset_kwargs for the citation.
        for name in ("source", "passage", "quote"):
            initial.pop(name, None)
        if selected := selection_read(request):
            # The selection's activity, stage and date, as a proposal of the words reads them.
            initial.update(prefilled(*selected))
        return initial

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(citation_total=Count("citations", distinct=True))
            .prefetch_related("countries")
        )

    def get_urls(self):
        preview = path(
            "date-preview/",
            self.admin_site.admin_view(self.date_preview_view),
            name="policing_event_date_preview",
        )
        return [preview, *super().get_urls()]

    @admin.display(description="date", ordering="date_start")
    def date_column(self, event):
        return event.date_display

    @admin.display(description="countries")
    def country_codes(self, event):
        return ", ".join(c.code for c in event.countries.all())

    @admin.display(description="citations", ordering="citation_total")
    def citation_count(self, event):
        return event.citation_total

    @admin.display(description="Reads as")
    def date_preview(self, event):
        stored = event.date_display if event.pk else "—"
        return format_html(
            '<output id="date-preview" aria-live="polite" hx-post="{}" hx-include="closest form"'
            # "input" covers typing and pasting; a citation's source can change the base date.
            # "load": after a refused save, the preview reads what the form holds.
            ' hx-trigger="load, input changed delay:400ms from:#id_date_text, '
            "input changed delay:400ms from:#id_date_edtf, change from:#id_date_manual, "
            "change from:#id_date_source, change from:select[name$='-source'], "
            'click from:#date-preview-check">{}</output> '
            '<button type="button" id="date-preview-check" class="button">Check date</button>',
            reverse("admin:policing_event_date_preview"),
            stored,
        )

    # Publishing is changing an event: one who may only view events may not (review.py's
    # `may_publish` asks the same of "Publish on accept").
    @admin.action(description="Publish the selected events", permissions=["change"])
    def publish(self, request, queryset):
        self._set_published(request, queryset, True, "Published")

    @admin.action(
        description="Unpublish the selected events (back to draft)", permissions=["change"]
    )
    def unpublish(self, request, queryset):
        """Withdrawing published events asks why first (a page with the events and a reason);
        the reason is kept with each withdrawal, shown on /changes/."""
        reason = request.POST.get("withdraw_reason", "").strip()
        published = [e for e in queryset if e.published]
        if published and not reason:
            context = {
                **self.admin_site.each_context(request),
                "title": "Why withdraw these events?",
                "opts": self.model._meta,
                "events": list(queryset),
                "published": published,
                "selected": request.POST.getlist(helpers.ACTION_CHECKBOX_NAME),
                "asked": "withdraw_reason" in request.POST,
                "reason": request.POST.get("withdraw_reason", ""),
            }
            return TemplateResponse(request, "admin/policing/event/unpublish.html", context)
        self._set_published(request, queryset, False, "Unpublished", reason=reason)
        return None

    def _set_published(
        self, request, queryset, published: bool, verb: str, *, reason: str = ""
    ) -> None:
        # One save per event (not update()), so each change is versioned and signalled.
        events = list(queryset)
        if published:
            events = self._publishable(request, queryset, events)
        with corrections.recording(events, reason=reason, editor=request.user):
            for event in events:
                event.published = published
                event.save()
        self.message_user(request, f"{verb} {len(events)} event(s).", messages.SUCCESS)

    def _publishable(self, request, queryset, events: list[Event]) -> list[Event]:
        """The events that may be published; each of the others is named with its reason."""
        uncited = set(queryset.uncited().values_list("pk", flat=True))
        refused = {e.pk: "it cites no source" for e in events if e.pk in uncited}
        for event in events:
            if event.pk not in refused and (error := event.date_phrase_error()):
                refused[event.pk] = error
        for event in events:
            if event.pk in refused:
                self.message_user(
                    request, f"Not published “{event}”: {refused[event.pk]}", messages.ERROR
                )
        return [e for e in events if e.pk not in refused]

    def date_preview_view(self, request: HttpRequest) -> HttpResponse:
        """The HTMX preview beside the date phrase: what it resolves to, or why it cannot."""
        return preview_date(request, self)
