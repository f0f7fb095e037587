"""The Jinja2 environment for the templates under templates/jinja2/.

The site's pages are Django templates, with one exception: the timeline's results region
(filters with their counts, the year bars, the cards and the pages), which every filter change
re-renders over HTMX. The Django template engine spent some 30 ms of a 57 ms partial on its
2,000-odd variables at 100,000 events, each looked up and escaped in Python; Jinja2 compiles a
template to Python and escapes with MarkupSafe's C code, and renders the same region in a
fraction of that (docs/performance.md). The region is written once, in
templates/jinja2/policing/timeline_results.html; Django pages include it with
`{% timeline_results %}` (templatetags/policing_tags.py).

The names below are what those templates use besides their context: `url`, `querystring`,
`pluralize` and `capfirst` as the Django tags and filters of the same names do,
`event_datetime` and `activity_label` as the Django templates' (policing_tags.py),
`addresser` (links.py), `support` (derivation.py) and `option_items` (below).
"""

from __future__ import annotations

from django.template.defaultfilters import capfirst, pluralize
from django.urls import reverse
from jinja2 import Environment, StrictUndefined
from markupsafe import Markup, escape

from policing import links
from policing.templatetags.policing_tags import activity_label, event_datetime
from policing.text import derivation


def environment(**options) -> Environment:
    # Undefined names fail loudly: a typo must not render as an empty string.
    # lstrip_blocks: a line's indentation before a block tag is the template's, not the
    # page's; it is not sent.
    env = Environment(**{**options, "undefined": StrictUndefined, "lstrip_blocks": True})
    env.filters["event_datetime"] = event_datetime
    env.filters["activity_label"] = activity_label
    env.filters["pluralize"] = pluralize
    env.filters["capfirst"] = capfirst
    env.globals["url"] = reverse
    # As `{% querystring query key=value %}`: `query` with `changes` made (None removes one).
    env.globals["querystring"] = links.querystring
    env.globals["support"] = derivation.support_phrase
    env.globals["addresser"] = links.addresser
    env.globals["option_items"] = option_items
    return env


# A facet's options, as the results region lists them. A page sends some seventy, and each
# through the template engine's escaping of every value took more than this: the values
# that come from the data are escaped here; the rest are ours.
_OPTION = (
    '<li class="option{empty}">\n'
    '<input type="checkbox" name="{name}" value="{value}" id="{id}"{checked}>\n'
    '<label for="{id}">{swatch}\n'
    '<span class="option-label">{label}</span> <span class="count">{count}'
    '<span class="sr-only"> event{plural}</span></span>\n'
    "</label></li>\n"
)


def option_items(options: list[dict]) -> Markup:
    """The `<li>` of each option (presenters.controls.facet_options): a labelled checkbox with
    its count."""
    return Markup("".join(_option(option) for option in options))


def _option(option: dict) -> str:
    value = escape(option["value"])
    return _OPTION.format(
        empty=" is-empty" if option["empty"] else "",
        name=escape(option["name"]),
        value=value,
        id=escape(option["id"]),
        checked=" checked" if option["selected"] else "",
        swatch=f'<span class="swatch activity-{value}"></span>'
        if option["name"] == "activity"
        else "",
        label=escape(option["label"]),
        count=int(option["count"]),
        plural="" if option["count"] == 1 else "s",
    )
