"""The review grid: every proposal of one report on one page, each pending one an editable row
(title, activity, stage, date, states and their roles, beside its words in their paragraph)
with its own accept, merge and reject, and the selected rows accepted at once.

The page is one form, so it works without JavaScript: a row's buttons post the whole form and
name their row (`decide=accept 12`), and a row that was not decided keeps what was typed in it.
static/js/grid.js adds keyboard shortcuts, and htmx posts a row's decision and swaps only that
row. Every decision is review.py's, as on a proposal's own page: one claim, one transaction
and one revision by the editor each, so a double submit decides once and says so the second
time.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django_htmx.http import HttpResponseClientRefresh, reswap, retarget

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
    Source,
    Stage,
    default_role,
)
from policing.text import dates, places

# Rows a page: a page is one form, and Django reads at most DATA_UPLOAD_MAX_NUMBER_FIELDS
# (1,000) fields of a form; a row posts at most 11 + 2 × MAX_PAIRS.
PAGE_SIZE = 25
MAX_PAIRS = 8
# Characters of the paragraph shown each side of the words until the row is expanded.
CONTEXT = 160

ROW_ACTIONS = {"accept", "new", "merge", "reject", "find"}
# The roles by the first words of their labels, so that a state and its role fit side by side.
ROLES = [(value, label.split(" (")[0]) for value, label in Role.choices]


def grid_of(source: Source | int) -> str:
    """The review grid of one report."""
    return reverse("admin:policing_proposal_grid", args=[getattr(source, "pk", source)])


def queue_of(source: Source) -> str:
    """The same proposals in the admin's list, pending or not."""
    return f"{reverse('admin:policing_proposal_changelist')}?source__id__exact={source.pk}"


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
            initial[f"role_{i}"] = default_role(code)
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


def _rows(page, data, countries: Countries) -> list[Row]:
    proposals = list(page.object_list)
    choices = picking.suggested(proposals)
    rows = []
    for number, proposal in enumerate(proposals, start=page.start_index()):
        row = Row(proposal, number, choices[proposal.pk])
        if row.pending:
            _forms(row, data, countries)
        rows.append(row)
    return rows


def _forms(row: Row, data, countries: Countries) -> None:
    proposal, prefix = row.proposal, prefix_of(row.proposal)
    row.form = RowForm(data, proposal=proposal, countries=countries)
    row.merge = merge_form(row.choices, data, prefix=prefix)
    row.reject = GridRejectForm(data, prefix=prefix)
    row.picker = Picker.of(proposal, row.merge, row.choices)


# --- deciding ------------------------------------------------------------------------------


def _decide(request: HttpRequest, row: Row, action: str, *, publish: bool) -> bool:
    """Make the decision `action` on the row's proposal; the row then says what it did, or
    why not. Whether it was made."""
    user, proposal = request.user, row.proposal
    try:
        if action == "accept" and row.same is not None:
            if not (review.may_accept(user) and review.may_merge(user)):
                raise PermissionDenied
            outcome = review.accept(proposal, user=user)  # cites the words where they belong
        elif action in ("accept", "new"):
            if not review.may_accept(user):
                raise PermissionDenied
            if not row.form.is_valid():
                row.checked = True
                row.error = "Not accepted: correct the fields marked below."
                return False
            outcome = review.accept(proposal, user=user, edits=row.form.edits(), publish=publish)
        elif action == "merge":
            if not review.may_merge(user):
                raise PermissionDenied
            if not row.merge.is_valid():
                row.error = " ".join(e for errors in row.merge.errors.values() for e in errors)
                return False
            outcome = review.merge(proposal, row.merge.cleaned_data["event"], user=user)
        else:
            if not user.has_perm(review.REJECT_PERMISSION):
                raise PermissionDenied
            if not row.reject.is_valid():
                row.error = " ".join(row.reject.errors["reason"])
                return False
            review.reject(proposal, user=user, reason=row.reject.cleaned_data["reason"])
            outcome = None
    except review.ReviewError as error:
        row.error = str(error)
        _reload(row)
        return False
    row.outcome = _said(row, outcome)
    row.notes = outcome.notes if outcome else []
    _reload(row)
    return True


