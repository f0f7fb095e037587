"""Write policing/timeline/worldmap.json, the map page's geometry, from Natural Earth.

The shapes are Natural Earth's 1:110m countries (public domain), as the npm package
world-atlas ships them in TopoJSON (installed by `npm ci` from package-lock.json). They are
projected once here, with the Equal Earth projection, rounded to a tenth of a unit of a
1000-unit-wide map and keyed by ISO 3166-1 alpha-2 code; nothing is fetched or projected when
a page is served. The map is centred on the Pacific (150°E), where most of China's
counterparts are, so its edges fall at 30°W, in the Atlantic. Countries too small for the
1:110m set (Tonga, Samoa, Kiribati, ...) are taken from the 1:50m set as a point only, where
the page draws a marker; the few not even there (Tuvalu, Tokelau, the Holy See) are placed at
their capitals (POINTS).

Run after upgrading world-atlas:  python manage.py build_world_map
(needs pycountry, from requirements-test.txt, to read the ISO numeric ids).
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from policing.timeline.worldmap import BASE_MAP_PATH, GEOMETRY_PATH, WIDTH

# Equal Earth (Šavrič, Patterson and Jenny, 2018).
A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
# The central meridian: the Pacific states, China and Australia in the middle of the map, its
# edges (the seam) at 30°W, where only Greenland's rings cross them.
CENTRE = 150.0
PROJECTION = f"Equal Earth projection, centred on the Pacific ({CENTRE:.0f}°E)"
# The map's extent: the whole width, from the Arctic to the Southern Ocean (no Antarctica).
NORTH, SOUTH = 84.0, -57.0
# Natural Earth features without an ISO numeric id, by their name.
UNCODED = {"Kosovo": "XK"}
DIGITS = 1
# States and territories not even in the 1:50m set, at their capital (longitude, latitude).
POINTS = {"TV": (179.19, -8.52), "TK": (-171.25, -9.37), "VA": (12.45, 41.90)}


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, -y  # SVG's y grows downwards


SCALE = WIDTH / (2 * equal_earth(180, 0)[0])
TOP = equal_earth(0, NORTH)[1] * SCALE
HEIGHT = round(equal_earth(0, SOUTH)[1] * SCALE - TOP, DIGITS)


def rotate(lon: float) -> float:
    """A longitude measured from the central meridian, from -180 to 180."""
    return (lon - CENTRE + 180) % 360 - 180


def project(lon: float, lat: float) -> tuple[float, float]:
    """A point on the map; its longitude measured from the central meridian (`rotate`)."""
    x, y = equal_earth(lon, lat)
    return round(x * SCALE + WIDTH / 2, DIGITS), round(y * SCALE - TOP, DIGITS)


class Topology:
    """A TopoJSON topology: its arcs decoded to longitude and latitude."""

    def __init__(self, data: dict):
        (kx, ky), (dx, dy) = data["transform"]["scale"], data["transform"]["translate"]
        self.arcs = []
        for arc in data["arcs"]:
            x = y = 0
            points = []
            for qx, qy in arc:
                x, y = x + qx, y + qy
                points.append((x * kx + dx, y * ky + dy))
            self.arcs.append(points)
        self.geometries = data["objects"]["countries"]["geometries"]

    def ring(self, indexes: list[int]) -> list[tuple[float, float]]:
        points: list[tuple[float, float]] = []
        for index in indexes:
            arc = self.arcs[index] if index >= 0 else self.arcs[~index][::-1]
            points.extend(arc[1:] if points else arc)
        return points

    def polygons(self, geometry: dict) -> list[list[list[tuple[float, float]]]]:
        if geometry["type"] == "Polygon":
            return [[self.ring(r) for r in geometry["arcs"]]]
        if geometry["type"] == "MultiPolygon":
            return [[self.ring(r) for r in polygon] for polygon in geometry["arcs"]]
        return []


def unwrap(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The ring with no jump of more than 180 degrees of longitude between two points."""
    points = [ring[0]]
    for lon, lat in ring[1:]:
        previous = points[-1][0]
        while lon - previous > 180:
            lon -= 360
        while lon - previous < -180:
            lon += 360
        points.append((lon, lat))
    return points


def clip(ring, low: float, high: float) -> list[tuple[float, float]]:
    """The part of a ring between two meridians (Sutherland-Hodgman, one edge at a time)."""

    def cut(points, inside, edge):
        result = []
        for (x0, y0), (x1, y1) in zip(points[-1:] + points[:-1], points, strict=True):
            if inside(x1):
                if not inside(x0):
                    result.append((edge, y0 + (y1 - y0) * (edge - x0) / (x1 - x0)))
                result.append((x1, y1))
            elif inside(x0):
                result.append((edge, y0 + (y1 - y0) * (edge - x0) / (x1 - x0)))
        return result

    points = cut(list(ring), lambda x: x <= high, high)
    return cut(points, lambda x: x >= low, low) if points else []


def split_at_seam(ring) -> list[list[tuple[float, float]]]:
    """The ring with its longitudes measured from the central meridian, cut into one ring on
    each side of the map where it crosses the seam (Greenland). Rings that cross 180° (Fiji,
    Chukotka) are joined again by `unwrap` and come out whole, in the middle of the map."""
    ring = unwrap(ring)
    turn = rotate(ring[0][0]) - ring[0][0]
    ring = [(lon + turn, lat) for lon, lat in ring]
    lons = [lon for lon, _ in ring]
    if min(lons) >= -180 and max(lons) <= 180:
        return [ring]
    # The part between the edges, then the parts beyond them, each brought round to its side.
    pieces = []
    for shift in (0, 360, -360):
        piece = clip([(lon + shift, lat) for lon, lat in ring], -180, 180)
        if len(piece) >= 3 and any(-180 < lon < 180 for lon, _ in piece):
            pieces.append(piece)
    return pieces


