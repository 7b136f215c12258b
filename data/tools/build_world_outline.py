#!/usr/bin/env python3
"""Builds Sources/ClaimTraceReport/Resources/world-outline.txt, the report map's base map.

Input: Natural Earth's 1:110m "Admin 0 - Countries" polygons as an ESRI shapefile (.shp),
longitude and latitude in degrees (WGS 84). Natural Earth is in the public domain
(naturalearthdata.com). A copy ships with geopandas 0.14 on PyPI, as
geopandas/datasets/naturalearth_lowres/naturalearth_lowres.shp inside its wheel.

Output: one ring a line, its points as "longitude,latitude" pairs rounded to 0.1 degree and
separated by spaces; points that round to the one before are dropped, and rings left with
fewer than four points are dropped. Only the outline is kept: no names, no attributes.
Rerun with:  python3 data/tools/build_world_outline.py naturalearth_lowres.shp
"""
import struct
import sys

POLYGON = 5

def rings(path: str):
    """The rings of every polygon record of a shapefile."""
    with open(path, "rb") as f:
        data = f.read()
    if struct.unpack(">i", data[0:4])[0] != 9994:
        raise SystemExit(f"{path}: not a shapefile")
    at = 100
    while at < len(data):
        _, length_words = struct.unpack(">ii", data[at:at + 8])
        content = data[at + 8:at + 8 + 2 * length_words]
        at += 8 + 2 * length_words
        shape_type = struct.unpack("<i", content[0:4])[0]
        if shape_type != POLYGON:
            continue
        parts_count, points_count = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{parts_count}i", content[44:44 + 4 * parts_count]))
        base = 44 + 4 * parts_count
        points = [struct.unpack("<dd", content[base + 16 * k:base + 16 * k + 16]) for k in range(points_count)]
        for n, start in enumerate(parts):
            end = parts[n + 1] if n + 1 < len(parts) else points_count
            yield points[start:end]

def main(source: str, target: str) -> None:
    lines = []
    for ring in rings(source):
        kept = []
        for lon, lat in ring:
            point = (round(lon, 1), round(lat, 1))
            if not kept or kept[-1] != point:
                kept.append(point)
        if len(kept) >= 4:
            lines.append(" ".join(f"{lon:g},{lat:g}" for lon, lat in kept))
    with open(target, "w", encoding="ascii") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{len(lines)} rings written to {target}")

if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    main(sys.argv[1], "Sources/ClaimTraceReport/Resources/world-outline.txt")
