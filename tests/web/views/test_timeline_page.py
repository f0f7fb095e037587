"""The timeline at /: each filter alone and combined, facet counts, order, chips and the
overview strip, with and without htmx."""

import pytest
from django.urls import reverse

from tests.markup import assert_contains_html, select

URL = reverse("timeline")


def slugs(response):
    return [event.slug for _, events in response.context["groups"] for event in events]


def facet(response, name) -> list[dict]:
    """The checkboxes of one facet, as the page lists them (those shown first, then the rest)."""
    [found] = [f["options"] + f["more"] for f in response.context["facets"] if f["param"] == name]
    return found


def options(response, name):
    return {o["value"]: o["count"] for o in facet(response, name)}


def test_lists_published_events_oldest_first_under_year_headings(client, world):
    response = client.get(URL)
    assert response.status_code == 200
    assert slugs(response) == [
        "fiji-training-2011",
        "australia-programme-2014-2020",
        "italy-patrols-2022",
        "australia-hearing-2024",
        "fiji-agreement-2024",
        "cambodia-repatriation-2025",
    ]
    assert [year for year, _ in response.context["groups"]] == [2011, 2014, 2022, 2024, 2025]
    html = response.content.decode()
    assert_contains_html(html, '<h3 class="year-heading" id="year-2024">2024</h3>', count=1)
    assert "Unpublished draft" not in html


def test_newest_first(client, world):
    response = client.get(URL, {"order": "desc"})
    assert slugs(response)[0] == "cambodia-repatriation-2025"
    assert slugs(response)[-1] == "fiji-training-2011"
    assert '<input type="hidden" name="order" value="desc">' in response.content.decode()


def test_cards_show_date_at_its_precision_kind_countries_and_numbered_citations(client, world):
    html = client.get(URL).content.decode()
    assert '<time datetime="2025-02-20">20 Feb 2025</time>' in html
    assert '<time datetime="2024-03">Mar 2024</time>' in html
    assert '<time datetime="2011">2011</time>' in html
    assert '<time datetime="2014">2014–2020</time>' in html
    assert len(select(html, "article", class_="event-card kind-repatriation")) == 1
    assert "Activity: </span>Repatriation</span>" in html
    assert '<a href="/countries/kh/">Cambodia</a>' in html
    citation = world["scam"].citations.get()
    assert f'href="{citation.reader_address()}"' in html
    assert_contains_html(html, '<span class="cite-num">1</span>')


def test_approximate_and_disputed_events_are_marked(client, world):
    event = world["hearing"]
    event.date_approximate, event.disputed = True, True
    event.dispute_note = "The sources give different years."
    event.save()
    html = client.get(URL).content.decode()
    assert "c. Mar 2024" in html
    assert_contains_html(
        html,
        '<a class="disputed-mark" href="/events/australia-hearing-2024/#dispute">Disputed'
        '<span class="sr-only">: the sources disagree, see what each says</span></a>',
        count=1,
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "FJ"}, ["fiji-training-2011", "fiji-agreement-2024"]),
        ({"country": "fj"}, ["fiji-training-2011", "fiji-agreement-2024"]),
        (
            {"country": ["KH", "IT"]},
            ["italy-patrols-2022", "cambodia-repatriation-2025"],
        ),
        (
            {"region": "pacific"},
            [
                "fiji-training-2011",
                "australia-programme-2014-2020",
                "australia-hearing-2024",
                "fiji-agreement-2024",
            ],
        ),
        (
            {"region": ["europe", "southeast-asia"]},
            ["italy-patrols-2022", "cambodia-repatriation-2025"],
        ),
        ({"kind": "training"}, ["fiji-training-2011", "australia-programme-2014-2020"]),
        ({"kind": ["scrutiny", "joint-patrol"]}, ["italy-patrols-2022", "australia-hearing-2024"]),
        ({"year": "2024"}, ["australia-hearing-2024", "fiji-agreement-2024"]),
        # A span counts in every year it covers.
        ({"year": "2016"}, ["australia-programme-2014-2020"]),
        (
            {"year_from": "2022"},
            [
                "italy-patrols-2022",
                "australia-hearing-2024",
                "fiji-agreement-2024",
                "cambodia-repatriation-2025",
            ],
        ),  # fmt: skip
        ({"year_to": "2014"}, ["fiji-training-2011", "australia-programme-2014-2020"]),
        (
            {"year_from": "2015", "year_to": "2022"},
            ["australia-programme-2014-2020", "italy-patrols-2022"],
        ),  # fmt: skip
        # Titles, summaries and the quoted words are searched.
        ({"q": "senators question"}, ["australia-hearing-2024"]),
        ({"q": "fraud compounds"}, ["cambodia-repatriation-2025"]),
        ({"q": "scam compound"}, ["cambodia-repatriation-2025"]),
        ({"q": "course for local officers"}, ["fiji-training-2011"]),
    ],
)
def test_each_filter_alone(client, world, params, expected):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert slugs(response) == expected
    assert not response.context["notes"]


