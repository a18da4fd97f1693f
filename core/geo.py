"""The map of the 14 communes: outlines read from GeoJSON, projected, turned into SVG paths.

Plain numbers in, strings out, no Django: the blocks and views build their context from
`commune_map()`, which is computed once per process (lru_cache) and never per request.

**Projection.** The communes span 0.2° of longitude and 0.15° of latitude around 50.44° N
(about 14 × 16.5 km). On such a small area a local equirectangular projection centred on the
territory — x = R·Δλ·cos φ₀ (east), y = R·Δφ (north) — is as good as a Lambert conformal one:
the east-west scale is exact on the central parallel and off by |tan φ₀ · Δφ| ≤ 0.16 % at the
northern and southern edges (Δφ ≤ 0.075° = 0.0013 rad, tan 50.44° ≈ 1.21), far below what a
map of 400 pixels can show. North is up, areas and distances are right within that margin
(tests/core/test_geo.py checks them against spherical references), and the inverse is one line.
Drawn 420 units wide, a unit is about 33 m: coordinates are rounded to 0.1 unit (3 m), which
keeps the 14 paths near 9 KB without simplification (the source is already simplified).
"""

import csv
import json
import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
GEOJSON_FILE = DATA_DIR / "communes-cahc.geojson"
CSV_FILE = DATA_DIR / "communes-cahc.csv"
EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)
WIDTH = 420  # viewBox width; the height follows the territory's shape
MARGIN = 6
ATTRIBUTION = "IGN – Admin Express"


class GeometryError(ValueError):
    """The GeoJSON file cannot be drawn; the message names the commune and says why."""


@dataclass(frozen=True)
class CommuneShape:
    code: str  # INSEE code
    name: str
    path: str  # SVG path data in viewBox units
    label_x: float  # a point well inside the commune, for its label
    label_y: float
    area_km2: float  # of the projected outline
    centroid_km: tuple[float, float]  # projected (east, north) from the projection's centre


@dataclass(frozen=True)
class CommuneMap:
    width: int
    height: int
    communes: tuple[CommuneShape, ...]  # in the order of their names
    origin: tuple[float, float]  # (longitude, latitude) of the projection's centre, degrees

    @property
    def codes(self):
        return [commune.code for commune in self.communes]

    def to_lonlat(self, east_km, north_km):
        """Inverse projection: projected kilometres back to (longitude, latitude) degrees."""
        lon0, lat0 = self.origin
        lon = lon0 + math.degrees(east_km / (EARTH_RADIUS_KM * math.cos(math.radians(lat0))))
        return lon, lat0 + math.degrees(north_km / EARTH_RADIUS_KM)


# --- reading and checking the file -------------------------------------------------------


def _cross(o, a, b):
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _segments_cross(p1, p2, q1, q2):
    """Whether two segments properly cross (touching at an end does not count)."""
    d1, d2 = _cross(q1, q2, p1), _cross(q1, q2, p2)
    d3, d4 = _cross(p1, p2, q1), _cross(p1, p2, q2)
    return d1 * d2 < 0 and d3 * d4 < 0


def _ring_problem(ring):
    """Why a linear ring cannot be drawn, or None."""
    if not isinstance(ring, list) or len(ring) < 4:
        return "un contour a moins de 4 points"
    for point in ring:
        if (
            not isinstance(point, list | tuple)
            or len(point) < 2
            or not all(isinstance(c, int | float) and math.isfinite(c) for c in point[:2])
        ):
            return f"coordonnée invalide {point!r}"
        if not (-180 <= point[0] <= 180 and -90 <= point[1] <= 90):
            return f"coordonnée hors des bornes longitude/latitude {point!r}"
    if list(ring[0][:2]) != list(ring[-1][:2]):
        return "un contour n'est pas fermé (le dernier point doit répéter le premier)"
    edges = list(zip(ring, ring[1:], strict=False))
    for i, (a, b) in enumerate(edges):
        for j in range(i + 2, len(edges)):
            if i == 0 and j == len(edges) - 1:
                continue  # the first and last edges meet at the closing point
            if _segments_cross(a, b, *edges[j]):
                return f"le contour se recoupe près de {list(a[:2])}"
    if abs(_shoelace(ring)) == 0:
        return "un contour a une aire nulle"
    return None


