"""The world map's geometry: Natural Earth's countries, projected once (Equal Earth) by
`manage.py build_world_map` into worldmap.json, and read here once per process."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

GEOMETRY_PATH = Path(__file__).with_name("worldmap.json")
WIDTH = 1000


@cache
def geometry() -> dict:
    """{"width", "height", "countries": {alpha-2: {"d", "x", "y", "area"}}, "other_shapes"}:
    a country's path data (absent for those too small for the 1:110m set), its label point
    and its projected area in square units of the map."""
    return json.loads(GEOMETRY_PATH.read_text())
