"""The world map's geometry: Natural Earth's countries, projected once (Equal Earth, centred on
the Pacific) by `manage.py build_world_map` into worldmap.json, and read here once per process."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

GEOMETRY_PATH = Path(__file__).with_name("worldmap.json")
# The same shapes in one grey, which the page lays under the countries it draws.
BASE_MAP = "map/world.svg"
BASE_MAP_PATH = Path(__file__).resolve().parents[2] / "static" / BASE_MAP
WIDTH = 1000


@cache
def geometry() -> dict:
    """{"projection", "width", "height", "countries": {alpha-2: {"d", "x", "y", "area"}}}:
    a country's path data (absent for those too small for the 1:110m set), its label point
    and its projected area in square units of the map."""
    return json.loads(GEOMETRY_PATH.read_text())
