"""Releases of the published data: built once as a Frictionless Data Package (building.py,
from the tables of tables.py, the codebook of codebook.py and the changes of changes.py), and
read back (reading.py)."""

from policing.exports.releases.building import file_name, make_release, release_url
from policing.exports.releases.reading import ReleaseUnreadable, changes_of, checked, event_in

__all__ = [
    "ReleaseUnreadable",
    "changes_of",
    "checked",
    "event_in",
    "file_name",
    "make_release",
    "release_url",
]
