"""Template context shared by every page."""


def csp_nonce(request):
    """django-htmx's `{% htmx_script %}` looks for `csp_nonce`; django-csp names it CSP_NONCE.

    Rendering the nonce is what makes django-csp add it to the header, so it is only sent
    on pages that use it.
    """
    return {"csp_nonce": getattr(request, "csp_nonce", "")}
