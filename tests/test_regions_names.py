"""Regions found by their English, national and Latin-script names, accents optional: on the
Regions list, in the API and in Explore."""

import csv

from django.http import QueryDict

from corridor.projects.models import Partnership
from corridor.regions.models import ENGLISH_NAMES_FILE, Region
from corridor.search.services import ExploreParams, explore


def codes(api_get, q: str) -> list[str]:
    return [r["code"] for r in api_get("/regions", q=q, limit=100)["items"]]


def test_english_national_and_latin_names_find_the_same_region(api_get):
    assert codes(api_get, "Lombardy") == codes(api_get, "Lombardia") == ["ITC4"]
    assert codes(api_get, "Tuscany") == codes(api_get, "Toscana") == ["ITI1"]
    assert codes(api_get, "Upper Bavaria") == codes(api_get, "Oberbayern") == ["DE21"]
    # Greek regions: the national name is in Greek script, the Latin and English differ.
    assert codes(api_get, "Kentriki Makedonia") == codes(api_get, "Central Macedonia") == ["EL52"]
    assert codes(api_get, "Crete") == ["EL43"]


def test_accents_and_case_are_optional(api_get):
    assert codes(api_get, "Klaipeda") == codes(api_get, "KLAIPĖDOS") == ["LT023"]
    assert codes(api_get, "lodzkie") == ["PL71"]  # Łódzkie: ł folds to l
    assert codes(api_get, "Ovre Norrland") == ["SE33"]


def test_a_country_is_found_by_its_english_name(api_get):
    assert "LT" in codes(api_get, "Lithuania")


def test_the_code_still_finds_a_region_and_its_subregions(api_get):
    assert codes(api_get, "LT02") == ["LT02", "LT021", "LT022", "LT023", "LT024", "LT025",
                                      "LT026", "LT027", "LT028", "LT029"]  # fmt: skip


def test_the_regions_page_finds_lombardy_and_shows_the_english_name(client, db):
    response = client.get("/regions/", {"q": "Lombardy"})
    page = response.content.decode()
    assert [r.code for r in response.context["page"].object_list] == ["ITC4"]
    assert "Lombardia" in page and "(Lombardy)" in page
    detail = client.get("/regions/ITC4/").content.decode()
    assert "<dt>Name in English</dt><dd>Lombardy</dd>" in detail


def test_every_english_name_belongs_to_a_loaded_region_and_is_searchable(db):
    with open(ENGLISH_NAMES_FILE, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) > 200
    found = Region.objects.in_bulk([row["code"] for row in rows], field_name="code")
    assert set(found) == {row["code"] for row in rows}
    assert not Region.objects.filter(search_names="").exists()  # the migration filled them


def test_renaming_a_region_refreshes_its_searchable_names(db):
    region = Region.objects.get(code="ITC4")
    region.name = region.name_latin = "Lombardei"
    region.save(update_fields=["name", "name_latin"])
    region.refresh_from_db()
    assert "lombardei" in region.search_names and "lombardy" in region.search_names
    assert "lombardia" not in region.search_names


def test_explore_finds_what_lies_in_a_region_by_its_english_name(db):
    data = QueryDict(mutable=True)
    data["q"] = "Lombardy"
    titles = {hit.title for hit in explore(ExploreParams.from_query_dict(data)).hits}
    in_lombardy = Partnership.objects.filter(region__code__startswith="ITC4").select_related(
        "project"
    )
    assert in_lombardy and {p.project.acronym for p in in_lombardy} <= titles
