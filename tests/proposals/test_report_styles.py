"""Proposals on reports written the way real pages are: wire datelines, page furniture,
liveblogs, captions, paragraphs that date or name once for several sentences. Each report here
is written for the test, in words of its own (docs/corpus.md, "Proposals")."""

from policing import proposals

NOTHING_KNOWN = proposals.Known()


def propose(text: str, published: str = "2024-05-15"):
    return proposals.propose_text(text, published, known=NOTHING_KNOWN)


def quotes(found) -> list[str]:
    return [c.quote for c in found]


def test_page_furniture_is_never_read_or_quoted():
    page = "\n".join(
        [
            "Home > World > Asia",
            "Vanuatu and China sign policing pact",
            "By Desk Reporter | May 15, 2024 | 3 min read",
            "ADVERTISEMENT",
            "PORT VILA -- Vanuatu and China signed a policing cooperation agreement on Tuesday.",
            "PHOTO: Officers of both forces signed the agreement on Tuesday. (File photo)",
            "SIGN UP for our newsletter: the day's stories in your inbox.",
            "Copyright (c) 2024 The Paper. All rights reserved.",
            "RELATED STORIES",
            "- Fiji signed a deal with Japan on Monday",
            "MORE FROM ASIA",
            "Police in Samoa arrested two men on Monday after a market fire.",
        ]
    )
    found = propose(page)
    assert quotes(found) == ["Vanuatu and China signed a policing cooperation agreement on Tuesday"]
    (pact,) = found
    assert pact.date_edtf == "2024-05-14" and pact.stage == "signed"
    assert set(pact.countries) == {"VU", "CN"}


def test_a_wire_dateline_is_neither_quoted_nor_the_date():
    # the dispatch's day, where the dateline gives one, is what "on Monday" counts from
    for dateline, monday in (
        ("VIENTIANE, May 9 (Wire) -- ", "2024-05-06"),
        ("HONIARA -- ", "2024-05-13"),
        ("SUVA, Fiji, May 9 - ", "2024-05-06"),
    ):
        (found,) = propose(dateline + "Chinese police trained 40 local officers on Monday.")
        assert found.quote == "Chinese police trained 40 local officers on Monday", dateline
        assert found.date_edtf == monday, dateline


def test_a_liveblogs_timestamps_and_housekeeping_propose_nothing():
    blog = "\n".join(
        [
            "LIVE: Police chiefs meet in Bangkok",
            "4:15 p.m.",
            "That's all from our live coverage today. Thanks for following along.",
            "11:20 a.m.",
            "Thai and Chinese police chiefs met this morning to agree on joint police patrols.",
        ]
    )
    (meeting,) = propose(blog)
    assert meeting.quote.startswith("Thai and Chinese police chiefs met this morning")
    assert meeting.date_edtf == "2024-05-15"  # "this morning": the day of publication
    assert meeting.activity == "joint-patrol"  # "joint police patrols"


def test_a_paragraph_dates_and_names_once_for_the_sentences_after():
    text = (
        "Tonga took a similar step last month. The government in Nuku'alofa told China to "
        "close two police liaison offices."
    )
    (closure,) = propose(text)
    assert closure.quote.startswith("The government in Nuku'alofa told China")
    assert closure.date_edtf == "2024-04"
    assert "TO" in closure.countries and closure.stage == "ended"


def test_the_three_countries_are_those_the_report_named():
    text = (
        "Police from China, Nepal and Bhutan held a border meeting in Lhasa on May 2.\n"
        "On Monday the three countries signed a plan for joint police patrols."
    )
    found = {c.quote[:6]: c for c in propose(text)}
    plan = found["On Mon"]
    assert set(plan.countries) == {"CN", "NP", "BT"}


def test_where_a_body_is_based_is_not_a_party_and_a_large_city_names_its_state():
    (report,) = propose(
        "A Germany-based research group published a report on Chinese police in Nairobi on Monday."
    )
    assert "DE" not in report.countries
    assert "KE" in report.countries  # Nairobi
    (charges,) = propose("Federal prosecutors in Brooklyn charged two men on Monday.")
    assert "US" in charges.countries


def test_denials_refusals_and_sentences_are_acts_with_their_stage():
    (denial,) = propose("Beijing denied running police stations in Dublin on Monday.")
    assert denial.stage == "rejected"
    (sentence,) = propose("A court in Hanoi sentenced a former police officer on Monday.")
    assert (sentence.activity, sentence.stage) == ("scrutiny", "charged")


def test_what_is_only_intended_or_supposed_is_never_done():
    (poised,) = propose("Tonga is poised to sign a policing deal with China on Friday.")
    assert poised.stage != "signed"
    (plan,) = propose("China plans to deploy police advisers to Vanuatu in June.")
    assert plan.stage == "pledged"
    (continued,) = propose("On Monday Fiji and China agreed to continue police training.")
    assert continued.stage == "announced"
    assert propose("A joint police unit, if one were agreed, could patrol the port.") == []
    assert propose("Neither government has confirmed the policing deal signed in May.") == []


def test_a_paragraph_about_nothing_of_the_timeline_proposes_nothing():
    # An act ("signed") with a date, but no China, policing or security in the paragraph.
    assert propose("On Monday the two football clubs signed a sponsorship deal.") == []
    (deal,) = propose("On Monday the two police forces signed a training deal.")
    assert deal.stage == "signed"


def test_parts_of_months_seasons_and_pairs_of_months_are_windows():
    (meeting,) = propose("Police chiefs met at the end of October to sign a border pact.")
    assert meeting.date_edtf == "[2023-10-21..2023-10-31]"  # the October before May 2024
    assert meeting.stage == "completed"  # they met; "to sign" is what they met for
    (search,) = propose("Officers searched the police station last fall.")
    assert search.date_edtf == "[2023-09..2023-11]"
    (pressure,) = propose(
        "Chinese officials pressed Port Moresby in October and November 2023 to sign a police deal."
    )
    assert pressure.date_edtf == "[2023-10..2023-11]"


def test_a_done_act_this_month_is_cut_at_the_publication():
    (deportation,) = propose("Kenya has deported 45 Taiwanese nationals to China this month.")
    assert deportation.date_edtf == "[2024-05-01..2024-05-15]"
    assert "told as done" in deportation.date_reading


def test_the_state_that_pushes_back_is_read_as_the_objector():
    (hold,) = propose(
        "On Monday, Tonga said it had put China's offer of police training on hold after "
        "objections from New Zealand."
    )
    assert hold.roles == {"TO": "objector", "CN": "subject", "NZ": "objector"}
    (closure,) = propose("On Monday, Norway told China to shut a police liaison office in Oslo.")
    assert closure.roles["NO"] == "objector"
    (patrol,) = propose("Police from China and Laos began a joint patrol on Monday.")
    assert patrol.roles == {"CN": "subject", "LA": "counterpart"}


def test_a_state_named_in_passing_takes_no_part():
    (grant,) = propose(
        "On Monday Kyrgyzstan's parliament approved a Chinese grant for a police base in the "
        "Naryn region, which borders Kazakhstan's Almaty province."
    )
    assert set(grant.countries) == {"KG", "CN"}
    (story,) = propose(
        "In 2021 a British newspaper reported that Chinese officers were stationed at a post "
        "in Laos near the Thai frontier."
    )
    assert set(story.countries) == {"LA", "CN"}
    # A state's own region where the act happens is not in passing.
    (training,) = propose("Chinese police trained 40 officers in Fiji's Western region on Monday.")
    assert "FJ" in training.countries


def test_scrutiny_that_names_no_state_is_in_the_state_the_report_names_for_it():
    blog = "\n".join(
        [
            "2:10 p.m.",
            "In a second case filed today, prosecutors charged six officers of China's "
            "Ministry of Public Security.",
            "9:30 a.m.",
            "Police in Toronto arrested a man this morning over an undeclared Chinese police "
            "office.",
        ]
    )
    charged, arrest = propose(blog, "2024-05-15")
    assert arrest.roles.get("CA") == "objector"  # Toronto
    assert charged.roles.get("CA") == "objector"  # the same state's prosecutors
    (search,) = propose("FBI agents searched the Chinese police office last fall.")
    assert search.roles.get("US") == "objector"


def test_chinas_own_denial_is_neither_dated_nor_placed_by_the_sentence_before():
    text = (
        "China's embassy in Canberra had not answered questions by this evening. Beijing has "
        "previously denied running police stations abroad."
    )
    (denial,) = [c for c in propose(text) if "denied" in c.quote]
    assert denial.countries == ("CN",)
    assert denial.date_edtf == "[..2024-05-15]"


def test_what_is_announced_as_under_way_has_its_own_stage():
    (inquiry,) = propose(
        "On Monday Dutch police announced that they were investigating two Chinese police "
        "service stations."
    )
    assert (inquiry.activity, inquiry.stage) == ("scrutiny", "charged")
    (played,) = propose("Officials in Dushanbe played down the report of Chinese police on Monday.")
    assert played.stage == "rejected"
    (signal,) = propose("In May China dispatched police advisers, signalling closer ties.")
    assert signal.stage != "signed"


def test_a_month_and_day_without_a_year_stay_in_the_year_the_story_is_in():
    text = (
        "In early March 2021, the police attaché left Belgrade for Beijing. On April 2, Chinese "
        "prosecutors said he had been detained."
    )
    (detention,) = [c for c in propose(text, "2022-06-30") if "detained" in c.quote]
    assert detention.date_edtf == "2021-04-02"
    # With no month stated before, the publication decides: the April 2 before June 2022.
    (alone,) = propose(
        "On April 2, Chinese prosecutors said the attaché had been detained.", "2022-06-30"
    )
    assert alone.date_edtf == "2022-04-02"


def test_one_sentence_with_two_acts_at_two_dates_proposes_both():
    found = propose(
        "The Garda said in June 2023 that it was investigating a Chinese police office in "
        "Dublin, and announced in January 2024 that it had charged two men over it."
    )
    assert [(c.date_edtf, c.stage) for c in found] == [
        ("2023-06", "charged"),
        ("2024-01", "charged"),
    ]
    assert all(c.roles.get("IE") == "objector" for c in found)
    # One act, one date: one proposal.
    assert (
        len(
            propose(
                "Police from Laos and China began a joint patrol on Monday, and it ran for a week."
            )
        )
        == 1
    )


def test_words_that_only_name_speakers_systems_or_states_are_not_acts():
    # Who speaks, a state described, a system named, an act unsaid: no proposal.
    assert propose("On Monday, prosecutors said the defendants were in China.") == []
    assert propose("The two officers are charged with acting as agents of China.") == []
    assert propose("Critics argue that any Chinese surveillance network can be abused.") == []
    assert propose("Critics said Canberra had not pressed Beijing on the police office.") == []
    assert propose("Do not tamper with the installed police cameras, officers said.") == []
    # The same words told as done are acts.
    (bought,) = propose("Laos has acquired a Chinese-built surveillance network for its police.")
    assert (bought.activity, bought.stage) == ("deployment", "completed")
    (pressed,) = propose("Chinese officials pressed Canberra on the police office on Monday.")
    assert pressed.stage == "pledged"


def test_new_acts_of_the_vocabulary_read_from_their_own_words():
    (reports,) = propose(
        "The decision follows reports last week by a broadcaster, which said the office had "
        "been used to watch Chinese students living in Norway."
    )
    assert (reports.activity, reports.stage) == ("scrutiny", "reported")
    assert "NO" in reports.countries  # named in a describing clause, still where it happened
    (returns,) = propose(
        "Officials said 300 Chinese nationals had been persuaded to return to China in 2023."
    )
    assert returns.activity == "repatriation"
    # A figures page: the paragraph names no police, but looking into the claims is scrutiny.
    (inquiry,) = propose(
        "By the end of 2023, nine governments said they were looking into the claims."
    )
    assert inquiry.activity == "scrutiny"
    (opened,) = propose("The President commissioned a police command centre in Kampala in March.")
    assert opened.stage == "completed"