def test_filters_combine_across_facets(client, world):
    response = client.get(URL, {"region": "pacific", "kind": "training", "year_from": "2012"})
    assert slugs(response) == ["australia-programme-2014-2020"]
    response = client.get(URL, {"country": ["FJ", "AU"], "kind": "agreement-signed", "q": "fiji"})
    assert slugs(response) == ["fiji-agreement-2024"]
    response = client.get(URL, {"country": "IT", "kind": "training"})
    assert slugs(response) == []


def test_facet_counts_apply_the_other_filters_but_not_their_own(client, world):
    response = client.get(URL, {"activity": "training"})
    activities = options(response, "activity")
    # The activity facet ignores the activity filter: it shows what each alone would give.
    assert activities["training"] == 2 and activities["scrutiny"] == 1
    assert activities["repatriation"] == 1
    # An option no event has is not offered; one the other filters leave empty is, with 0.
    assert "deployment" not in activities
    # Countries and regions count the other parties: China, on China's side in every event
    # here, counts in neither, and is not offered.
    countries = options(response, "country")
    assert countries == {"FJ": 1, "AU": 1, "KH": 0, "IT": 0}
    assert options(response, "region") == {
        **{r: 0 for r in options(response, "region")},
        "pacific": 2,
    }

    response = client.get(URL, {"country": "FJ", "year": "2024"})
    assert options(response, "activity")["agreement"] == 1
    assert options(response, "activity")["training"] == 0
    # Selecting another country would give its 2024 events.
    assert options(response, "country") == {"FJ": 1, "AU": 1, "KH": 0, "IT": 0}
    selected = [o["value"] for o in facet(response, "country") if o["selected"]]
    assert selected == ["FJ"]


def test_chinas_side_is_filtered_only_when_asked_for(client, world):
    everything = slugs(client.get(URL))
    assert slugs(client.get(URL, {"subject": "CN"})) == [
        e for e in everything if e != "fiji-agreement-2024" and e != "australia-programme-2014-2020"
    ]
    assert slugs(client.get(URL, {"country": "CN"})) == []
    assert slugs(client.get(URL, {"region": "east-asia"})) == []


def test_facet_counts_are_shown_beside_each_option(client, world):
    html = client.get(URL, {"activity": "training"}).content.decode()
    assert 'id="activity-training" checked>' in html
    assert (
        '<span class="option-label">Fiji</span> <span class="count">'
        '1<span class="sr-only"> event</span>'
    ) in html


def test_year_strip_counts_every_year_and_links_to_it(client, world):
    response = client.get(URL, {"kind": "training"})
    bars = {bar["year"]: bar for bar in response.context["bars"]}
    assert min(bars) == 2011 and max(bars) == 2025 and len(bars) == 15
    assert (bars[2016]["total"], bars[2016]["matching"]) == (1, 1)
    assert (bars[2024]["total"], bars[2024]["matching"]) == (2, 0)
    assert bars[2024]["total_level"] == 20 and bars[2016]["level"] == 10
    html = response.content.decode()
    assert 'href="/?kind=training&amp;year=2016"' in html
    assert_contains_html(html, '<span class="sr-only">: 1 event</span>')
    # A year with no matching events is not a link.
    assert 'href="/?kind=training&amp;year=2024"' not in html


