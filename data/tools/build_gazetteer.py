#!/usr/bin/env python3
"""Builds Sources/ClaimTraceExtract/Resources/gazetteer.tsv.gz from the GeoNames extract.

Input: the GeoNames "cities500" extract (population 500 and above), tab-separated:
    geonameid  name  latitude  longitude  country_code  admin1_code  population  alternate_names (| separated)
GeoNames (geonames.org), CC BY 4.0.

Output, tab-separated, one place a line, most populous first:
    geonameid  name  latitude  longitude  country_code  population  alternate_names (| separated)
Alternate names are kept when written in the Latin script (letters with or without diacritics,
spaces, hyphens, apostrophes and dots), 2 to 40 characters long, and different from the name.
Rerun with:  python3 data/tools/build_gazetteer.py ../shared/refdata/geonames/cities500.tsv.gz
"""
import gzip
import sys
import unicodedata

def latin(name: str) -> bool:
    if not (2 <= len(name) <= 40):
        return False
    for ch in name:
        if ch in " -'’.":
            continue
        if not ch.isalpha():
            return False
        if "LATIN" not in unicodedata.name(ch, ""):
            return False
    return True

def main(source: str, target: str) -> None:
    rows = []
    with gzip.open(source, "rt", encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 8:
                continue
            gid, name, lat, lon, cc, _admin, pop, alts = parts[:8]
            seen = {name.lower()}
            keep = []
            for alt in alts.split("|"):
                if alt and latin(alt) and alt.lower() not in seen:
                    seen.add(alt.lower())
                    keep.append(alt)
            rows.append((int(pop or 0), gid, name, lat, lon, cc, "|".join(keep)))
    rows.sort(key=lambda r: -r[0])
    with gzip.GzipFile(target, "wb", mtime=0) as out:
        for pop, gid, name, lat, lon, cc, alts in rows:
            out.write(f"{gid}\t{name}\t{lat}\t{lon}\t{cc}\t{pop}\t{alts}\n".encode("utf-8"))
    print(f"{len(rows)} places written to {target}")

if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/refdata/geonames/cities500.tsv.gz",
         sys.argv[2] if len(sys.argv) > 2 else "Sources/ClaimTraceExtract/Resources/gazetteer.tsv.gz")