def alpha_2(geometry: dict) -> str:
    import pycountry

    name = geometry.get("properties", {}).get("name", "")
    if geometry.get("id") is None:
        return UNCODED.get(name, "")
    country = pycountry.countries.get(numeric=geometry["id"])
    return country.alpha_2 if country else ""


def area_and_centre(ring: list[tuple[float, float]]) -> tuple[float, float, float]:
    """A projected ring's area and centroid (shoelace)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if not area:
        xs, ys = zip(*ring, strict=True)
        return 0.0, sum(xs) / len(xs), sum(ys) / len(ys)
    return abs(area) / 2, cx / (3 * area), cy / (3 * area)


def path_data(polygons) -> tuple[str, list[tuple[float, float, float]]]:
    """SVG path data (relative moves, repeated points dropped) and each outer ring's area and
    centre."""
    parts, outers = [], []
    for polygon in polygons:
        rings = [(n, piece) for n, ring in enumerate(polygon) for piece in split_at_seam(ring)]
        for number, ring in rings:
            points = []
            for lon, lat in ring:
                point = project(lon, max(min(lat, NORTH), SOUTH))
                if not points or point != points[-1]:
                    points.append(point)
            if len(points) > 1 and points[0] == points[-1]:
                points.pop()
            if len(points) < 3:
                continue
            if number == 0:
                outers.append(area_and_centre(points))
            steps = [f"M{_n(points[0][0])} {_n(points[0][1])}"]
            for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
                steps.append(f"{_n(x1 - x0)} {_n(y1 - y0)}")
            parts.append(steps[0] + "l" + " ".join(steps[1:]) + "z")
    return "".join(parts), outers


def _n(value: float) -> str:
    """A coordinate, short: one decimal at most, no leading zero (".5", "-.5")."""
    text = f"{value:.{DIGITS}f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        return "0"
    if text.startswith(("0.", "-0.")):
        text = text.replace("0.", ".", 1)
    return text


class Command(BaseCommand):
    help = "Project Natural Earth's countries (npm world-atlas) to policing/timeline/worldmap.json."

    def add_arguments(self, parser):
        parser.add_argument(
            "--atlas",
            default=str(Path(settings.BASE_DIR) / "node_modules" / "world-atlas"),
            help="The world-atlas package folder (default: node_modules/world-atlas).",
        )

    def handle(self, *args, atlas: str, **options):
        folder = Path(atlas)
        coarse = Topology(json.loads((folder / "countries-110m.json").read_text()))
        fine = Topology(json.loads((folder / "countries-50m.json").read_text()))
        countries, shapes = {}, []
        for geometry in coarse.geometries:
            code = alpha_2(geometry)
            if code == "AQ":  # below the map's southern edge
                continue
            d, outers = path_data(coarse.polygons(geometry))
            if not d:
                continue
            if not code or code in countries:
                shapes.append(d)  # drawn, not a country the timeline can name
                continue
            area, x, y = max(outers)
            countries[code] = {"d": d, "x": round(x, DIGITS), "y": round(y, DIGITS)}
            countries[code]["area"] = round(sum(a for a, _, _ in outers), DIGITS)
        for geometry in fine.geometries:
            code = alpha_2(geometry)
            if not code or code in countries:
                continue
            _, outers = path_data(fine.polygons(geometry))
            if outers:
                area, x, y = max(outers)
                countries[code] = {"x": round(x, DIGITS), "y": round(y, DIGITS), "area": 0}
        for code, (lon, lat) in POINTS.items():
            if code not in countries:
                x, y = project(rotate(lon), lat)
                countries[code] = {"x": x, "y": y, "area": 0}
        version = json.loads((folder / "package.json").read_text())["version"]
        result = {
            "source": f"Natural Earth 1:110m countries (world-atlas {version}), public domain",
            "projection": PROJECTION,
            "width": WIDTH,
            "height": HEIGHT,
            "countries": dict(sorted(countries.items())),
        }
        GEOMETRY_PATH.write_text(json.dumps(result, separators=(",", ":")) + "\n")
        size = GEOMETRY_PATH.stat().st_size
        self.stdout.write(f"Wrote {GEOMETRY_PATH.name}: {len(countries)} countries, {size} bytes")
        # Every shape in one grey, for the page to lay under the countries it draws itself:
        # a static file, so browsers keep it across pages and filters.
        land = [c["d"] for c in result["countries"].values() if c.get("d")] + shapes
        BASE_MAP_PATH.parent.mkdir(parents=True, exist_ok=True)
        BASE_MAP_PATH.write_text(
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}">'
            f"<!-- {result['source']}; {result['projection']} -->"
            '<g fill="#e2ded6" stroke="#fff" stroke-width=".4">'
            + "".join(f'<path d="{d}"/>' for d in land)
            + "</g></svg>\n"
        )
        size = BASE_MAP_PATH.stat().st_size
        self.stdout.write(f"Wrote {BASE_MAP_PATH.name}: {size} bytes")
