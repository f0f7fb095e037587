"""The act vocabulary proposals are read with: one table of words (`KEYWORDS`), each with the
activity and stage it suggests and whether it states an act, and the tense that makes a
sentence without a date state one."""

from __future__ import annotations

import functools
import re

# Each row: a pattern (regular expression, case-insensitive, on word boundaries), the activity
# and the stage it suggests ("" where it suggests none), and whether it states an act. Verbs
# are written as stems with their inflections. The first row naming an activity in a sentence
# gives the activity; the stage comes from the first row of what happened (no activity) that
# matches, else from the activity's row: rows are in order of precedence (`suggest`).

_ED = r"(?:s|es|ed|d|ing)?"

KEYWORDS: tuple[tuple[tuple[str, ...], str, str, bool], ...] = (
    # what the event is
    # Police vehicles and equipment donated and handed over are supplied, as systems are
    # (docs/corpus.md: deployment), not people handed over.
    (
        (
            r"donat(?:e|es|ed|ing|ions?)\b",
            r"consignments?\b",
            # "handed over more than 20 police vehicles, around 40 motorcycles"
            r"hand(?:s|ed|ing)?\s+over\s+(?:[\w,-]+\s+){0,5}?(?:vehicles|cars|motorcycles|"
            r"equipment|uniforms|drones|boats|computers|radios|supplies|gear)\b",
            # "has publicised handovers of patrol cars and motorcycles"
            r"handovers?\s+of\s+(?:[\w,-]+\s+){0,4}?(?:vehicles|cars|motorcycles|equipment|"
            r"uniforms|drones|boats|computers|radios|supplies|gear)\b",
        ),
        "deployment",
        "completed",
        True,
    ),
    # China's officers sent or gone home end a deployment: "the officers who had been embedded in
    # Fijian units were sent home" (before the repatriations, which send nationals home).
    (
        (
            r"(?:officers|police(?:men)?|personnel|advis[eo]rs|instructors)\s+(?:[\w'’-]+\s+){0,8}?"
            r"(?:were|was|have\s+been|had\s+been)\s+(?:sent|flown)\s+home\b",
            r"(?:officers|police(?:men)?|personnel|advis[eo]rs|instructors)\s+(?:[\w'’-]+\s+){0,8}?"
            r"(?:went|returned)\s+home\b",
            # "the departure of Chinese police officers who had been attached to the force", "The
            # officers left Fiji in the first half of last year" (not "left Kathmandu on Monday
            # for a course")
            r"departure\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:officers|police(?:men)?|"
            r"personnel|advis[eo]rs|instructors)\b",
            r"(?:officers|advis[eo]rs|instructors)\s+(?:[\w'’-]+\s+){0,3}?left\b"
            r"(?!\s+(?:for|behind|over|on|at|with|after|before|to)\b)(?![^.;,]*\bfor\b)"
            r"(?![^.;]*\band\s+will\s+(?:attend|undergo|begin|start|take\s+part)\b)",
            # "The Chinese police officers who had been attached to … units … left the country"
            r"(?:officers|advis[eo]rs|instructors)\s+who\s+[^.;]{0,120}?\s+left\s+(?:the\s+country|"
            r"[A-Z][\w'’-]+)\b",
        ),
        "deployment",
        "ended",
        True,
    ),
    (
        (
            r"repatriat(?:e|es|ed|ing|ion)",
            rf"deport{_ED}",
            "deportation",
            r"escorted\b.*?\bback",
            rf"extradit{_ED}\b",
            # (an "extradition treaty" is an agreement)
            r"extradition(?!\s+(?:treat|agreement|pact|deal|accord|law|bill))",
            r"hand(?:s|ed|ing)?\s+over|handed\b[^.;]{0,120}?\bto\s+(?:Chinese|China|Beijing)",
            # "began flying home its nationals", "to bring home Chinese citizens", "sent home"
            # (not a purpose: "its campaign to bring fugitives home")
            r"(?<!\bto\s)(?:fl(?:y|ying|ew|own)|bring(?:ing)?|brought|sen[dt]|sending)\s+home\b",
            r"(?<!\bto\s)(?:fl(?:y|ying|ew|own)|bring(?:ing)?|brought)\s+(?:\w+\s+){1,3}?home\b",
            r"persuaded\s+to\s+return",
            r"transferr?(?:ed|ing)\s+to\s+(?:the\s+)?(?:China|Beijing|Chinese)",
            r"(?:were|was|been)\s+transferred\b",
            r"returned\s+to\s+(?:China|Beijing|the\s+mainland|mainland\s+China)",
            r"(?:were|was|been|be)\s+returned\b",
            r"flown\s+(?:out|back|home)\b",
            # "the remaining nationals would be brought back in batches"
            r"\b(?:be|been|being|were|was)\s+(?:brought|flown|sent)\s+back\b",
            r"airlift(?:s|ed)?\b",
            # "The first Chinese aircraft took off from Mae Sot … with about 200 Chinese nationals"
            r"(?:aircraft|flights?|planes?|jets?|airliners?)\b[^;]{0,80}?\b(?:with|carrying|carried)\s+"
            r"[^.;]{0,30}?\bChinese\s+(?:nationals|citizens|suspects|workers)",
            # "Three aircraft … took off this afternoon carrying roughly 200 people to the Chinese
            # city of Nanjing"
            r"(?:aircraft|flights?|planes?)\b[^;]{0,80}?\bcarrying\s+[^.;]{0,60}?\bto\s+(?:China|Beijing|"
            r"the\s+Chinese\s+(?:city|province|capital))",
            # "have brought back more than 53,000 Chinese suspects in telecom fraud cases"
            r"(?:brought|flown|sent)\s+back\s+(?:[\w,-]+\s+){0,6}?(?:suspects|nationals|citizens|"
            r"fugitives|people|workers)\b",
            # "sent more than 100 members of the same group back to China"
            r"(?:brought|sent|sending|flew|flown)\s+(?:[\w,-]+\s+){0,8}?back\s+to\s+"
            r"(?:China|Beijing|the\s+mainland)",
            # "Lao authorities sent more than 460 suspects to China"
            r"(?:sent|sending|sends)\s+(?:[\w,-]+\s+){0,6}?(?:suspects|nationals|citizens|"
            r"fugitives|people|workers)\s+(?:back\s+)?to\s+(?:China|Beijing|the\s+mainland)\b",
            # "suspects being escorted across the border into Yunnan province"
            r"escort(?:ed|ing)\s+(?:[\w,-]+\s+){0,5}?(?:into|to)\s+(?:China|Yunnan|Chinese\s+"
            r"territory)\b",
            # "were flown to China on chartered flights on Tuesday"
            # ("The suspects were flown from Laos to China on chartered flights on Saturday")
            r"(?:were|was|been|be)\s+flown\s+(?:back\s+|from\s+[\w'’-]+(?:\s+[\w'’-]+)?\s+)?to\s+"
            r"(?:China|Beijing|the\s+mainland)\b",
            # "on a chartered flight to China"
            r"on\s+(?:[\w-]+\s+){0,2}(?:flights?|planes?|aircraft)\s+(?:back\s+)?to\s+(?:China|Beijing)",
        ),
        "repatriation",
        "completed",
        True,
    ),
    # A measure against scam compounds, before any visit told beside it: "Thailand cut
    # electricity, fuel and internet supplies to border areas of Myanmar …, on the day its prime
    # minister left for an official visit to China"
    (
        (
            r"cut(?:s|ting)?\s+(?:off\s+)?(?:the\s+)?(?:suppl(?:y|ies)\s+of\s+)?(?:electricity|power|"
            r"fuel|internet|telecom\w*|supplies)\b",
            # "Cambodia banned online gambling in August 2019"
            r"bann(?:ed|ing)\s+(?:[\w-]+\s+){0,2}?(?:gambling|gaming|casinos?|operators?|POGOs?)\b",
        ),
        "policy",
        "started",
        True,
    ),
    # "joint patrols", "joint police patrol", "joint law-enforcement patrol"
    ((r"joint\s+(?:[\w-]+\s+){0,2}patrol(?:s|led|ling)?",), "joint-patrol", "", False),
    # Chinese officers who join another force's patrols: "let uniformed Chinese officers join
    # its summer tourist patrols in 2018"
    (
        (
            r"join(?:s|ed|ing)?\s+(?:\w+\s+){0,4}?patrols?\b",
            # "Chinese officers will patrol Zagreb with Croatian police"
            r"patrol(?:s|led|ling)?\s+(?:[\w-]+\s+){0,4}?(?:with|alongside|beside)\s+"
            r"(?:[\w-]+\s+){0,2}?(?:police|officers|counterparts|colleagues)\b",
            # "Chinese officers could accompany Hungarian police in places popular with tourists"
            r"accompan(?:y|ies|ied|ying)\s+(?:[\w-]+\s+){0,2}?(?:police|officers|patrols)\b",
            # "four Chinese police officers walked the streets of Rome and Milan with their
            # Italian counterparts", "walking in pairs beside Italian police"
            r"(?:walk(?:s|ed|ing)?|strolled|stood|standing)\s+(?:the\s+(?:streets|beat)\b|"
            r"(?:in\s+pairs\s+)?(?:beside|alongside)\b)",
        ),
        "joint-patrol",
        "started",
        True,
    ),
    (
        (
            rf"indict{_ED}",
            "indictment",
            r"charg(?:ed|es|ing)\b",
            r"prosecut(?:ed|ing|ion)\b",
            r"unsealed\b",
            # (sanctions on China's firms or officials, not the sanctions of other states' police)
            r"sanction(?:s|ed|ing)?\b(?=[^.;]*\b(?:Chin(?:a|ese)|Beijing|PRC)\b)",
        ),
        "scrutiny",
        "charged",
        True,
    ),
    # "Prosecutors say …": who speaks, not what was done.
    ((r"prosecutors?\b",), "scrutiny", "charged", False),
    (
        (
            rf"arrest{_ED}",
            # (not who is meant: "the surrender of people accused of crimes")
            r"(?<!people\s)(?<!those\s)(?<!anyone\s)(?<!persons\s)(?<!fugitives\s)"
            r"(?<!individuals\s)accused",
            r"investigat(?:e|ed|es|ing|ion)",
            "sentenced",
            "convicted",
            # "a federal jury … returned guilty verdicts against all three defendants"
            r"guilty\s+verdicts?",
            r"found\s+(?:\w+\s+){0,3}?guilty",
            r"pleaded\s+guilty",
            rf"detain{_ED}",
            rf"raid{_ED}",
            r"searched",
            # "police and intelligence services were carrying out checks on the alleged outposts"
            r"(?:carr(?:y|ies|ied|ying)\s+out|conduct(?:s|ed|ing)?)\s+(?:[\w-]+\s+){0,2}?(?:checks|"
            r"inspections|inquir(?:y|ies)|investigations?)\b",
            r"inquir(?:y|ies)",
            r"look(?:s|ed|ing)?\s+into",
            r"examin(?:e|es|ed|ing)\b",
            r"prob(?:e|es|ed|ing)\b",
        ),
        "scrutiny",
        "charged",
        True,
    ),
    (
        (
            "hearing",
            # (a study: not a government's "concept paper", which commits it)
            r"(?:research|academic|working)\s+papers?\b",
            r"report(?=\s+(?:by|from|titled))",
            "allegations",
            "accusations",
            r"findings\b",
        ),
        "scrutiny",
        "reported",
        False,
    ),
    # A report of its own: "reports last week by broadcaster RTL Nieuws", "a second report
    # raised the count".
    (
        (
            r"reports?\s+(?:(?:last|this|earlier\s+this)\s+\w+\s+)?(?:by|from)\b",
            r"report\s+(?:\w+\s+)?(?:said|found|identified|raised|counted|documented|listed)\b",
            # "The presence of the Chinese officers was first reported last week by a newspaper"
            r"(?:was|were|been)\s+(?:first\s+)?(?:reported|identified|exposed|revealed)\s+"
            r"(?:[\w-]+\s+){0,3}?by\b",
            # a draft made public: "A draft security agreement … leaks online late in the
            # month", "an unsigned draft was leaked on social media"
            r"leak(?:s|ed)\b(?!\s+(?:draft|document|text|copy|memo))",
        ),
        "scrutiny",
        "reported",
        True,
    ),
    (
        (
            r"(?:informed|told|revealed\s+to)\s+(?:a|the)\s+\w*\s*"
            r"(?:senate|parliamentary|hearing|house|parliament|committee|inquiry)\b",
            r"(?:told|informed)\s+(?:lawmakers|legislators|MPs|senators)\b",
        ),
        "scrutiny",
        "reported",
        True,
    ),
    # Concerns voiced about China's policing: scrutiny made public ("Some human rights groups
    # have expressed concern that …").
    (
        (r"(?:expressed|raised|voiced)\s+(?:\w+\s+)?concerns?",),
        "scrutiny",
        "reported",
        True,
    ),
    (
        (
            "agreement",
            r"accords?\b",  # not "according to"
            r"treat(?:y|ies)\b",
            r"MoUs?\b",
            "deal",
            "pact",
            # relations upgraded to a "comprehensive strategic partnership" are diplomacy at
            # large, not an agreement on policing
            r"(?<!strategic\s)partnership",
            "memorandum",
            r"offers?\b",
            r"(?:security|policing|police)\s+(?:cooperation\s+)?arrangements?",
            r"proposals?\b",
            # "declined to endorse the draft"
            r"(?:the|a)\s+draft\b",
        ),
        "agreement",
        "",
        False,
    ),
    (
        (
            rf"deploy{_ED}",
            # (officers posted somewhere, not "remarks will be posted on its pages")
            r"posted\s+(?:to|in|at|abroad|overseas|inside|within)\b",
            # "China has for years posted police liaison officers at its embassy in Bangkok"
            r"posted\s+(?:[\w'’-]+\s+){0,3}?(?:officers|police|personnel|attach[eé]s)\s+(?:to|in|at)\b",
            "stationed",
            "dispatched",
            # "uniformed Chinese police officers is working alongside local officers"
            r"(?:is|are|was|were|(?:has|have|had)\s+(?:\w+\s+)?been)\s+(?:seen\s+)?(?:working|serving|"
            r"operating|based)\s+"
            r"(?:alongside|with|in|inside|within)\b",
            # "uniformed Chinese officers have reportedly worked alongside local police since 2022"
            r"(?:work(?:s|ed|ing)?|serv(?:es|ed|ing))\s+alongside\s+(?:[\w'’-]+\s+){0,2}?"
            r"(?:police|officers|colleagues|counterparts)\b",
            # "A team of Chinese police officers has been in Bokeo province since last week"
            r"(?:officers|team|teams|personnel|advis[eo]rs|instructors)\s+(?:[\w'’-]+\s+){0,4}?"
            r"(?:has|have|had)\s+been\s+(?:stationed\s+)?in\b",
            # "officers who had been attached to Fiji Police Force units"
            r"attached\s+to\s+(?:[\w'’-]+\s+){0,4}?(?:units?|police|forces?|stations?)\b",
            # "China first sent officers on joint patrols in Europe in 2016"
            r"sent\s+(?:[\w'’-]+\s+){0,3}?(?:officers|police(?:men)?|personnel|teams?|"
            r"instructors|advis[eo]rs|trainers)\b",
        ),
        "deployment",
        "started",
        True,
    ),
    # China's police abroad, as the places they work from: "told China to shut two offices …
    # outposts of Chinese police", "an undeclared police outpost".
    (
        (
            r"police\s+(?:service\s+)?(?:stations?|outposts?)\b",
            r"police\s+(?:advis[eo]rs|liaison\s+(?:team|officers))\b",
            r"(?:police\s+)?(?:advisory|liaison)\s+(?:team|group|unit)s?\b",
            r"outposts?\b",
            r"(?:liaison|overseas)\s+(?:police\s+)?(?:offices?|stations?)\b",
            r"(?:two|three|an?|the)\s+offices?\b",
            r"working\s+groups?\b",
            r"task\s+forces?\b",
        ),
        "deployment",
        "",
        False,
    ),
    # Police equipment given or promised is supplied, as systems are (docs/corpus.md:
    # deployment): "has also undertaken to provide additional policing equipment"
    (
        (
            r"(?:policing|police|anti-riot|riot-control|riot)\s+(?:equipment|gear|vehicles)\b",
            r"equipment\s+(?:and\s+\w+\s+)?(?:to|for)\s+the\s+(?:[\w-]+\s+){0,3}?(?:police|force)\b",
        ),
        "deployment",
        "",
        False,
    ),
    # Covert work by China's agents abroad (docs/corpus.md: deployment): "surveilled and harassed
    # a former official living in New Jersey".
    (
        (r"surveill(?:ed|ing)\b", r"harass(?:ed|ing)\b"),
        "deployment",
        "completed",
        True,
    ),
    # Surveillance and policing systems supplied or installed (docs/corpus.md: deployment).
    (
        (
            rf"install{_ED}",
            r"supplied\b",
            r"acquired\b",
            r"purchased\b",
            r"bought\b",
            r"shipped\b",
            # "Huawei built a 'Safe City' network of surveillance cameras in Nairobi"
            r"built\s+(?:[\w\"'“”-]+\s+){0,4}?(?:network|system|cameras|command\s+cent)",
        ),
        "deployment",
        "completed",
        True,
    ),
    # The system named is what was supplied, not that it was: "any surveillance network can be
    # abused" states nothing done.
    (
        (
            r"(?:surveillance|safe[\s-]+city)\s+(?:system|network)s?",
            r"CCTV\b",
            r"command\s+(?:and\s+control\s+)?cent(?:re|er)s?",
        ),
        "deployment",
        "completed",
        False,
    ),
    (
        (
            r"train(?:s|ed|ing)?",
            "educated",
            r"police\s+academ\w+",
            r"program(?:me)?\b",
            r"courses?\b",
            # forces exercising together: "a joint counter-terrorism exercise", "joint drills"
            r"(?:exercises?|drills?)\b",
        ),
        "training",
        "",
        False,
    ),
    # Training told as going on: "a Chinese police team has been training local officers"
    (
        (r"(?:(?:has|have|had)\s+been|is|are|was|were)\s+training\b",),
        "training",
        "started",
        True,
    ),
    # Officers who went to China to train: "Kiribati officers had also gone to China for training"
    (
        (
            r"(?:gone|went|go(?:es)?|travel(?:l)?(?:ed|ing)?|flown|flew|been)\s+to\s+China\s+for\s+"
            r"(?:[\w-]+\s+){0,3}?(?:training|courses?|instruction)\b",
        ),
        "training",
        "completed",
        True,
    ),
    # "left Dili on Monday for a six-week course"
    (
        # ("left Honiara yesterday for two months of training in China")
        (
            r"left\s+(?:[\w'’-]+\s+){1,4}?for\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}?(?:course|training)\b",
            # "The officers left Honiara on Monday and will attend classes at a police college"
            r"left\s+(?:[\w'’-]+\s+){1,4}?and\s+will\s+(?:attend|undergo|begin|start|take\s+part)\b",
        ),
        "training",
        "started",
        True,
    ),
    (
        (
            r"visit(?:s|ed|ing)?\b",
            r"met\b",
            # "where the borders of Laos, Myanmar and Thailand meet" is geography
            r"meet(?:s|ing)?\b(?![,.;]|\s*$)",
            r"meetings?\b",
            "delegation",
            "forum",
            r"talks\b",
            # "Beijing hosted Interpol's General Assembly"; "discussed closer cooperation"
            r"(?:general\s+)?assembly\b",
            r"summit\b",
            r"(?<!press\s)(?<!news\s)conferences?\b",
            r"discuss(?:ed|es|ing|ions?)?\b",
        ),
        "visit",
        "",
        False,
    ),
    # "led a working group to Thailand", "had been received by Prime Minister Viktor Orbán"
    (
        (
            r"led\s+(?:a|an|the|his|her)\s+(?:[\w-]+\s+){0,2}?(?:delegation|working\s+group|"
            r"team|mission)\s+to\b",
            r"(?:was|were|been)\s+received\s+by\b",
            # "Venezuelan officials travelled to the Chinese city of Shenzhen to study …"
            r"travel(?:l)?ed\s+to\s+(?:China|Beijing|the\s+Chinese\s+(?:city|capital|province))\b",
        ),
        "visit",
        "completed",
        True,
    ),
    (
        (
            "initiative",
            r"law\b",
            "policy",
            "package",
            r"plan\b",
            r"ban\b",
            "directive",
            "decree",
            # a host's crackdown, in the timeline's coding a policy: "launched a nationwide
            # crackdown on online scam operations"
            r"crackdowns?\b",
        ),
        "policy",
        "",
        False,
    ),
    # Patrols of China's officers abroad are joint ones: "four Chinese officers began two weeks
    # of patrols in Rome and Milan" (after every other activity's words: `suggest`)
    ((r"patrol(?:s|led|ling)?\b",), "joint-patrol", "", False),
    # what happened to it
    (
        (
            r"sign(?:s|ed|ing)?\b",
            # (relations raised are diplomacy at large: "agreed to elevate the relationship to a
            # Comprehensive Strategic Partnership")
            r"agree(?:s|d)\b(?!\s+to\s+(?:elevate|upgrade|raise|deepen|lift)\b)",
            "agreeing",
            "reached",
            "struck",
            r"approv(?:es|ed)\b",
            r"ratif(?:y|ies|ied)\b",
        ),
        "",
        "signed",
        True,
    ),
    # An arrangement not renewed has ended; one a state will not let happen is refused. (Before
    # the pledges: "had no intention of renewing the arrangement" ends it.)
    (
        (
            r"(?:(?:will|would|did|does|do)\s+)?(?:not|never)\s+(?:to\s+)?renew(?:ed|ing)?\b",
            # "there was no need to continue a 2011 police cooperation arrangement"; officers
            # "stood down"
            r"no\s+need\s+(?:for\s+\w+\s+)?to\s+continue\b",
            r"(?:were|was|been)\s+stood\s+down\b",
            # "said in December 2022 that it would not resume them"
            r"(?:will|would)\s+not\s+(?:be\s+)?resum(?:e|ed)\b",
            # stations a government "made clear … are unacceptable and must not operate"
            r"made\s+(?:it\s+)?clear\s+[^.;]{0,60}?\bthat\s+[^.;]{0,80}?\b(?:unacceptable|must\s+not\s+"
            r"operate)\b",
            # "said in late 2022 that it would not repeat the arrangement"
            r"(?:will|would)\s+not\s+(?:be\s+)?repeat(?:ed)?\b",
            r"no\s+intention\s+of\s+renewing\b",
            r"(?:allow(?:s|ed|ing)?|let(?:s|ting)?)\s+(?:it|them|the\s+\w+)\s+(?:to\s+)?(?:expire|lapse)",
            r"expired\b",
            r"lapsed\b",
            r"scrap(?:s|ped|ping)?\b",
            r"went\s+home\b",
            r"withdr(?:ew|awn)\b",
            r"pulled\s+out\b",
        ),
        "",
        "ended",
        True,
    ),
    (
        (
            r"(?:will|would|did|does|do)\s+not\s+(?:let|allow|permit|sign|accept|join|enter)\b",
            # "made it clear that PNG would not be taking up a policing arrangement"
            r"(?:will|would)\s+not\s+(?:be\s+)?tak(?:e|ing)\s+up\b",
            r"(?:won['’]t|wouldn['’]t)\s+(?:let|allow|permit|sign|accept|join|enter)\b",
            r"ruled\s+out\b",
        ),
        "",
        "rejected",
        True,
    ),
    (
        (
            rf"pledg{_ED}",
            "offered",
            # "Kyrgyz officials have since promised to tighten protection"
            r"promis(?:e|es|ed|ing)\s+(?:\w+\s+){0,3}?to\b",
            r"floated\b",
            # "committed China to providing 5,000 training opportunities"
            r"committed\s+(?:\w+\s+){0,3}?to\s+\w+ing\b",
            # what is still to come: "will train", "will be trained", "is to deploy"
            r"(?:will|would|(?:is|are)\s+to)\s+(?:also\s+|still\s+|soon\s+|further\s+)?"
            r"(?:be\s+)?(?:help\s+(?:to\s+)?)?"
            r"(?:train|provid|deploy|send|sent|grow|fund|build|offer|donat|equip|flown|fly|"
            r"return|repatriat|hand|conduct|hold|run|host|organi[sz]e)\w*",
            # "China will continue to work with Lao law-enforcement agencies", "would keep
            # running courses for RSIPF officers", "would keep pressing for the handover"
            r"will\s+continue\s+to\s+(?:work|cooperat|support|assist|help)\w*",
            r"(?:will|would)\s+(?:also\s+|still\s+)?keep\s+(?:running|holding|sending|training|"
            r"working|providing)\b",
            # "Chinese instructors are expected to run further courses", "are expected to take
            # part in joint patrols"
            r"expected\s+to\s+(?:run|hold|take\s+part|attend|send|train|provide|deliver|conduct|"
            r"join|deploy)\b",
            r"put\s+forward",
            r"approached\b[^.;]{0,80}?\boffer",
            r"willing\s+to",
            # "reaffirm the disposition of the Angolan Executive to continue to deepen …"
            r"(?:reaffirm\w*|reiterat\w*)\s+(?:\w+\s+){0,3}?(?:disposition|commitment|willingness|"
            r"readiness|determination)\b",
            r"ready\s+to",
            r"readiness\s+to",
            r"plan(?:s|ned)?\s+to",
            r"aim(?:s|ed)?\s+to",
            r"intend(?:s|ed)?\s+to",
            r"(?:pressed|urged)\b",
            r"proposed\b",
            r"intention\s+(?:of\s+\w+\s+)?(?:to|is\s+to)\b|intention\s+of\b",
        ),
        "",
        "pledged",
        True,
    ),
    (
        (
            rf"announc{_ED}",
            r"declared?",
            "declaration",
            rf"unveil{_ED}",
            rf"introduc{_ED}",
            r"provides?\s+for",
        ),
        "",
        "announced",
        True,
    ),
    (
        (
            rf"launch{_ED}",
            rf"establish{_ED}",
            r"set\s+up",
            r"set\s+off",
            "began",
            "begun",
            "started",
            "arrived",
            # "Since its arrival in 2022, the team has trained …"
            r"(?:its|their)\s+arrival\b",
            # a chronology's present: "December: A team of Chinese police advisers arrives"
            "arrives",
            # "the patrols were repeated every year from 2017 to 2019"
            r"(?:was|were)\s+repeated\b",
            # "a working group … had flown into the Kyrgyz capital"
            r"fl(?:ew|own)\s+into\b",
            r"resumed\b",
            # a station opened: "the outpost … was opened in early 2022", "opened a police
            # station in Port Vila" (not "opened an investigation")
            r"(?:was|were|been)\s+opened\b",
            r"opened\s+(?:[\w-]+\s+){0,3}?(?:stations?|outposts?|offices?|posts?)\b",
        ),
        "",
        "started",
        True,
    ),
    (
        (
            rf"suspend{_ED}",
            "suspension",
            r"on\s+hold",
            "paused",
            r"shelved\b",
            # "decided to defer any decision on the offer until a review"
            r"defer(?:s|red|ring)?\b",
            r"on\s+ice\b",
            # "the Government decided not to proceed with ratification at that time"
            r"not\s+to\s+proceed\s+with\b",
            r"(?:was|were)\s+parked\b",
        ),
        "",
        "suspended",
        True,
    ),
    (
        (
            rf"amend{_ED}",
            rf"revis{_ED}",
            "adjusted",
            "changed",
            # "the agreement stays in force, but Chinese officers will no longer be posted"
            r"(?:stays?|remains?|kept)\s+in\s+force,?\s+but\b",
            # "decided … to keep the memorandum in force, but without Chinese officers embedded",
            # "decided to retain the Memorandum, but its scope will be confined to training"
            r"(?:keep|kept|keeps|keeping|retain(?:s|ed|ing)?)\s+(?:the\s+|its\s+|it\b)"
            r"[\w\s-]{0,40}?,?\s+but\s+(?:without|its|with|only|no\s+longer|limited|confined|"
            r"to\s+(?:limit|restrict|narrow|confine|reduce))\b",
        ),
        "",
        "amended",
        True,
    ),
    (
        (
            r"end(?:s|ed)\b",
            # "said that Fiji would end its police cooperation memorandum" (the modality makes
            # it an announcement)
            r"(?<=\bwould\s)end\b|(?<=\bwill\s)end\b|(?<=\bto\s)end\b(?!\s+of\b)",
            r"put\s+an\s+end\s+to",
            r"stop(?:s|ped)?\b",
            rf"halt{_ED}",
            rf"revok{_ED}",
            "discontinued",
            r"shut\s*down",
            "shutdown",
            r"cancell?ed",
            "removed",
            "expelled",
            r"shut\b",
            r"clos(?:e|ed|ing|ure)\s+(?:of\s+)?(?:\w+\s+){0,3}(?:offices?|stations?|outposts?)",
        ),
        "",
        "ended",
        True,
    ),
    (
        (
            rf"reject{_ED}",
            rf"refus{_ED}",
            r"turned\s+down",
            # (not the wire's "said an official who declined to be named")
            r"declined(?!\s+to\s+be\s+(?:named|identified))",
            "denied",
            rf"resist{_ED}",
            r"played\s+down",
            r"downplayed",
            r"dismissed\s+(?:the|these|those|such)\b",
            # "has said the accusations are groundless"
            r"(?:groundless|baseless|unfounded)\b",
        ),
        "",
        "rejected",
        True,
    ),
    (
        (
            rf"publish{_ED}",
            rf"reveal{_ED}",
            "exposed",
            r"reported\s+that",
            # "In February, China released the GSI Concept Paper, which said …"
            r"released\s+(?:an?|the|its|their)\s+(?:[\w-]+\s+){0,4}?(?:report|paper|statement|"
            r"figures|data|document|video|footage)s?\b",
            r"leaked\b",
            r"made\s+public\b",
        ),
        "",
        "reported",
        True,
    ),
    (
        (
            "held",
            "hosted",
            "completed",
            r"graduated\b",
            r"received\s+training",
            # "CPLT officers have delivered training to more than 300 RSIPF officers"
            r"delivered\s+(?:[\w-]+\s+){0,2}?(?:training|courses?|instruction|lectures?|equipment|"
            r"vehicles)\b",
            r"took\s+part",
            # "The first joint patrols took place in summer 2018"
            r"(?:took|take|takes|taking)\s+place\b",
            "participated",
            r"wrap(?:ping|ped|s)\s+up",
            "trained",
            "educated",
            # (not a bare welcome of another's decision: "welcomed the decision")
            r"welcomed(?!\s+(?:the|this|that|its|their)\s+(?:[\w-]+\s+)?(?:decision|move|ban|"
            r"announcement|step|ruling|verdict|news|outcome)s?\b)",
            "visited",
            r"met\b",
            "escorted",
            "attended",
            r"carried\s+out",
            "conducted",
            "commissioned",
            "inaugurated",
            r"discussed\b",
        ),
        "",
        "completed",
        True,
    ),
    (
        (
            r"trains?\b",
            r"visits?\b",
            r"holds?\b",
            r"host(?:s|ing)\b",
            r"attending\b",
            # a habit told in the present: "Fijian officers attend courses in China"
            r"attend\s+(?:[\w-]+\s+){0,3}?(?:courses?|training)\b",
            r"followed\s+(?:suit|in\s+\d{4})",
        ),
        "",
        "",
        True,
    ),
)

