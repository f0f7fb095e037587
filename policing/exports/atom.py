"""The Atom feeds: the newest events, honouring the timeline's filters, and the corrections.

XML 1.0 cannot hold most control characters, so text is tidied as it is written, for rows
saved before their fields were.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import format_html, format_html_join

from policing.exports.contract import ExportFilters
from policing.models import Correction, Event
from policing.text.tidy import multi_line, single_line

FEED_SIZE = 50


class EventFeed(Feed):
    """Newest events first, by when they happened (built per request by the feed view)."""

    feed_type = Atom1Feed
    title = settings.SITE_NAME
    subtitle = (
        "New and recent events in China’s international policing diplomacy, "
        "each quoting the exact words of its source."
    )
    author_name = f"The editors of the {settings.SITE_NAME}"

    def __init__(self, filters: ExportFilters, *, query: str = "", base_url: str = ""):
        super().__init__()
        self.filters, self.query, self.base_url = filters, query, base_url

    def link(self) -> str:
        return reverse("timeline") + (f"?{self.query}" if self.query else "")

    def feed_url(self) -> str:
        return reverse("event-feed") + (f"?{self.query}" if self.query else "")

    def items(self):
        events = self.filters.events().chronological(newest_first=True)
        return events.for_timeline()[:FEED_SIZE]

    def item_title(self, item: Event) -> str:
        return single_line(item.title)

    def item_description(self, item: Event) -> str:
        citations = format_html_join(
            "",
            '<li>“{}” <a href="{}">{}</a></li>',
            (
                (c.quote, self.base_url + c.get_absolute_url(), c.source.outlet_display)
                for c in item.citations.all()
            ),
        )
        return multi_line(
            format_html(
                "<p><strong>{}</strong> · {}</p><p>{}</p><ol>{}</ol>",
                item.date_display,
                " · ".join(item.activity_labels()),
                item.summary,
                citations,
            )
        )

    def item_link(self, item: Event) -> str:
        return item.get_absolute_url()

    def item_pubdate(self, item: Event):
        return item.created

    def item_updateddate(self, item: Event):
        return item.updated

    def item_categories(self, item: Event) -> list[str]:
        """The site's activity and stage labels, then the countries taking part."""
        return [*item.activity_labels(), *(single_line(c.name) for c in item.countries.all())]


class CorrectionFeed(Feed):
    """Every change to a published event, newest first: what changed and why (/changes/)."""

    feed_type = Atom1Feed
    title = f"{settings.SITE_NAME}: corrections"
    subtitle = "Changes to published events and withdrawals, with the editors’ reasons."
    author_name = f"The editors of the {settings.SITE_NAME}"

    def link(self) -> str:
        return reverse("changes")

    def feed_url(self) -> str:
        return reverse("changes-feed")

    def items(self):
        return Correction.objects.newest_first().select_related("event")[:FEED_SIZE]

    def item_title(self, item: Correction) -> str:
        what = item.fields_in_words or "the event"
        return single_line(f"{item.get_kind_display()}: {item.title} ({what})")

    def item_description(self, item: Correction) -> str:
        return multi_line(
            format_html(
                "<p>{}</p><p>Why: {}</p>",
                f"{item.get_kind_display()}: {item.fields_in_words}.",
                item.reason or "no reason given",
            )
        )

    def item_link(self, item: Correction) -> str:
        return f"{reverse('changes')}#correction-{item.pk}"

    def item_guid(self, item: Correction) -> str:
        return f"{reverse('changes')}#correction-{item.pk}"

    def item_pubdate(self, item: Correction):
        return item.created

    def item_updateddate(self, item: Correction):
        return item.created