def test_chinas_own_inquiry_is_not_placed_in_the_state_named_before():
    text = (
        "In late May 2023, the official flew from Italy to China. On June 4, China's "
        "anti-graft agency said he was under investigation."
    )
    (inquiry,) = [c for c in propose(text, "2023-12-01") if "investigation" in c.quote]
    assert inquiry.countries == ("CN",)
    assert inquiry.date_edtf == "2023-06-04"


def test_background_told_as_habit_aside_or_noun_is_not_an_act():
    assert propose("Beijing has long urged Hanoi to shut the casinos that target Chinese.") == []
    # "held in …" describes the assembly; nothing in the sentence is an act of ours.
    assert (
        propose(
            "At the police forum's next session, held in Doha in March 2023, members elected "
            "a Kenyan chair."
        )
        == []
    )
    # "to a halt" is a noun; the killing is not an act of the vocabulary.
    assert propose("In May 2023 an attack on Chinese police brought river traffic to a halt.") == []
    (ended,) = propose("In May 2023 Laos put an end to the joint police patrols.")
    assert ended.stage == "ended"


def test_a_second_act_after_a_semicolon_is_proposed_at_its_stage():
    found = propose(
        "In 2020 a Japanese newspaper reported that Chinese police were working from a post in "
        "Laos; officials in Vientiane denied the report at the time."
    )
    assert [c.stage for c in found] == ["reported", "rejected"]
    assert all(c.date_edtf == "2020" for c in found)


def test_an_act_that_answers_a_dated_event_takes_its_date_from_it():
    text = "\n".join(
        [
            "President Ruto on Monday announced a ban on online casinos run for Chinese gamblers.",
            "China's embassy in Nairobi said in a statement that it welcomed the ban and was "
            "ready to train Kenyan police against fraud.",
        ]
    )
    ban, answer = propose(text, "2024-05-15")
    assert ban.date_edtf == "2024-05-13"
    assert answer.date_edtf == "[2024-05-13..2024-05-15]"  # from the ban to the publication
    assert "ban" in answer.date_reading
    text = "\n".join(
        [
            "In March 2022 a convoy carrying engineers to the Tarbela dam was attacked.",
            "Within days of the Tarbela attack, China reportedly dispatched police investigators "
            "to Pakistan.",
        ]
    )
    (sent,) = propose(text, "2024-12-01")
    assert sent.date_edtf == "2022-03~"  # about then


def test_an_undated_act_of_no_state_is_too_vague_to_propose():
    assert (
        propose("Several governments have said that police sites they examined had closed.") == []
    )
    (placed,) = propose("Canada has said that it closed two Chinese police stations.")
    assert placed.roles["CA"] == "objector"


def test_figures_are_counts_of_something_never_names_footnotes_or_lengths_of_time():
    (found,) = propose(
        'In May 2023 China dispatched 12 investigators to Laos to join the "808 Joint Task '
        'Force" and its ECU-911 control room, three years later than planned.[14]'
    )
    assert [(f["value"], f["unit"]) for f in found.figures] == [(12, "investigators")]
    assert found.quote.endswith("three years later than planned")  # no footnote mark
    (grown,) = propose(
        "In 2023 China trained 2,700 foreign officers, and the number would grow to 3,000."
    )
    assert [f["value"] for f in grown.figures] == [2700, 3000]
    (patrol,) = propose("In May 2023 the four countries began joint police patrols.")
    assert patrol.figures == ()


def test_the_activity_is_read_from_what_the_words_name():
    def read(text):
        (found,) = propose(text)
        return found.activity, found.stage

    assert read("On Monday Norway told China to shut two offices in Oslo.") == (
        "deployment",
        "ended",
    )
    assert read("In April a newspaper in Lima reported that Chinese police worked in Peru.") == (
        "scrutiny",
        "reported",
    )
    assert read("Beijing has denied running police stations in Chile.")[0] == "scrutiny"
    assert read("President Ruto on Monday announced a ban on Chinese-run casinos.") == (
        "policy",
        "announced",
    )
    assert read("On Monday Chinese officials said the police attaché was under investigation.") == (
        "scrutiny",
        "charged",
    )
    assert read("In May Xi said China would help train 5,000 police officers from Africa.") == (
        "training",
        "pledged",
    )
    assert read("In May Nepal resisted Chinese proposals for a joint police arrangement.") == (
        "agreement",
        "rejected",
    )
    # Officers are not offices: a training by liaison officers is a training.
    assert read("In May Chinese liaison officers trained Tongan police.")[0] == "training"


def test_a_paragraph_too_long_for_one_reading_is_read_in_stretches_with_its_sentences_kept():
    lead = "On Monday Laos and China signed a police training deal. "
    junk = "police station list " * 400  # 8,000 characters and no full stop: no sentence
    tail = "On Tuesday Chinese police trained 40 Lao officers."
    text = lead * 3 + junk + ". " + lead.replace("Monday", "Friday") + tail
    found = propose(text)
    assert [c.date_edtf for c in found] == ["2024-05-13", "2024-05-10", "2024-05-14"]
    for candidate in found:  # each quote is where the proposal says it is
        assert text[candidate.start : candidate.end] == candidate.quote
    # A "sentence" of thousands of characters, or of dozens of dated acts, gives few proposals.
    listing = "".join(f"on {d} May 2024 Lao police signed a deal, and " for d in range(1, 29))
    assert len(propose(listing[:1900] + ".")) <= 3


def test_each_act_of_a_sentence_takes_its_own_clauses_states():
    hosted, began = propose(
        "Croatia hosted Chinese police in 2018, and Serbia began joint police patrols in 2019."
    )
    assert set(hosted.countries) == {"HR", "CN"} and hosted.date_edtf == "2018"
    assert set(began.countries) == {"RS", "CN"} and began.date_edtf == "2019"


def test_states_in_a_comment_or_an_act_less_clause_take_no_part():
    (plan,) = propose(
        "Samoa and China signed a police plan on Monday, deepening security ties that have "
        "alarmed Australia and New Zealand."
    )
    assert set(plan.countries) == {"WS", "CN"}
    assert plan.roles["WS"] == "counterpart"
    (offer,) = propose(
        "In March 2024 Vanuatu said China had offered police training; its prime minister "
        "later said Australia remained the preferred security partner."
    )
    assert set(offer.countries) == {"VU", "CN"}


def test_an_act_naming_no_state_is_in_the_state_the_report_is_about():
    hansard = "\n".join(
        [
            "HON. MEMBER: Will the Minister update the House on police cooperation between "
            "Tonga and the People's Republic of China?",
            "HON. MINISTER: The Memorandum on police cooperation was signed in 2012.",
            "Tonga's police will keep the Memorandum, the Minister told the House of Tonga.",
        ]
    )
    signed = next(c for c in propose(hansard) if "signed in 2012" in c.quote)
    assert "TO" in signed.countries
    # A region named is where the act is: no state is carried into it.
    text = "\n".join(
        [
            "Fiji and China signed a police deal in Suva in May 2023, officials in Fiji said.",
            "In June 2023 China hosted a police dialogue with Pacific island states.",
        ]
    )
    dialogue = next(c for c in propose(text) if "dialogue" in c.quote)
    assert dialogue.countries == ("CN",)


def test_an_intention_stated_in_the_present_is_dated_at_the_publication():
    (intent,) = propose("The two sides intend to continue the joint police patrols next year.")
    assert (intent.stage, intent.date_edtf) == ("pledged", "2024-05-15")
    assert "holding at its publication" in intent.date_reading
    (flights,) = propose("Thai officials say 600 Chinese nationals are to be flown out of Mae Sot.")
    assert (flights.activity, flights.date_edtf) == ("repatriation", "2024-05-15")
    # What a speaker is quoted as saying stays theirs.
    assert (
        propose('"They want to know if their mother will get a visit," the lawyer told MPs.') == []
    )


def test_returns_flights_and_officers_at_work_are_acts_of_their_activity():
    def read(text):
        (found,) = propose(text)
        return found.activity, found.stage

    assert read("On July 9, 109 others were returned to China.")[0] == "repatriation"
    assert (
        read(
            "On Monday the first aircraft took off from Mae Sot with about 200 Chinese nationals."
        )[0]
        == "repatriation"
    )
    assert read("In May a team of Chinese police advisers arrived in Honiara.") == (
        "deployment",
        "started",
    )
    assert read(
        "Kiribati has confirmed that Chinese police officers are working alongside local officers."
    ) == ("deployment", "started")


def test_a_venue_a_planned_date_and_a_paragraph_that_goes_on():
    (declined,) = propose(
        "At a meeting hosted in Suva on May 6, Pacific police ministers declined to endorse "
        "China's security draft."
    )
    assert "FJ" not in declined.countries  # Suva is where they met, not a party
    (flights,) = propose(
        "Thai officials say 300 Chinese nationals are to be flown out, with more flights "
        "planned for Friday."
    )
    assert flights.date_edtf == "2024-05-15"  # the plan's Friday is not when it was said
    text = "\n".join(
        [
            "In May 2016 Chinese police began joint patrols in Rome with Italian officers.",
            "The exchanges stopped in 2020, when travel shut down.",
            "Pledges are easier to count than graduates.",
        ]
    )
    assert [c.date_edtf for c in propose(text)] == ["2016-05", "2020"]


def test_seasons_without_a_year_are_windows_read_from_the_story_or_the_publication():
    (agreed,) = propose("In the autumn, Lao and Chinese police ministers agreed a joint operation.")
    assert agreed.date_edtf == "[2023-09..2023-11]"  # the last autumn begun by May 2024
    text = (
        "A report published in September 2022 named three Chinese police sites in Leeds, and "
        "West Yorkshire Police made inquiries that autumn."
    )
    found = propose(text)
    assert "[2022-09..2022-11]" in [c.date_edtf for c in found]


def test_an_origin_a_distance_or_a_turn_to_another_partner_names_no_party():
    (arrest,) = propose(
        "In July 2021 Moroccan police arrested the man on arrival on a flight from Istanbul, at "
        "China's request."
    )
    assert "TR" not in arrest.countries
    (raid,) = propose(
        "In May 2023 police raided houses in Batam, an island a short ferry ride from Singapore, "
        "on a Chinese police tip."
    )
    assert "SG" not in raid.countries
    (hold,) = propose(
        "On Monday Papua New Guinea put on hold police talks with China, as the government turns "
        "to Australia for help."
    )
    assert set(hold.countries) == {"PG", "CN"}


def test_a_plan_dated_after_the_publication_is_announced_at_the_publication():
    (course,) = propose(
        "The Ministry announces that a second course will be delivered by Chinese police "
        "instructors from June 2024.",
        "2024-03-14",
    )
    assert (course.activity, course.date_edtf) == ("training", "2024-03-14")
    (joined,) = propose(
        "Croatia let uniformed Chinese officers join its summer tourist patrols in 2018."
    )
    assert (joined.activity, joined.date_edtf) == ("joint-patrol", "2018")


def test_an_act_done_again_ongoing_or_left_for_is_proposed():
    first, again = propose(
        "Croatia let Chinese officers join its summer police patrols in 2018, and did so again "
        "in 2019."
    )
    assert (first.date_edtf, again.date_edtf) == ("2018", "2019")
    assert again.activity == "joint-patrol"
    (working,) = propose(
        "Chinese police teams have reportedly been working alongside Lao officers in Vientiane."
    )
    assert (working.activity, working.date_edtf) == ("deployment", "[..2024-05-15]")
    (course,) = propose(
        "Thirty officers of the Tongan police left Nuku'alofa on Monday for a course in China."
    )
    assert (course.activity, course.stage, course.date_edtf) == (
        "training",
        "started",
        "2024-05-13",
    )


