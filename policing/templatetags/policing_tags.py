"""Template helpers for dates at their precision, an event's activity chip, the filter chips
and marking cited words in passages (cut by text/marking.py).

The helpers return plain strings and small structures and templates do the markup, so every
piece of source text still goes through autoescaping; the two that return markup (the activity
chip's words and the filter chips) are written once for both engines, and escape what they put
in it.
"""

from __future__ import annotations

from django import template
from django.template import engines
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from policing.models import Activity, Stage
from policing.text import dates, derivation
from policing.text.marking import Highlight, Piece, mark_spans

register = template.Library()

# Labels by value: a model's get_FOO_display() rebuilds its choices on every call, and the
# timeline's cards ask for these 25 times a page.
ACTIVITY_LABELS = dict(Activity.choices)
STAGE_LABELS = dict(Stage.choices)


@register.filter
def iso_date(value, precision: str = dates.DAY) -> str:
    """A `<time datetime>` value at the precision known: 2025-02-20, 2025-02 or 2025."""
    return "" if value is None else dates.iso_at(value, precision)


@register.filter
def event_datetime(event) -> str:
    return iso_date(event.date_start, event.date_precision)


@register.filter
def activity_label(event) -> SafeString:
    """What an event's activity chip says, its activity and stage each named for a screen
    reader: "Activity: Training, stage: · pledged". The cards (Jinja2), the event page and a
    thread's steps all write it from here."""
    activity = format_html(
        '<span class="sr-only">Activity: </span>{}', ACTIVITY_LABELS[event.activity]
    )
    if not event.stage:
        return activity
    return format_html(
        '{}<span class="chip-stage"><span class="sr-only">, stage:</span> · {}</span>',
        activity,
        STAGE_LABELS[event.stage].lower(),
    )


@register.simple_tag
def support(citations: int, reports: int) -> str:
    """“3 citations, 1 independent report” (derivation.support_phrase)."""
    return derivation.support_phrase(citations, reports)


@register.filter
def quote_parts(citation) -> tuple[str, str, str]:
    """The citation's paragraph split into (before, the quoted words, after)."""
    passage = citation.passage
    if passage is None or citation.start is None or citation.end is None:
        return "", citation.quote, ""
    text = passage.text
    return text[: citation.start], text[citation.start : citation.end], text[citation.end :]


@register.filter
def highlighted(passage, followed_event=None) -> list[Piece | Highlight]:
    """The passage's text with the spans of its (prefetched) citations marked, those of
    `followed_event` (an Event, or None) apart."""
    spans = [
        (c.start, c.end, c)
        for c in passage.citations.all()
        if c.start is not None and c.end is not None
    ]
    if not followed_event:
        return mark_spans(passage.text, spans)
    return mark_spans(passage.text, spans, lambda c: c.event_id == followed_event.pk)


@register.filter
def highlights(items) -> list[Highlight]:
    return [item for item in items if isinstance(item, Highlight)]


@register.simple_tag(takes_context=True)
def timeline_results(context) -> str:
    """The timeline's results region, rendered by Jinja2 from
    templates/jinja2/policing/timeline_results.html: policing/web/jinja.py says why."""
    template = engines["jinja2"].get_template("policing/timeline_results.html")
    return mark_safe(template.render(context.flatten()))


@register.simple_tag(takes_context=True)
def filter_chips(context) -> str:
    """The active filters as chips, from the Jinja2 macro the timeline's results region calls
    (templates/jinja2/includes/chips.html): the markup is written once, in one engine."""
    chips = engines["jinja2"].env.get_template("includes/chips.html").module
    return mark_safe(chips.filter_chips(context["chips"], context["request"].path))


@register.filter
def page_numbers(page) -> list:
    """The numbers of the pages around `page` and at both ends, "…" for the rest: a long
    report's links stay a short line."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))
