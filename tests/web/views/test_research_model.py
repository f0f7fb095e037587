"""The research model on the curated data: the questions researchers asked, answered by
addresses they can share (who did what to whom, at which stage, and how events connect)."""

import json
import re
from collections import Counter

import pytest
from django.utils.html import escape

from policing.models import Event, Role
from policing.text import dates
from tests.markup import assert_contains_html, select

TIMELINE = "/"


def slugs(response) -> list[str]:
    """The events a timeline address selects, on all its pages."""
    selection = response.context["page_obj"].paginator.object_list
    return [event.slug for event in selection[0 : len(selection)]]


def counts(response, param: str) -> dict[str, int]:
    [facet] = [f for f in response.context["facets"] if f["param"] == param]
    options = facet["options"] + facet["more"]
    return {o["value"]: o["count"] for o in options}


def published(**lookups) -> set[str]:
    return set(Event.objects.published().filter(**lookups).values_list("slug", flat=True))


# --- who: counterparts, not China's side --------------------------------------------------


def test_the_pacific_region_includes_the_rejected_regional_deal(curated, client):
    assert "pacific-regional-security-deal-rejected-2022" in slugs(
        client.get(TIMELINE, {"region": "pacific"})
    )


def test_east_asia_no_longer_selects_every_event(curated, client):
    # China is on China's side of nearly every event; the region facet reads the other parties.
    east_asia = slugs(client.get(TIMELINE, {"region": "east-asia"}))
    everything = slugs(client.get(TIMELINE))
    assert len(everything) == Event.objects.published().count()
    assert len(east_asia) < len(everything) // 2
    china_side = slugs(client.get(TIMELINE, {"subject": "CN"}))
    assert len(china_side) > len(everything) - 3


def test_region_counts_name_where_the_diplomacy_reached(curated, client):
    regions = counts(client.get(TIMELINE), "region")
    pacific = published(participants__region="pacific", participants__role__in=_others())
    assert regions["pacific"] == len(pacific)
    assert regions["africa"] == len(
        published(participants__region="africa", participants__role__in=_others())
    )
    # A region no counterpart is in is not offered at all (counted 0).
    assert regions.get("east-asia", 0) < regions["pacific"]


def _others():
    return [Role.COUNTERPART, Role.OBJECTOR, Role.THIRD_PARTY, Role.TERRITORY]


def test_the_solomons_page_does_not_say_australias_package_involves_china(curated, client):
    response = client.get("/countries/sb/")
    html = response.content.decode()
    assert "involve Solomon Islands and China" not in html
    assert "have Solomon Islands taking part" in html
    package = Event.objects.get(slug="australia-solomon-islands-police-package-2025")
    assert not package.participants.filter(country="CN").exists()
    card = html.split(f'href="{package.get_absolute_url()}"')[1].split("</article>")[0]
    countries = card.split('class="event-countries"')[1].split("</ul>")[0]
    assert "Australia" in countries and "Solomon Islands" in countries
    assert "China" not in countries


# --- what: activity and stage, disputed --------------------------------------------------


def test_ended_includes_thailand_cancelling_joint_patrols_and_italys_is_announced(curated, client):
    # Italy "said its police would stop" the patrols: announced; Thailand "canceled a plan".
    ended = slugs(client.get(TIMELINE, {"stage": "ended"}))
    assert "thailand-cancels-joint-patrol-plan" in ended
    assert set(ended) == published(stage="ended")
    announced = slugs(client.get(TIMELINE, {"stage": "announced"}))
    assert "italy-ends-joint-patrols-2022" in announced
    italy = Event.objects.get(slug="italy-ends-joint-patrols-2022")
    assert (italy.activity, italy.stage) == ("joint-patrol", "announced")


