"""core/geo.py: the outlines of the 14 communes, projected, checked against references
computed here independently (on the sphere, without the module's projection)."""

import json
import math

import pytest

from core import geo

R = geo.EARTH_RADIUS_KM
SHARED_CSV = "communes-cahc.csv"


def rings_by_code():
    return {code: polygons for code, _name, polygons in geo.load_communes()}


def spherical_area_km2(polygons):
    """Area on the sphere (Chamberlain & Duquette's formula for polygons on a sphere)."""
    total = 0.0
    for polygon in polygons:
        for index, ring in enumerate(polygon):
            twice = sum(
                math.radians(lon2 - lon1)
                * (2 + math.sin(math.radians(lat1)) + math.sin(math.radians(lat2)))
                for (lon1, lat1), (lon2, lat2) in zip(ring, ring[1:], strict=False)
            )
            total += (abs(twice) if index == 0 else -abs(twice)) * R * R / 2
    return total


def vector(lon, lat):
    lon, lat = math.radians(lon), math.radians(lat)
    return (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))


def spherical_centroid(polygons):
    """Area-weighted centroid from a fan of triangles in 3-D, back to longitude/latitude."""
    sx = sy = sz = total = 0.0
    for polygon in polygons:
        ring = [vector(lon, lat) for lon, lat in polygon[0]]
        apex = ring[0]
        for b, c in zip(ring[1:], ring[2:], strict=False):
            ab = [b[i] - apex[i] for i in range(3)]
            ac = [c[i] - apex[i] for i in range(3)]
            normal = (
                ab[1] * ac[2] - ab[2] * ac[1],
                ab[2] * ac[0] - ab[0] * ac[2],
                ab[0] * ac[1] - ab[1] * ac[0],
            )
            # Signed by the outward radial direction, so a concave fan subtracts correctly.
            middle = [(apex[i] + b[i] + c[i]) / 3 for i in range(3)]
            weight = sum(normal[i] * middle[i] for i in range(3)) / 2
            sx, sy, sz = sx + weight * middle[0], sy + weight * middle[1], sz + weight * middle[2]
            total += weight
    # Dividing by the total weight undoes the ring's winding (clockwise gives negative weights).
    sx, sy, sz = sx / total, sy / total, sz / total
    return math.degrees(math.atan2(sy, sx)), math.degrees(math.atan2(sz, math.hypot(sx, sy)))


def haversine_km(a, b):
    (lon1, lat1), (lon2, lat2) = [(math.radians(x), math.radians(y)) for x, y in (a, b)]
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * R * math.asin(math.sqrt(h))


def test_the_outlines_are_the_14_communes_of_the_list_shipped_with_them():
    assert sorted(rings_by_code()) == sorted(geo.reference_communes())
    assert len(geo.commune_map().communes) == 14
    names = {c.code: c.name for c in geo.commune_map().communes}
    assert names == geo.reference_communes()


def test_projected_areas_match_the_spherical_areas_within_half_a_percent():
    reference = rings_by_code()
    for commune in geo.commune_map().communes:
        expected = spherical_area_km2(reference[commune.code])
        assert commune.area_km2 == pytest.approx(expected, rel=0.005), commune.name
    # The two towns are the largest communes, Drocourt among the smallest (orders of magnitude
    # a reader of the map would notice if the projection stretched them).
    areas = {c.name: c.area_km2 for c in geo.commune_map().communes}
    assert 18 < areas["Carvin"] < 25 and 18 < areas["Hénin-Beaumont"] < 25
    assert 2.5 < areas["Drocourt"] < 4.5


def test_projected_centroids_fall_within_20_metres_of_the_spherical_centroids():
    reference = rings_by_code()
    shapes = geo.commune_map()
    for commune in shapes.communes:
        expected = spherical_centroid(reference[commune.code])
        found = shapes.to_lonlat(*commune.centroid_km)
        assert haversine_km(found, expected) < 0.02, commune.name


def test_north_is_up_and_distances_are_true():
    shapes = geo.commune_map()
    by_name = {c.name: c for c in shapes.communes}
    carvin, rouvroy, leforest = by_name["Carvin"], by_name["Rouvroy"], by_name["Leforest"]
    # Carvin is the northernmost commune, Rouvroy in the south-west, Leforest in the east.
    assert carvin.label_y < by_name["Hénin-Beaumont"].label_y < by_name["Bois-Bernard"].label_y
    assert rouvroy.label_x < leforest.label_x
    east, north = (a - b for a, b in zip(carvin.centroid_km, rouvroy.centroid_km, strict=True))
    projected = math.hypot(east, north)
    true = haversine_km(
        shapes.to_lonlat(*carvin.centroid_km), shapes.to_lonlat(*rouvroy.centroid_km)
    )
    assert projected == pytest.approx(true, rel=0.002)


def test_every_label_point_is_inside_its_commune():
    for commune in geo.commune_map().communes:
        rings = parse_path(commune.path)
        assert geo._inside((commune.label_x, commune.label_y), rings), commune.name
        assert geo._distance_to_edges((commune.label_x, commune.label_y), rings) > 5


def parse_path(path):
    rings = []
    for subpath in path.split("M")[1:]:
        numbers = [float(n) for n in subpath.replace("L", " ").replace("Z", " ").split()]
        ring = list(zip(numbers[::2], numbers[1::2], strict=True))
        rings.append([*ring, ring[0]])
    return rings


def test_the_paths_fit_the_viewbox_and_weigh_little():
    shapes = geo.commune_map()
    points = [p for c in shapes.communes for ring in parse_path(c.path) for p in ring]
    assert min(x for x, _y in points) >= 0 and max(x for x, _y in points) <= shapes.width
    assert min(y for _x, y in points) >= 0 and max(y for _x, y in points) <= shapes.height
    assert sum(len(c.path) for c in shapes.communes) < 12_000


