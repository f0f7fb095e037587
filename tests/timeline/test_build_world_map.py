"""build_world_map centres the map on the Pacific (150°E): a ring crossing the map's edge, at
30°W, is cut into one ring on each side, and one crossing 180° (Fiji) stays whole in the
middle; neither draws a line across the map."""

import math

from policing.management.commands.build_world_map import WIDTH, project, split_at_seam


def projected(ring) -> list[tuple[float, float]]:
    return [project(lon, lat) for lon, lat in ring]


def longest_step(points) -> float:
    """The longest segment of a closed ring."""
    return max(math.dist(a, b) for a, b in zip(points, points[1:] + points[:1], strict=True))


def test_a_ring_crossing_the_seam_comes_out_as_one_ring_on_each_side():
    # Land from 40°W to 20°W, as Greenland is across 30°W.
    ring = [(-40.0, 60.0), (-20.0, 60.0), (-20.0, 70.0), (-40.0, 70.0), (-40.0, 60.0)]
    pieces = split_at_seam(ring)
    assert len(pieces) == 2
    east, west = sorted(pieces, key=lambda piece: min(lon for lon, _ in piece))
    # East of 30°W runs from the map's western edge, west of it up to the eastern edge.
    assert (min(lon for lon, _ in east), max(lon for lon, _ in east)) == (-180, -170)
    assert (min(lon for lon, _ in west), max(lon for lon, _ in west)) == (170, 180)
    east, west = projected(east), projected(west)
    assert all(x < WIDTH / 4 for x, _ in east)
    assert all(x > WIDTH * 3 / 4 for x, _ in west)
    assert longest_step(east) < WIDTH / 2
    assert longest_step(west) < WIDTH / 2


def test_a_ring_crossing_180_degrees_stays_whole_in_the_middle_of_the_map():
    # An island from 178°E to 179°W, as Fiji's are, stored with the jump at 180° Natural
    # Earth's rings have there.
    ring = [(178.0, -17.0), (180.0, -17.0), (-180.0, -17.0), (-179.0, -17.0)]
    ring += [(-179.0, -16.0), (-180.0, -16.0), (180.0, -16.0), (178.0, -16.0), (178.0, -17.0)]
    [piece] = [projected(piece) for piece in split_at_seam(ring)]
    assert longest_step(piece) < WIDTH / 50
    assert all(WIDTH / 3 < x < WIDTH * 2 / 3 for x, _ in piece)


def test_a_ring_away_from_the_seam_is_moved_whole():
    ring = [(10.0, 0.0), (20.0, 0.0), (20.0, 10.0), (10.0, 0.0)]  # in Africa
    [piece] = split_at_seam(ring)
    assert [lon for lon, _ in piece] == [-140.0, -130.0, -130.0, -140.0]
