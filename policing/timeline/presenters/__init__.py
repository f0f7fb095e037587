"""What each public page shows, worked out from the filters, the facet index and the QuerySets.

Each page function returns a template's context, so a view only reads the request, calls one
of these and renders. One module per page (the timeline and a country's page share one, its
axis view and controls have their own); the page functions are imported here, so a view
calls `presenters.timeline(...)`, `presenters.reader(...)`.
"""

from policing.timeline.presenters.event_detail import event_page
from policing.timeline.presenters.figures import figures_page
from policing.timeline.presenters.source_detail import reader, reader_query
from policing.timeline.presenters.threads_actors import (
    actor_index,
    actor_page,
    thread_index,
    thread_page,
)
from policing.timeline.presenters.timeline_page import timeline
from policing.timeline.presenters.world_map import map_page

__all__ = [
    "actor_index",
    "actor_page",
    "event_page",
    "figures_page",
    "map_page",
    "reader",
    "reader_query",
    "thread_index",
    "thread_page",
    "timeline",
]
