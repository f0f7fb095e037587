"""The Jinja2 environment for the templates under templates/jinja2/.

The site's pages are Django templates. A timeline card is the one exception: a page shows 25,
every filter change re-renders them, and the Django template engine spent about 0.7 ms on each
(some 35 variables, each looked up and escaped in Python), the largest part of an HTMX update.
Jinja2 compiles a template to Python and escapes with MarkupSafe's C code, so the same card
costs a small fraction of that (docs/performance.md). The cards are written once, in
templates/jinja2/includes/event_cards.html, and the Django pages include them with
`{% event_cards events %}` (templatetags/policing_tags.py).
"""

from __future__ import annotations

from jinja2 import Environment, StrictUndefined

from . import dates, derivation, links
from .models import Activity, Stage


def environment(**options) -> Environment:
    # Undefined names fail loudly: a typo in a card must not render as an empty string.
    env = Environment(**{**options, "undefined": StrictUndefined})
    env.filters["iso_date"] = lambda value, precision=dates.DAY: (
        "" if value is None else dates.iso_at(value, precision)
    )
    env.globals["support"] = derivation.support_phrase
    # Labels by value: a model's get_FOO_display() rebuilds its choices on every call.
    env.globals["labels"] = {"activity": dict(Activity.choices), "stage": dict(Stage.choices)}
    env.globals["addresser"] = links.addresser
    return env
