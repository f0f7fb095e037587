"""Settings for bench/axis_zoom.py: the site's own, with vis-timeline (and TimelineJS) served
beside it."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "browsing.vistimeline"