def test_a_clause_that_gives_no_details_or_lists_what_was_not_done_unsays_nothing():
    (working,) = propose(
        "Chinese police officers have been working with Samoan detectives in Apia for a year, "
        "though neither government has published the terms."
    )
    assert working.activity == "deployment"
    assert not propose(
        "An official said the Chinese officers do not carry weapons or make arrests in Tonga."
    )
    assert not propose(
        "The force hoped to send more officers to China, but no dates had been agreed."
    )


def test_people_named_by_their_nationality_are_not_parties():
    (flight,) = propose(
        "Lao police on Tuesday put about 80 Chinese nationals on a chartered flight to China, "
        "after raids that freed workers, including Filipinos, Thais and Vietnamese, from scam "
        "compounds."
    )
    assert flight.activity == "repatriation" and flight.date_edtf == "2024-05-14"
    assert set(flight.countries) == {"LA", "CN"}


def test_a_deal_signed_during_a_visit_gives_the_visit_too():
    deal, visit = propose(
        "Serbia and China signed a policing agreement on Tuesday during a visit to Belgrade by "
        "China's Minister of Public Security, officials said."
    )
    assert (deal.activity, deal.stage) == ("agreement", "signed")
    assert (visit.activity, visit.stage, visit.date_edtf) == ("visit", "completed", "2024-05-14")
    assert set(visit.countries) == {"RS", "CN"}


def test_a_programmes_total_to_date_is_an_act_of_its_own():
    group, total = propose(
        "Twenty Nepali police officers left Kathmandu on Monday for a course in China, the latest "
        "group under a programme that the embassy says has trained more than 200 officers since "
        "2015."
    )
    assert (group.activity, group.stage, group.date_edtf) == ("training", "started", "2024-05-13")
    # trainings over the years since: a period, up to the publication that counts them
    assert (total.activity, total.stage, total.date_edtf) == (
        "training",
        "completed",
        "2015/2024-05-15",
    )


def test_relations_upgraded_to_a_strategic_partnership_are_not_a_policing_agreement():
    found = propose(
        "Dili has welcomed help from Beijing since the two countries upgraded relations to a "
        "comprehensive strategic partnership in September 2023."
    )
    assert "agreement" not in [c.activity for c in found]


def test_a_question_a_paragraph_number_and_a_buddhist_era_year_are_not_read_as_acts_or_figures():
    assert not propose(
        "Can the Minister confirm that Chinese officers took part in raids in Suva in May 2017?"
    )
    (returned,) = propose(
        "3. On 2 May 2024, 25 Chinese nationals held in Bangkok were returned to China under the "
        "Extradition Act B.E. 2551."
    )
    assert [f["value"] for f in returned.figures] == [25]
    (delegation,) = propose(
        "4. The Government intends to send a delegation of the agencies concerned to Xinjiang to "
        "follow up on the returned men."
    )
    assert (delegation.activity, delegation.stage) == ("visit", "pledged")
    assert delegation.date_edtf == "2024-05-15"


def test_advocacy_and_a_deal_between_two_other_states_are_not_chinas_acts():
    assert not propose(
        "Rights advocates have urged Laos to make sure that people sent back to China are not "
        "tortured."
    )
    assert not propose(
        "China offered Tonga police help in March. Australia and Tonga signed a bilateral "
        "policing agreement in Nuku'alofa in April."
    )[1:]
    (concern,) = propose("Human rights groups have expressed concern about the returns to China.")
    assert concern.activity == "scrutiny"


def test_donated_equipment_and_a_course_on_investigation_are_read_as_what_they_are():
    (donation,) = propose(
        "Police vehicles donated by China to the Samoa Police Service were handed over at a "
        "ceremony in Apia on Tuesday."
    )
    assert (donation.activity, donation.stage) == ("deployment", "completed")
    (course,) = propose(
        "The Ministry announces that a course on criminal investigation will be delivered by "
        "Chinese instructors in Honiara from September 2024."
    )
    assert (course.activity, course.stage, course.date_edtf) == (
        "training",
        "announced",
        "2024-05-15",
    )


def test_a_hosts_crackdown_is_no_pushing_back_and_a_border_lists_no_parties():
    (crackdown,) = propose(
        "Cambodian police said on Monday that 300 people had been detained in raids on scam "
        "compounds in Sihanoukville, and China thanked them."
    )
    assert crackdown.roles.get("KH") == "counterpart"
    (inquiry,) = propose(
        "The Dutch police said on Monday it had opened an investigation into two offices run "
        "for China's public security bureaus."
    )
    assert inquiry.roles.get("NL") == "objector"
    (zone,) = propose(
        "Chinese police joined patrols in March 2024 in the zone where the borders of Laos, "
        "Myanmar and Thailand meet."
    )
    assert zone.activity == "joint-patrol"
    assert not {"LA", "MM", "TH"} & set(zone.countries)


def test_officers_who_have_been_in_a_place_and_a_promise_to_keep_working():
    (team,) = propose(
        "A team of Chinese police officers has been in Luang Namtha province since last week, "
        "Lao media reported."
    )
    assert team.activity == "deployment"
    (promise,) = propose(
        "China's embassy says China will continue to work with Lao police against telecom fraud."
    )
    assert (promise.stage, promise.date_edtf) == ("pledged", "2024-05-15")


def test_according_to_is_no_accord_and_a_long_handover_is_a_repatriation():
    (handover,) = propose(
        "In March, according to Chinese state media, an armed group that controls part of "
        "Shan State handed more than 1,500 Chinese nationals suspected of running online fraud "
        "schemes to Chinese police at the border."
    )
    assert (handover.activity, handover.date_edtf) == ("repatriation", "2024-03")


def test_the_activity_is_read_from_what_was_agreed_hosted_discussed_or_patrolled():
    (plan,) = propose(
        "The patrol follows a plan agreed at a ministerial meeting in Beijing in March 2024."
    )
    assert (plan.activity, plan.stage) == ("agreement", "signed")
    (assembly,) = propose("In September 2023 Beijing hosted Interpol's General Assembly.")
    assert assembly.activity == "visit"
    (talks,) = propose(
        "Last week Fijian and Chinese police chiefs discussed closer cooperation against fraud."
    )
    assert talks.activity == "visit"
    (patrols,) = propose("In May 2024 four Chinese officers began patrols in Belgrade.")
    assert patrols.activity == "joint-patrol"
    (centre,) = propose(
        "A CCTV command centre built by a Chinese company was commissioned in Kampala in "
        "October 2019."
    )
    assert centre.activity == "deployment"


def test_what_is_rarely_said_or_could_not_be_done_is_no_act():
    assert not propose("Beijing rarely says how many Fijian officers were trained in China.")
    assert not propose(
        "The Chinese officers in Fiji carried no weapons and had no power to arrest anyone."
    )


def test_a_liveblogs_undated_acts_are_of_its_day_and_a_time_of_day_is_neither_date_nor_figure():
    blog = "\n".join(
        [
            "LIVE: Repatriation flights leave Yangon",
            "3:10 p.m.",
            "The second aircraft took off shortly after 2 p.m. with about 150 Chinese nationals "
            "on board.",
            "9:05 a.m.",
            "Chinese police officers have been working alongside Myanmar officers at the airport.",
        ]
    )
    flight, working = propose(blog)
    assert flight.date_edtf == "2024-05-15"
    assert [f["value"] for f in flight.figures] == [150]
    assert working.date_edtf == "[..2024-05-15]"  # what has been so began before


def test_every_day_a_plan_is_for_is_the_plans_and_a_crackdown_is_a_policy():
    (plan,) = propose(
        "Officials say 400 Chinese nationals are to be flown out, with the remaining flights "
        "planned for Friday and Saturday.",
        "2024-05-15",
    )
    assert plan.date_edtf == "2024-05-15"
    (crackdown,) = propose(
        "Laos launched a crackdown on scam compounds in the Golden Triangle in March 2024."
    )
    assert (crackdown.activity, crackdown.stage) == ("policy", "started")
    (cut,) = propose(
        "Thailand cut electricity and internet supplies to scam hubs in Myanmar in February 2024."
    )
    assert (cut.activity, cut.stage, cut.date_edtf) == ("policy", "started", "2024-02")


def test_a_treaty_is_an_agreement_and_a_joint_exercise_is_training():
    (treaty,) = propose("Fiji and China signed an extradition treaty in Suva in March 2024.")
    assert (treaty.activity, treaty.stage) == ("agreement", "signed")
    (drill,) = propose(
        "Chinese and Mongolian police held a joint counter-terrorism exercise near Ulaanbaatar "
        "in April 2024."
    )
    assert (drill.activity, drill.stage) == ("training", "completed")


def test_a_dated_act_told_in_a_describing_clause_is_proposed():
    (treaty,) = propose(
        "The request was made under the extradition treaty between Kenya and China, which was "
        "signed in Nairobi in June 2017."
    )
    assert (treaty.activity, treaty.stage, treaty.date_edtf) == ("agreement", "signed", "2017-06")


# Failure classes found on sets written by people who did not read the code (bench/devsets/
# written-d, written-e), each pinned with a report in words of its own.


def test_a_dated_heading_dates_and_places_the_entries_under_it():
    explainer = "\n".join(
        [
            "How Beijing brought suspects home: a timeline",
            "Analysts have followed the handovers for years. Here are the main ones.",
            "* March 2019 - Vanuatu",
            "Vanuatu's police hand over six Chinese suspects to officers from Beijing.",
            "* 2021 - Palau",
            "Immigration officers put eleven men on a plane to China.",
            "What to watch",
            "Officials say more handovers are being discussed.",
        ]
    )
    found = {c.quote[:12]: c for c in propose(explainer, "2025-03-18")}
    assert found["Vanuatu's po"].date_edtf == "2019-03"
    assert found["Vanuatu's po"].activity == "repatriation"
    assert found["Immigration "].date_edtf == "2021"
    assert "PW" in found["Immigration "].countries  # the heading's state
    assert "Officials sa" not in found


def test_an_answer_goes_on_with_the_date_of_the_question_which_is_not_proposed():
    interview = "\n\n".join(
        [
            "Q: In June, at the ministers' forum in Beijing, Tonga said China had offered help. "
            "What did China promise?",
            "A: The minister said China would train 300 Tongan police officers over two years.",
        ]
    )
    (pledge,) = propose(interview, "2024-09-10")
    assert pledge.quote.startswith("The minister said China would train 300")
    assert (pledge.activity, pledge.stage, pledge.date_edtf) == ("training", "pledged", "2024-06")
    assert "TO" in pledge.countries


def test_a_season_of_a_year_a_half_year_and_an_abbreviated_day_are_dates():
    (looked,) = propose(
        "Police in Oslo said, in the autumn of 2022, that they were looking into the reports "
        "about the Chinese police office.",
        "2024-05-22",
    )
    assert looked.date_edtf == "[2022-09..2022-11]"
    (left,) = propose(
        "The Chinese officers attached to the Samoan force went home in the first half of 2023.",
        "2024-02-22",
    )
    assert (left.stage, left.date_edtf) == ("ended", "[2023-01-01..2023-06-30]")
    (cut,) = propose(
        "Laos cut power and internet to the compounds on Feb. 5, a step Beijing had pressed for.",
        "2025-02-20",
    )
    assert (cut.activity, cut.stage, cut.date_edtf) == ("policy", "started", "2025-02-05")


def test_what_runs_since_a_date_began_then():
    (team,) = propose(
        "The premier thanked the Chinese police liaison team, which has been based in Port Vila "
        "since 2022.",
        "2023-07-11",
    )
    assert (team.activity, team.stage, team.date_edtf) == ("deployment", "started", "2022")


def test_a_dated_act_told_in_a_describing_clause_is_an_event():
    (pact,) = propose(
        "Senators asked about Nauru, which signed a policing memorandum with China in May 2023 "
        "despite objections from Canberra.",
        "2024-02-15",
    )
    assert (pact.activity, pact.stage, pact.date_edtf) == ("agreement", "signed", "2023-05")
    assert "NR" in pact.countries