# Past forms: a sentence that gives no date states an act only in the past tense; a plan or
# a habit ("usually involves training") needs a date to be an event.
_PAST = re.compile(
    r"(?<!\bis\s)(?<!\bare\s)\b\w+ed\b|\b(?:held|met|made|began|begun|took|struck|set\s+up|sent|shut\s*down|shutdown|"
    r"turned\s+down|on\s+hold|went|flew|left|came|gave|brought|(?:has|have|had)\s+(?:\w+\s+)?"
    r"(?:gone|flown|taken|given|come|brought|done))\b|"
    # the perfect tells what has been so: "have reportedly been working alongside"
    r"\b(?:has|have|had)\s+(?:\w+\s+)?been\b|"
    # "has said the accusations are groundless": what has been said was said by then
    r"\b(?:has|have|had)\s+(?:\w+\s+)?(?:said|told)\b|"
    # an act told as a noun after what it led to: "… and follows the signing of a memorandum"
    r"\b(?:follows|following|after|since)\s+the\s+(?:signing|launch(?:ing)?|handover|"
    r"suspension|closure|opening|establishment|arrest|deportation|extradition|repatriation|"
    r"ratification)\s+of\b",
    re.IGNORECASE,
)


def in_past_tense(text: str) -> bool:
    """Whether `text` has a past form (`_PAST`)."""
    return _PAST.search(text) is not None


