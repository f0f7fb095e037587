"""/events.timelinejs.json in Knight Lab's TimelineJS format."""

from django.utils.html import escape

from policing.models import Event
from tests.exports.readers import (
    AFRICA_PLEDGE,
    BASE,
    ITALY,
    JIBC,
    LIANYUNGANG,
    MYANMAR,
    SOLOMONS,
    THAILAND,
    read_json,
)

# --- TimelineJS ------------------------------------------------------------------------------


def test_timelinejs_json_follows_the_knight_lab_format(curated, client):
    data = read_json(client.get("/events.timelinejs.json"))
    assert set(data) == {"title", "events"}
    assert data["title"]["text"]["headline"]
    slides = {slide["unique_id"]: slide for slide in data["events"]}
    assert len(slides) == len(data["events"]) == Event.objects.published().count()

    day, month, year = slides[MYANMAR], slides[ITALY], slides[SOLOMONS]
    assert day["start_date"] == {"year": "2025", "month": "2", "day": "20"}
    assert month["start_date"] == {"year": "2022", "month": "12"}
    assert year["start_date"] == {"year": "2022"}
    assert "end_date" not in day and "display_date" not in day
    assert slides[JIBC]["end_date"] == {"year": "2020"}
    assert slides[AFRICA_PLEDGE]["end_date"] == {"year": "2024", "month": "9", "day": "8"}
    assert slides[THAILAND]["display_date"] == "by 20 Feb 2025"
    assert slides[LIANYUNGANG]["display_date"] == "2 or 9 Sep 2024"
    # A row per thread, else per activity (TimelineJS reads the group as HTML).
    assert day["group"] == "Repatriations from Myanmar&#x27;s scam centres"
    assert month["group"] == "Joint patrol"

    event = Event.objects.get(slug=MYANMAR)
    assert day["text"]["headline"] == event.title
    for citation in event.citations.all():
        href = escape(BASE + citation.get_absolute_url())
        assert f'<a href="{href}">{citation.source.outlet_display}</a>' in day["text"]["text"]
    assert "South China Morning Post (via Yahoo)</a>" in day["text"]["text"]


def test_timelinejs_escapes_editor_text(curated, client):
    Event.objects.filter(slug=MYANMAR).update(
        title="<img src=x onerror=alert(1)>", summary="<script>alert(2)</script>"
    )
    slide = next(
        s
        for s in read_json(client.get("/events.timelinejs.json"))["events"]
        if s["unique_id"] == MYANMAR
    )
    assert slide["text"]["headline"] == "&lt;img src=x onerror=alert(1)&gt;"
    assert "<script>" not in slide["text"]["text"]
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in slide["text"]["text"]