def test_refusing_letting_lapse_and_handing_over_equipment_are_read_as_such():
    (refusal,) = propose(
        "Malaysia will not let Chinese police officers patrol its beaches, the interior ministry "
        "said on Monday, days after a plan to invite them drew criticism.",
        "2024-10-15",
    )
    assert (refusal.activity, refusal.stage) == ("joint-patrol", "rejected")
    (lapsed,) = propose(
        "Last month the minister said Croatia had no intention of renewing its police patrol "
        "arrangement with China, in effect allowing it to expire.",
        "2023-01-17",
    )
    assert lapsed.stage == "ended"
    (donation,) = propose(
        "China on Monday handed over 30 police cars and a batch of radios to the Tongan police.",
        "2024-05-15",
    )
    assert (donation.activity, donation.stage) == ("deployment", "completed")


def test_a_caption_with_its_credit_and_a_currency_name_no_event_and_no_party():
    page = "\n".join(
        [
            "Chinese nationals are escorted onto a chartered aircraft in Manila on Tuesday. "
            "Photo: Desk Pictures",
            "The Philippines deported 150 Chinese nationals on a flight to China on Tuesday.",
            "The new programme, announced by Japan, is worth about 50 million Australian dollars "
            "for Pacific police training.",
        ]
    )
    found = propose(page)
    assert not any(c.quote.startswith("Chinese nationals are escorted") for c in found)
    assert all("AU" not in c.countries for c in found)


def test_an_entry_that_begins_more_from_does_not_end_a_liveblog():
    blog = "\n".join(
        [
            "10:15",
            "More from the minister's speech. He said China was ready to train 500 police "
            "officers from Central Asian states next year.",
            "09:40",
            "Good morning from Astana.",
        ]
    )
    (pledge,) = propose(blog, "2024-07-04")
    assert (pledge.activity, pledge.stage, pledge.date_edtf) == (
        "training",
        "pledged",
        "2024-07-04",
    )


def test_an_act_said_at_one_date_to_have_been_done_at_another_takes_the_earlier():
    (offer,) = propose(
        "Its foreign minister said in late January 2024 that China had approached Port Moresby "
        "in September 2023 with an offer of police training.",
        "2024-04-02",
    )
    assert (offer.stage, offer.date_edtf) == ("pledged", "2023-09")


def test_each_clause_of_a_sentence_is_dated_by_its_own_phrase():
    found = propose(
        "The smuggler, wanted for the killings of Chinese sailors, was arrested in Laos in April "
        "2012 and handed over to China the following month.",
        "2021-12-10",
    )
    assert [c.date_edtf for c in found] == ["2012-04", "2012-05"]
    assert found[1].quote.endswith("handed over to China the following month")


def test_an_agency_dateline_and_a_factbox_label_are_not_quoted():
    (patrol,) = propose(
        "Belgrade (AMP) - Chinese police officers began patrolling the streets alongside their "
        "Serbian counterparts on Wednesday.",
        "2019-09-18",
    )
    assert patrol.quote.startswith("Chinese police officers began patrolling")
    assert patrol.date_edtf == "2019-09-18" and patrol.activity == "joint-patrol"
    (first,) = propose(
        "* FIRST PATROL: Police boats from China and Laos set off on the first joint patrol "
        "on Dec. 10, 2011.",
        "2021-12-10",
    )
    assert first.quote.startswith("Police boats from China and Laos")
    assert first.date_edtf == "2011-12-10"


def test_a_paragraph_that_begins_but_goes_on_with_the_subject_of_the_one_before():
    report = "\n\n".join(
        [
            "Tonga's new premier told a newspaper on Monday that Chinese police officers attached "
            "to the force would go home.",
            "But on Thursday, the ministry said the memorandum had not been terminated. In a "
            "statement, it said exchanges under the deal were on hold while Cabinet reviewed it.",
        ]
    )
    held = [c for c in propose(report, "2023-01-27") if c.stage == "suspended"]
    assert [c.date_edtf for c in held] == ["2023-01-26"]


def test_comment_welcome_speculation_and_detail_are_not_acts_of_their_own():
    report = "\n\n".join(
        [
            "Two leaders of a fraud ring were handed over to Chinese police by Laos's police on "
            "Tuesday, the ministry said.",
            "The suspects, accused of running scam compounds, were escorted back to China under "
            "tight security.",
            "The handover is a major achievement of China-Laos law enforcement cooperation, the "
            "statement said.",
            "The Chinese embassy welcomed the decision.",
            "Some commentators in Thailand have questioned whether the handovers will continue.",
            "Whether the other suspects were arrested has never been confirmed.",
            "Chinese officials have said they would like the police cooperation to cover online "
            "gambling, but no expansion has been announced.",
            "A new regional police framework could emerge, but none has been proposed.",
        ]
    )
    (handover,) = propose(report, "2024-01-31")
    assert handover.quote.startswith("Two leaders of a fraud ring were handed over")
    assert (handover.activity, handover.date_edtf) == ("repatriation", "2024-01-30")


def test_a_quotation_with_an_act_word_inside_it_is_the_speaker_s_opinion():
    assert not propose(
        "\"Today's verdict makes clear that efforts to intimidate those living here will be met "
        'with the full force of the law," said the prosecutor of the Chinese police case.',
        "2023-06-20",
    )


def test_an_announcement_at_a_dated_ceremony_takes_its_day_not_the_plan_s():
    release = "\n\n".join(
        [
            "Police Course for Island States Concluded in 2024",
            "On May 28, 2024, the closing ceremony of the police course was held in Beijing. A "
            "total of 30 police officers from Tonga, Samoa and Fiji took part in the course.",
            "At the ceremony, the Chinese side announced that it will hold ten more police courses "
            "in 2024 and 2025.",
        ]
    )
    found = {c.quote[:10]: c for c in propose(release, "2024-05-30")}
    assert found["A total of"].countries == ("TO", "WS", "FJ")  # trainees from three states
    assert (found["At the cer"].stage, found["At the cer"].date_edtf) == ("announced", "2024-05-28")


def test_a_state_that_followed_did_the_act_before_it_and_graduating_completes_a_course():
    found = propose(
        "Chinese police officers started joint patrols in Rome in May 2016. Croatia followed in "
        "2018, hosting Chinese officers in Zagreb and Dubrovnik.",
        "2019-09-19",
    )
    croatia = found[-1]
    assert (croatia.activity, croatia.stage, croatia.date_edtf) == (
        "joint-patrol",
        "started",
        "2018",
    )
    assert "HR" in croatia.countries
    (course,) = propose(
        "Last month, 32 Vanuatu police officers graduated from a three-week course in China.",
        "2023-11-16",
    )
    assert (course.activity, course.stage, course.date_edtf) == ("training", "completed", "2023-10")


def test_an_itinerary_and_a_labelled_criticism_are_no_acts():
    assert not propose(
        "The Prime Minister and his delegation will continue the official visit to China with "
        "engagements in other provinces later this week.",
        "2023-07-11",
    )
    assert not propose(
        "* THE CRITICS: Some commentators in Laos have questioned whether the police patrols "
        "give China too large a role.",
        "2021-12-10",
    )


def test_names_the_registry_dropped_and_timeline_entries_in_the_present():
    found = propose(
        "- May 2017: China and Turkey sign an extradition treaty in Beijing.\n"
        "- December 2020: China's top legislature ratifies the treaty with Turkey.",
        "2024-06-12",
    )
    assert [(c.stage, c.date_edtf) for c in found] == [("signed", "2017-05"), ("signed", "2020-12")]
    assert all("TR" in c.countries for c in found)


def test_officers_sent_home_end_a_deployment_and_a_deal_kept_but_narrowed_is_amended():
    (home,) = propose(
        "In January last year the Chinese police officers who had been embedded in Tongan units "
        "were sent home.",
        "2024-03-14",
    )
    assert (home.activity, home.stage, home.date_edtf) == ("deployment", "ended", "2023-01")
    (kept,) = propose(
        "Last month Tonga's government settled on a compromise: the police agreement with China "
        "stays in force, but Chinese officers will no longer be posted inside the force.",
        "2024-03-14",
    )
    assert (kept.stage, kept.date_edtf) == ("amended", "2024-02")


def test_sanctions_on_chinese_firms_are_scrutiny_and_a_title_case_headline_is_not_read():
    page = "\n".join(
        [
            "Three Men Convicted of Acting on Behalf of the People's Republic of China in a "
            "Campaign to Force a Resident to Return",
            "In November 2020 the US Treasury sanctioned CEIEC, a Chinese electronics firm, over "
            "police surveillance systems it sold.",
        ]
    )
    (sanction,) = propose(page, "2024-04-10")
    assert (sanction.activity, sanction.date_edtf) == ("scrutiny", "2020-11")
    assert "US" in sanction.countries


def test_the_day_before_counts_from_the_day_stated():
    found = propose(
        "Hungary and China signed a security agreement in Budapest on Friday. The agreement was "
        "signed by the interior minister and China's Minister of Public Security, who had been "
        "received by the prime minister the day before.",
        "2024-02-19",
    )
    visit = [c for c in found if c.activity == "visit"]
    assert [c.date_edtf for c in visit] == ["2024-02-15"]


def test_a_written_question_a_note_a_standing_urging_and_a_forum_s_habit_are_no_acts():
    answer = "\n".join(
        [
            "To ask the Secretary of State for the Home Department, what assessment she has made "
            "of reports that Chinese police stations operated in the UK in 2022.",
            "[43] Summit speech, May 2023, as published by China's foreign ministry.",
            "Washington had for years urged Bangkok not to hand the Uyghurs over to China.",
            "The China-Africa forum on police cooperation meets every three years.",
            "He added that no third country had offered to take the group from the Chinese police.",
            "Officials in Astana could yet accept larger Chinese police training packages.",
        ]
    )
    assert not propose(answer, "2024-06-12")


def test_the_treaty_is_the_one_proposed_before_and_the_end_of_the_month_is_its_last_days():
    found = propose(
        "- May 2017: China and Turkey sign an extradition treaty in Beijing.\n"
        "- December 2020: China's top legislature ratifies the treaty at the end of the month.",
        "2024-06-12",
    )
    ratified = found[-1]
    assert ratified.date_edtf == "[2020-12-21..2020-12-31]"
    assert "TR" in ratified.countries


def test_a_cookie_banner_and_a_menu_are_not_the_report_s_lead():
    page = "\n\n".join(
        [
            "We use cookies to improve your experience and to show you relevant advertising. "
            'By clicking "Accept all" you agree to our use of cookies. Accept all | Manage '
            "preferences",
            "Home | Politics | Business | Budapest | Europe | Opinion",
            "Hungary and China signed an agreement on police cooperation in Budapest on Friday.",
            "The agreement was signed by the two ministers, and the interior ministry said "
            "training courses would begin in March.",
            "Officials said Chinese officers were expected to visit again later in the year.",
            "Critics in Budapest said parliament had not been told.",
        ]
    )
    found = propose(page, "2024-02-19")
    assert not any("cookies" in c.quote or "|" in c.quote for c in found)
    assert all("HU" in c.countries for c in found)


def test_a_title_before_a_name_does_not_end_the_sentence():
    release = (
        "The Minister of Police, Hon. Peter Tama, signed a policing memorandum with China's "
        "Ministry of Public Security in Beijing yesterday. Insp. Gen. Ray Lulu attended."
    )
    found = propose(release, "2024-05-15")
    assert quotes(found)[0].startswith("The Minister of Police, Hon. Peter Tama, signed")
    assert found[0].stage == "signed" and found[0].date_edtf == "2024-05-14"


def test_hong_kong_is_china_and_not_a_party_of_its_own():
    (found,) = propose(
        "Britain suspended its extradition treaty with Hong Kong on Monday, citing the "
        "national security law."
    )
    assert set(found.countries) == {"GB", "CN"} and found.stage == "suspended"
    assert found.roles["CN"] == "subject" and found.roles["GB"] != "subject"