def test_active_filters_are_removable_chips_and_clear_all(client, world):
    response = client.get(URL, {"country": ["FJ", "AU"], "kind": "training", "q": "police"})
    chips = {(chip.label, chip.value): chip.query.urlencode() for chip in response.context["chips"]}
    assert chips == {
        ("Search", "“police”"): "country=FJ&country=AU&kind=training",
        ("Country", "Fiji"): "q=police&country=AU&kind=training",
        ("Country", "Australia"): "q=police&country=FJ&kind=training",
        ("Kind", "Training"): "q=police&country=FJ&country=AU",
    }
    html = response.content.decode()
    assert 'href="/?q=police&amp;country=AU&amp;kind=training"' in html
    assert len(select(html, "div", class_="chips", hx_boost="true")) == 1
    assert_contains_html(html, '<a class="clear-all" href="/">Clear all</a>', count=1)


def test_year_chip_removes_the_whole_range(client, world):
    response = client.get(URL, {"year_from": "2012", "year_to": "2023", "kind": "training"})
    [chip] = [c for c in response.context["chips"] if c.label == "Years"]
    assert chip.value == "2012–2023"
    assert chip.query.urlencode() == "kind=training"


def test_empty_result_says_so_and_offers_to_clear(client, world):
    response = client.get(URL, {"country": "IT", "kind": "training"})
    html = response.content.decode()
    assert "0 events" in html
    assert "No events match these filters." in html
    assert '<a href="/" hx-get="/">clear all filters</a>' in html


def test_form_works_without_javascript(client, world):
    html = client.get(URL, {"kind": "training"}).content.decode()
    assert '<form id="filter-form" method="get" action="/#results-title"' in html
    assert_contains_html(html, '<button type="submit" class="button">Apply filters</button>')
    for name in ('name="q"', 'name="activity"', 'name="stage"', 'name="country"', 'name="region"'):
        assert name in html
    assert 'name="year_from"' in html and 'name="year_to"' in html
    # Every control has a label.
    assert '<label for="filter-q">' in html and 'for="filter-year-from"' in html
    assert '<label for="country-fj">' in html


def test_htmx_request_gets_only_the_results_region(client, world, hx):
    response = client.get(URL, {"kind": "training"}, **hx)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="results"')
    assert "<html" not in html and "site-header" not in html
    assert slugs(response) == ["fiji-training-2011", "australia-programme-2014-2020"]
    assert response["HX-Push-Url"] == "/?kind=training"
    assert "HX-Request" in response["Vary"]


def test_htmx_pushes_the_canonical_address(client, world, hx):
    params = {"q": "", "kind": ["training", "nope"], "year_from": "", "year_to": "", "page": "1"}
    response = client.get(URL, params, **hx)
    assert response["HX-Push-Url"] == "/?kind=training"
    response = client.get(URL, {"year_from": "2024", "year_to": "2024"}, **hx)
    assert response["HX-Push-Url"] == "/?year=2024"


