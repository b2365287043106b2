"""Loading the NUTS 2021 regions and the European Innovation Scoreboard groups."""

import csv
import json
from pathlib import Path

from django.conf import settings
from django.db import transaction

from corridor.lib.countries import ISO3_TO_NUTS
from corridor.lib.imports.report import ImportFailed, ImportReport
from corridor.lib.imports.upsert import upsert
from corridor.regions.models import InnovationGroup, Region

NUTS_REGIONS_FILE = settings.DATA_DIR / "nuts" / "NUTS_RG_60M_2021_4326.geojson"
NUTS_LABELS_FILE = settings.DATA_DIR / "nuts" / "NUTS_LB_2021_4326.geojson"
EIS_FILE = settings.DATA_DIR / "eis" / "EIS2024_country_innovation_level.csv"
NUTS_SOURCE = "eurostat-gisco-nuts-2021"
EIS_SOURCE = "eis-2024"


def _features(path: Path) -> list[dict]:
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except json.JSONDecodeError as e:
        raise ImportFailed(path, f"not valid JSON ({e.msg} at line {e.lineno})") from e
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        raise ImportFailed(path, "not a GeoJSON FeatureCollection")
    return data["features"]


@transaction.atomic
def load_nuts_regions(
    regions_path: Path = NUTS_REGIONS_FILE, labels_path: Path = NUTS_LABELS_FILE, progress=None
) -> ImportReport:
    report = ImportReport(source=NUTS_SOURCE)
    centroids = {}
    for feature in _features(labels_path):
        props, geometry = feature.get("properties") or {}, feature.get("geometry") or {}
        if geometry.get("type") == "Point":
            lon, lat = geometry["coordinates"][:2]
            centroids[props.get("NUTS_ID")] = (lat, lon)
    features = sorted(
        _features(regions_path), key=lambda f: (f.get("properties") or {}).get("LEVL_CODE", 9)
    )
    by_code: dict[str, Region] = {}
    for row, feature in enumerate(features, start=1):
        props = feature.get("properties") or {}
        code = props.get("NUTS_ID")
        level = props.get("LEVL_CODE")
        if not isinstance(code, str) or not isinstance(level, int) or not 0 <= level <= 3:
            raise ImportFailed(regions_path, "NUTS_ID or LEVL_CODE missing or invalid", row)
        parent = by_code.get(code[:-1]) if level > 0 else None
        if level > 0 and parent is None:
            raise ImportFailed(regions_path, f"parent of {code} not found", row, "NUTS_ID")
        lat, lon = centroids.get(code, (None, None))
        by_code[code] = upsert(
            Region,
            {"code": code},
            {
                "level": level,
                "country_code": props.get("CNTR_CODE") or code[:2],
                "name": (props.get("NUTS_NAME") or code).strip(),
                "name_latin": (props.get("NAME_LATN") or props.get("NUTS_NAME") or code).strip(),
                "parent": parent,
                "latitude": lat,
                "longitude": lon,
            },
            report,
            "region",
            source=NUTS_SOURCE,
            source_record_id=code,
        )
        if progress:
            progress(1)
    return report


@transaction.atomic
def load_innovation_groups(path: Path = EIS_FILE) -> ImportReport:
    report = ImportReport(source=EIS_SOURCE)
    groups = {g.value.casefold(): g.value for g in InnovationGroup}
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = {"iso3", "innovation_level"} - set(reader.fieldnames or [])
        if missing:
            raise ImportFailed(path, f"missing column(s): {', '.join(sorted(missing))}")
        for row, record in enumerate(reader, start=2):
            code = ISO3_TO_NUTS.get((record["iso3"] or "").strip().upper())
            if code is None:
                raise ImportFailed(path, f"unknown country code {record['iso3']!r}", row, "iso3")
            group = groups.get((record["innovation_level"] or "").strip().casefold())
            if group is None:
                raise ImportFailed(
                    path, f"unknown group {record['innovation_level']!r}", row, "innovation_level"
                )
            country = Region.objects.filter(code=code, level=0).first()
            if country is None:
                raise ImportFailed(path, f"country {code} not loaded: load NUTS first", row)
            if country.innovation_group != group:
                country.innovation_group = group
                country.save(update_fields=["innovation_group"])
                report.count("innovation group", "changed")
            else:
                report.count("innovation group", "unchanged")
    return report
