"""Settings for bench/review_time.py: the site's own, production's, except that its cookies
go over plain HTTP, which the benchmark's loopback server speaks."""

from config.settings import *  # noqa: F403

SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