def test_a_pledge_and_a_delivery_of_training_are_told_apart(curated, client):
    pledged = slugs(client.get(TIMELINE, {"activity": "training", "stage": "pledged"}))
    delivered = slugs(client.get(TIMELINE, {"activity": "training", "stage": "completed"}))
    assert "lianyungang-forum-training-pledge-2024" in pledged
    assert "foreign-officers-trained-2023" in delivered
    assert not set(pledged) & set(delivered)


@pytest.mark.parametrize(
    ("param", "value", "lookup"),
    [
        ("activity", "agreement", {"activity": "agreement"}),
        ("stage", "signed", {"stage": "signed"}),
        ("actor", "wang-xiaohong", {"actor_roles__actor__slug": "wang-xiaohong"}),
        (
            "thread",
            "fiji-china-policing-agreement",
            {"thread__slug": "fiji-china-policing-agreement"},
        ),
        ("disputed", "yes", {"disputed": True}),
        ("disputed", "no", {"disputed": False}),
    ],
)
def test_each_new_facet_counts_and_selects_what_the_database_holds(
    curated, client, hx, param, value, lookup
):
    expected = published(**lookup)
    assert expected, "the curated data should exercise this facet"
    page = client.get(TIMELINE)
    assert counts(page, param)[value] == len(expected)
    # The same address with JavaScript off (whole page) and over htmx (the partial).
    for headers in ({}, hx):
        response = client.get(TIMELINE, {param: value}, **headers)
        assert response.status_code == 200
        assert set(slugs(response)) == expected
    whole = client.get(TIMELINE, {param: value}).content.decode()
    assert select(whole, "input", name=param, value=value, checked="")
    partial = client.get(TIMELINE, {param: value}, **hx)
    assert partial["HX-Push-Url"].endswith(f"{param}={value}")


def test_facet_counts_change_with_the_other_filters(curated, client):
    # Live counts: with a region chosen, the stage counts are those within it.
    within = counts(client.get(TIMELINE, {"region": "pacific"}), "stage")
    pacific = published(participants__region="pacific", participants__role__in=_others())
    assert within["signed"] == len(pacific & published(stage="signed"))
    assert sum(within.values()) == len(pacific)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("stage=finished", "stage"),
        ("activity=diplomacy", "activity"),
        ("actor=nobody-at-all", "actor"),
        ("thread=no-such-thread", "thread"),
        ("disputed=maybe", "disputed"),
        ("subject=ZZ", "subject"),
        ("party=ZZ", "party"),
    ],
)
def test_every_new_filter_is_refused_by_the_exports_naming_it(curated, client, query, parameter):
    for url in ("/events.json", "/events.csv", "/events.ics", "/feed.atom"):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 400, url
        assert json.loads(response.content)["parameter"] == parameter, url


def test_the_exports_select_what_the_page_selects(curated, client):
    data = json.loads(client.get("/events.json?stage=ended&per_page=1000").content)
    assert {e["slug"] for e in data["events"]} == set(
        slugs(client.get(TIMELINE, {"stage": "ended"}))
    )


# --- how events connect: threads and relations ----------------------------------------------

THREADS = {
    "fiji-china-policing-agreement": [
        "fiji-china-policing-agreement-2011",
        "fiji-policing-agreement-amended-2024",
    ],
    "jibc-chinese-police-programme": [
        "jibc-chinese-police-academies-programme-2014-2020",
        "jibc-programme-shutdown-2021",
        "us-indictment-mps-officers-troll-farm-2023",
    ],
    "china-solomon-islands-policing": [
        "china-solomon-islands-police-training-mechanism-2022",
        "australia-solomon-islands-police-package-2025",
        "solomon-islands-police-tactical-training-2025",
    ],
    "global-security-initiative": [
        "global-security-initiative-2022",
        "gsi-training-opportunities-pledge-2023",
        "lianyungang-forum-training-pledge-2024",
    ],
}


