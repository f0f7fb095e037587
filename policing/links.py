"""Addresses on the site: pages by slug or code, a citation's link to its exact words, and a
query with parameters changed (every query string a page writes is built here)."""

from __future__ import annotations

import functools
from collections.abc import Iterable
from urllib.parse import quote as urlquote
from urllib.parse import quote_plus, urlsplit

from django.http import HttpRequest, QueryDict
from django.urls import get_script_prefix, get_urlconf, reverse

_KEY = "__key__"


def base_url(request: HttpRequest) -> str:
    """The scheme and host a request came to, e.g. `https://timeline.example.org`: followed by
    a site path (which carries any script prefix) it is that page's absolute URL. Exports
    build every absolute link from it."""
    return request.build_absolute_uri("/").removesuffix("/")


def checked_base_url(text: str) -> str:
    """`text` as a base URL (`http[s]://host[:port]`, no path), or ValueError saying why not;
    for `export_events`, which has no request to take one from."""
    parts = urlsplit(text.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ValueError(
            f"“{text}” is not a base URL: give the scheme and host, e.g. https://example.org."
        )
    if parts.path not in {"", "/"} or parts.query or parts.fragment:
        raise ValueError(f"“{text}” has a path, query or fragment: give only the scheme and host.")
    return f"{parts.scheme}://{parts.netloc}"


@functools.lru_cache(maxsize=64)
def _address_pattern(name: str, prefix: str, urlconf) -> str:
    return reverse(name, args=[_KEY])


def addresser():
    """`address` for many keys at once, reading the script prefix and URLconf once, and each
    name's pattern once: a page of cards links some 70 events, countries and sources, an
    export of 10,000 events 30,000 (a plain dict, half the time of the cached function's
    look-up each time)."""
    prefix, urlconf = get_script_prefix(), get_urlconf()
    patterns: dict[str, str] = {}

    def at(name: str, key: str) -> str:
        if (pattern := patterns.get(name)) is None:
            pattern = patterns[name] = _address_pattern(name, prefix, urlconf)
        return pattern.replace(_KEY, key)

    return at


def address(name: str, key: str) -> str:
    """`reverse(name, args=[key])` for a slug or code, at a fraction of its cost.

    A timeline page links to dozens of events, countries and sources, and reverse() for each
    was a third of the time spent rendering its cards. Each URL is reversed once (per script
    prefix and URLconf) with a placeholder, which the key then replaces: slugs and country
    codes are URL-safe as they are.
    """
    return _address_pattern(name, get_script_prefix(), get_urlconf()).replace(_KEY, key)


def citation_address(
    source_slug: str, anchor: str | None, quoted: str, event_slug: str = "", *, at=None
) -> str:
    """Where a citation links: its paragraph in the source reader, with a `:~:text=`
    directive so supporting browsers highlight the exact words, and `?event=` naming the
    citing event, so the reader marks that event's words apart from other events' quotes
    of the same paragraph (without JavaScript too: a fragment never reaches the server).
    `at` is an `addresser()` to reuse when linking many."""
    source = (at or address)("source-detail", source_slug)
    if event_slug:
        source = f"{source}?event={event_slug}"
    return f"{source}#{anchor}:~:{text_fragment(quoted)}" if anchor else source


def text_fragment(quoted: str) -> str:
    """The directive for `quoted`: all of it up to eight words, else its first and last four."""
    words = quoted.split()
    if len(words) <= 8:
        return "text=" + _fragment_part(" ".join(words))
    return (
        "text=" + _fragment_part(" ".join(words[:4])) + "," + _fragment_part(" ".join(words[-4:]))
    )


# `quote(text, safe="")` for ASCII text, as one `str.translate`: "," and "&" have meaning
# inside a text directive, so they must be percent-encoded. (A card page quotes some fifty
# fragments, and `quote` looks up each byte of each in turn.)
_ASCII_QUOTED = {c: urlquote(chr(c), safe="") for c in range(128)}


def _fragment_part(text: str) -> str:
    return text.translate(_ASCII_QUOTED) if text.isascii() else urlquote(text, safe="")


def querystring(query, **changes) -> str:
    """`query` (a QueryDict) with `changes` made, as Django's `{% querystring %}` tag gives it:
    a value of None removes a parameter, a list sets all of its values; "?" and the encoded
    parameters, or "" when both are empty. Without the tag's deep copy of the QueryDict, which
    cost more than the rest of a link, and the results region writes a dozen of them."""
    lists = dict(query.lists())
    for name, value in changes.items():
        if value is None:
            lists.pop(name, None)
        elif isinstance(value, Iterable) and not isinstance(value, str):
            lists[name] = list(value)
        else:
            lists[name] = [value]
    if not lists and not query:
        return ""
    return "?" + "&".join(
        f"{quote_plus(name)}={quote_plus(str(value))}"
        for name, values in lists.items()
        for value in values
    )


def query_without(query: QueryDict, *names: str) -> QueryDict:
    """A mutable copy of `query` without the parameters `names`.

    Copied list by list: `QueryDict.copy()` deep-copies every value, and a timeline page makes
    some thirty of these copies (its chips, options and links)."""
    copy = QueryDict(mutable=True)
    for name, values in query.lists():  # lists() gives each list as a new list
        if name not in names:
            copy.setlist(name, values)
    return copy


def with_params(query: QueryDict, *dropped: str, **values) -> str:
    """`query` without the parameters `dropped`, with each of `values` set to that one value
    after the rest (None: removed), urlencoded without "?": a link to the same page seen
    another way (`with_params(query, "page", view="axis")`)."""
    changed = query_without(query, *dropped, *values)
    for name, value in values.items():
        if value is not None:
            changed[name] = str(value)
    return changed.urlencode()


def with_first(query: QueryDict, name: str, value, *dropped: str) -> str:
    """A query ("?…") with `name` set to `value` alone, first, then `query` without `name`
    and the parameters `dropped`: a link that narrows a page to one option (a country on the
    map)."""
    first = QueryDict(mutable=True)
    first[name] = str(value)
    rest = query_without(query, name, *dropped)
    return "?" + "&".join(part for part in (first.urlencode(), rest.urlencode()) if part)