def test_the_map_is_computed_once_per_process():
    assert geo.commune_map() is geo.commune_map()


def write(tmp_path, document):
    path = tmp_path / "communes.geojson"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def feature(code, name, geometry):
    return {
        "type": "Feature",
        "properties": {"code_insee": code, "nom": name},
        "geometry": geometry,
    }


SQUARE = [[[3.0, 50.4], [3.01, 50.4], [3.01, 50.41], [3.0, 50.41], [3.0, 50.4]]]


@pytest.mark.parametrize(
    ("geometry", "reason"),
    [
        # A bow tie: the outline crosses itself.
        (
            {
                "type": "Polygon",
                "coordinates": [
                    [[3.0, 50.4], [3.01, 50.41], [3.01, 50.4], [3.0, 50.41], [3.0, 50.4]]
                ],
            },
            "se recoupe",
        ),
        ({"type": "Polygon", "coordinates": [SQUARE[0][:-1]]}, "n'est pas fermé"),
        (
            {"type": "Polygon", "coordinates": [[[3.0, 50.4], [3.01, 50.4], [3.0, 50.4]]]},
            "moins de 4",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[[3.0, 50.4], [3.01, 50.4], [3.02, 50.4], [3.0, 50.4]]],
            },
            "aire nulle",
        ),
        ({"type": "Point", "coordinates": [3.0, 50.4]}, "Point"),
        (None, "absente"),
        (
            {
                "type": "Polygon",
                "coordinates": [[[3.0, 50.4], [3.01, 95], [3.0, 50.41], [3.0, 50.4]]],
            },
            "hors des bornes",
        ),
        (
            {
                "type": "Polygon",
                "coordinates": [[[3.0, 50.4], ["x", 50.4], [3.0, 50.41], [3.0, 50.4]]],
            },
            "invalide",
        ),
    ],
)
def test_an_invalid_geometry_is_refused_naming_the_commune_and_the_reason(
    tmp_path, geometry, reason
):
    path = write(
        tmp_path,
        {
            "type": "FeatureCollection",
            "features": [
                feature("62215", "Carvin", {"type": "Polygon", "coordinates": SQUARE}),
                feature("62427", "Hénin-Beaumont", geometry),
            ],
        },
    )
    with pytest.raises(geo.GeometryError) as error:
        geo.load_communes(path)
    assert "Hénin-Beaumont (62427)" in str(error.value)
    assert reason in str(error.value)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "illisible"),
        ('{"type": "Feature"}', "FeatureCollection"),
        ('{"type": "FeatureCollection", "features": []}', "aucune commune"),
    ],
)
def test_an_unreadable_file_is_refused_with_its_reason(tmp_path, content, reason):
    path = tmp_path / "communes.geojson"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(geo.GeometryError, match=reason):
        geo.load_communes(path)


def test_a_duplicate_or_missing_code_is_refused(tmp_path):
    square = {"type": "Polygon", "coordinates": SQUARE}
    path = write(
        tmp_path,
        {"type": "FeatureCollection", "features": [feature("62215", "Carvin", square)] * 2},
    )
    with pytest.raises(geo.GeometryError, match="en double"):
        geo.load_communes(path)
    path = write(
        tmp_path, {"type": "FeatureCollection", "features": [feature("", "Carvin", square)]}
    )
    with pytest.raises(geo.GeometryError, match="code_insee"):
        geo.load_communes(path)


def test_a_multipolygon_with_a_hole_counts_the_hole_out(tmp_path):
    hole = [[3.002, 50.402], [3.002, 50.404], [3.004, 50.404], [3.004, 50.402], [3.002, 50.402]]
    geometry = {"type": "MultiPolygon", "coordinates": [[SQUARE[0], hole]]}
    path = write(
        tmp_path, {"type": "FeatureCollection", "features": [feature("62215", "Carvin", geometry)]}
    )
    (shape,) = geo.project(geo.load_communes(path)).communes
    full = spherical_area_km2([SQUARE])
    assert shape.area_km2 == pytest.approx(full * (1 - 0.04), rel=0.01)
    assert shape.path.count("M") == 2


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([0, 0, 3, 3, 7], [(0, 0), (3, 3), (7, 7)]),
        (list(range(14)), [(0, 2), (3, 5), (6, 7), (8, 10), (11, 13)]),
        ([1, 1, 1, 2, 40, 40, 90, 120], [(1, 1), (2, 2), (40, 40), (90, 90), (120, 120)]),
        ([], []),
    ],
)
def test_at_most_five_classes_bounded_by_values_of_the_data(values, expected):
    classes = geo.classify(values)
    assert classes == expected
    for value in values:
        low, high = classes[geo.class_index(value, classes)]
        assert low <= value <= high
    assert geo.class_index(None, classes) is None


def luminance(colour):
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_the_palette_darkens_steadily_so_classes_read_without_hue():
    levels = [luminance(colour) for colour in geo.PALETTE]
    assert levels == sorted(levels, reverse=True)
    # Neighbouring classes differ by a visible step (ratio of relative luminances ≥ 1.3).
    assert all((a + 0.05) / (b + 0.05) >= 1.3 for a, b in zip(levels, levels[1:], strict=False))
    for count in range(1, 6):
        chosen = geo.palette_for(count)
        assert len(chosen) == count
        assert [levels[geo.PALETTE.index(c)] for c in chosen] == sorted(
            [levels[geo.PALETTE.index(c)] for c in chosen], reverse=True
        )


def test_the_labels_dark_text_on_its_white_halo_passes_aa():
    assert (1 + 0.05) / (luminance("#1a1a1a") + 0.05) >= 4.5
