import json

import pytest

from corridor.lib.imports.report import ImportFailed
from corridor.regions.models import Region
from corridor.regions.services import (
    NUTS_REGIONS_FILE,
    load_innovation_groups,
    load_nuts_regions,
)


def test_it_loads_all_nuts_2021_regions_with_their_hierarchy(db):
    features = json.loads(NUTS_REGIONS_FILE.read_text(encoding="utf-8"))["features"]
    assert Region.objects.count() == len(features) == 2010
    assert Region.objects.filter(level=0).count() == 37
    skane = Region.objects.get(code="SE224")
    assert skane.name == "Skåne län"
    assert [a.code for a in skane.ancestors()] == ["SE", "SE2", "SE22"]
    assert skane.parent.code == "SE22"
    assert 55 < skane.latitude < 57 and 12 < skane.longitude < 15


def test_latin_names_are_kept_beside_native_ones(db):
    greece = Region.objects.get(code="EL")
    assert greece.name == "Ελλάδα"
    assert greece.name_latin == "Elláda"
    assert greece.display_name == "Greece"


@pytest.mark.parametrize(
    ("country", "group"),
    [("SE", "Leader"), ("DK", "Leader"), ("EE", "Strong"), ("ES", "Moderate"), ("BG", "Emerging"),
     ("RO", "Emerging"), ("EL", "Moderate")],
)  # fmt: skip
def test_countries_carry_their_eis_2024_group(db, country, group):
    assert Region.objects.get(code=country).innovation_group == group


def test_non_eu_countries_have_no_eis_group(db):
    assert Region.objects.get(code="NO").innovation_group == ""
    assert Region.objects.filter(level=0).exclude(innovation_group="").count() == 27


def test_reloading_changes_nothing(db):
    assert load_nuts_regions().total("changed") == 0
    assert load_innovation_groups().total("changed") == 0


def test_an_unknown_eis_group_is_refused(db, tmp_path):
    path = tmp_path / "eis.csv"
    path.write_text("country,iso3,innovation_level\nSweden,SWE,Champion\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"row 2, field 'innovation_level'"):
        load_innovation_groups(path)
    assert Region.objects.get(code="SE").innovation_group == "Leader"
