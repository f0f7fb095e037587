"""Backup files: what one holds, how it is written, and what is checked before a restore.

A backup is one JSON object: a format marker and version, when it was written, the row count of
every backed-up table, and the rows as Django serializes them. The counts are what let a restore
refuse a file that was cut short or edited down to a subset instead of loading it.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import itertools
import json
import os
import tempfile
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from policing.text.errors import one_line

FORMAT = "policing-diplomacy-timeline-backup"
# Version 2 holds the research model (participants, actors, threads, relations); version 3 adds
# the review queue (proposals, the rejected ones included, which keep them from being proposed
# again); version 4 what each curated entry was when last loaded and the conflicts an update
# found (a restored site then updates from the fixtures as the site it was backed up from). A
# version 1 backup cannot be read by this code: restore it with the code of its time, migrate,
# back up again. Version 5 adds the corrections (changes to published events, with their
# reasons) and the releases, each with its zip (`releases`, below).
VERSION = 5

# Order matters for loading: what is referred to comes first.
BACKUP_MODELS = [
    "policing.country",
    "policing.source",
    "policing.passage",
    "policing.thread",
    "policing.actor",
    "policing.event",
    "policing.participant",
    "policing.eventactor",
    "policing.eventrelation",
    "policing.citation",
    "policing.figure",
    "policing.proposal",  # refers to sources, passages and the events it made or cited
    "policing.curatedbase",
    "policing.curatedconflict",  # refers to its base and the editor who decided it
    "policing.correction",  # refers to its event and its editor
    "reversion.revision",
    "reversion.version",
]

# The tables a backup of each version this code reads holds. Version 2 files are still read:
# they were written before proposals were backed up and hold no count for them, so what they
# restore is an empty review queue (the queue the restore replaces is in its pre-restore file).
# Version 3 files hold no curated bases: a site restored from one reads them from the history,
# as a site set up before they were kept does (corpus/bases.py).
CURATED = ["policing.curatedbase", "policing.curatedconflict"]
TABLES = {
    2: [
        label
        for label in BACKUP_MODELS
        if label not in ["policing.proposal", "policing.correction", *CURATED]
    ],
    3: [label for label in BACKUP_MODELS if label not in ["policing.correction", *CURATED]],
    4: [label for label in BACKUP_MODELS if label != "policing.correction"],
    VERSION: BACKUP_MODELS,
}

# Every working site has rows here (`make run` imports the corpus and the curated events), so a
# backup without them is not one to replace a site's data with.
CORE_MODELS = [
    "policing.country",
    "policing.source",
    "policing.passage",
    "policing.event",
    "policing.citation",
]


class BadBackup(Exception):
    """The file is not a complete backup of this project; the message says why."""


class LosslessEncoder(DjangoJSONEncoder):
    """Django's encoder cuts datetimes to milliseconds; a backup keeps every microsecond."""

    def default(self, o):
        if isinstance(o, dt.datetime | dt.time):
            return o.isoformat()
        return super().default(o)


def current_counts() -> dict[str, int]:
    return {label: apps.get_model(label)._default_manager.count() for label in BACKUP_MODELS}