@pytest.mark.parametrize("slug", THREADS)
def test_a_thread_page_shows_its_steps_in_order_each_citing_its_quote(curated, client, slug):
    response = client.get(f"/threads/{slug}/")
    assert response.status_code == 200
    events = response.context["events"]
    shown = [e.slug for e in events]
    assert set(shown) == published(thread__slug=slug)
    for step in THREADS[slug]:
        assert step in shown
    # In date order: the agreement's life reads from the first step to the last.
    assert [e.date_start for e in events] == sorted(e.date_start for e in events)
    html = response.content.decode()
    for event in events:
        assert event.stage, f"{event.slug} is a step without a stage"
        assert event.get_stage_display().lower() in html
        for citation in event.citations.all():
            assert select(html, "a", href=citation.get_absolute_url()), citation
            assert escape(citation.quoted_text) in html


def test_an_activity_chip_reads_the_same_on_a_card_an_event_page_and_a_thread_step(curated, client):
    event = Event.objects.get(slug="fiji-policing-agreement-amended-2024")
    said = (
        f'<span class="sr-only">Activity: </span>{escape(event.get_activity_display())}'
        '<span class="chip-stage"><span class="sr-only">, stage:</span> · '
        f"{escape(event.get_stage_display().lower())}</span>"
    )
    for address in (
        "/?thread=fiji-china-policing-agreement",  # its card
        event.get_absolute_url(),
        "/threads/fiji-china-policing-agreement/",
    ):
        assert said in client.get(address).content.decode(), address


def test_the_fiji_agreement_reads_signed_then_amended(curated, client):
    events = client.get("/threads/fiji-china-policing-agreement/").context["events"]
    assert [e.stage for e in events] == ["signed", "amended"]
    amended = Event.objects.get(slug="fiji-policing-agreement-amended-2024")
    assert amended.relations.filter(
        other__slug="fiji-china-policing-agreement-2011", relation="amends"
    ).exists()


def test_an_event_page_links_its_thread_and_related_events(curated, client):
    html = client.get("/events/fiji-policing-agreement-amended-2024/").content.decode()
    assert select(html, "a", href="/threads/fiji-china-policing-agreement/")
    assert select(html, "a", href="/events/fiji-china-policing-agreement-2011/")


def test_the_timeline_filters_by_thread(curated, client):
    shown = slugs(client.get(TIMELINE, {"thread": "jibc-chinese-police-programme"}))
    assert set(shown) == published(thread__slug="jibc-chinese-police-programme")
    assert shown == sorted(shown, key=lambda s: Event.objects.get(slug=s).date_start)


def test_an_unknown_thread_or_actor_page_is_not_found(curated, client):
    assert client.get("/threads/no-such-thread/").status_code == 404
    assert client.get("/actors/no-such-actor/").status_code == 404


# --- who acted: actors ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "slug", ["wang-xiaohong", "ministry-of-public-security", "australian-federal-police"]
)
def test_an_actor_page_lists_their_events_in_order_with_what_they_did(curated, client, slug):
    response = client.get(f"/actors/{slug}/")
    assert response.status_code == 200
    steps = response.context["steps"]
    assert {s["event"].slug for s in steps} == published(actor_roles__actor__slug=slug)
    dates = [s["event"].date_start for s in steps]
    assert dates == sorted(dates)
    html = response.content.decode()
    for step in steps:
        assert select(html, "a", href=step["event"].get_absolute_url())
        for role in step["roles"]:
            assert role in html


def test_the_actor_facet_links_to_the_actor_page(curated, client):
    html = client.get("/events/lianyungang-forum-training-pledge-2024/").content.decode()
    assert select(html, "a", href="/actors/wang-xiaohong/")


def test_an_event_page_heads_with_its_activity_and_stage_not_the_old_kind(curated, client):
    html = client.get("/events/italy-ends-joint-patrols-2022/").content.decode()
    [chip] = select(html, "a", class_="kind-chip kind-joint-patrol")
    assert chip["href"] == "/?activity=joint-patrol"
    header = html.split('class="event-tags"')[1].split("</p>")[0]
    assert "Joint patrol<span" in header and "· announced" in header
    assert re.search(r"China</a>:\s*China’s side", html)
    assert re.search(r"Italy</a>:\s*Objector", html)


