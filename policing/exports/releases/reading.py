"""Reading a release back from its zip: whether the file is the one recorded (its SHA-256),
what changed in it (CHANGES.json) and an event as it holds it (events.ndjson)."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

from policing.exports.releases.building import CHANGES_JSON, NDJSON
from policing.exports.releases.changes import slug_of
from policing.models import Release


class ReleaseUnreadable(Exception):
    """The release's file is missing, or is not the file recorded; the message says which."""


def checked(release: Release) -> Release:
    """`release`, if its file is there with the SHA-256 recorded when it was made."""
    if not release.path.is_file():
        raise ReleaseUnreadable(f"The file of release {release.version} is missing.")
    digest = hashlib.sha256()
    with release.path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != release.checksum:
        raise ReleaseUnreadable(
            f"The file of release {release.version} is not the one made: its SHA-256 differs."
        )
    return release


def _member(release: Release, name: str):
    if not release.path.is_file():
        raise ReleaseUnreadable(f"The file of release {release.version} is missing.")
    try:
        archive = zipfile.ZipFile(release.path)
        return archive, archive.open(name)
    except (zipfile.BadZipFile, KeyError) as error:
        raise ReleaseUnreadable(
            f"Release {release.version}'s file cannot be read: {error}"
        ) from None


def changes_of(release: Release) -> dict:
    """The release's CHANGES.json."""
    archive, member = _member(release, CHANGES_JSON)
    with archive, member:
        return json.load(member)


def event_in(release: Release, slug: str) -> dict | None:
    """The event `slug` as the release holds it (its line of events.ndjson), or None."""
    archive, member = _member(release, NDJSON)
    with archive, member:
        for line in io.TextIOWrapper(member, encoding="utf-8", newline="\n"):
            if line.strip() and slug_of(line) == slug:
                return json.loads(line)
    return None
