"""The review grid: every proposal of one report on one page, each pending one an editable row
(review_rows.py: title, activity, stage, date, states and their roles, beside its words in
their paragraph) with its own accept, merge and reject, and the selected rows accepted at once.

The page is one form, so it works without JavaScript: a row's buttons post the whole form and
name their row (`decide=accept 12`), and a row that was not decided keeps what was typed in it.
static/js/grid.js adds keyboard shortcuts, and htmx posts a row's decision and swaps only that
row. Every decision is review.py's, as on a proposal's own page: one claim, one transaction
and one revision by the editor each, so a double submit decides once and says so the second
time.
"""

from __future__ import annotations

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
from policing.editorial.admin.decisions import Picker, merge_form
from policing.editorial.admin.review_rows import (
    Countries,
    Row,
    date_reading,
    prefix_of,
    rows_of,
    with_forms,
)
from policing.models import Proposal, ProposalStatus, Source

# Rows a page: a page is one form (see review_rows.MAX_PAIRS for what a row posts).
PAGE_SIZE = 25
ROW_ACTIONS = {"accept", "new", "merge", "reject", "find"}


def grid_of(source: Source | int) -> str:
    """The review grid of one report."""
    return reverse("admin:policing_proposal_grid", args=[getattr(source, "pk", source)])


def queue_of(source: Source) -> str:
    """The same proposals in the admin's list, pending or not."""
    return f"{reverse('admin:policing_proposal_changelist')}?source__id__exact={source.pk}"


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
    rows = rows_of(page, data, countries)
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
            continue
        try:
            made = _decide(request, row, "accept", publish=publish)
        except PermissionDenied:  # words of an existing event, for one who may not change it
            row.error = (
                "Not accepted: these words state an existing event, which you may not change."
            )
            made = False
        (decided if made else refused).append(row)
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
        with_forms(row, None, countries)
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
    context = date_reading(proposal, typed) if proposal else {"resolved": None, "error": None}
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