@functools.cache
def _keywords() -> tuple[tuple[re.Pattern, str, str, bool], ...]:
    return tuple(
        (re.compile(rf"\b(?:{'|'.join(words)})", re.IGNORECASE), activity, stage, act)
        for words, activity, stage, act in KEYWORDS
    )


# Words before an act's word that unsay it: "had not pressed Beijing", "never signed"; and a
# determiner before a participle, which makes it a describing word: "the installed equipment".
_NOT_DONE = re.compile(
    r"\b(?:not|never|no\s+longer)\s+(?:\w+\s+)?$|\w+n['’]t\s+(?:\w+\s+){0,2}$|"
    # "has not carried out the extradition"
    r"\b(?:not|never)\s+\w+(?:\s+out)?\s+(?:the|an?|any|his|her|their)\s+$|"
    # the rest of a list denied: "do not carry weapons or make arrests"
    r"\b(?:not|never)\s+(?:\w+\s+){1,3}(?:or|nor)\s+(?:\w+\s+)?$|"
    # "no dates had been agreed", "had no power to arrest anyone"
    r"\b(?:no|none)\s+(?:\w+\s+){0,2}(?:has|have|had)\s+(?:yet\s+)?been\s+(?:\w+ly\s+)?$|"
    r"\bno\s+(?:\w+\s+){1,2}to\s+$|"
    # "no third country had offered"
    r"\bno\s+(?:\w+\s+){0,2}(?:has|have|had)\s+$|"
    # what ought to have been done was not: "should have been sent home to Taiwan"
    r"\b(?:should|could|would|might|must|ought\s+to)\s+(?:not\s+)?have\s+(?:been\s+)?$|"
    # "have not needed visas to visit each other"
    r"\bnot\s+(?:\w+\s+){1,2}to\s+$|"
    # "had no powers of arrest"
    r"\bno\s+(?:\w+\s+){1,2}of\s+$",
    re.IGNORECASE,
)
_DETERMINER = re.compile(r"\b(?:the|an?|its|their|his|her|this|these|those)\s+$", re.IGNORECASE)


