"""A request body over Django's limit (DATA_UPLOAD_MAX_MEMORY_SIZE, set from the report limit
in the settings) answered with a page that says the limit, instead of Django's bare 400.

Nothing typed can be kept: the body itself is refused unread, so the page says what to do
(upload the text as a file, or shorten it). A report under this limit but over the report
limit reaches the form, which refuses it with everything typed kept (admin.SourceAdminForm).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse


class RequestTooLargeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST":
            try:
                request.POST  # parsed here, once; CSRF and the view read the same  # noqa: B018
            except RequestDataTooBig:
                return too_large(request)
        return self.get_response(request)


def too_large(request: HttpRequest) -> HttpResponse:
    context = {
        "report_max_kb": settings.REPORT_MAX_BYTES // 1000,
        "report_max_paragraphs": settings.REPORT_MAX_PARAGRAPHS,
        "request_max_kb": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1000,
    }
    response = TemplateResponse(request, "413.html", context, status=413)
    return response.render()
