"""The review queue of proposed events in the admin: each proposal's words in their
paragraph, what the machine read in them, the forms of the editor's decisions and the
decisions (editorial/review.py makes them; policing/proposals/ makes the proposals). A
report's proposals are reviewed together in its grid (review_grid.py)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from policing.editorial import picking, review
from policing.editorial.admin import review_grid
from policing.editorial.admin.autocomplete import AutocompleteMultiple
from policing.editorial.admin.decisions import MergeForm, Picker, RejectForm, merge_form
from policing.editorial.admin.review_grid import grid_of
from policing.editorial.citing import Selection
from policing.models import Activity, Actor, Country, Event, Proposal, ProposalStatus, Source, Stage
from policing.text import dates


def proposals_of(source: Source) -> str:
    """Where a report's proposals are reviewed: its grid, every proposal a row."""
    return grid_of(source)


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

    def edits(self) -> review.Edits:
        data = self.cleaned_data
        return review.Edits(
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
        edits = review.suggested_edits(proposal)
        return {
            **edits.__dict__,
            "countries": Country.objects.filter(code__in=edits.countries),
            "actors": edits.actors,
        }


@admin.register(Proposal)
class ProposalAdmin(VersionAdmin):
    """The review queue: each proposal's words in their paragraph, its suggestions, and the
    decisions (editorial/review.py). Proposals are made by `proposals.queue`, never by hand."""

    list_display = ["quote_column", "date_column", "suggestion_column", "status", "source_column"]
    list_filter = ["status", ("source", admin.RelatedOnlyFieldListFilter), "activity"]
    list_select_related = ["source"]
    search_fields = ["quote", "reject_reason", "source__title"]
    actions = None
    change_list_template = "admin/policing/proposal/change_list.html"
    # A version in the history is shown in the model's form: ids, not a select of every
    # paragraph of every source (thousands) and every event.
    raw_id_fields = ["source", "passage", "event", "decided_by"]

    class Media:
        css = {"all": ["css/admin-review.css"]}  # the list gives the proposed words the room

    def has_add_permission(self, request):
        return False

    def get_urls(self):
        decisions = [
            path(
                f"<path:object_id>/{name}/",
                self.admin_site.admin_view(view),
                name=f"policing_proposal_{name}",
            )
            for name, view in [
                ("accept", self.accept_view),
                ("edit", self.edit_view),
                ("merge", self.merge_view),
                ("reject", self.reject_view),
                ("choices", self.choices_view),
                ("date_preview", self.date_preview_view),
            ]
        ]
        grid = path(
            "source/<int:source_id>/review/",
            self.admin_site.admin_view(self.grid_view),
            name="policing_proposal_grid",
        )
        return [grid, *decisions, *super().get_urls()]

    def grid_view(self, request, source_id: int) -> HttpResponse:
        """Every proposal of one report on one page, each an editable row (review_grid.py)."""
        return review_grid.grid_view(request, self, source_id)

    def choices_view(self, request, object_id) -> HttpResponse:
        """The merge picker's choices for the words typed in its search box."""
        return review_grid.choices_view(request, self, object_id)

    def date_preview_view(self, request, object_id) -> HttpResponse:
        """What a grid row's date reads as, as it is typed."""
        return review_grid.date_preview_view(request, self, object_id)

    def changelist_view(self, request, extra_context=None):
        """The list, and for one report's proposals a link to its grid."""
        source_id = request.GET.get("source__id__exact", "")
        grid = grid_of(int(source_id)) if source_id.isdigit() else None
        return super().changelist_view(request, {**(extra_context or {}), "grid_url": grid})

    @admin.display(description="words")
    def quote_column(self, proposal):
        return proposal.quote if len(proposal.quote) <= 120 else proposal.quote[:120] + "…"

    @admin.display(description="suggested", ordering="activity")
    def suggestion_column(self, proposal):
        """The activity and stage read from the words, in one column so the words have room."""
        parts = [
            proposal.get_activity_display() if proposal.activity else "",
            proposal.get_stage_display() if proposal.stage else "",
        ]
        return ", ".join(p for p in parts if p) or "—"

    @admin.display(description="source", ordering="source__title")
    def source_column(self, proposal):
        """The report, linked to its review grid."""
        title = proposal.source.title
        shown = title if len(title) <= 40 else title[:40] + "…"
        return format_html(
            '<a href="{}" title="Review its proposals">{}</a>', grid_of(proposal.source_id), shown
        )

    @admin.display(description="date", ordering="date_start")
    def date_column(self, proposal):
        return dates.in_words(proposal.date_edtf) if proposal.date_edtf else "—"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        """The review page, in place of a form: a proposal is decided on, not edited."""
        proposal = self._proposal(request, object_id)
        if not isinstance(proposal, Proposal):
            return proposal
        return self._review_page(request, proposal)

    def _review_page(self, request, proposal, *, form=None, reject_form=None):
        before, words, after = review.in_paragraph(proposal)
        matches = review.matched_events(proposal)
        same = picking.same_in(matches)
        pending = proposal.status == ProposalStatus.PENDING
        form = form or merge_form(matches)
        countries = list(Country.objects.filter(code__in=proposal.countries))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": proposal,
            "title": "Review a proposed event",
            "proposal": proposal,
            "before": before,
            "words": words,
            "after": after,
            "date_words": dates.in_words(proposal.date_edtf) if proposal.date_edtf else "",
            "countries": countries,
            "unknown_countries": sorted(set(proposal.countries) - {c.code for c in countries}),
            "actors": self._actors(proposal),
            "matches": matches,
            "same_event": same,
            "pending": pending,
            "can_accept": pending and review.may_accept(request.user),
            "can_merge": pending and review.may_merge(request.user),
            "can_decide": pending and self.has_change_permission(request, proposal),
            "picker": Picker.of(proposal, form, matches),
            "choices_url": reverse("admin:policing_proposal_choices", args=[proposal.pk]),
            "find_button": ("_find", "1"),
            "reject_form": reject_form or RejectForm(prefix="reject"),
            "media": self.media,
            "next_pending": self._next_pending(proposal),
            "grid_url": grid_of(proposal.source_id),
        }
        return TemplateResponse(request, "admin/policing/proposal/review.html", context)

    @staticmethod
    def _actors(proposal) -> list[tuple[str, Actor | None]]:
        known = {a.name: a for a in Actor.objects.filter(name__in=proposal.actors)}
        return [(name, known.get(name)) for name in proposal.actors]

    def _proposal(self, request, object_id, *, deciding: bool = False) -> Proposal | HttpResponse:
        """The proposal, or the answer instead of it: back to the list for one that does not
        exist, back to its page (with the reason) for deciding on one already decided."""
        proposal = self.get_object(request, object_id)
        if proposal is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, proposal):
            raise PermissionDenied
        if deciding and request.method != "POST":
            return redirect("admin:policing_proposal_change", proposal.pk)
        if deciding and proposal.status != ProposalStatus.PENDING:
            return self._refused(
                request,
                proposal,
                review.ReviewError(
                    f"This proposal was already decided ({proposal.get_status_display().lower()})."
                ),
            )
        return proposal

    def _may_accept(self, request) -> bool:
        """Accepting makes an event (or cites in one): only those who may add events may."""
        return review.may_accept(request.user)

    @staticmethod
    def _next_pending(proposal) -> Proposal | None:
        return (
            Proposal.objects.filter(source=proposal.source_id, status=ProposalStatus.PENDING)
            .exclude(pk=proposal.pk)
            .first()
        )

    def _decided(self, request, proposal, message: str) -> HttpResponse:
        """After a decision: the next pending proposal of the same source, or its queue."""
        self.message_user(request, message, messages.SUCCESS)
        following = self._next_pending(proposal)
        if following is not None:
            return redirect("admin:policing_proposal_change", following.pk)
        return redirect(proposals_of(proposal.source))

    def _refused(self, request, proposal, error: review.ReviewError) -> HttpResponse:
        """Back to the proposal's page with the reason, or to the queue if it is gone (its
        source deleted meanwhile)."""
        self.message_user(request, str(error), messages.ERROR)
        if not Proposal.objects.filter(pk=proposal.pk).exists():
            return redirect("admin:policing_proposal_changelist")
        return redirect("admin:policing_proposal_change", proposal.pk)

    def _accepted(self, request, proposal, outcome: review.Outcome) -> HttpResponse:
        for note in outcome.notes:
            self.message_user(request, note, messages.WARNING)
        link = reverse("admin:policing_event_change", args=[outcome.event.pk])
        if outcome.created:
            done = format_html(
                'Accepted: <a href="{}">{}</a> is a draft; check it and publish it on its page.',
                link,
                outcome.event,
            )
        else:
            done = format_html(
                'Accepted: the words are cited in <a href="{}">{}</a>.', link, outcome.event
            )
        return self._decided(request, proposal, done)

    def accept_view(self, request, object_id) -> HttpResponse:
        proposal = self._proposal(request, object_id, deciding=True)
        if not isinstance(proposal, Proposal):
            return proposal
        same = review.same_event(proposal)
        if not self._may_accept(request) or (
            same and not request.user.has_perm("policing.change_event")
        ):
            raise PermissionDenied
        try:
            outcome = review.accept(proposal, user=request.user)
        except review.ReviewError as error:
            return self._refused(request, proposal, error)
        return self._accepted(request, proposal, outcome)

    def edit_view(self, request, object_id) -> HttpResponse:
        """The suggestions in a form, to correct before accepting as a new draft event."""
        proposal = self._proposal(request, object_id)
        if not isinstance(proposal, Proposal):
            return proposal
        if not self._may_accept(request):
            raise PermissionDenied
        if proposal.status != ProposalStatus.PENDING:
            return self._proposal(request, object_id, deciding=True)
        if request.method == "POST":
            form = ProposalEditForm(request.POST, proposal=proposal)
            if form.is_valid():
                try:
                    outcome = review.accept(proposal, user=request.user, edits=form.edits())
                except review.ReviewError as error:
                    form.add_error(None, str(error))
                else:
                    return self._accepted(request, proposal, outcome)
        else:
            form = ProposalEditForm(initial=ProposalEditForm.suggested(proposal), proposal=proposal)
        before, words, after = review.in_paragraph(proposal)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": proposal,
            "title": "Edit a proposed event, then accept it",
            "proposal": proposal,
            "before": before,
            "words": words,
            "after": after,
            "form": form,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/policing/proposal/edit.html", context)

    def merge_view(self, request, object_id) -> HttpResponse:
        proposal = self._proposal(request, object_id, deciding=True)
        if not isinstance(proposal, Proposal):
            return proposal
        if not review.may_merge(request.user):
            raise PermissionDenied
        form = MergeForm(request.POST, prefix="merge")
        if "_find" in request.POST:  # "Find" without JavaScript: the page again, with what it found
            return self._review_page(request, proposal, form=form)
        if not form.is_valid():
            for errors in form.errors.values():
                self.message_user(request, " ".join(errors), messages.ERROR)
            return self._review_page(request, proposal, form=form)
        try:
            outcome = review.merge(proposal, form.cleaned_data["event"], user=request.user)
        except review.ReviewError as error:
            return self._refused(request, proposal, error)
        return self._accepted(request, proposal, outcome)

    def reject_view(self, request, object_id) -> HttpResponse:
        proposal = self._proposal(request, object_id, deciding=True)
        if not isinstance(proposal, Proposal):
            return proposal
        if not self.has_change_permission(request, proposal):
            raise PermissionDenied
        form = RejectForm(request.POST, prefix="reject")
        if not form.is_valid():
            for errors in form.errors.values():
                self.message_user(request, " ".join(errors), messages.ERROR)
            return self._review_page(request, proposal, reject_form=form)
        try:
            review.reject(proposal, user=request.user, reason=form.cleaned_data["reason"])
        except review.ReviewError as error:
            return self._refused(request, proposal, error)
        return self._decided(request, proposal, "Rejected; the reason is kept with the proposal.")