# --- when: the years an event is placed in (docs/corpus.md, "Dates") -----------------------


def _placed(edtf: str) -> set[int]:
    """From the year of the earliest known bound to that of the latest: an open end adds none."""
    known = [day.year for day in dates.bounds(edtf) if day is not None]
    return set(range(min(known), max(known) + 1))


def test_a_year_lists_only_the_events_placed_in_it(curated, client):
    assert slugs(client.get(TIMELINE, {"year": 1950})) == []
    assert slugs(client.get(TIMELINE, {"year": 2099})) == []
    events = Event.objects.published().values_list("slug", "date_edtf")
    listed = {year: slugs(client.get(TIMELINE, {"year": year})) for year in range(2010, 2027)}
    for year, shown in listed.items():
        assert set(shown) == {slug for slug, edtf in events if year in _placed(edtf)}, year
    # Before: `../2022-12` and `../2025-02-20` were listed under 2012, and `2019-06/..` (in a
    # digest of 2025) under every year to 2025; it is now one day of Jul 2019 – Dec 2024.
    assert "overseas-police-service-stations-allegations-2022" not in listed[2012]
    assert "liu-zhongyi-thailand-myanmar-visits-2025" not in listed[2012]
    assert "afp-ends-chinese-police-operations-policy-2019" not in listed[2025]


def test_the_histogram_has_no_bar_for_a_year_only_an_open_end_reaches(curated, client):
    bars = {bar["year"]: bar["total"] for bar in client.get(TIMELINE).context["bars"]}
    expected = Counter(
        year
        for edtf in Event.objects.published().values_list("date_edtf", flat=True)
        for year in _placed(edtf)
    )
    assert {year: total for year, total in bars.items() if total} == dict(expected)
    assert min(bars) == min(expected) and max(bars) == max(expected)


# --- placed in a year, or only may fall in it (docs/corpus.md, "The years an event is placed in")

AFP_POLICY_END = "afp-ends-chinese-police-operations-policy-2019"  # [2019-07..2024-12]


def test_each_years_bar_splits_events_placed_there_from_those_that_may_fall_there(curated, client):
    bars = {bar["year"]: bar for bar in client.get(TIMELINE).context["bars"]}
    # The AFP's policy ended some day between Jul 2019 and Dec 2024, the Pacific refusal some
    # day between Jan 2022 and Sep 2024, the Solomons package in Dec 2024 or Jan 2025; the
    # service-station claims by Dec 2022 and Liu's visits by 20 Feb 2025.
    may_fall = {year: bar["may_fall"] for year, bar in bars.items() if bar["may_fall"]}
    uncertain = Event.objects.published().filter(year_certain=False)
    assert may_fall == Counter(y for e in uncertain for y in range(e.start_year, e.end_year + 1))
    assert may_fall[2021] == 1  # the AFP's alone
    assert bars[2021]["description"] == "2 placed, 1 may fall in this year"
    assert bars[2018]["description"] == "2 events"
    # The bar's solid part is lower than the whole: the hatched part shows above it.
    assert bars[2021]["placed_level"] < bars[2021]["level"]
    assert bars[2018]["placed_level"] == bars[2018]["level"]

    # The AFP's is the one agreement ended in 2020 to 2024, and counts in none as placed there.
    response = client.get(TIMELINE, {"activity": "agreement", "stage": "ended"})
    bars = {bar["year"]: bar for bar in response.context["bars"]}
    for year in range(2020, 2025):
        assert bars[year]["may_fall"] == 1, year
        assert bars[year]["matching"] == 1, year  # placed there: none
    assert bars[2021]["description"] == "0 placed, 1 may fall in this year (1 of 3 events)"
    html = response.content.decode()
    # The text alternative carries the split, not only the hatch; the legend names both.
    assert_contains_html(
        html,
        '<span class="sr-only">: 0 placed, 1 may fall in this year (1 of 3 events)</span>',
    )
    assert len(select(html, "span", class_="bar-maybe")) == 6  # 2019 to 2024
    [legend] = re.findall(r'<p class="overview-key">(.*?)</p>', html, re.S)
    assert "placed in the year" in legend and "may fall in it" in legend