def _polygons(geometry):
    """The polygons (lists of rings, outer first) of a Polygon or MultiPolygon geometry."""
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    coordinates = geometry.get("coordinates") if kind else None
    if kind == "Polygon" and isinstance(coordinates, list) and coordinates:
        return [coordinates]
    if kind == "MultiPolygon" and isinstance(coordinates, list) and coordinates:
        if all(isinstance(polygon, list) and polygon for polygon in coordinates):
            return coordinates
    raise GeometryError(
        f"géométrie {kind or 'absente'} : un Polygon ou un MultiPolygon est attendu"
    )


def load_communes(path=GEOJSON_FILE):
    """[(INSEE code, name, polygons)] from a GeoJSON FeatureCollection, checked.

    Raises GeometryError naming the commune and the reason when a feature cannot be drawn."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise GeometryError(f"{path} : fichier GeoJSON illisible ({error})") from error
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise GeometryError(f"{path} : une FeatureCollection est attendue")
    features = document.get("features")
    if not isinstance(features, list):
        raise GeometryError(f"{path} : une FeatureCollection est attendue")
    communes, seen = [], set()
    for position, feature in enumerate(features, start=1):
        properties = (feature or {}).get("properties") or {}
        code, name = str(properties.get("code_insee") or ""), properties.get("nom") or ""
        where = f"{path}, commune {name or '?'} ({code or f'objet n° {position}'})"
        if not (len(code) == 5 and code.isalnum()) or not name:
            raise GeometryError(f"{where} : code_insee (5 caractères) et nom sont obligatoires")
        if code in seen:
            raise GeometryError(f"{where} : code INSEE en double")
        seen.add(code)
        try:
            polygons = _polygons(feature.get("geometry"))
        except GeometryError as error:
            raise GeometryError(f"{where} : {error}") from None
        for polygon in polygons:
            for ring in polygon:
                if problem := _ring_problem(ring):
                    raise GeometryError(f"{where} : {problem}")
        communes.append((code, name, polygons))
    if not communes:
        raise GeometryError(f"{path} : aucune commune")
    return communes


def reference_communes(path=CSV_FILE):
    """{INSEE code: name} of the communes list shipped with the outlines."""
    with open(path, encoding="utf-8", newline="") as file:
        return {row["insee_code"]: row["name"] for row in csv.DictReader(file)}


# --- geometry ---------------------------------------------------------------------------


def _shoelace(ring):
    """Twice the signed area of a closed ring (positive when counter-clockwise)."""
    return sum(
        x0 * y1 - x1 * y0 for (x0, y0, *_a), (x1, y1, *_b) in zip(ring, ring[1:], strict=False)
    )


def area_and_centroid(polygons):
    """Area and area-weighted centroid of polygons with holes, in the rings' units."""
    total = cx = cy = 0.0
    for polygon in polygons:
        for index, ring in enumerate(polygon):
            twice = _shoelace(ring)
            # Outer rings count positively, holes negatively, whatever their winding.
            sign = (1 if index == 0 else -1) * (1 if twice > 0 else -1)
            area = sign * twice / 2
            x = sum(
                (a[0] + b[0]) * (a[0] * b[1] - b[0] * a[1])
                for a, b in zip(ring, ring[1:], strict=False)
            )
            y = sum(
                (a[1] + b[1]) * (a[0] * b[1] - b[0] * a[1])
                for a, b in zip(ring, ring[1:], strict=False)
            )
            total += area
            cx += sign * x / 6
            cy += sign * y / 6
    return total, (cx / total, cy / total)


def _inside(point, rings):
    """Even-odd rule over all rings (so holes are outside)."""
    x, y = point
    inside = False
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                inside = not inside
    return inside


def _distance_to_edges(point, rings):
    x, y = point
    best = math.inf
    for ring in rings:
        for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
            dx, dy = x1 - x0, y1 - y0
            length = dx * dx + dy * dy
            t = 0 if not length else max(0, min(1, ((x - x0) * dx + (y - y0) * dy) / length))
            best = min(best, math.hypot(x - x0 - t * dx, y - y0 - t * dy))
    return best


def label_point(rings, steps=24):
    """A point inside the rings far from their edges (an approximate pole of inaccessibility):
    the best of a grid over the bounding box, then of a finer grid around it. Unlike the
    centroid, it is inside even for a crescent-shaped commune."""
    xs = [p[0] for ring in rings for p in ring]
    ys = [p[1] for ring in rings for p in ring]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    best, best_distance = None, -1.0
    for _round in range(2):
        step_x, step_y = (x1 - x0) / steps, (y1 - y0) / steps
        for i in range(steps + 1):
            for j in range(steps + 1):
                point = (x0 + i * step_x, y0 + j * step_y)
                if _inside(point, rings):
                    distance = _distance_to_edges(point, rings)
                    if distance > best_distance:
                        best, best_distance = point, distance
        if best is None:  # a sliver thinner than the grid: its first vertex will do
            return rings[0][0][0], rings[0][0][1]
        x0, x1 = best[0] - step_x, best[0] + step_x
        y0, y1 = best[1] - step_y, best[1] + step_y
    return best