def new_path(prefix: str) -> Path:
    """A new file in BACKUP_DIR named after the time, never one that already exists."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    directory = Path(settings.BACKUP_DIR)
    path = directory / f"{prefix}-{stamp}.json"
    for n in itertools.count(2):
        if not path.exists():
            return path
        path = directory / f"{prefix}-{stamp}-{n}.json"


def write_backup(path: Path) -> dict[str, int]:
    """Write a backup of the current data to `path` and return its counts.

    The file is readable by its owner only (it holds drafts and editors' usernames). It is
    written beside `path` and moved into place, so a file cut short never takes its name.
    """
    with transaction.atomic():  # one consistent view of the tables
        querysets = (
            apps.get_model(label)._default_manager.order_by("pk") for label in BACKUP_MODELS
        )
        objects = serializers.serialize(
            "python", itertools.chain.from_iterable(querysets), use_natural_foreign_keys=True
        )
        releases = releases_as_data()
    found = Counter(obj["model"] for obj in objects)
    counts = {label: found[label] for label in BACKUP_MODELS}
    envelope = {
        "format": FORMAT,
        "version": VERSION,
        "created": dt.datetime.now(dt.UTC),
        "counts": counts,
        "objects": objects,
        "releases": releases,
    }
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    descriptor, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")  # 0600
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            json.dump(envelope, stream, cls=LosslessEncoder, ensure_ascii=False, indent=1)
        os.replace(partial, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(partial)
        raise
    return counts


def read_backup(path: Path, *, old_format: bool = False) -> tuple[list[dict], dict[str, int], list]:
    """The objects, counts and releases of the backup at `path`, or BadBackup saying what is
    wrong.

    `old_format` accepts the plain list of objects written before backups carried counts; its
    counts are taken from the list itself, so only the checks that need no counts apply.
    """
    try:
        data = json.loads(path.read_bytes())
    except OSError as error:
        raise BadBackup(f"{path} cannot be read: {error.strerror}") from error
    except ValueError as error:  # also UnicodeDecodeError
        raise BadBackup(f"{path} is not JSON: {error}") from error

    if isinstance(data, list):
        if not old_format:
            raise BadBackup(
                f"{path} is a plain list of objects, the format of backups before they "
                "carried counts, so a file cut short cannot be told from a whole one. If you "
                "trust it, rerun with --old-format (tables that must have rows are still checked)"
            )
        objects = data
        found = _count(path, objects, BACKUP_MODELS, "a backup")
        counts = {label: found[label] for label in BACKUP_MODELS}
        releases = []
    else:
        objects, counts, version = _unwrap(path, data)
        found = _count(path, objects, TABLES[version], f"a version {version} backup")
        # A table the file's version does not hold was empty in it (version 2: no proposals).
        counts = {label: counts.get(label, 0) for label in BACKUP_MODELS}
        if wrong := count_differences(found, counts):
            raise BadBackup(f"{path} does not hold the rows its counts record ({'; '.join(wrong)})")
        releases = _releases(path, data.get("releases", []))

    empty = [label for label in CORE_MODELS if not counts[label]]
    if empty:
        raise BadBackup(
            f"{path} has no rows for {', '.join(empty)}, which every backup of a working site has"
        )
    return objects, counts, releases


# --- Releases: kept across restores ------------------------------------------------------------
#
# A release is immutable and public: a restore never deletes one. A backup carries every
# release with its zip; restoring puts back those the site lacks (row and file), leaves those it
# has, and refuses, before changing anything, a backup whose release of a version differs from
# the site's. Releases the site made after the backup stay.

RELEASE_FIELDS = ("version", "notes", "made_by", "counts", "base_url", "file", "size", "checksum")


def releases_as_data() -> list[dict]:
    """Every release, oldest first, as plain values with its entries and its zip (base64)."""
    Release = apps.get_model("policing.Release")
    data = []
    for release in Release.objects.order_by("created", "pk").select_related("previous"):
        if not release.path.is_file():
            raise BadBackup(
                f"the file of release {release.version} ({release.path}) is missing, so a "
                "backup could not restore it; put it back (from an earlier backup) first"
            )
        data.append(
            {
                **{name: getattr(release, name) for name in RELEASE_FIELDS},
                "created": release.created,
                "previous": release.previous.version if release.previous_id else None,
                "entries": list(release.entries.order_by("slug").values_list("slug", "change")),
                "zip": base64.b64encode(release.path.read_bytes()).decode("ascii"),
            }
        )
    return data


def _releases(path: Path, data) -> list[dict]:
    """The backup's releases, each checked: its fields, and its zip against its SHA-256."""
    if not isinstance(data, list):
        raise BadBackup(f"{path}: “releases” is not a list")
    checked = []
    for position, release in enumerate(data):
        needed = {*RELEASE_FIELDS, "created", "previous", "entries", "zip"}
        if not isinstance(release, dict) or needed - set(release):
            raise BadBackup(f"{path}: release {position} lacks some of {', '.join(sorted(needed))}")
        try:
            content = base64.b64decode(release["zip"], validate=True)
        except (ValueError, TypeError) as error:
            raise BadBackup(
                f"{path}: the zip of release {release['version']} is not base64"
            ) from error
        if hashlib.sha256(content).hexdigest() != release["checksum"]:
            raise BadBackup(
                f"{path}: the zip of release {release['version']} is not the one recorded "
                "(its SHA-256 differs)"
            )
        checked.append({**release, "zip": content})
    return checked


def release_conflicts(releases: list[dict]) -> list[str]:
    """The backup's releases that differ from the site's release of the same version."""
    Release = apps.get_model("policing.Release")
    here = dict(Release.objects.values_list("version", "checksum"))
    return [
        f"release {r['version']} (the backup's SHA-256 {r['checksum'][:12]}…, this site's "
        f"{here[r['version']][:12]}…)"
        for r in releases
        if r["version"] in here and here[r["version"]] != r["checksum"]
    ]


def restore_releases(releases: list[dict]) -> int:
    """Put back the backup's releases the site lacks, each with its file; how many."""
    Release = apps.get_model("policing.Release")
    Entry = apps.get_model("policing.ReleaseEntry")
    directory = Path(settings.RELEASES_DIR)
    added = 0
    for data in releases:
        if Release.objects.filter(version=data["version"]).exists():
            continue
        target = directory / data["file"]
        if target.exists():
            if hashlib.sha256(target.read_bytes()).hexdigest() != data["checksum"]:
                raise BadBackup(
                    f"{target} exists and is not release {data['version']}'s file; move it away"
                )
        else:
            directory.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f".{target.name}.restoring")
            partial.write_bytes(data["zip"])
            os.chmod(partial, 0o444)
            os.replace(partial, target)
        previous = Release.objects.filter(version=data["previous"]).first()
        created = data["created"]
        release = Release.objects.create(
            **{name: data[name] for name in RELEASE_FIELDS},
            created=dt.datetime.fromisoformat(created) if isinstance(created, str) else created,
            previous=previous,
        )
        Entry.objects.bulk_create(
            [Entry(release=release, slug=slug, change=change) for slug, change in data["entries"]],
            batch_size=2000,
        )
        added += 1
    return added


