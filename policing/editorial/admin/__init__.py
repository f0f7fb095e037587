"""Editors' admin.

Editors type dates as the source words them and quotes as the source spells them; both are
checked before anything is saved. Events keep a full history (django-reversion, following
their citations and figures), and a save based on an out-of-date copy is refused.

A module per page group, each with its forms and registering its models: events.py (with the
date an editor types, event_dates.py), sources.py (with their paragraphs, passages.py),
catalogue.py (actors, threads, countries), proposals.py (the review queue) and corrections.py
(the log of changes to published events, read only); curated.py shows
the conflicts an update from the curated fixtures found, on events, actors and threads.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import admin

# Each module registers its models' admin.
from policing.editorial.admin import catalogue, corrections, events, proposals, sources  # noqa: F401

admin.site.site_header = f"{settings.SITE_NAME}: editors"
admin.site.site_title = "Timeline editors"
admin.site.index_title = "Curate events and sources"