def _number(value):
    """0.1-unit precision without a trailing ".0": "12.3", "12", "-0.4"."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def svg_path(polygons):
    """SVG path data, one subpath per ring; fill-rule evenodd draws the holes."""
    parts = []
    for polygon in polygons:
        for ring in polygon:
            points = [f"{_number(x)} {_number(y)}" for x, y in ring[:-1]]
            parts.append(f"M{points[0]}L{' '.join(points[1:])}Z")
    return "".join(parts)


def project(communes, width=WIDTH, margin=MARGIN):
    """The communes projected (see the module's docstring) and fitted into a viewBox
    `width` units wide, y pointing down as SVG wants."""
    lons = [
        p[0] for _c, _n, polygons in communes for poly in polygons for ring in poly for p in ring
    ]
    lats = [
        p[1] for _c, _n, polygons in communes for poly in polygons for ring in poly for p in ring
    ]
    lon0, lat0 = (min(lons) + max(lons)) / 2, (min(lats) + max(lats)) / 2
    kx = math.radians(1) * EARTH_RADIUS_KM * math.cos(math.radians(lat0))
    ky = math.radians(1) * EARTH_RADIUS_KM

    def km(point):
        return ((point[0] - lon0) * kx, (point[1] - lat0) * ky)

    east_min, east_max = (min(lons) - lon0) * kx, (max(lons) - lon0) * kx
    north_min, north_max = (min(lats) - lat0) * ky, (max(lats) - lat0) * ky
    scale = (width - 2 * margin) / (east_max - east_min)
    height = math.ceil((north_max - north_min) * scale + 2 * margin)

    def svg(point):
        return (margin + (point[0] - east_min) * scale, margin + (north_max - point[1]) * scale)

    shapes = []
    for code, name, polygons in communes:
        in_km = [[[km(p) for p in ring] for ring in polygon] for polygon in polygons]
        in_svg = [[[svg(p) for p in ring] for ring in polygon] for polygon in in_km]
        area, centroid = area_and_centroid(in_km)
        # The label goes in the largest polygon (a commune in several pieces).
        largest = max(in_svg, key=lambda polygon: abs(_shoelace(polygon[0])))
        x, y = label_point(largest)
        shapes.append(
            CommuneShape(code, name, svg_path(in_svg), round(x, 1), round(y, 1), area, centroid)
        )
    shapes.sort(key=lambda shape: sort_key(shape.name))
    return CommuneMap(width, height, tuple(shapes), (lon0, lat0))


def sort_key(name):
    """Alphabetical order with accents ignored: Évin-Malmaison among the E."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=1)
def commune_map():
    """The map of the shipped file, computed once per process."""
    return project(load_communes())


# --- classes and colours ------------------------------------------------------------------

# ColorBrewer's 5-class "Blues": one hue, lightness falling steadily, which readers with any
# colour-vision deficiency still order (ColorBrewer rates it colour-blind safe and printable).
PALETTE = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
MAX_CLASSES = len(PALETTE)


def classify(values, max_classes=MAX_CLASSES):
    """Class bounds for the known values: [(low, high)], at most `max_classes`, each bound a
    value of the data (so a legend never announces a value nobody has).

    Up to `max_classes` distinct values, one class each; otherwise quantiles of the sorted
    distinct values, which share out the communes evenly whatever the skew (counts of actors
    are very skewed: the two towns hold most of them)."""
    distinct = sorted(set(values))
    if len(distinct) <= max_classes:
        return [(value, value) for value in distinct]
    classes = []
    for index in range(max_classes):
        start = round(index * len(distinct) / max_classes)
        end = round((index + 1) * len(distinct) / max_classes) - 1
        classes.append((distinct[start], distinct[end]))
    return classes


def class_index(value, classes):
    """The index of the class holding `value`, or None for a missing value."""
    if value is None:
        return None
    for index, (_low, high) in enumerate(classes):
        if value <= high:
            return index
    return len(classes) - 1


def palette_for(count):
    """`count` colours of PALETTE spread from the lightest to the darkest."""
    if count <= 1:
        return [PALETTE[2]][:count]
    return [PALETTE[round(i * (len(PALETTE) - 1) / (count - 1))] for i in range(count)]
