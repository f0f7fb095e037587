"""Settings for bench/browser.py: the site's own, with TimelineJS served beside it."""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "browsing.timelinejs"