def test_a_readiness_to_go_on_training_is_a_pledge():
    (found,) = propose(
        "For its part, the Chinese side reaffirmed its readiness to continue assisting the "
        "Vanuatu Police Force with training and equipment at talks on Monday."
    )
    assert (found.activity, found.stage) == ("training", "pledged")
    assert "VU" in found.countries


def test_where_a_person_lives_is_no_party_when_another_state_acts():
    (arrest,) = propose(
        "Mr Tursun, a teacher who had been living in Turkey, was detained by Egyptian police at "
        "Cairo airport on Monday on the basis of a Chinese extradition request."
    )
    assert set(arrest.countries) - {"CN"} == {"EG"}
    (watched,) = propose(
        "A report published on Monday said the offices were used to watch Chinese nationals "
        "living in the Netherlands."
    )
    assert "NL" in watched.countries


def test_what_runs_since_a_span_began_within_it():
    (team,) = propose(
        "A team of Chinese police officers has been in Bokeo province since last week to help "
        "identify suspects, Lao state media reported.",
        "2024-08-22",
    )
    assert team.date_edtf == "[2024-08-12..2024-08-18]" and team.stage == "started"
    (based,) = propose(
        "The China Police Liaison Team has been based in Honiara since 2022.", "2024-08-22"
    )
    assert based.date_edtf == "2022"


def test_a_season_after_a_year_is_that_year_s():
    (patrols,) = propose(
        "Croatia followed in 2018, hosting Chinese police officers on joint patrols in Zagreb "
        "during the summer tourist season.",
        "2019-09-19",
    )
    assert patrols.date_edtf == "[2018-06..2018-08]"
    (alone,) = propose(
        "Chinese police officers joined patrols in Zagreb during the summer.", "2019-09-19"
    )
    assert alone.date_edtf == "[2019-06..2019-08]"


def test_what_has_since_been_done_is_an_act_from_the_date_before():
    arrived, shipped = propose(
        "A Chinese police advisory team arrived in Honiara in late December, and Beijing has "
        "since shipped several batches of riot gear to the Solomon Islands police.",
        "2022-04-20",
    )
    assert (arrived.stage, arrived.date_edtf) == ("started", "[2021-12-21..2021-12-31]")
    assert (shipped.stage, shipped.date_edtf) == ("completed", "2021-12-21/2022-04-20")


def test_an_agreement_kept_but_narrowed_is_amended():
    for sentence in (
        "After a review, the government decided in February to keep the memorandum in force, "
        "but without Chinese officers embedded in Tonga's police.",
        "Cabinet decided on Monday to retain the Memorandum, but its scope will be confined to "
        "training with the Chinese police.",
    ):
        (kept,) = propose(sentence)
        assert (kept.activity, kept.stage) == ("agreement", "amended"), sentence


def test_a_chronology_s_year_headings_date_the_months_under_them():
    chronology = "\n".join(
        [
            "Vanuatu and China: a policing chronology",
            "2021",
            "December: A team of Chinese police instructors arrives in Port Vila in the last "
            "days of the month.",
            "2022",
            "March: A draft policing agreement between the two governments leaks online late in "
            "the month.",
            "April: China's foreign ministry announces on 19 April that the agreement has been "
            "signed with Vanuatu.",
            "2023",
            "July: The two governments sign a police cooperation plan in Beijing.",
        ]
    )
    found = propose(chronology, "2023-08")
    assert [(c.stage, c.date_edtf) for c in found] == [
        ("started", "[2021-12-21..2021-12-31]"),
        ("reported", "[2022-03-21..2022-03-31]"),
        ("signed", "2022-04-19"),
        ("signed", "2023-07"),
    ]


def test_early_last_year_is_a_third_of_it_and_would_end_is_not_ended():
    (said,) = propose(
        "The Prime Minister said early last year that Tonga would end its police cooperation "
        "memorandum with China.",
        "2024-02-15",
    )
    assert said.stage in ("announced", "pledged") and said.date_edtf == "[2023-01..2023-04]"
    (refused,) = propose(
        "The government made clear on Monday that it will not enter into a policing "
        "arrangement with China.",
        "2024-02-15",
    )
    assert refused.stage == "rejected"


def test_the_weeks_that_followed_and_the_first_days_of_a_month():
    rounded_up, deported = propose(
        "In the first days of July 2017, Egyptian police began rounding up Uyghur students in "
        "Cairo. At least a dozen of those detained are believed to have been deported to China "
        "in the weeks that followed.",
        "2022-03",
    )
    assert rounded_up.date_edtf == "[2017-07-01..2017-07-10]"
    assert deported.date_edtf == "[2017-07,2017-08,2017-09]" and "EG" in deported.countries


def test_since_a_date_when_dates_the_when_clause_s_act():
    (flight,) = propose(
        "This is Thailand's largest deportation of Uyghurs since July 2015, when it put 109 "
        "Uyghur men on a flight to China.",
        "2025-02-27",
    )
    assert flight.date_edtf == "2015-07"


def test_a_promise_and_a_patrol_not_to_resume():
    (promise,) = propose(
        "Kyrgyz officials promised on Monday to tighten protection around Chinese diplomatic "
        "premises with help from Chinese police.",
        "2016-09-14",
    )
    assert promise.stage == "pledged"
    (stopped,) = propose(
        "Italy said in December 2022 that it would not resume the joint police patrols with China.",
        "2024-05-10",
    )
    assert (stopped.activity, stopped.stage, stopped.date_edtf) == (
        "joint-patrol",
        "ended",
        "2022-12",
    )


def test_a_describing_clause_s_act_stands_where_the_sentence_tells_only_a_plan():
    (signed,) = propose(
        "The extradition treaty with China, which was signed in 2007 when John Howard was prime "
        "minister, would allow each country to request the surrender of people accused of "
        "crimes.",
        "2017-03-28",
    )
    assert (signed.activity, signed.stage, signed.date_edtf) == ("agreement", "signed", "2007")


def test_a_recommendation_and_what_analysts_expect_are_no_acts():
    assert not propose(
        "Governments should decline to act on Chinese extradition requests concerning Uyghurs."
    )
    assert not propose(
        "Analysts expect the police cooperation plan to bring more Chinese trainers to Honiara "
        "next year."
    )


def test_a_thread_s_post_numbers_are_neither_quoted_nor_figures():
    thread = "\n\n".join(
        [
            "3/ Context: on Feb 5, Thailand cut electricity and internet supplies to Myanmar "
            "border towns used by scam gangs that China wants shut.",
            "4/ Earlier this month China's assistant minister of public security came to Mae Sot "
            "and met Thai officials.",
        ]
    )
    found = propose(thread, "2025-02-21")
    assert [c.quote[:10] for c in found] == ["Context: o", "Earlier th"]
    assert all(f.get("value") not in (3, 4) for c in found for f in c.figures)


def test_a_state_that_condemns_is_an_objector_and_an_earlier_act_beside_is_in_passing():
    (condemned,) = propose(
        "The United States condemned the deportation of 40 Uyghurs to China on Thursday."
    )
    assert condemned.roles["US"] == "objector"
    (sent,) = propose(
        "Thai authorities sent more than 100 Uyghurs back to China in July 2015, days after "
        "allowing about 170 others to travel to Turkey."
    )
    assert set(sent.countries) == {"TH", "CN"}


def test_a_numbered_paragraph_goes_on_with_the_people_of_the_one_before():
    report = (
        "47. In the first days of July 2017, Egyptian police began rounding up Uyghur students "
        "in Cairo.\n\n48. At least a dozen of those detained are believed to have been deported "
        "to China in the weeks that followed."
    )
    rounded_up, deported = propose(report, "2022-03")
    assert rounded_up.quote.startswith("In the first days")
    assert deported.quote.startswith("At least a dozen")
    assert "EG" in deported.countries
    assert all(f.get("value") not in (47, 48) for c in (rounded_up, deported) for f in c.figures)


def test_at_the_conclusion_of_the_talks_is_their_day_and_ordinal_days_are_read():
    release = (
        "On Monday 10th July 2023, the Prime Minister held official talks in Beijing with the "
        "leadership of the People's Republic of China.\n\n"
        "At the conclusion of the talks, the two Governments signed a number of cooperation "
        "documents, among them an Implementation Plan for Police Cooperation with Vanuatu."
    )
    talks, signed = propose(release, "2023-07-11")
    assert talks.date_edtf == "2023-07-10"
    assert (signed.stage, signed.date_edtf) == ("signed", "2023-07-10")


def test_an_act_told_as_a_noun_after_what_it_led_to_is_done_and_relations_raised_are_not_one():
    found = propose(
        "Both sides agreed on Monday to elevate the relationship to a Comprehensive Strategic "
        "Partnership.\n\nThe launching of the joint patrol follows the signing of a memorandum of "
        "understanding on joint police patrols by the police of Serbia and China.",
        "2019-09-19",
    )
    assert [c.stage for c in found] == ["signed"]
    assert found[0].date_edtf == "[..2019-09-19]"


def test_verdicts_flights_to_a_chinese_city_a_system_built_and_a_ratification_not_pursued():
    (verdict,) = propose(
        "A federal jury in Brooklyn on Tuesday returned guilty verdicts against three men who "
        "worked for China's Operation Fox Hunt."
    )
    assert (verdict.activity, verdict.stage) == ("scrutiny", "charged")
    (flight,) = propose(
        "Three aircraft took off from Mae Sot this afternoon carrying roughly 200 people freed "
        "from scam compounds to the Chinese city of Nanjing.",
        "2025-02-20",
    )
    assert (flight.activity, flight.date_edtf) == ("repatriation", "2025-02-20")
    (built,) = propose(
        'In 2015 Huawei built a "Safe City" network of surveillance cameras in Nairobi for the '
        "Kenyan police."
    )
    assert (built.activity, built.stage, built.date_edtf) == ("deployment", "completed", "2015")
    (parked,) = propose(
        "In March 2017 the Australian government decided not to proceed with ratification of "
        "the extradition treaty with China."
    )
    assert (parked.activity, parked.stage) == ("agreement", "suspended")


def test_a_dispatch_s_dateline_dates_it_and_the_headline_above_is_not_read():
    page = "\n\n".join(
        [
            "China-Serbia joint police patrol officially launched; Chinese officers to walk the "
            "streets of Belgrade",
            "News Service, Belgrade, September 18 (staff correspondent) -- The launching "
            "ceremony of the China-Serbia joint police patrol was held in Belgrade on the 18th "
            "local time.",
            "It follows the signing of a memorandum of understanding on joint police patrols by "
            "the police of the two countries.",
        ]
    )
    launched, signed = propose(page, "2019-09-19")
    assert launched.quote.startswith("The launching ceremony")
    assert (launched.stage, launched.date_edtf) == ("started", "2019-09-18")
    assert (signed.stage, signed.date_edtf) == ("signed", "[..2019-09-18]")


def test_a_chronology_s_present_tense_plan_takes_its_heading_s_date():
    chronology = "\n".join(
        [
            "Timeline: Tonga's police cooperation with China",
            "January 2023",
            "The prime minister tells a newspaper that the police agreement with China will end.",
        ]
    )
    (said,) = propose(chronology, "2024-03")
    assert said.date_edtf == "2023-01"


def test_done_since_the_autumn_runs_to_the_publication_and_a_bracketed_caption_is_furniture():
    page = "\n\n".join(
        [
            "[PHOTO] Suspects in handcuffs are escorted off an aircraft by Chinese police "
            "officers. (Screengrab)",
            "By the ministry's count, more than 40,000 suspects have been handed over to Chinese "
            "police by Myanmar since the autumn.",
        ]
    )
    (handed,) = propose(page, "2024-02-01")
    assert handed.quote.startswith("By the ministry's count")
    assert handed.date_edtf == "[2023-09-01..2024-02-01]"


def test_no_plans_politicians_saying_and_a_digest_s_contents_are_no_acts():
    assert not propose(
        "The extradition treaty with China has not entered into force, and the Government has "
        "no current plans to seek its ratification."
    )
    assert not propose(
        "Opposition politicians said the security pact with China could expose dissidents to "
        "pressure."
    )
    digest = "\n".join(
        [
            "In today's edition: Budapest and Beijing sign security pact · Farmers block border "
            "crossings · Central bank holds rates",
        ]
    )
    assert not propose(digest)