# After an article these words of ending are nouns: "brought traffic to a halt" ends nothing
# ("put an end to" is its own pattern). Nouns that are acts stay acts: "opened an inquiry".
_ARTICLE = re.compile(r"\b(?:an?)\s+$", re.IGNORECASE)
_ENDING_NOUNS = {"halt", "stop", "end", "sign", "launch"}


def _stated(text: str, match: re.Match) -> bool:
    before = text[max(0, match.start() - 40) : match.start()]
    if _NOT_DONE.search(before):
        return False
    word = match[0].lower()
    if word.endswith("ed") and _DETERMINER.search(before):
        return False
    return not (word in _ENDING_NOUNS and _ARTICLE.search(before))


def acts_in(text: str) -> list[re.Match]:
    """The words of `text` that state an act, in order; not one unsaid ("did not sign") or
    used to describe ("the signed agreement")."""
    return [match for match, _, _ in act_words(text)]


def act_words(text: str) -> list[tuple[re.Match, str, str]]:
    """`acts_in`, each word with the activity and stage its row suggests."""
    return list(_act_words(text))


@functools.lru_cache(maxsize=4096)
def _act_words(text: str) -> tuple[tuple[re.Match, str, str], ...]:
    """`act_words`, kept for the last texts asked about: a sentence is asked again for its
    clauses, its describing clause and its quote as it is read."""
    found = []
    for pattern, activity, stage, act in _keywords():
        if act:
            found.extend((m, activity, stage) for m in pattern.finditer(text) if _stated(text, m))
    return tuple(sorted(found, key=lambda item: item[0].start()))


