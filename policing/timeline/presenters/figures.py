"""The figures page: every figure of the published events, grouped by what it counts, and
the chart of China's police-training figures."""

from __future__ import annotations

from policing.models import Counted, Figure
from policing.models.querysets import public
from policing.text.figures import parse_period
from policing.timeline import charts

# The chart shows the group of China's police-training figures over time.
CHARTED = Counted.FOREIGN_POLICE_TRAINED


def _figure_order(figure) -> tuple:
    """Within a group: by the period's start (figures without one last), then the event."""
    period = parse_period(figure.period_edtf) if figure.period_edtf else None
    start = (period.earliest or period.latest) if period else None
    return (start is None, start or figure.event.date_start, figure.event.date_start, figure.pk)


def figures_page() -> dict:
    """Every figure of the published events, grouped by what it counts (in the order of
    `Counted`, unclassified last), and the chart of China's police-training figures."""
    figures = list(
        Figure.objects.filter(public("event")).select_related(
            "event", "citation__source", "citation__passage", "citation__event"
        )
    )
    groups = []
    for key, label in [*Counted.choices, ("", "Not yet classified")]:
        members = sorted((f for f in figures if f.counts == key), key=_figure_order)
        if members:
            groups.append({"key": key or "unclassified", "label": label, "figures": members})
    charted = next((g for g in groups if g["key"] == CHARTED), None)
    return {
        "groups": groups,
        "figure_count": len(figures),
        "chart": charts.timeline_chart(charted["figures"]) if charted else None,
        "charted": charted,
    }
