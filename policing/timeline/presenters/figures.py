"""The figures page: the figures of the published events the timeline's filters select, as
claims (one figure with the sources that state it) grouped by what they count, and the chart
of China's police-training figures, a panel per scope."""

from __future__ import annotations

from django.template.defaultfilters import pluralize

from policing.links import query_without
from policing.models import Counted, Event, Figure
from policing.models.querysets import public
from policing.text.figures import parse_period
from policing.timeline import charts
from policing.timeline.claims import Claim, claims
from policing.timeline.filters import FilterForm

# The chart shows the group of China's police-training figures over time.
CHARTED = Counted.FOREIGN_POLICE_TRAINED
# What the timeline's address may hold that selects no events: this page has no pages, order,
# views or folded lists, so its links and downloads leave them out.
NOT_SELECTING = ("page", "order", "view", "lanes", "more")


def _claim_order(claim: Claim) -> tuple:
    """Within a group: by the period's start (claims without one last), then the event."""
    figure = claim.primary
    period = parse_period(figure.period_edtf) if figure.period_edtf else None
    start = (period.earliest or period.latest) if period else None
    return (start is None, start or figure.event.date_start, figure.event.date_start, figure.pk)


def _figures(filters) -> list[Figure]:
    figures = Figure.objects.filter(public("event"))
    if filters.groups() or filters.q:
        figures = figures.filter(event__in=Event.objects.published().filtered(filters))
    return list(
        figures.select_related(
            "event",
            "scope_country",
            "citation__source",
            "citation__passage",
            "citation__event",
        ).order_by("pk")
    )


def figures_page(form: FilterForm) -> dict:
    """The figures of the events `form`'s valid filters select, as claims grouped by what they
    count (in the order of `Counted`, unclassified last), and the chart of China's
    police-training claims; with the filters' chips, and notes for what the page ignored."""
    filters = form.filters
    figures = _figures(filters)
    found = claims(figures)
    groups = []
    for key, label in [*Counted.choices, ("", "Not yet classified")]:
        members = sorted((c for c in found if c.primary.counts == key), key=_claim_order)
        if members:
            groups.append({"key": key or "unclassified", "label": label, "claims": members})
    charted = next((g for g in groups if g["key"] == CHARTED), None)
    chips = form.chips()
    query = query_without(form.query, *NOT_SELECTING)
    narrowed = None
    if chips:
        total = Figure.objects.filter(public("event")).count()
        narrowed = (
            f"{len(figures)} of the {total} figure{pluralize(total)}: those of the events these "
            "filters select."
        )
    return {
        "groups": groups,
        "figure_count": len(figures),
        "claim_count": len(found),
        "chart": charts.timeline_chart(charted["claims"]) if charted else None,
        "charted": charted,
        "chips": chips,
        "notes": form.notes(),
        "narrowed": narrowed,
        "query": query,
        "export_query": f"?{query.urlencode()}" if query else "",
        "canonical_query": f"?{query.urlencode()}" if query else "",
    }