def missing_accounts(objects: list[dict]) -> list[str]:
    """The usernames the rows name (the history's authors, the review's deciders) that have no
    account on this site. Accounts are not backed up (they hold password hashes), so a restore
    onto a new machine would otherwise fail on the first revision its editor wrote."""
    user_model = get_user_model()
    names = set()
    for obj in objects:
        fields = obj.get("fields")
        if not isinstance(fields, dict):
            continue  # not a row: loading refuses it, and the restore with it
        model = apps.get_model(obj["model"])
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is user_model:
                value = fields.get(field.name)
                if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
                    names.add(value[0])  # a natural key: [username]
    known = user_model._default_manager.filter(username__in=names)
    return sorted(names - set(known.values_list("username", flat=True)))


def add_inactive_accounts(usernames: list[str]) -> None:
    """An inactive account without a password for each name: the history keeps who wrote it,
    and nobody can sign in as them until an administrator sets a password and activates them."""
    user_model = get_user_model()
    for username in usernames:
        account = user_model(username=username, is_active=False, password=make_password(None))
        try:
            account.full_clean()
        except ValidationError as error:
            raise BadBackup(
                f"it names an editor “{username}” who cannot have an account: {one_line(error)}"
            ) from None
        account.save()


def count_differences(found, counts: dict[str, int]) -> list[str]:
    """Each backed-up table whose rows are not as many as `counts` records, said in words."""
    return [
        f"{label}: {found[label]} rows, counts say {counts[label]}"
        for label in BACKUP_MODELS
        if found[label] != counts[label]
    ]


def _unwrap(path: Path, data) -> tuple[list, dict[str, int], int]:
    """The objects, counts and version of a backup file, each checked for its shape."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BadBackup(f"{path} is not a backup of this project (no “format”: “{FORMAT}”)")
    version = data.get("version")
    if type(version) is not int or version not in TABLES:
        readable = ", ".join(str(v) for v in sorted(TABLES)[:-1]) + f" and {max(TABLES)}"
        raise BadBackup(
            f"{path} is a backup of version {version!r}; this version reads {readable}"
            + (
                " (version 1 predates participants, actors and threads: restore it with the "
                "code of its time, run migrate, and back up again)"
                if data.get("version") == 1
                else ""
            )
        )
    counts, objects = data.get("counts"), data.get("objects")
    if not isinstance(counts, dict) or not isinstance(objects, list):
        raise BadBackup(f"{path} lacks its “counts” object or its “objects” list")
    tables = TABLES[version]
    missing = [label for label in tables if label not in counts]
    if missing:
        raise BadBackup(
            f"{path} lacks tables every version {version} backup has: {', '.join(missing)}"
        )
    unknown = sorted(set(counts) - set(tables))
    if unknown:
        raise BadBackup(
            f"{path} counts tables a version {version} backup does not hold: {', '.join(unknown)}"
        )
    bad = [label for label, n in counts.items() if type(n) is not int or n < 0]
    if bad:
        raise BadBackup(f"{path} has counts that are not row counts: {', '.join(bad)}")
    return objects, counts, version


def _count(path: Path, objects: list, tables: list[str], kind: str) -> Counter:
    """The rows per table in `objects`, refusing any of a table that `kind` does not hold."""
    found = Counter()
    for position, obj in enumerate(objects):
        model = obj.get("model") if isinstance(obj, dict) else None
        if model not in tables:
            raise BadBackup(
                f"{path}: object {position} is not a row of a table {kind} holds (model {model!r})"
            )
        found[model] += 1
    return found