def test_an_offer_under_a_plan_signed_at_dated_talks_takes_their_day():
    release = (
        "On Monday 10th July 2023, the Prime Minister held official talks in Beijing with the "
        "leadership of the People's Republic of China.\n\n"
        "At the conclusion of the talks, the two Governments signed an Implementation Plan for "
        "Police Cooperation with Vanuatu.\n\n"
        "Under the Plan, the Chinese side has offered to host further groups of Vanuatu police "
        "officers for training courses in China."
    )
    *_, offer = propose(release, "2023-07-11")
    assert (offer.activity, offer.stage, offer.date_edtf) == ("training", "pledged", "2023-07-10")


def test_a_plan_s_years_are_not_the_signing_s_and_a_described_team_s_start_is_proposed():
    readout = (
        "On the afternoon of July 10, 2023, Premier Li Qiang held talks with the Prime Minister "
        "of Vanuatu in Beijing.\n\n"
        "He noted that the China Police Liaison Team, which began its work in Port Vila in 2022, "
        "has helped the Vanuatu Police Force maintain order.\n\n"
        "After the talks, the two prime ministers witnessed the signing of an implementation "
        "plan for police cooperation between the two ministries for 2023 to 2025."
    )
    talks, team, signing = propose(readout, "2023-07-11")
    assert (team.activity, team.stage, team.date_edtf) == ("deployment", "started", "2022")
    assert signing.stage == "signed"
    assert signing.date_edtf == "2023-07-10"  # the talks' day: what a readout tells next


def test_parts_of_a_year_and_more_ways_to_tell_returns_ends_and_refusals():
    (cameras,) = propose(
        "Early in 2019 Serbia's interior ministry said Huawei would install cameras for the "
        "police in Belgrade."
    )
    assert cameras.date_edtf == "[2019-01..2019-04]"
    (ended,) = propose(
        "At the end of 2022 Italy's interior ministry said the joint patrols with Chinese police "
        "would not resume."
    )
    assert ended.date_edtf == "[2022-11..2022-12]"
    (returned,) = propose(
        "Since 2023, China's public security organs, working with Myanmar, have brought back "
        "more than 53,000 Chinese suspects in telecom fraud cases.",
        "2025-02-21",
    )
    assert returned.activity == "repatriation"
    (refused,) = propose(
        "He made it clear on Monday that Papua New Guinea would not be taking up a policing "
        "arrangement with Beijing."
    )
    assert refused.stage == "rejected"


def test_a_committee_s_recommendation_and_a_treaty_that_cannot_take_effect_are_no_acts():
    assert not propose(
        "We recommend that the Government set out publicly what it has done about the Chinese "
        "police stations."
    )
    assert not propose(
        "The extradition treaty with China cannot take effect until Turkey's parliament also "
        "ratifies it."
    )


def test_condemnation_from_a_state_makes_it_the_objector_not_the_state_that_acted():
    (deported,) = propose(
        "Thailand deported 40 Uyghur men to China on Thursday, drawing swift condemnation from "
        "the United States.",
        "2025-02-27",
    )
    assert deported.roles["TH"] == "counterpart" and deported.roles["US"] == "objector"


def test_where_people_were_headed_and_a_move_that_led_to_protests_name_no_party():
    found = propose(
        "The men were among more than 300 Uyghurs detained in southern Thailand in March 2014, "
        "many of them hoping to travel on to Turkey. Around 170 of them were allowed to leave "
        "for Turkey at the end of June 2015. In July 2015 the military government sent 109 "
        "others back to China, a move that led protesters in Istanbul to storm the Thai "
        "consulate.",
        "2025-02-28",
    )
    sent = found[-1]
    assert sent.date_edtf == "2015-07" and set(sent.countries) == {"CN", "TH"}


def test_a_dated_sentence_of_police_work_with_a_state_is_proposed_even_without_a_verb_we_know():
    (listed,) = propose(
        "The researcher told members that her organisation's report of September 2022 had "
        "listed three sites in the UK among more than 50 alleged overseas police service "
        "stations.",
        "2024-03-19",
    )
    assert listed.date_edtf == "2022-09" and "GB" in listed.countries
    # (not where the words are of diplomacy or travel)
    assert not propose(
        "The programme of Chinese police advisers follows Kiribati's switch of diplomatic "
        "recognition from Taipei to Beijing in September 2019."
    )


def test_more_ways_to_tell_flights_training_plans_patrols_visits_and_findings():
    (jets,) = propose(
        "Two Chinese passenger jets carried about 200 Chinese nationals out of Mae Sot on "
        "Thursday, Thai officials said.",
        "2025-02-20",
    )
    assert (jets.activity, jets.date_edtf) == ("repatriation", "2025-02-20")
    (courses,) = propose(
        "Since then, the Chinese team has delivered training to more than 300 Solomon Islands "
        "police officers."
    )
    assert (courses.activity, courses.stage) == ("training", "completed")
    (planned,) = propose(
        "The Vanuatu police and the Chinese team will conduct further joint training courses in "
        "early 2025.",
        "2024-11-24",
    )
    assert planned.stage == "pledged" and planned.date_edtf == "2024-11-24"
    (patrols,) = propose(
        "On Monday a ministry spokesman confirmed that Chinese officers could accompany "
        "Hungarian police in places popular with Chinese tourists.",
        "2024-02-20",
    )
    assert patrols.activity == "joint-patrol" and patrols.date_edtf == "2024-02-19"
    (trip,) = propose(
        "In 2008, Venezuelan police officials travelled to the Chinese city of Shenzhen to study "
        "its identity card system."
    )
    assert (trip.activity, trip.date_edtf) == ("visit", "2008")
    (found,) = propose(
        "The three Chinese police stations were first identified last autumn by Safeguard "
        "Defenders, a rights group, in London.",
        "2023-06-07",
    )
    assert (found.activity, found.stage) == ("scrutiny", "reported")


def test_a_person_s_past_beside_the_act_neither_dates_nor_places_it():
    report = (
        "On 20 July 2021, Idris Hasan stepped off a flight at Casablanca's airport and was led "
        "away by Moroccan police. The Uyghur engineer, who had left Xinjiang in 2012 and settled "
        "in Turkey, was detained on the strength of an Interpol red notice China had requested."
    )
    *_, detained = propose(report, "2022-02-12")
    assert detained.date_edtf == "2021-07-20"
    assert "TR" not in detained.countries


def test_the_circumstances_of_an_act_s_time_name_no_party():
    (signed,) = propose(
        "Fiji's police memorandum with China was signed in 2011, when the military-led "
        "government had been cold-shouldered by Australia and New Zealand."
    )
    assert set(signed.countries) == {"CN", "FJ"}


def test_a_pledge_said_with_no_date_was_said_at_the_news_the_report_tells():
    dispatch = (
        "BUDAPEST, June 12 (Wire) -- A first joint patrol of Hungarian and Chinese officers set "
        "out along the Danube embankment on Tuesday.\n"
        "The Chinese delegation said Beijing was ready to send more officers to Hungary."
    )
    patrol, pledge = propose(dispatch, "2024-06-13")
    assert patrol.date_edtf == "2024-06-11"
    assert pledge.stage == "pledged" and pledge.date_edtf == "2024-06-11"
    # the news is the week's: a feature's first dated act long before it gives no such day
    feature = (
        "A first joint patrol of Hungarian and Chinese officers set out along the Danube "
        "embankment on 3 March 2023.\n"
        "The Chinese delegation said Beijing was ready to send more officers to Hungary."
    )
    _, pledge = propose(feature, "2024-06-13")
    assert pledge.date_edtf == "[..2024-06-13]"


def test_a_dated_act_of_training_or_agreement_in_words_the_vocabulary_lacks_is_proposed():
    # the activity's own words, a state and a date of their own: the editor chooses the stage
    (course,) = propose("In March 2024, forty Tongan officers sat a Chinese-taught course.")
    assert (course.activity, course.stage, course.date_edtf) == ("training", "", "2024-03")
    assert set(course.countries) == {"TO", "CN"}
    (memorandum,) = propose("Samoa's cabinet inked a policing memorandum with Beijing on 2 May.")
    assert (memorandum.activity, memorandum.date_edtf) == ("agreement", "2024-05-02")


def test_what_a_party_says_is_expected_is_its_announcement_and_what_no_one_says_is_not():
    (said,) = propose(
        "A spokesman for the Lao police said about 300 Chinese suspects were expected to be "
        "handed over next week."
    )
    assert (said.activity, said.stage) == ("repatriation", "announced")
    assert said.date_edtf == "2024-05-15"  # the saying's date, not the handover's
    assert propose("About 300 Chinese suspects are expected to be handed over next week.") == []
    (batches,) = propose(
        "The ministry said on Monday that the remaining Chinese nationals would be brought back "
        "in batches."
    )
    assert (batches.activity, batches.stage) == ("repatriation", "announced")


def test_a_readout_s_after_the_talks_is_the_talks_day():
    readout = (
        "On Monday, Premier Li held talks in Beijing with Vanuatu's prime minister.\n"
        "After the talks, the two leaders witnessed the signing of a memorandum on police "
        "cooperation."
    )
    *_, signed = propose(readout, "2024-05-15")
    assert signed.activity == "agreement" and signed.date_edtf == "2024-05-13"
    # after another kind of event, the act is some day from it to the publication
    report = (
        "On Monday, Lao police carried out a raid on a compound in Vientiane.\n"
        "After the raid, Laos handed over 40 Chinese suspects to China."
    )
    *_, handed = propose(report, "2024-05-15")
    assert handed.date_edtf == "[2024-05-13..2024-05-15]"


def test_where_crowds_protested_is_no_party_to_the_act():
    (deported,) = propose(
        "In March 2024 Kazakhstan deported 12 Uyghurs to China, despite protests in Kyrgyzstan."
    )
    assert set(deported.countries) == {"KZ", "CN"}


def test_an_act_in_the_simple_past_goes_on_at_the_time_the_paragraph_before_told():
    signed = (
        "In March 2023, Tonga's police commissioner signed a training agreement in Beijing.\n\n"
    )
    _, trained = propose(
        signed + "Chinese instructors trained 40 Tongan officers in crowd control."
    )
    assert (trained.activity, trained.date_edtf) == ("training", "2023-03")
    # the present perfect tells no time: some day by the publication
    _, trained = propose(signed + "Chinese instructors have trained 40 Tongan officers.")
    assert trained.date_edtf == "[..2024-05-15]"
    # nor does a window: "earlier this year" is no time to go on at
    window = "Earlier this year, Tonga signed a training agreement with China.\n\n"
    _, trained = propose(
        window + "Chinese instructors trained 40 Tongan officers in crowd control."
    )
    assert trained.date_edtf == "[..2024-05-15]"


def test_officers_working_alongside_local_police_are_deployed():
    (team,) = propose(
        "In Tonga, uniformed Chinese officers have reportedly worked alongside local police "
        "since 2023."
    )
    assert (team.activity, team.stage, team.date_edtf) == ("deployment", "started", "2023")
    assert set(team.countries) == {"TO", "CN"}


def test_states_that_each_examine_china_s_stations_are_scrutiny_not_an_act_between_them():
    *_, examined = propose(
        "Three Chinese police service stations in Madrid have closed, the minister said.\n\n"
        "Authorities in Portugal, Austria and Chile have also examined similar claims."
    )
    assert examined.activity == "scrutiny"
    assert set(examined.countries) - {"CN"} == {"PT", "AT", "CL"}


def test_a_denial_that_calls_the_accusations_groundless_is_a_rejection():
    (denied,) = propose(
        "China's embassy in Madrid has said the accusations are groundless and that China runs "
        "no police stations in Spain."
    )
    assert denied.stage == "rejected" and denied.date_edtf == "[..2024-05-15]"


