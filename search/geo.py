"""Distances on the earth's surface, fast enough to sort thousands of provisions per query.

Within Berkelland (≤ 18 km) haversine differs from the geodesic by at most ~50 m.
"""

from __future__ import annotations

from math import acos, asin, cos, degrees, pi, radians, sin, sqrt

__all__ = ["EARTH_RADIUS_KM", "haversine_km", "bounding_box", "nearest_km", "unit_vector"]

EARTH_RADIUS_KM = 6371.0088  # mean earth radius (IUGG)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points."""
    p1, p2 = radians(lat1), radians(lat2)
    dlat = p2 - p1
    dlon = radians(lon2 - lon1)
    a = sin(dlat / 2) ** 2 + cos(p1) * cos(p2) * sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(a)))


def bounding_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """(min_lat, min_lon, max_lat, max_lon) of a box containing the circle of ``km`` around
    the point; a cheap prefilter before ``haversine_km``."""
    if km < 0:
        raise ValueError("radius must not be negative")
    dlat = degrees(km / EARTH_RADIUS_KM)
    min_lat, max_lat = lat - dlat, lat + dlat
    if max_lat >= 90.0 or min_lat <= -90.0:
        return max(min_lat, -90.0), -180.0, min(max_lat, 90.0), 180.0
    # widest longitude span of the circle (at its pole-most latitude)
    dlon = degrees(asin(min(1.0, sin(km / EARTH_RADIUS_KM) / cos(radians(lat)))))
    return min_lat, lon - dlon, max_lat, lon + dlon


def nearest_km(
    lat: float,
    lon: float,
    points: tuple[tuple[float, float], ...] | list[tuple[float, float]],
    box: tuple[float, float, float, float] | None = None,
) -> float | None:
    """Distance to the nearest of ``points``; with ``box``, points outside it are skipped."""
    best: float | None = None
    for plat, plon in points:
        if box is not None and not (box[0] <= plat <= box[2] and box[1] <= plon <= box[3]):
            continue
        d = haversine_km(lat, lon, plat, plon)
        if best is None or d < best:
            best = d
    return best


# --------------------------------------------------------------------------- grid cells
# A fixed lat/lon grid (cells of about 550 × 500 m in the Netherlands; coarse cells are
# 8 × 8 of them) to find points near a place without computing every distance, and unit
# vectors so that "within r km" is a dot product instead of a haversine.

CELL_LAT = 0.005
CELL_LON = 0.0075
COARSE = 8


def cell_of(lat: float, lon: float) -> tuple[int, int]:
    return (int(lat // CELL_LAT), int(lon // CELL_LON))


def coarse_of(cell: tuple[int, int]) -> tuple[int, int]:
    return (cell[0] // COARSE, cell[1] // COARSE)


def cell_range_km(lat: float, lon: float, cell: tuple[int, int], scale: int = 1) -> tuple[float, float]:
    """(lower, upper) bound of the distance from the point to anything in the cell
    (``scale`` = COARSE for a coarse cell). Triangle inequality around the cell centre."""
    i, j = cell
    dlat, dlon = CELL_LAT * scale, CELL_LON * scale
    clat, clon = (i + 0.5) * dlat, (j + 0.5) * dlon
    centre = haversine_km(lat, lon, clat, clon)
    # the corner farthest from the centre lies on the side nearer the equator or pole,
    # whichever is wider: take both and a small margin
    half = 1.001 * max(
        haversine_km(clat, clon, clat - dlat / 2, clon + dlon / 2),
        haversine_km(clat, clon, clat + dlat / 2, clon + dlon / 2),
    )
    return max(0.0, centre - half), centre + half


def unit_vector(lat: float, lon: float) -> tuple[float, float, float]:
    p, q = radians(lat), radians(lon)
    return (cos(p) * cos(q), cos(p) * sin(q), sin(p))


def min_dot(km: float) -> float:
    """Unit vectors of points within ``km`` of each other have a dot product ≥ this."""
    return cos(min(km / EARTH_RADIUS_KM, pi))


def dot_to_km(dot: float) -> float:
    return EARTH_RADIUS_KM * acos(max(-1.0, min(1.0, dot)))