def test_history_restore_gets_the_full_page(client, world, hx):
    response = client.get(URL, {"kind": "training"}, **hx, HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    html = response.content.decode()
    assert html.startswith("<!doctype html>")
    assert 'id="results"' in html


def test_normal_request_gets_the_full_page(client, world):
    response = client.get(URL, {"kind": "training"})
    html = response.content.decode()
    assert html.startswith("<!doctype html>")
    assert '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false}\'>' in html
    assert "/static/django_htmx/htmx-2.min.js" in html
    assert 'id="loading"' in html
    assert "HX-Request" in response["Vary"]


def test_no_inline_scripts_or_styles(client, world):
    html = client.get(URL).content.decode()
    assert "<script>" not in html and "style=" not in html
    for script in html.split("<script")[1:]:
        assert script.lstrip().startswith("src=")


def test_a_chosen_option_without_events_is_offered_to_be_unticked(client, world):
    response = client.get(URL, {"country": "CN", "activity": "deployment"})
    assert options(response, "country")["CN"] == 0
    assert [o["value"] for o in facet(response, "country") if o["selected"]] == ["CN"]
    assert options(response, "activity")["deployment"] == 0
    assert "CN" not in options(client.get(URL), "country")


def test_a_long_list_shows_the_options_with_most_events_and_folds_the_rest():
    from policing.timeline.presenters.controls import SHORT_LIST, facet_options

    choices = [(f"C{n:02}", f"Country {n:02}") for n in range(30)]
    totals = {value: n + 1 for n, (value, _) in enumerate(choices)}  # the later, the more
    totals.pop("C29")  # no event: not offered
    counts = {"C05": 1}  # the other filters leave only this one
    found = facet_options("country", choices, counts, ("C03",), totals)
    first = [o["value"] for o in found["options"]]
    assert first == [f"C{n:02}" for n in range(29 - SHORT_LIST, 29)]  # in their own order
    assert [o["value"] for o in found["more"]][:4] == ["C00", "C01", "C02", "C03"]
    assert found["total"] == 29
    # Of the rest, the page sends the chosen C03 and a link for the 18 others; all if asked.
    assert [o["value"] for o in found["more_sent"]] == ["C03"] and found["unsent"] == 18
    whole = facet_options("country", choices, counts, ("C03",), totals, unfolded=True)
    assert whole["more_sent"] == whole["more"] == found["more"] and whole["unsent"] == 0
    empty = {o["value"] for o in found["options"] + found["more"] if o["empty"]}
    assert empty == {f"C{n:02}" for n in range(29)} - {"C03", "C05"}


def _country_facet(response) -> dict:
    [found] = [f for f in response.context["facets"] if f["param"] == "country"]
    return found


def test_a_folded_list_is_sent_only_when_asked_for(client, curated):
    response = client.get(URL, {"activity": "training"})
    folded = _country_facet(response)
    # The curated data has a long list; none of its rest is chosen, so none is sent.
    assert folded["more"] and not folded["more_sent"]
    assert folded["unsent"] == len(folded["more"])
    html = response.content.decode()
    for option in folded["more"]:
        assert f'id="{option["id"]}"' not in html
    [link] = select(html, "a", data_unfolds="country")
    assert link["href"] == "/?activity=training&more=country#more-country"
    assert f"Show all {folded['total']} options" in html

    response = client.get(URL, {"activity": "training", "more": "country"})
    whole = _country_facet(response)
    assert whole["more_sent"] == whole["more"] and not whole["unsent"]
    html = response.content.decode()
    for option in whole["options"] + whole["more"]:
        assert f'id="{option["id"]}"' in html
    assert select(html, "details", id="more-country", open="")
    # The form keeps the list whole as filters change; it is no filter: no chip, no export.
    assert select(html, "input", type="hidden", name="more", value="country")
    assert [chip.label for chip in response.context["chips"]] == ["Activity"]
    assert not [a for a in select(html, "a") if "more=" in a["href"] and "/events" in a["href"]]


def test_a_chosen_option_under_show_all_is_sent_without_the_rest(client, curated):
    hidden, *others = _country_facet(client.get(URL))["more"]
    response = client.get(URL, {"country": hidden["value"]})
    found = _country_facet(response)
    assert [o["value"] for o in found["more_sent"]] == [hidden["value"]]
    html = response.content.decode()
    assert f'id="{hidden["id"]}"' in html
    assert not [o for o in others if f'id="{o["id"]}"' in html]  # the rest stays unsent
    assert select(html, "a", data_unfolds="country")


def test_an_unknown_list_to_unfold_is_ignored_with_a_note(client, curated):
    response = client.get(URL, {"more": "<b>bogus</b>"})
    assert response.status_code == 200
    [note] = response.context["notes"]
    assert note.startswith("Ignored the list to show whole “<b>bogus</b>”")
    assert "<b>bogus" not in response.content.decode()
    assert not _country_facet(response)["more_sent"]
