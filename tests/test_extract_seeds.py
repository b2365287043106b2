"""The five seed pages against the curated answer key (seed-projects.json)."""

import datetime
from decimal import Decimal

from corridor.extraction.bench import SEEDS, score
from corridor.extraction.services import assemble, extract_file


def records(name):
    path = next(SEEDS.glob(f"{name}_*.txt"))
    return [assemble(p) for p in extract_file(path).projects]


def test_ieer_facts_and_figures():
    (ieer,) = records("000")
    assert (ieer["acronym"], ieer["project_manager"]) == ("iEER", "Marjo Ruuti")
    assert ieer["funding"] == Decimal("2294882")
    assert (ieer["start_date"], ieer["end_date"]) == (
        datetime.date(2016, 4, 1), datetime.date(2020, 3, 31),
    )  # fmt: skip
    assert ieer["programme"] == "Interreg Europe"
    assert ieer["stated_region_count"] == 10
    assert [(p["start_date"].year, p["end_date"].year) for p in ieer["phases"]] == [
        (2016, 2018), (2018, 2020),
    ]  # fmt: skip
    (news,) = ieer["news"]
    assert news["url"].endswith("iEER-project-boosts-young-entrepreneurship.aspx")
    assert news["image"] == "/update/Laureankuvat/Logot/iEER.jpg"


def test_interventures_money_period_and_partners():
    (iv,) = records("001")
    assert iv["total_budget"] == Decimal("1376708")
    assert iv["eu_cofinancing"] == Decimal("1151955.30")
    assert iv["cofinancing_rate"] == Decimal("83.67")
    assert iv["duration_months"] == 36
    assert iv["start_date"] == datetime.date(2019, 8, 1)
    assert [p["duration_months"] for p in iv["phases"]] == [24, 12]
    partners = {p["organisation"]: p for p in iv["partners"]}
    assert len(partners) == 8
    assert partners["European Grouping of Territorial Cooperation Pannon"]["country"] == "HU"
    assert partners["Association of European Border Regions"]["role"] == "advisory"
    assert partners["Society for the Development of the Province of Burgos"]["acronym"] == (
        "SODEBUR"
    )


def test_action_plans_of_the_second_interventures_page():
    (page,) = records("002")
    titles = [(a["number"], a["title"]) for a in page["actions"]]
    assert (1, "Amended regional cross-border support scheme") in titles
    assert len(titles) == 6


def test_a_listing_page_gives_one_project_per_lead_partner():
    listing = records("004")[:3]
    assert [r["acronym"] for r in listing] == ["ClusterFY", "ClusteriX 2.0", "CLUSTERS3"]
    assert listing[0]["lead_partner"] == "Agency for Science, Innovation and Technology"
    roles = {p["organisation"]: p["role"] for p in listing[2]["partners"]}
    assert roles == {"SPRI - Basque Business Development Agency": "lead",
                     "TCI Network": "advisory"}  # fmt: skip


def test_precision_and_recall_on_the_seeds():
    table = score()
    total = sum(table.values(), start=type(table["acronym"])())
    assert total["correct"] / total["extracted"] >= 0.95
    assert total["correct"] / total["expected"] >= 0.8
    assert table["acronym"]["correct"] == table["acronym"]["expected"] == 6
    assert table["partners"]["correct"] == table["partners"]["expected"] == 18
    # Themes the page lists are found; themes the annotator inferred are not.
    assert table["themes"]["correct"] == table["themes"]["extracted"] == 3


def test_partner_acronyms_keep_the_countries_the_page_gives_their_group():
    (boost,) = records("003")
    partners = {p["organisation"]: p for p in boost["partners"]}
    assert set(partners) == {"TIT", "NWRDA", "BBF", "CLDI", "VK", "TSP"}
    # "4 partners (TIT, NWRDA, BBF and CLDI) from 3 ... countries Bulgaria, Romania, and
    # Spain": the page does not say which partner is where, so no partner gets a country.
    assert partners["TIT"]["country"] == ""
    assert partners["TIT"]["countries_stated"] == ["BG", "RO", "ES"]
    assert partners["VK"]["countries_stated"] == ["DK", "EE"]
    assert [t.split()[0] for t in boost["themes"]] == ["Industry", "Health", "ICT"]


def test_events_with_type_dates_and_place():
    listing = records("004")
    events = listing[-1]["events"]  # the news items after the projects
    assert "acronym" not in listing[-1]
    assert {
        "type": "project meeting",
        "start_date": datetime.date(2018, 11, 13),
        "end_date": datetime.date(2018, 11, 14),
        "place": "Košice, Slovakia",
    } in events
    assert {
        "type": "workshop",
        "start_date": datetime.date(2018, 5, 14),
        "end_date": datetime.date(2018, 5, 15),
        "place": "Cork",
    } in events
    assert {
        "type": "meeting",
        "start_date": datetime.date(2020, 5, 27),
        "end_date": datetime.date(2020, 5, 27),
        "place": "Sofia TECH Park",
    } in events
    (iv,) = records("001")
    assert [e["place"] for e in iv["events"]] == ["Pécs", "online", "Rzeszów", "Milan"]
    assert {e["type"] for e in iv["events"]} == {"interregional meeting"}
