"""Editors' admin.

Editors type dates as the source words them and quotes as the source spells them; both are
checked before anything is saved. Events keep a full history (django-reversion, following
their citations and figures), and a save based on an out-of-date copy is refused.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST
from reversion.admin import VersionAdmin

from . import anchoring, citing, corpus, dates, language
from .forms import CiteForm
from .models import (
    Actor,
    Citation,
    Country,
    DataVersion,
    Event,
    EventActor,
    EventRelation,
    Figure,
    Participant,
    Passage,
    Proposal,
    ProposalStatus,
    SectionKind,
    Source,
    Thread,
)
from .proposal_admin import proposals_of  # and registers the review queue

admin.site.site_header = f"{settings.SITE_NAME}: editors"
admin.site.site_title = "Timeline editors"
admin.site.index_title = "Curate events and sources"

log = logging.getLogger(__name__)

_CITATION_SOURCE = re.compile(r"^citations-(\d+)-source$")


def first_cited_source(data) -> Source | None:
    """The source of the first citation in the submitted inline forms (deleted ones skipped)."""
    rows = sorted(
        (int(m[1]), value)
        for key, value in data.items()
        if (m := _CITATION_SOURCE.match(key)) and value
    )
    for index, source_id in rows:
        if data.get(f"citations-{index}-DELETE") in {"on", "true", "1"}:
            continue
        if str(source_id).isdigit():
            return Source.objects.filter(pk=source_id).first()
    return None


class EventAdminForm(forms.ModelForm):
    # The edit token the editor's copy was based on; compared with the database on save.
    based_on = forms.UUIDField(widget=forms.HiddenInput, required=False)

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


def read_edtf_or_phrase(probe: Event) -> str:
    """`probe.date_text` as EDTF if it is EDTF, else read as a phrase; the error of whichever
    the text looks like."""
    typed = probe.date_text.strip()
    try:
        return dates.check_edtf(typed).text
    except dates.DateResolutionError as edtf_error:
        if typed[:1].isdigit() or typed[:1] in "[{." or not probe.date_source_id:
            raise edtf_error from None
    return probe.read_date_text()


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
        "citation",
    ]
    readonly_fields = ["period_in_words"]

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
            return queryset.filtered(year_from=year, year_to=year)
        return queryset


@admin.register(Event)
class EventAdmin(VersionAdmin):
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
        return kwargs

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        # Not Event fields: read by get_formset_kwargs for the citation.
        for name in ("source", "passage", "quote"):
            initial.pop(name, None)
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

    @admin.action(description="Publish the selected events")
    def publish(self, request, queryset):
        self._set_published(request, queryset, True, "Published")

    @admin.action(description="Unpublish the selected events (back to draft)")
    def unpublish(self, request, queryset):
        self._set_published(request, queryset, False, "Unpublished")

    def _set_published(self, request, queryset, published: bool, verb: str) -> None:
        # One save per event (not update()), so each change is versioned and signalled.
        events = list(queryset)
        if published:
            events = self._publishable(request, queryset, events)
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
        return _date_preview(request, self)


@require_POST
def _date_preview(request: HttpRequest, model_admin: EventAdmin) -> HttpResponse:
    if not (model_admin.has_add_permission(request) or model_admin.has_change_permission(request)):
        raise PermissionDenied
    source = _object_or_none(Source, request.POST.get("date_source"))
    manual = bool(request.POST.get("date_manual"))
    typed = request.POST.get("date_edtf" if manual else "date_text", "")[:200]
    probe = Event(
        date_text=typed,
        date_source=source or first_cited_source(request.POST),
        date_relative_to=_object_or_none(Event, request.POST.get("date_relative_to")),
    )
    context = {"probe": probe, "resolved": None, "error": None, "manual": manual}
    if not typed.strip():  # nothing typed yet: nothing to read
        return TemplateResponse(request, "admin/policing/event/date_preview.html", context)
    try:
        value = read_edtf_or_phrase(probe) if manual else probe.read_date_text()
        probe.date_edtf = value
        probe.date_earliest, probe.date_latest = dates.bounds(value)
        context["resolved"] = {"edtf": value, "words": dates.in_words(value)}
    except dates.DateResolutionError as error:
        context["error"] = str(error)
    return TemplateResponse(request, "admin/policing/event/date_preview.html", context)


def _object_or_none(model, pk):
    return model.objects.filter(pk=pk).first() if pk and str(pk).isdigit() else None


def _with_event_total(rows):
    """Rows with how many events each has, in the model's own order: a query that counts drops
    that order (Django leaves Meta.ordering out of grouped queries), and the admin's pages and
    autocomplete would come in no order."""
    counted = rows.annotate(event_total=Count("events", distinct=True))
    return counted.order_by(*rows.model._meta.ordering)


@admin.register(Actor)
class ActorAdmin(VersionAdmin):
    list_display = ["name", "kind", "country", "event_count"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["country"]

    def get_queryset(self, request):
        return _with_event_total(super().get_queryset(request))

    @admin.display(description="events", ordering="event_total")
    def event_count(self, actor):
        return actor.event_total


@admin.register(Thread)
class ThreadAdmin(VersionAdmin):
    list_display = ["title", "event_count"]
    search_fields = ["title", "slug", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["steps"]

    @admin.display(description="steps, in date order")
    def steps(self, thread):
        """The thread's events as its page tells them: ordered by date, never by hand, so an
        editor sees at once a step whose date puts it out of place."""
        events = thread.events.chronological() if thread.pk else []
        rows = format_html_join(
            "",
            '<li><a href="{}">{}</a>: {} · {}{}{}</li>',
            (
                (
                    reverse("admin:policing_event_change", args=[e.pk]),
                    e.date_display,
                    e.get_activity_display(),
                    e.get_stage_display() or "no stage",
                    " · ",
                    e.title if e.published else f"{e.title} (draft)",
                )
                for e in events
            ),
        )
        if not rows:
            return "No events yet: choose this thread on an event’s page."
        return format_html('<ol class="thread-steps">{}</ol>', rows)

    def get_queryset(self, request):
        return _with_event_total(super().get_queryset(request))

    @admin.display(description="events", ordering="event_total")
    def event_count(self, thread):
        return thread.event_total


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "region"]
    list_filter = ["region"]
    search_fields = ["code", "name"]


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


def _ranges(ordinals: list[int]) -> str:
    """¶3, ¶5–7: paragraph numbers as runs."""
    runs: list[list[int]] = []
    for n in sorted(ordinals):
        if runs and n == runs[-1][1] + 1:
            runs[-1][1] = n
        else:
            runs.append([n, n])
    return ", ".join(f"¶{a}" if a == b else f"¶{a}–{b}" for a, b in runs)


class SourceAdminForm(forms.ModelForm):
    url = forms.URLField(
        required=False,
        assume_scheme="https",
        help_text=Source._meta.get_field("url").help_text,
    )
    original_url = forms.URLField(
        required=False,
        assume_scheme="https",
        label="Original URL",
        help_text=Source._meta.get_field("original_url").help_text,
    )
    upload = forms.FileField(
        required=False,
        help_text="A UTF-8 plain-text file of the document. Or paste its text below.",
    )

    class Meta:
        model = Source
        fields = [
            "title",
            "slug",
            "outlet",
            "carried_by",
            "syndication",
            "author",
            "url",
            "original_url",
            "published_edtf",
            "published_inferred",
            "published_note",
            "derivation",
            "rewrite_of",
            "provenance",
            "text",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "text" in self.fields:
            self.fields["text"].required = False
        self.fields["published_edtf"].required = True

    def clean_published_edtf(self) -> str:
        try:
            return dates.check_edtf(self.cleaned_data["published_edtf"]).text
        except dates.DateResolutionError as error:
            raise ValidationError(str(error)) from None

    def clean(self):
        cleaned = super().clean()
        if "text" not in self.fields:  # a seed document: its text is the file on disk
            return cleaned
        upload, text = cleaned.get("upload"), cleaned.get("text") or ""
        if upload:
            if text.strip() and text != self.instance.text:
                raise ValidationError("Upload a file or paste the text, not both.")
            if problem := corpus.oversize_file(upload.size):
                self.add_error("upload", problem)  # refused before it is read
                return cleaned
            try:
                text = upload.read().decode("utf-8")
            except UnicodeDecodeError:
                self.add_error("upload", "The file is not UTF-8 plain text.")
                return cleaned
        if not text.strip():
            self.add_error("text", "Paste the document’s text or upload it as a file.")
            return cleaned
        if problem := corpus.oversize(text):
            self.add_error("upload" if upload else "text", problem)
            return cleaned
        cleaned["text"] = text
        if self.instance.pk:
            self._refuse_breaking_citations(text)
        return cleaned

    def _refuse_breaking_citations(self, text):
        passages = corpus.split_passages(text)
        broken = [
            c for c in self.instance.citations.all() if not anchoring.find_quote(c.quote, passages)
        ]
        if broken:
            listed = "; ".join(f"“{c.quote[:80]}” (event {c.event.slug})" for c in broken)
            raise ValidationError(f"The new text would break {len(broken)} citation(s): {listed}")


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    form = SourceAdminForm
    list_display = ["title", "syndication", "published_column", "passage_count", "file_name"]
    search_fields = ["title", "outlet", "syndication", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["file_name", "sha256", "imported_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "outlet", "carried_by", "syndication", "author"]}),
        ("Addresses", {"fields": ["url", "original_url"]}),
        (
            "Publication date",
            {
                "fields": [
                    ("published_edtf", "published_inferred"),
                    "published_note",
                ]
            },
        ),
        ("Provenance", {"fields": ["derivation", "rewrite_of", "provenance"]}),
        ("Text", {"fields": ["upload", "text", "file_name", "sha256", "imported_at"]}),
    ]

    def get_queryset(self, request):
        # A count per row, not a join grouped by every column: grouped, each source's text
        # was copied for each of its passages, half a second for a long report's page.
        per_source = Passage.objects.filter(source=OuterRef("pk")).order_by().values("source")
        total = Subquery(per_source.annotate(n=Count("pk")).values("n"))
        return super().get_queryset(request).annotate(passage_total=Coalesce(total, 0))

    def get_readonly_fields(self, request, obj=None):
        # A seed document is the evidence on disk: change the file and re-run import_sources.
        if obj and obj.file_name:
            return [*self.readonly_fields, "text"]
        return self.readonly_fields

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj and obj.file_name:
            return [
                (n, {**o, "fields": [f for f in o["fields"] if f != "upload"]})
                for n, o in fieldsets
            ]
        return fieldsets

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/cite/",
                self.admin_site.admin_view(self.cite_view),
                name="policing_source_cite",
            ),
            path(
                "<path:object_id>/propose/",
                self.admin_site.admin_view(self.propose_view),
                name="policing_source_propose",
            ),
            path(
                "<path:object_id>/passages/",
                self.admin_site.admin_view(self.passages_view),
                name="policing_source_passages",
            ),
        ]
        return [*own, *super().get_urls()]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context["pending_proposals"] = obj.proposals.filter(
                status=ProposalStatus.PENDING
            ).count()
            context["proposals_url"] = proposals_of(obj)
            context["passages_page"] = passages_page(obj, request.GET.get("passages"))
            context["sections"] = dict(
                obj.passages.values_list("section").annotate(n=Count("pk")).order_by()
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def passages_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """A page of the source's paragraphs, to mark some as not the report (or as the report
        again); each marking is in the source's history."""
        source = self.get_object(request, object_id)
        if source is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_permission(request, source):
            raise PermissionDenied
        number = request.GET.get("page")
        if request.method == "POST":
            if not self.has_change_permission(request, source):
                raise PermissionDenied
            form = MarkPassagesForm(request.POST, source=source)
            if form.is_valid():
                self._mark(request, source, form.cleaned_data)
                return redirect(f"{request.path}?page={number or 1}")
        else:
            form = MarkPassagesForm(source=source)
        page = passages_page(source, number)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": source,
            "title": f"Paragraphs of “{source.title}”",
            "form": form,
            "passages_page": page,
            "marking": self.has_change_permission(request, source),
        }
        return TemplateResponse(request, "admin/policing/source/passages.html", context)

    def _mark(self, request: HttpRequest, source: Source, cleaned: dict) -> None:
        section, label = cleaned["section"], cleaned["label"].strip()
        if section == SectionKind.REPORT:
            label = ""
        chosen = cleaned["chosen"].exclude(section=section, section_label=label)
        ordinals = list(chosen.values_list("ordinal", flat=True))
        if not ordinals:
            self.message_user(request, "Those paragraphs were marked so already.", messages.INFO)
            return
        shown = SectionKind(section).label
        with transaction.atomic():
            ids = list(chosen.values_list("pk", flat=True))
            Passage.objects.filter(pk__in=ids).update(section=section, section_label=label)
            dropped = 0
            if section != SectionKind.REPORT:  # what is not the report is not proposed
                dropped = Proposal.objects.filter(
                    passage__in=ids, status=ProposalStatus.PENDING
                ).delete()[0]
            DataVersion.bump(events=[])  # the reader shows sections
            message = f"Marked {_ranges(ordinals)} as “{shown}”"
            message += f" ({label})." if label else "."
            self.log_change(request, source, message)
        extra = f" {dropped} pending proposal(s) in them withdrawn." if dropped else ""
        self.message_user(request, message + extra, messages.SUCCESS)

    def propose_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """Read the source again for events to propose (new ones only: a proposal already
        made, or rejected, is not offered again)."""
        if request.method != "POST":
            return redirect("admin:policing_source_change", object_id)
        source = self.get_object(request, object_id)
        if source is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not request.user.has_perm("policing.change_proposal"):
            raise PermissionDenied
        self._propose(request, source)
        return redirect(proposals_of(source))

    def _propose(self, request: HttpRequest, source: Source) -> None:
        from . import proposals  # the extraction; it imports the models and the admin's forms

        try:
            added = proposals.queue(source)
        except Exception:  # the source is saved; a failing extraction must not undo that
            log.exception("Proposing events from %s failed", source.slug)
            self.message_user(
                request,
                "Proposing events from this source failed; the source is saved. Try “Propose "
                "events” on its page again, or add its events by hand.",
                messages.WARNING,
            )
            return
        pending = source.proposals.filter(status=ProposalStatus.PENDING).count()
        self.message_user(
            request,
            format_html(
                '{} new event(s) proposed from “{}”; <a href="{}">{} to review</a>.',
                added,
                source.title,
                proposals_of(source),
                pending,
            ),
            messages.SUCCESS if added else messages.INFO,
        )
        if note := language.proposals_note(source.text):
            self.message_user(request, note, messages.WARNING)

    def cite_view(self, request: HttpRequest, object_id: str) -> HttpResponse:
        """The document's paragraphs, to select words in (static/js/cite.js) or paste them,
        and cite them in a new event or add them to an existing one."""
        source = self.get_object(request, object_id)
        if source is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_permission(request, source):
            raise PermissionDenied
        if request.method == "POST":
            form = CiteForm(request.POST, source=source)
            if form.is_valid() and (done := self._cite(request, form)):
                return done
        else:
            form = CiteForm(initial={"quote": request.GET.get("quote", "")}, source=source)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": source,
            "title": f"Cite words of “{source.title}”",
            "form": form,
            "media": self.media + form.media,
            # The whole document up to the paragraph limit; a longer one (stored before the
            # limit, or by a script) a limit's worth at a time.
            "passages": Paginator(source.passages.all(), settings.REPORT_MAX_PARAGRAPHS).get_page(
                request.GET.get("page")
            ),
            "can_add_event": request.user.has_perm("policing.add_event"),
        }
        return TemplateResponse(request, "admin/policing/source/cite.html", context)

    def _cite(self, request: HttpRequest, form: CiteForm) -> HttpResponse | None:
        selection = form.selection
        if "_new" in request.POST:
            if not request.user.has_perm("policing.add_event"):
                raise PermissionDenied
            query = urlencode({"source": selection.source.pk, "quote": selection.quote})
            return redirect(f"{reverse('admin:policing_event_add')}?{query}")
        event = form.cleaned_data["event"]
        if event is None:
            form.add_error("event", "Choose the event to add these words to.")
            return None
        if not request.user.has_perm("policing.change_event"):
            raise PermissionDenied
        try:
            citing.add_citation(
                event,
                selection,
                user=request.user,
                comment=f"Cited words of {selection.source.slug} from its reader.",
            )
        except ValidationError as error:
            form.add_error(None, error)
            return None
        self.message_user(request, f"Added the words to “{event}”.", messages.SUCCESS)
        return redirect("admin:policing_event_change", event.pk)

    @admin.display(description="published", ordering="published")
    def published_column(self, source):
        return source.published_display

    @admin.display(description="passages", ordering="passage_total")
    def passage_count(self, source):
        return source.passage_total

    def save_model(self, request, obj, form, change):
        if not obj.file_name:
            obj.sha256 = corpus.file_digest(obj.text.encode("utf-8"))
        super().save_model(request, obj, form, change)
        if not obj.file_name:
            report = corpus.import_text(obj)
            self.message_user(
                request,
                f"Passages: {report.passages_created} added, {report.passages_updated} updated, "
                f"{report.passages_deleted} removed.",
                messages.INFO,
            )
            # Proposals are read from the passages, so only now, and only once they are
            # committed (changeform_view): the save's transaction, which holds SQLite's write
            # lock, covers the source and its passages and not the reading of the text.
            if request.user.has_perm("policing.change_proposal"):
                request._propose_after_commit = obj

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        response = super().changeform_view(request, object_id, form_url, extra_context)
        source = getattr(request, "_propose_after_commit", None)
        if source is not None:
            self._propose(request, source)
        return response