def _said(row: Row, outcome: review.Outcome | None) -> str:
    if outcome is None:
        return format_html("Rejected: {}", row.proposal.reject_reason)
    link = reverse("admin:policing_event_change", args=[outcome.event.pk])
    if not outcome.created:
        return format_html('The words are cited in <a href="{}">{}</a>.', link, outcome.event)
    if outcome.published:
        return format_html(
            'Accepted and published: <a href="{}">{}</a> (<a href="{}">on the site</a>).',
            link,
            outcome.event,
            outcome.event.get_absolute_url(),
        )
    return format_html('Accepted: <a href="{}">{}</a> is a draft.', link, outcome.event)


def _reload(row: Row) -> None:
    """The row's proposal as it is now (decided here, or meanwhile by someone else)."""
    current = _proposals().filter(pk=row.pk).first()
    if current is not None:
        row.proposal = current


def _proposals():
    return Proposal.objects.select_related("source", "passage", "event", "decided_by")


# --- the views -----------------------------------------------------------------------------


def grid_view(request: HttpRequest, model_admin, source_id: str) -> HttpResponse:
    """Every proposal of one report, a row each; a POST makes the decision its button names."""
    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied
    source = Source.objects.filter(pk=source_id).first()
    if source is None:
        messages.warning(request, "That report no longer exists.")
        return redirect("admin:policing_proposal_changelist")
    user = request.user
    publish = bool(request.POST.get("publish") or request.GET.get("publish"))
    if publish and request.method == "POST" and not review.may_publish(user):
        raise PermissionDenied  # the box is not offered to those who may not publish
    publish = publish and review.may_publish(user)
    page = Paginator(_proposals().filter(source=source), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    countries = Countries()
    data = request.POST if request.method == "POST" else None
    rows = _rows(page, data, countries)
    decided: list[Row] = []
    if data is not None:
        action, _, target = data.get("decide", "check").partition(" ")
        by_pk = {str(r.pk): r for r in rows}
        if action in ROW_ACTIONS:
            row = by_pk.get(target)
            if row is None:  # not on this page any more (a row of another page, or gone)
                messages.error(request, "That proposal is not on this page: nothing was decided.")
            elif not row.pending:
                row.error = "This proposal was already decided."
            elif action != "find" and _decide(request, row, action, publish=publish):
                decided.append(row)
            if request.htmx:
                if row is None:
                    return HttpResponseClientRefresh()
                return _row_response(request, model_admin, source, page, row, publish)
        elif action == "accept-selected":
            chosen = [by_pk[pk] for pk in data.getlist("selected") if pk in by_pk]
            decided = _accept_selected(request, chosen, publish=publish)
        else:  # "check", and Enter pressed in a field without JavaScript
            for row in rows:
                row.checked = row.pending
                if row.form is not None:
                    row.form.is_valid()
        for pk in data.getlist("selected"):
            if pk in by_pk:
                by_pk[pk].selected = by_pk[pk].pending
        if decided and not any(r.error or r.checked or r.unsaved() for r in rows):
            for row in decided:
                _report(request, row)
            return redirect(_after(request, rows, decided, page, publish))
        for row in decided:
            _report(request, row)
        for row in rows:
            row.as_typed(countries)
    context = _context(request, model_admin, source, page, rows, publish, countries)
    return TemplateResponse(request, "admin/policing/proposal/grid.html", context)


def _accept_selected(request: HttpRequest, chosen: list[Row], *, publish: bool) -> list[Row]:
    """Accept each selected row as its own decision; a row that is refused says why in the
    row and the others go on."""
    if not chosen:
        messages.warning(request, "Select the rows to accept first (the box beside each).")
        return []
    if not review.may_accept(request.user):
        raise PermissionDenied
    decided, refused = [], []
    for row in chosen:
        if not row.pending:
            row.error = "This proposal was already decided."
            refused.append(row)
        elif _decide(request, row, "accept", publish=publish):
            decided.append(row)
        else:
            refused.append(row)
    if refused:
        numbers = ", ".join(str(r.number) for r in refused)
        messages.error(
            request,
            f"Accepted {len(decided)} of {len(chosen)}; not accepted: proposal {numbers} "
            "(each row says why).",
        )
    return decided


def _report(request: HttpRequest, row: Row) -> None:
    messages.success(request, format_html("Proposal {}: {}", row.number, row.outcome))
    for note in row.notes:
        messages.warning(request, f"Proposal {row.number}: {note}")


def _after(request, rows: list[Row], decided: list[Row], page, publish: bool) -> str:
    """The grid again after its decisions, at the next pending row."""
    last = max(rows.index(r) for r in decided)
    following = [r for r in rows[last + 1 :] + rows[:last] if r.pending]
    query = f"?page={page.number}" + ("&publish=1" if publish else "")
    return request.path + query + (f"#row-{following[0].pk}" if following else "")


def _counts(source: Source) -> dict[str, int]:
    counts = dict(
        source.proposals.order_by().values_list("status").annotate(n=Count("pk")).order_by()
    )
    return {status: counts.get(status, 0) for status in ProposalStatus.values}


def _context(request, model_admin, source, page, rows, publish, countries: Countries) -> dict:
    user = request.user
    counts = _counts(source)
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.opts,
        "title": f"Review the proposals of “{source.title}”",
        "source": source,
        "page": page,
        "rows": rows,
        "counts": counts,
        "total": sum(counts.values()),
        "countries": sorted(countries.names.values()) if rows else [],
        "action": f"{request.path}?page={page.number}",
        "can_accept": review.may_accept(user),
        "can_merge": review.may_merge(user),
        "can_reject": user.has_perm(review.REJECT_PERMISSION),
        "can_publish": review.may_publish(user),
        "publish": publish,
        "queue_url": queue_of(source),
    }


