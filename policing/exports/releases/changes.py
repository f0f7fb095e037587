"""What changed between two releases: events added, withdrawn (with the editors' reasons), and
for each changed event the fields that changed, old and new, with the reasons the editors gave
(the corrections made between the two releases).

Two releases are compared line by line of their events.ndjson, by slug, each line's digest
taken without the site address its links were made with (a release made at another address
changes no event); only the events that differ are read whole.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from policing.models import Correction, CorrectionKind

# A field the contract derives from others is named only where none of those changed: a new
# EDTF date is one change, not eleven.
DERIVED = {
    "kind": ("activity", "stage"),
    "countries": ("participants",),
    "independent_sources": ("citations",),
    **{
        name: ("date_edtf",)
        for name in (
            "date_start",
            "date_precision",
            "date_approximate",
            "date_end",
            "date_earliest",
            "date_latest",
            "date_in_words",
            "years_placed",
            "year_certain",
        )
    },
}


def slug_of(line: str) -> str:
    """The slug of an events.ndjson line: the contract's first field."""
    prefix = '{"slug": "'
    if line.startswith(prefix):
        return line[len(prefix) : line.index('"', len(prefix))]
    return json.loads(line)["slug"]


def digest(line: str, base_url: str) -> bytes:
    return hashlib.blake2b(
        line.rstrip("\n").replace(base_url, "").encode(), digest_size=16
    ).digest()


def fingerprints(lines: Iterable[str], base_url: str) -> dict[str, bytes]:
    """Each event's slug and the digest of its line."""
    return {slug_of(line): digest(line, base_url) for line in lines if line.strip()}


def without_base(value, base_url: str):
    """`value` with the site address taken out of every string in it."""
    if isinstance(value, str):
        return value.replace(base_url, "") if base_url else value
    if isinstance(value, list):
        return [without_base(item, base_url) for item in value]
    if isinstance(value, dict):
        return {key: without_base(item, base_url) for key, item in value.items()}
    return value


def field_changes(old: dict, new: dict, *, old_base: str, new_base: str) -> list[dict]:
    """The contract's fields that differ, in the contract's order: `{field, old, new}`, the
    values as each release holds them."""
    differ = [
        key
        for key in new
        if without_base(old.get(key), old_base) != without_base(new[key], new_base)
    ]
    differ += [key for key in old if key not in new]
    shown = [k for k in differ if not any(source in differ for source in DERIVED.get(k, ()))]
    return [{"field": key, "old": old.get(key), "new": new.get(key)} for key in shown]


def reasons_by_slug(after, until) -> dict[str, list[dict]]:
    """The corrections made after `after` (a datetime, or None) up to `until`, by the slug of
    the event they changed, oldest first: what the editors said, when, and what it changed."""
    found: dict[str, list[dict]] = {}
    rows = (
        Correction.objects.between(after, until).select_related("event").order_by("created", "pk")
    )
    for row in rows.iterator():
        found.setdefault(row.slug, []).append(
            {
                "date": row.created.isoformat(timespec="seconds"),
                "kind": row.kind,
                "fields": row.fields_in_words,
                "reason": row.reason,
            }
        )
        if row.event_id and row.event and row.event.slug != row.slug:
            found.setdefault(row.event.slug, []).append(found[row.slug][-1])
    return found


def compare(old: dict[str, bytes], new: dict[str, bytes]) -> tuple[list[str], list[str], list[str]]:
    """The slugs added, withdrawn and changed from `old` to `new` fingerprints, sorted."""
    added = sorted(new.keys() - old.keys())
    withdrawn = sorted(old.keys() - new.keys())
    changed = sorted(slug for slug in new.keys() & old.keys() if new[slug] != old[slug])
    return added, withdrawn, changed


def read_objects(lines: Iterable[str], slugs: set[str]) -> dict[str, dict]:
    """The export objects of `slugs` among events.ndjson `lines`."""
    return {
        slug: json.loads(line)
        for line in lines
        if line.strip() and (slug := slug_of(line)) in slugs
    }


def changes_document(
    *,
    version: str,
    previous: str | None,
    created: str,
    added: list[dict],
    withdrawn: list[dict],
    changed: list[dict],
) -> dict:
    """CHANGES.json: the release, the one it is compared with, and the three lists."""
    return {
        "release": version,
        "previous": previous,
        "created": created,
        "added": added,
        "withdrawn": withdrawn,
        "changed": changed,
    }


def withdrawn_reasons(reasons: list[dict]) -> list[dict]:
    """Of an event's corrections, those that withdrew it (else all: it may have been deleted)."""
    withdrawals = [r for r in reasons if r["kind"] == CorrectionKind.WITHDRAWN]
    return withdrawals or reasons


def _value(value) -> str:
    if isinstance(value, str):
        return f"“{value}”" if value else "(empty)"
    if value is None:
        return "(none)"
    return "`" + json.dumps(value, ensure_ascii=False) + "`"


def _reasons_md(reasons: list[dict]) -> list[str]:
    if not reasons:
        return [
            "  - Reason: none recorded (changed outside the admin, or before reasons were asked)."
        ]
    return [
        f"  - {r['date'][:10]}, {r['fields'] or r['kind']}: {r['reason'] or 'no reason given'}"
        for r in reasons
    ]


def changes_markdown(document: dict, *, site: str) -> str:
    """CHANGES.md: the same as CHANGES.json, for people."""
    version, previous = document["release"], document["previous"]
    lines = [f"# {site}: changes in release {version}", ""]
    if previous is None:
        lines += [
            f"The first release: {len(document['added'])} published events, all new.",
            "",
        ]
    else:
        lines += [
            f"Compared with release {previous}: {len(document['added'])} added, "
            f"{len(document['withdrawn'])} withdrawn, {len(document['changed'])} changed.",
            "",
        ]
    lines += [f"## Added ({len(document['added'])})", ""]
    lines += [f"- `{e['slug']}`: {e['title']}" for e in document["added"]] or ["None."]
    lines += ["", f"## Withdrawn ({len(document['withdrawn'])})", ""]
    for event in document["withdrawn"]:
        lines.append(f"- `{event['slug']}`: {event['title']}")
        lines += _reasons_md(event["reasons"])
    if not document["withdrawn"]:
        lines.append("None.")
    lines += ["", f"## Changed ({len(document['changed'])})", ""]
    for event in document["changed"]:
        lines += [f"### `{event['slug']}`: {event['title']}", "", "Why (the editors' reasons):", ""]
        lines += _reasons_md(event["reasons"])
        lines += ["", "| Field | Was | Is now |", "| --- | --- | --- |"]
        for change in event["fields"]:
            old, new = (_value(change[k]).replace("|", "\\|") for k in ("old", "new"))
            lines.append(f"| `{change['field']}` | {old} | {new} |")
        lines.append("")
    if not document["changed"]:
        lines.append("None.")
    return "\n".join(lines).rstrip() + "\n"