def test_a_state_agency_s_it_is_understood_is_said_and_speaking_at_the_ceremony_is_then():
    dispatch = "\n\n".join(
        [
            "HONIARA, May 14 (Agency) -- A handover ceremony for police vehicles donated by "
            "China to the Solomon Islands police was held on Tuesday.",
            "Speaking at the ceremony, the Chinese ambassador said China would donate more "
            "equipment to the force.",
            "It is understood that 20 Solomon Islands officers are set to travel to China early "
            "next year for a training course.",
        ]
    )
    handover, donate, course = propose(dispatch)
    assert handover.date_edtf == donate.date_edtf == "2024-05-14"
    assert (course.activity, course.stage) == ("training", "announced")
    assert course.date_edtf == "2024-05-14"  # said at the news, not the course's next year


def test_a_season_before_its_year_and_next_year_are_read():
    (resumed,) = propose("Summer 2023 — Joint patrols of Chinese and Serbian police resume.")
    assert resumed.date_edtf == "[2023-06..2023-08]"
    assert proposals.date_phrases("Officers will travel early next year.")[0].text == (
        "early next year"
    )


def test_what_was_said_is_dated_by_its_saying_not_by_an_act_describing_a_party():
    (said,) = propose(
        "In March, the interior minister said the offer had been put on hold and that Tonga "
        "would rely on New Zealand, with which it had signed a policing agreement in January."
    )
    assert said.date_edtf == "2024-03"


def test_years_ago_this_month_and_a_group_named_by_its_nationality():
    (report,) = propose(
        "Two years ago this month, a Dutch rights group published a report on Chinese police "
        "stations in Europe.",
        "2024-09-27",
    )
    assert report.date_edtf == "2022-09"
    assert "NL" not in report.countries


def test_on_hold_since_a_month_was_put_on_hold_then():
    (held,) = propose(
        "Samoa's policing memorandum with China has been on hold since January last year."
    )
    assert (held.stage, held.date_edtf) == ("suspended", "2023-01")


def test_said_at_the_same_event_is_the_event_s_day_and_a_station_opened_began():
    report = (
        "On Monday, Vanuatu's police minister opened a Chinese-funded police station in Port "
        "Vila.\n\nChina's ambassador said at the same event that Beijing was ready to send "
        "police instructors to Port Vila."
    )
    opened, ready = propose(report)
    assert (opened.activity, opened.stage, opened.date_edtf) == (
        "deployment",
        "started",
        "2024-05-13",
    )
    assert (ready.stage, ready.date_edtf) == ("pledged", "2024-05-13")


def test_a_host_s_ban_on_gambling_is_its_policy():
    (ban,) = propose("Cambodia banned online gambling in August 2019, at China's request.")
    assert (ban.activity, ban.stage, ban.date_edtf) == ("policy", "started", "2019-08")


def test_suspects_flown_to_china_are_repatriated_on_the_day_the_next_sentence_gives():
    dispatch = (
        "BANGKOK, May 15 (Wire) -- Thailand has handed over 120 scam suspects to Chinese police, "
        "China's ministry said in a statement on Wednesday. The suspects were flown to China on "
        "chartered flights on Tuesday, the ministry said."
    )
    days = [(c.activity, c.date_edtf) for c in propose(dispatch)]
    assert ("repatriation", "2024-05-14") in days


def test_a_venue_s_meeting_and_a_switch_of_recognition_name_no_party():
    (shelved,) = propose(
        "Samoa and Tonga shelved China's regional security plan at a meeting of foreign "
        "ministers in Suva on 30 May.",
        "2022-06-08",
    )
    assert set(shelved.countries) == {"WS", "TO", "CN"}
    (training,) = propose(
        "In Nauru, which switched diplomatic recognition from Taipei to Beijing in January, "
        "Chinese police officers began training local officers in March."
    )
    assert set(training.countries) == {"NR", "CN"} and training.date_edtf == "2024-03"


def test_a_national_daily_s_own_state_is_the_one_its_story_keeps_naming():
    daily = "\n\n".join(
        [
            "THE Government will keep its policing memorandum with China after a review, the "
            "Prime Minister announced yesterday.",
            "He said Tongan officers would still attend courses in China.",
            "The review had found that the Tonga Police could work with Chinese advisers under "
            "safeguards.",
            "Tonga's opposition had called for the memorandum to be scrapped.",
            "Officials said Tonga's traditional partners remained its partners of choice.",
        ]
    )
    kept = propose(daily)[0]
    assert kept.date_edtf == "2024-05-14" and set(kept.countries) == {"CN", "TO"}
    # named in two paragraphs only, and not in the lead, a state is not the report's
    feature = "\n\n".join(
        [
            "THE Government will keep its policing memorandum with China after a review, the "
            "Prime Minister announced yesterday.",
            "Tongan officers have attended courses in China for a decade.",
            "Tonga's opposition had called for the memorandum to be scrapped.",
        ]
    )
    assert set(propose(feature)[0].countries) == {"CN"}


def test_the_news_day_is_a_day_not_a_window_ending_at_the_publication():
    release = "\n\n".join(
        [
            "The Tonga Police has received a donation of police vehicles from China.",
            "At a ceremony on Friday, 40 Tongan officers completed a course run by Chinese "
            "police instructors.",
            "The commissioner also announced that 20 more officers will travel to China next "
            "month for training.",
        ]
    )
    received, completed, announced = propose(release, "2024-05-13")
    # (the lead, told as done, is the news of that day too)
    assert received.date_edtf == completed.date_edtf == announced.date_edtf == "2024-05-10"


def test_officers_who_left_end_a_deployment_and_a_deferred_decision_is_on_hold():
    (left,) = propose("The Chinese police advisers left Samoa in March 2023, officials said.")
    assert (left.activity, left.stage, left.date_edtf) == ("deployment", "ended", "2023-03")
    (gone,) = propose(
        "In March 2023 the safeguards included the departure of Chinese police officers from "
        "Samoa's force."
    )
    assert (gone.activity, gone.stage) == ("deployment", "ended")
    (deferred,) = propose(
        "On Monday Tonga's cabinet deferred a decision on China's offer of police training."
    )
    assert deferred.stage == "suspended" and deferred.date_edtf == "2024-05-13"


def test_the_date_that_describes_who_was_arrested_is_the_arrest_s_not_the_plea_s():
    pleaded, arrested = propose(
        "One of three men arrested last year over a Chinese police outpost in Toronto pleaded "
        "guilty on Monday to acting as an agent of China."
    )
    assert (pleaded.date_edtf, pleaded.stage) == ("2024-05-13", "charged")
    assert (arrested.date_edtf, arrested.activity) == ("2023", "scrutiny")


def test_the_previous_day_counts_from_the_day_before_and_a_possessive_day_names_a_thing():
    report = (
        "Chinese officials said on Thursday that 400 Chinese nationals were flown home from "
        "Thailand.\n\nHe said 266 people had been flown out the previous day."
    )
    assert [c.date_edtf for c in propose(report)] == ["2024-05-09", "2024-05-08"]
    (agreed,) = propose(
        "Thursday's flights came under an arrangement agreed by Chinese and Thai police in "
        "Bangkok two weeks ago."
    )
    assert agreed.date_edtf == "2024-05-01"


def test_a_paragraph_on_the_memorandum_goes_on_with_the_report_s_subject():
    report = (
        "Samoa will keep its policing memorandum with China, the prime minister said on "
        "Monday.\n\nSpeaking after Cabinet met in Apia, he said the review had found that the "
        "memorandum, which was signed in 2018, could stay in place."
    )
    signed = [c for c in propose(report) if c.date_edtf == "2018"]
    assert [(c.activity, c.countries[:1]) for c in signed] == [("agreement", ("WS",))]


def test_a_person_described_without_a_comma_is_a_dated_act_of_its_own():
    approved, arrested = propose(
        "Morocco's court has approved the extradition to China of Idris Hasan, a Uyghur "
        "activist who was arrested at Casablanca airport in July on an Interpol notice.",
        "2021-12-17",
    )
    assert approved.date_edtf == "[..2021-12-17]"
    assert arrested.date_edtf == "2021-07"


def test_a_photo_caption_and_a_reporter_s_question_are_not_acts():
    report = "\n\n".join(
        [
            "Chinese and Serbian officers began joint patrols in Belgrade on Monday.",
            "Photo caption: Chinese and Serbian police officers patrol Republic Square on Monday.",
            "Asked whether China had offered new equipment, the official said it had not.",
        ]
    )
    assert quotes(propose(report)) == [
        "Chinese and Serbian officers began joint patrols in Belgrade on Monday"
    ]


def test_in_recent_weeks_and_the_eve_of_a_day_told():
    (deported,) = propose(
        "More than 500 Chinese nationals have been deported from Laos in recent weeks."
    )
    assert deported.date_edtf == "[2024-04-17..2024-05-15]"
    report = (
        "The joint operation was launched on Tuesday in Jinghong.\n\nOn the eve of the launch, "
        "police chiefs from China, Laos and Thailand met in Jinghong and agreed to share "
        "intelligence."
    )
    assert propose(report)[-1].date_edtf == "2024-05-13"


def test_will_also_send_is_a_pledge():
    (course,) = propose(
        "Tonga will also send 20 police officers to China in July for a course, the embassy said."
    )
    assert course.stage == "pledged"


def test_two_states_acting_in_two_clauses_are_two_acts():
    dublin, hague = propose(
        "Dublin ordered an office on Capel Street to close, and the Dutch government told "
        "Beijing to shut two sites in Amsterdam."
    )
    assert set(dublin.countries) - {"CN"} == {"IE"}
    assert set(hague.countries) - {"CN"} == {"NL"}


def test_a_lead_told_as_done_is_the_news_of_the_day_the_report_gives():
    report = "\n\n".join(
        [
            "Samoa has put on hold a Chinese proposal for a memorandum on police cooperation.",
            "The police minister told reporters on Monday that Samoa wanted more time.",
        ]
    )
    held = propose(report)[0]
    assert (held.stage, held.date_edtf) == ("suspended", "2024-05-13")
    # asked about a case, a spokesperson's denial is still a statement
    (denied,) = propose(
        "Asked about the case on Monday, a Chinese spokesperson denied that China runs police "
        "stations in Canada."
    )
    assert denied.stage == "rejected" and denied.date_edtf == "2024-05-13"


def test_a_plan_for_the_summer_is_dated_by_its_saying_and_its_summer_is_the_next():
    (patrols,) = propose(
        "Chinese police officers will join Hungarian police on patrols in Budapest during the "
        "summer tourist season, the Interior Ministry confirmed on Tuesday.",
        "2024-04-25",
    )
    assert (patrols.stage, patrols.date_edtf) == ("pledged", "2024-04-23")
    (summer,) = propose(
        "Chinese police officers will join Hungarian police on patrols during the summer.",
        "2024-04-25",
    )
    assert summer.date_edtf == "2024-04-25"  # a plan to come, stated at the publication


def test_a_lead_of_what_has_been_going_on_is_not_the_news_day_s_act():
    report = (
        "Chinese police officers have been working alongside local police in Kiribati.\n\n"
        "The acting commissioner told reporters on Monday that the team was small."
    )
    assert propose(report)[0].date_edtf == "[..2024-05-15]"