def _row_response(request, model_admin, source, page, row: Row, publish: bool) -> HttpResponse:
    """One row, for htmx to swap in place of the one whose button was pressed."""
    countries = Countries()
    if row.pending and row.form is None:
        _forms(row, None, countries)
    row.as_typed(countries)
    context = _context(request, model_admin, source, page, [row], publish, countries)
    response = TemplateResponse(
        request, "admin/policing/proposal/grid.html#row-swap", {**context, "row": row}
    )
    return reswap(retarget(response, f"#row-{row.pk}"), "outerHTML")


def date_preview_view(request: HttpRequest, model_admin, object_id: str) -> HttpResponse:
    """What a row's date reads as, beside it as the editor types (htmx)."""
    proposal = _proposal_or_none(request, model_admin, object_id)
    typed = request.GET.get(f"{prefix_of(proposal)}-date", "")[:200] if proposal else ""
    context = {"resolved": None, "error": None, "proposal": proposal}
    if proposal is not None and typed.strip():
        try:
            phrase, value, as_proposed = read_date(proposal, typed)
        except dates.DateResolutionError as error:
            context["error"] = str(error)
        else:
            context["resolved"] = {
                "edtf": value,
                "words": dates.in_words(value),
                "phrase": phrase,
                "as_proposed": as_proposed,
            }
    return TemplateResponse(request, "admin/policing/proposal/grid.html#date-reading", context)


def choices_view(request: HttpRequest, model_admin, object_id: str) -> HttpResponse:
    """The picker's choices for the words typed in its search box (htmx), in the order and
    with the details the page itself shows."""
    proposal = _proposal_or_none(request, model_admin, object_id)
    if proposal is None:
        return HttpResponse(status=404)
    prefix = request.GET.get("prefix", "merge")
    prefix = prefix if prefix in {"merge", prefix_of(proposal)} else "merge"
    choices = picking.suggested([proposal])[proposal.pk]
    form = merge_form(choices, request.GET, prefix=prefix)
    picker = Picker.of(proposal, form, choices)
    if not picker.chosen and picker.choices:
        picker.chosen = str(picker.choices[0].event.pk)
    return TemplateResponse(
        request, "admin/policing/proposal/picker.html#choices", {"picker": picker}
    )


def _proposal_or_none(request, model_admin, object_id) -> Proposal | None:
    if not model_admin.has_view_or_change_permission(request):
        raise PermissionDenied
    if not str(object_id).isdigit():
        return None
    return Proposal.objects.select_related("source").filter(pk=object_id).first()