def test_the_histogram_has_no_hatch_where_nothing_only_may_fall(curated, client):
    html = client.get(TIMELINE, {"activity": "repatriation"}).content.decode()
    assert not select(html, "span", class_="bar-maybe")
    [legend] = re.findall(r'<p class="overview-key">(.*?)</p>', html, re.S)
    assert "may fall in it" not in legend


def _year_notes(response) -> dict[str, str]:
    return {event.slug: event.year_note for event in response.context["page_obj"]}


def test_a_card_listed_under_a_year_it_only_may_fall_in_says_so(curated, client):
    response = client.get(TIMELINE, {"year": 2021})
    notes = {slug: note for slug, note in _year_notes(response).items() if note}
    assert notes == {AFP_POLICY_END: "May fall in 2021: some day between Jul 2019 and Dec 2024"}
    assert_contains_html(
        response.content.decode(),
        '<p class="event-year-note">May fall in 2021: some day between Jul 2019 and Dec 2024</p>',
        count=1,
    )
    # The same in the region an HTMX request swaps.
    partial = client.get(TIMELINE, {"year": 2021}, headers={"HX-Request": "true"})
    assert "May fall in 2021: some day between Jul 2019 and Dec 2024" in partial.content.decode()


def test_a_card_certainly_in_the_chosen_years_says_nothing_of_them(curated, client):
    notes = _year_notes(client.get(TIMELINE, {"year": 2025}))
    assert notes["myanmar-scam-centre-repatriation-2025"] == ""  # 20 Feb 2025
    assert notes["wang-xiaohong-counterpart-meetings-2024"] == ""  # Mar 2024 – 23 Feb 2025
    assert notes["liu-zhongyi-thailand-myanmar-visits-2025"] == (
        "May fall in 2025: some day by 20 Feb 2025"
    )
    assert notes["australia-solomon-islands-police-package-2025"] == (
        "May fall in 2025: Dec 2024 or Jan 2025"
    )
    # Every day the AFP's policy may have ended on lies in 2019 to 2024.
    notes = _year_notes(client.get(TIMELINE, {"year_from": 2019, "year_to": 2024}))
    assert notes[AFP_POLICY_END] == ""
    notes = _year_notes(client.get(TIMELINE, {"year_from": 2022}))
    assert (
        notes[AFP_POLICY_END] == "May fall in 2022 or later: some day between Jul 2019 and Dec 2024"
    )
    # Without a year filter no card speaks of years.
    html = client.get(TIMELINE).content.decode()
    assert "event-year-note" not in html and "May fall in" not in html


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_hatched_part_of_a_bar_stands_out_at_3_to_1_from_every_ground_it_sits_on():
    """WCAG 1.4.11 for a graphical object: the hatch's colour (its stripes and outline) against
    the white of the chart, the grey of all events behind a filtered bar, and the tint of a
    chosen year, for the blue and for the chosen years' orange."""
    from django.conf import settings

    css = (settings.BASE_DIR / "static" / "css" / "site.css").read_text()

    def colour(rule: str) -> str:
        """The colour a line of the style sheet starting with `rule` gives."""
        [found] = re.findall(r"(?m)^\s*" + rule + r"\s*(#[0-9a-f]{6})", css)
        return found

    grounds = [
        colour(r"--surface:"),
        colour(r"\.bar-total \{ background:"),
        colour(r"--accent-soft:"),
    ]
    for hatch in (colour(r"--maybe:"), colour(r"\.in-range \.bar-maybe \{ --maybe:")):
        for ground in grounds:
            assert _contrast(hatch, ground) >= 3, (hatch, ground)