def test_an_act_told_in_passing_without_which_is_an_event_of_its_own_at_its_own_date():
    # "since" a dated act: what the sentence tells has run from that date to the publication
    trained, signed = propose(
        "More than 80 Tongan officers have attended courses in China since the memorandum was "
        "signed in 2016, under a government that has since left office."
    )
    assert (trained.activity, trained.date_edtf) == ("training", "2016/2024-05-15")
    assert (signed.activity, signed.stage, signed.date_edtf) == ("agreement", "signed", "2016")
    # a participle after what it describes, and an agreement after who made it
    course, plan = propose(
        "Under the policing plan signed by the two governments in Suva in March, Chinese "
        "instructors began a course for 40 Fijian officers on Monday."
    )
    assert (course.activity, course.stage, course.date_edtf) == (
        "training",
        "started",
        "2024-05-13",
    )
    assert (plan.activity, plan.date_edtf) == ("agreement", "2024-03")
    patrols, agreement = propose(
        "Chinese officers will patrol Zagreb with Croatian police this summer under an agreement "
        "the two countries signed on Saturday, the ministry said on Monday."
    )
    assert (patrols.stage, patrols.date_edtf) == ("announced", "2024-05-13")
    assert (agreement.stage, agreement.date_edtf) == ("signed", "2024-05-11")
    assert {*patrols.countries, *agreement.countries} == {"CN", "HR"}


def test_a_verb_with_its_date_is_the_sentence_s_act_and_a_detention_folds_into_its_return():
    # no other verb: "agreed in March" is the act, once
    (agreed,) = propose("The two countries agreed in March to hold joint patrols in Belgrade.")
    assert agreed.date_edtf == "2024-03"
    # what a report published then said is dated by its publication, one event
    (alleged,) = propose(
        "A report published in May 2022 by a rights group alleged that Chinese police ran two "
        "offices in Lisbon."
    )
    assert alleged.date_edtf == "2022-05"
    # the detention that led to a return is part of it
    (returned,) = propose(
        "A Kazakh citizen detained in Almaty in early 2019 was deported to China about a year "
        "later, his family said."
    )
    assert returned.activity == "repatriation" and returned.date_edtf == "2020~"


def test_what_a_deal_provides_and_what_has_run_since_an_act_are_acts_of_their_own():
    signed, patrols = propose(
        "The two ministers signed a security agreement in Belgrade on Monday, under which "
        "Chinese officers will join Serbian police on patrols during the summer."
    )
    assert (signed.stage, signed.date_edtf) == ("signed", "2024-05-13")
    assert patrols.activity == "joint-patrol" and patrols.stage in ("pledged", "announced")
    assert patrols.date_edtf == "2024-05-13"
    # "since" a clause with an irregular verb, or a noun of the act
    patrolled, began = propose(
        "Police from China and Laos have carried out more than 60 joint patrols on the river "
        "since the patrols began in March 2013."
    )
    assert (patrolled.date_edtf, began.date_edtf) == ("2013-03/2024-05-15", "2013-03")
    trained, arrived = propose(
        "Since their arrival in 2022, Chinese police instructors have trained more than 500 "
        "Vanuatu officers."
    )
    assert (trained.activity, trained.date_edtf) == ("training", "2022/2024-05-15")
    assert (arrived.activity, arrived.date_edtf) == ("deployment", "2022")
    # an agreement after who made it, by the office of each
    patrols, agreement = propose(
        "The first joint patrols took place in Zagreb in summer 2018 under an agreement the two "
        "countries' interior ministries signed the previous year."
    )
    assert (patrols.date_edtf, agreement.date_edtf) == ("[2018-06..2018-08]", "2017")


def test_an_appositive_participle_is_a_dated_act_and_since_a_month_is_only_a_date():
    suspended, memorandum = propose(
        "The policing memorandum, signed in 2011, was suspended by Tonga's cabinet in February."
    )
    assert (memorandum.stage, memorandum.date_edtf) == ("signed", "2011")
    assert (suspended.stage, suspended.date_edtf) == ("suspended", "2024-02")
    (suspended,) = propose(
        "No joint patrols have been carried out under the memorandum since February, the "
        "Tongan police said."
    )
    assert suspended.date_edtf.startswith("2024-02")


def test_returns_and_postings_told_in_plain_words():
    (sent,) = propose("In March, Lao authorities sent more than 300 suspects to China.")
    assert (sent.activity, sent.date_edtf) == ("repatriation", "2024-03")
    (escorted,) = propose(
        "On Sunday, hundreds of suspects were escorted across the border into Yunnan province "
        "from Myanmar's Shan State."
    )
    assert (escorted.activity, escorted.date_edtf) == ("repatriation", "2024-05-12")
    (left,) = propose(
        "The Chinese officers who had been attached to Tongan police units under the "
        "agreement left the country in January, the minister said."
    )
    assert (left.activity, left.stage, left.date_edtf) == ("deployment", "ended", "2024-01")
    (working,) = propose(
        "Last month, Nauru confirmed that Chinese police officers were working in the country."
    )
    assert (working.activity, working.date_edtf) == ("deployment", "2024-04")


def test_what_a_side_will_keep_doing_or_is_expected_to_do_is_a_pledge():
    (running,) = propose(
        "Speaking at the ceremony on Monday, the head of the Chinese team said it would keep "
        "running courses for Vanuatu police officers."
    )
    assert (running.stage, running.date_edtf) == ("pledged", "2024-05-13")
    (expected,) = propose(
        "Under the plan, Chinese instructors are expected to run further courses for Tongan "
        "officers next year, the ministry said on Monday."
    )
    assert expected.stage in ("pledged", "announced") and expected.date_edtf == "2024-05-13"
    # a side that presses for something pledges nothing
    assert propose("Taiwanese officials said on Monday they will keep pressing for answers.") == []


def test_since_then_at_the_start_of_a_sentence_is_a_date_not_a_clause():
    report = (
        "The Chinese police team arrived in Port Vila in 2022. Since then it has trained "
        "hundreds of Vanuatu officers, the team said."
    )
    arrived, trained = propose(report)
    assert arrived.date_edtf == "2022"
    assert trained.activity == "training" and trained.date_edtf.startswith("2022")


def test_training_going_on_or_abroad_and_an_arrangement_not_repeated():
    (going_on,) = propose(
        "Chinese instructors have been training Samoan officers in public order tactics since "
        "March, the ministry said."
    )
    assert going_on.activity == "training"
    (abroad,) = propose("In April, a small number of Nauru officers went to China for training.")
    assert (abroad.activity, abroad.stage, abroad.date_edtf) == ("training", "completed", "2024-04")
    (ended,) = propose(
        "Italy said in December 2022 that it would not repeat the joint patrols with Chinese "
        "police."
    )
    assert (ended.stage, ended.date_edtf) == ("ended", "2022-12")


def test_a_stretch_up_to_the_publication_dates_what_was_done_in_it():
    (deported,) = propose(
        "Since the start of the year, Cambodia has deported more than 1,000 Chinese nationals."
    )
    assert deported.date_edtf == "[2024-01-01..2024-05-15]"
    (flown,) = propose(
        "The suspects were flown from Laos to China on chartered flights on Saturday, the "
        "ministry said."
    )
    assert (flown.activity, flown.date_edtf) == ("repatriation", "2024-05-11")


def test_later_in_the_year_a_decade_ago_and_a_date_left_unsaid():
    report = (
        "Chinese instructors arrived in Honiara in 2022. Later in the year, 30 Solomon Islands "
        "officers went to China for training."
    )
    assert propose(report)[-1].date_edtf == "2022"
    (unsaid,) = propose(
        "He said Chinese officers were in the country under a police cooperation arrangement "
        "agreed with Tonga last year, but he did not say when."
    )
    assert unsaid.date_edtf == "2023"
    (released,) = propose(
        "In February, China released a concept paper offering 5,000 police training places."
    )
    assert released.date_edtf == "2024-02"
    (shut,) = propose(
        "The minister has said the RCMP took steps to shut down the Toronto-area sites."
    )
    assert shut.date_edtf == "[..2024-05-15]"


def test_a_state_reacting_against_the_act_objects():
    (working,) = propose(
        "Last month, Nauru confirmed that Chinese police officers were working in the country, "
        "prompting concern in Canberra."
    )
    assert working.roles["NR"] == "counterpart" and working.roles["AU"] == "objector"
    (deported,) = propose(
        "Thailand deported 40 Uyghur men to China on Thursday, despite repeated warnings from "
        "the United States."
    )
    assert deported.roles["TH"] == "counterpart" and deported.roles["US"] == "objector"
    # a state only where something happened is still in passing
    (patrols,) = propose(
        "Chinese officers joined patrols in Zagreb on Monday, weeks after protests in Serbia."
    )
    assert "RS" not in patrols.countries


def test_what_has_run_since_a_mechanism_began_is_of_its_kind_and_gone_is_past():
    patrolled, launched = propose(
        "Since the mechanism was launched in March 2013, the two countries have carried out "
        "more than 60 joint patrols with Laos on the river, an official said."
    )
    assert (launched.activity, launched.stage, launched.date_edtf) == (
        "joint-patrol",
        "started",
        "2013-03",
    )
    assert patrolled.date_edtf == "2013-03/2024-05-15"
    (gone,) = propose(
        "He said a small number of Tongan officers had also gone to China for training."
    )
    assert (gone.activity, gone.date_edtf) == ("training", "[..2024-05-15]")


def test_checks_carried_out_officers_posted_and_courses_attended():
    (checks,) = propose(
        "The minister said on Monday that police were carrying out checks on the alleged "
        "Chinese outposts in Lisbon."
    )
    assert (checks.activity, checks.date_edtf) == ("scrutiny", "2024-05-13")
    (posted,) = propose(
        "In 2019, China posted police liaison officers at its embassy in Port Moresby."
    )
    assert (posted.activity, posted.date_edtf) == ("deployment", "2019")
    (attend,) = propose("Since 2015, Tongan police officers attend courses in China each year.")
    assert attend.activity == "training"


def test_stations_made_clear_unacceptable_end_and_a_reaffirmed_disposition_is_a_pledge():
    (ended,) = propose(
        "Officials have made clear to the Chinese Embassy that any such police stations in "
        "Ireland are unacceptable and must not operate."
    )
    assert (ended.activity, ended.stage) == ("deployment", "ended")
    (pledged,) = propose(
        "On Monday the ministry reaffirmed the commitment of the Government of Mozambique to "
        "continue police cooperation with China."
    )
    assert (pledged.stage, pledged.date_edtf) == ("pledged", "2024-05-13")


def test_the_partner_chosen_instead_and_a_neighbour_s_state_are_named_in_passing():
    (declined,) = propose(
        "In February, Vanuatu's minister said the Chinese offer of police training had been "
        "put on hold and that Vanuatu would rely on Australia."
    )
    assert set(declined.countries) == {"CN", "VU"}
    (patrols,) = propose(
        "Hungary's southern neighbour Serbia first hosted Chinese officers on joint patrols in "
        "2019."
    )
    assert set(patrols.countries) == {"CN", "RS"}


def test_officers_who_left_to_attend_classes_begin_training_and_diplomatic_ties_date_nothing():
    (left,) = propose(
        "The Tongan officers left Nuku'alofa on Monday and will attend classes at a police "
        "college in Yunnan province."
    )
    assert (left.activity, left.stage, left.date_edtf) == ("training", "started", "2024-05-13")
    # diplomatic relations established are no act of their own beside it
    found = propose(
        "The group is the latest to travel to China for training since the two countries "
        "established diplomatic relations in September 2019."
    )
    assert len(found) == 1


def test_a_describing_who_clause_in_capitals_is_read_and_a_detention_folds_into_a_done_return():
    # (words in capitals once broke the reading of where the clause ends)
    for words in ("who was arrested", "WHO WAS ARRESTED"):
        (returned,) = propose(
            f"Police said the activist {words} in July 2023 was deported to China on Monday."
        )
        assert (returned.activity, returned.date_edtf) == ("repatriation", "2024-05-13")
    # an extradition only approved is no return yet: the arrest stays an act of its own
    found = propose(
        "The court has approved the extradition to China of a Uyghur activist who was arrested "
        "at Casablanca airport in July 2023."
    )
    assert "2023-07" in [c.date_edtf for c in found]


def test_a_count_no_date_can_have_is_left_unread_not_an_error():
    # "2023 years ago" reads as the year 1, which no date of the timeline can be
    found = propose("Chinese police deported 40 suspects from Laos 2023 years ago.")
    assert all(c.date_edtf != "1" for c in found)
