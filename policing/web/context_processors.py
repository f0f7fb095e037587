"""Template context shared by every page."""

from django.conf import settings

# What a page says about itself (meta description, og:description) unless it says more.
SITE_DESCRIPTION = (
    "A curated timeline of China’s international policing diplomacy in which every event "
    "quotes the exact words of its source."
)


def csp_nonce(request):
    """django-htmx's `{% htmx_script %}` looks for `csp_nonce`; django-csp names it CSP_NONCE.

    Rendering the nonce is what makes django-csp add it to the header, so it is only sent
    on pages that use it.
    """
    return {"csp_nonce": getattr(request, "csp_nonce", "")}


def site(request):
    """The site's name (as the feeds and calendars spell it) and description, for the head."""
    return {"site_name": settings.SITE_NAME, "site_description": SITE_DESCRIPTION}