# A word naming what an act falls under is not the act: "Under the agreement, officers will
# be trained" is training, not an agreement.
_FRAMING = re.compile(
    r"\b(?:under|as\s+part\s+of|in\s+line\s+with|pursuant\s+to)\s+(?:the|a|an|this|that|its)\s+"
    r"(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)


_VERB = re.compile(r"\b(?:were|was|is|are|has|have|had|will|would)\b", re.IGNORECASE)


def _framed(text: str, match: re.Match) -> bool:
    """Whether `match` is in the words an act falls under (`_FRAMING`), not in the verb after
    them: "exchanges under the deal were on hold" are on hold."""
    framing = _FRAMING.search(text, 0, match.start())
    return framing is not None and not _VERB.search(framing[0])


# A word naming what a course is on is not the act: "a second course, on criminal
# investigation, will be delivered" is training.
_TOPIC = re.compile(
    r"\b(?:course|training|class|workshop|seminar|module)s?,?\s+(?:on|in)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)


# Words that only expect an act: "further repatriations are expected in the coming days" has
# not happened, and no one has pledged it. No stage of ours fits, so the editor chooses one.
_EXPECTED = re.compile(
    r"\b(?:expected|likely|set|poised|about|due)\s+to\b|\b(?:is|are)\s+expected\b|"
    r"\bin\s+the\s+coming\s+(?:days|weeks|months)\b",
    re.IGNORECASE,
)


# Modality before an act's word: "poised to sign", "plans to deploy", "will hold", "agreed to
# continue" have not happened, so the word does not give the stage of a done act.
_MODAL_BEFORE = re.compile(
    r"(?:\b(?:poised|about|set|due|expected|likely|plans?|planned|intends?|intended|hopes?|"
    r"seeks?|sought|wants?|wanted|ready|willing|agreed)\s+to|\b(?:will|would|could|(?-i:may)|might)"
    r"(?:\s+not)?(?:\s+be)?|\bto)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
_SPEECH = re.compile(
    # (a state news agency's "It is understood that …" tells what it was told)
    r"\b(?:said|says|announced|stated|told|declared)\b|"
    r"\bit\s+is\s+(?:understood|learned|learnt|reported)\b",
    re.IGNORECASE,
)
_CONTINUE = re.compile(r"\bagreed\s+to\s+(?:continue|keep|maintain|extend)\b", re.IGNORECASE)
# Stages of a done act, which modality withholds ("poised to sign" is not signed).
DONE_STAGES = {"signed", "started", "completed", "ended", "amended", "suspended", "rejected"}
# Stages of an act the report tells as done, whose date therefore ends by the publication.
TOLD_AS_DONE = DONE_STAGES | {"charged", "reported"}


# An order is itself the act: "told China to close two offices" closes them as far as the
# report goes (the stage of what was ordered), where "met to sign" did not sign.
_ORDERED = re.compile(
    r"\b(?:told|ordered|instructed|directed|forced|required)\s+(?:[\w'’]+\s+){0,3}to\s+"
    r"(?:\w+\s+)?$|"
    # a decision taken is the act done: "the government decided in February to keep the
    # memorandum in force, but without …", "Cabinet voted on Monday to suspend the patrols"
    r"\b(?:decided|voted|resolved|opted|chose)[,\s]+(?:[\w'’,]+\s+){0,4}?to\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)


def _modal(text: str, match: re.Match) -> bool:
    before = text[: match.start()]
    return bool(_MODAL_BEFORE.search(before)) and not _ORDERED.search(before)


# What was announced or said to be under way: "announced in October that it was
# investigating" tells the investigation, whose stage the words after "that" give.
_TOLD_THAT = re.compile(
    r"\b(?:announc\w*|said|says|confirmed|disclosed)\s+(?:[\w,]+\s+){0,6}?that\s", re.IGNORECASE
)


# A comment after the act, on it: "…, a step Beijing had pressed for", "…, the government said
# Thursday, days after a plan to bring in officers from China sparked criticism". Its words do
# not say what the act was, where the words before them do.
_COMMENT_AFTER = re.compile(
    r",\s+(?:(?:a|an)\s+(?:move|step|decision|development|measure|gesture)\b|"
    r"(?:days|weeks|months|hours)\s+after\b)[^;]*$",
    re.IGNORECASE,
)


@functools.lru_cache(maxsize=4096)
def suggest(text: str) -> tuple[str, str]:
    """The activity and stage the words suggest (`_suggest`), read first without a comment after
    the act (`_COMMENT_AFTER`). A sentence is asked several times as it is read: the answer is
    kept for the last 4,096 asked."""
    core = _COMMENT_AFTER.sub("", text)
    if core == text:
        return _suggest(text)
    activity, stage = _suggest(core)
    if activity and stage:
        return activity, stage
    whole_activity, whole_stage = _suggest(text)
    return activity or whole_activity, stage or whole_stage


def _suggest(text: str) -> tuple[str, str]:
    """The activity and stage the words suggest, from `KEYWORDS`: a word of what happened
    ("will deploy", "suspended") decides the stage before the stage an activity's own word
    implies ("deployed": started), words that only expect an act imply none, and a word of a
    done act under modality ("poised to sign", "plans to deploy") gives no done stage: "agreed
    to continue" is announced, a plan pledged."""
    if _CONTINUE.search(text):
        activity, _ = _suggest(_CONTINUE.sub(" ", text))
        return activity, "announced"
    activity = stage = ""
    suppressed = False
    expected = bool(_EXPECTED.search(text))
    rows = sorted(_keywords(), key=lambda row: bool(row[1]))  # stage-only rows first
    for pattern, row_activity, row_stage, _ in rows:
        if row_activity and expected:
            row_stage = ""  # an activity's own stage is what it is once done
        if not (row_activity and not activity or row_stage and not stage):
            continue
        matches = [
            m
            for m in pattern.finditer(text)
            if not _framed(text, m)
            and not _TOPIC.search(text, 0, m.start())
            # a stage unsaid is no stage: "put the patrols on hold in 2020, and they never resumed"
            and (row_activity or _stated(text, m))
        ]
        if not matches:
            continue
        activity = activity or row_activity
        if row_stage in DONE_STAGES and all(_modal(text, m) for m in matches):
            suppressed = True  # "poised to sign": not signed
            continue
        stage = stage or row_stage
    if expected and not stage and activity and _SPEECH.search(text):
        # "Thai officials say about 800 nationals are expected to be flown out over three
        # days": what a party says is to come is its announcement (unsaid, it is speculation)
        stage = "announced"
    if suppressed and not stage and not expected:
        # "said its police would stop the patrols" is an announcement; "will stop" a pledge.
        stage = "announced" if _SPEECH.search(text) else "pledged"
    told = _TOLD_THAT.search(text)
    if stage == "pledged" and told and told[0].lower().startswith("announc"):
        stage = "announced"  # "announced that it will hold ten more police courses"
    if stage == "announced" and told:
        # (what is announced as to come stays announced: "announced that it will hold ten
        # more courses")
        _, under_way = _suggest(text[told.end() :])
        stage = under_way if under_way not in ("", "pledged") else stage
    if stage == "announced" and activity == "scrutiny":
        stage = "charged"  # "said Meng was under investigation": the inquiry is the act
    if stage == "reported" and not activity:
        activity = "scrutiny"  # a report, article or allegation made public
    if stage == "signed" and activity not in ("agreement", "") and _DOCUMENT.search(text):
        # "a memorandum on joint police patrols signed by the two ministries": what is signed is
        # the document, an agreement on the activity
        activity = "agreement"
    if stage == "signed" and activity in ("", "visit"):
        # "a plan agreed at a ministerial meeting", "signed … during a visit": what is signed
        # or agreed is an agreement; the meeting is where
        activity = "agreement"
    return activity, stage


_DOCUMENT = re.compile(
    r"\b(?:agreements?|memorand(?:um|a)|MoUs?|treat(?:y|ies)|pacts?|accords?|deals?|"
    r"protocols?|(?:implementation|action)\s+plans?)\b",
    re.IGNORECASE,
)


# What the timeline is about: a paragraph that names none of it (China, policing, security,
# the justice system, the crimes police diplomacy answers) tells no event of the timeline, even
# with an act in it ("the Taliban consolidated their hold").
_DOMAIN = re.compile(
    r"\b(?:chin(?:a|ese)|beijing|prc|xinjiang|uy?[gi]hurs?|tibet(?:an)?s?|"
    r"polic(?:e|ing)|law[\s-]+enforcement|security|officers?|rcmp|fbi|mounties|"
    r"patrol\w*|interpol|public\s+security|surveillance|intelligence|prosecut\w*|courts?|indict\w*|"
    r"charged?|arrest\w*|scams?|fraud|traffick\w*|gambling|extradit\w*|deport\w*|"
    r"repatriat\w*|fugitives?|dissidents?|stations?\b|outposts?)\b",
    re.IGNORECASE,
)
# What only might have happened, or did not: "if one were agreed", "Neither government has
# confirmed", "not aware of any charges", "declined to discuss".
_SUPPOSED = re.compile(
    r"\bif\s+(?:\w+\s+){0,4}(?:were|was|had|is|are)\b|\bnot\s+aware\b|"
    # "Neither government has confirmed the deal" unsays it; "though neither government has
    # given details" does not
    r"\bneither\s+(?:\w+\s+){0,2}(?:has|have|had)\s+(?:\w+\s+)?(?:confirmed|announced|said|"
    r"acknowledged)\b|"
    r"\b(?:declined\s+to|(?:could|would|did)\s+not|cannot|can['’]t|couldn['’]t)\s+"
    # (not a date or a number left unsaid: "… agreed last year, but he did not say when")
    r"(?:discuss|comment|(?:say|confirm)(?!\s+(?:when|where|which|how\s+(?:many|long|much))\b))\b|"
    r"\bhas\s+not\s+(?:been\s+)?"
    r"(?:confirmed|announced)\b|"
    # advocacy is no act of the states it urges: "Rights advocates have urged Indonesia to make
    # sure …", "Rights researchers note that many of those sent back …" (their concern voiced
    # in public is scrutiny: `KEYWORDS`)
    r"^(?:[\w'’-]+\s+){0,3}?(?:rights\s+(?:groups?|advocates?|organi[sz]ations?|researchers?)|"
    r"advocates?|activists?|campaigners?|NGOs?|commentators?|analysts?|critics?|observers?|"
    r"(?:opposition\s+)?(?:MPs|lawmakers|legislators|politicians))\s+(?:\w+\s+){0,3}?(?:urged?|urging|"
    r"call(?:ed|s)?\s+on|press(?:ed|es)?|notes?|noted|warn(?:ed|s)?|questioned|argued|"
    r"suggested|speculated|wondered|doubted|expect(?:s|ed)?|predict(?:s|ed)?)\b|"
    # a committee's recommendation, and what no evidence shows: "We recommend that the
    # Government set out …", "We have received no evidence that any person has been charged"
    r"\b(?:we|it|the\s+committee)\s+(?:\w+\s+)?recommends?\b|\breceived\s+no\s+evidence\s+that\b|"
    # what cannot be until another act: "The treaty cannot take effect until … ratifies it"
    r"\bcannot\s+(?:take\s+effect|enter\s+into\s+force|come\s+into\s+force)\b|"
    # no plan: "the Government has no current plans to seek its ratification"
    r"\bno\s+(?:current\s+|immediate\s+|further\s+)?plans?\s+to\b|"
    # a recommendation: "Governments should decline to act on Chinese extradition requests"
    r"^(?:[\w'’-]+\s+){1,4}?should\s+(?!have\b)|"
    # what is only asked or wished: "Whether that target was met has never been confirmed",
    # "Chinese officials have said they would like the mechanism to take on …"
    r"^whether\b|\bwould\s+like\s+(?:\w+\s+){0,3}?to\b|^there['’]s\s+talk\b|"
    # a reporter's question and its answer: "Asked whether China had offered new equipment,
    # the official said: …" (not "Asked about the case, a spokesperson said …", a statement)
    r"^asked\s+(?:whether|if)\b|"
    # a parliamentary question: "To ask the Secretary of State for the Home Department, what
    # assessment she has made of reports that …"
    r"^to\s+ask\s+(?:the|whether|what|if)\b|"
    r"\b(?:could|might|may)\s+(?:yet|eventually|one\s+day)\b|"
    # what might come: "A new regional framework could emerge"
    r"^(?:[\w'’-]+\s+){1,6}(?:could|might)\s+(?:\w+\s+)?(?:emerge|follow|come|happen)\b",
    re.IGNORECASE,
)


# Activities whose words are of the timeline's subject themselves: "more than a dozen
# governments had said … that they were looking into the claims" (a paragraph of a figures page
# that names no police) is scrutiny of it.
ACTIVITIES_ON_SUBJECT = {"scrutiny", "repatriation"}


def about_the_timeline(text: str) -> bool:
    """Whether `text` names anything of China's policing diplomacy (`_DOMAIN`)."""
    return _DOMAIN.search(text) is not None


def only_supposed(text: str) -> bool:
    """Whether `text` tells an act only as supposed or not done (`_SUPPOSED`), or asks about
    it: a question ("Can the Minister confirm that … in August 2017?") states nothing."""
    return _SUPPOSED.search(text) is not None or text.rstrip(" \"”’').").endswith("?")
