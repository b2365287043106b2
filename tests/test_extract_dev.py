"""The development set of real project pages (tests/extraction_dev) and what the extractor
reads off pages written in the conventions of eleven languages."""

import datetime
import json
import time
from decimal import Decimal

import pytest

from corridor.cli import main
from corridor.extraction import when
from corridor.extraction.bench import DEV_DIR, DEV_FIELDS, figures, score_dev
from corridor.extraction.rules import extract, money, programmes
from corridor.extraction.services import assemble, extract_file

GOLD = json.loads((DEV_DIR / "gold.json").read_text(encoding="utf-8"))


def record(text):
    (found,) = [assemble(p) for p in extract(text)]
    return found


def test_the_development_set_loads_with_its_sources_and_languages():
    pages = GOLD["pages"]
    assert len(pages) >= 40
    assert len({p["language"] for p in pages}) >= 6
    assert {p["split"] for p in pages} == {"dev", "heldout"}
    assert sum(p["split"] == "heldout" for p in pages) == 10
    for page in pages:
        assert (DEV_DIR / "pages" / page["file"]).read_text(encoding="utf-8").strip()
        assert page["url"].startswith(("http://", "https://"))
        assert page["projects"], page["file"]
        for project in page["projects"]:
            assert set(project) <= {*DEV_FIELDS, "partners"}, page["file"]
            for name in ("start_date", "end_date"):
                if name in project:
                    datetime.date.fromisoformat(project[name])


def test_the_development_set_meets_its_targets():
    table, pages, seconds = score_dev("dev")
    rows = figures(table)
    assert pages == 30
    assert rows["all fields"]["precision"] >= 0.95
    assert rows["all fields"]["recall"] >= 0.85
    low = {name: row["recall"] for name, row in rows.items() if row["recall"] < 0.7}
    assert low == {}
    assert seconds / pages < 1.0


def test_the_held_out_pages_are_scored_apart():
    table, pages, _ = score_dev("heldout")
    rows = figures(table)
    assert pages == 10
    assert rows["all fields"]["expected"] == 51
    assert rows["all fields"]["precision"] >= 0.8


def test_bench_extract_prints_the_same_figures_as_json(capsys):
    assert main(["bench", "extract", "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"seeds", "dev", "heldout"}
    dev = result["dev"]
    assert dev["pages"] == 30 and dev["pages_per_second"] > 1
    assert dev["fields"]["all fields"] == figures(score_dev("dev")[0])["all fields"]
    assert main(["bench", "extract"]) == 0
    table = capsys.readouterr().out
    assert "development set" in table and "held-out pages" in table and "F1" in table


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Total budget: EUR 1.4 million", "1400000"),
        ("1.234.567,89 €", "1234567.89"),
        ("1 234 567 €", "1234567"),
        ("€ 601.840", "601840"),
        ("2,7 Millionen Euro", "2700000"),
        ("1,6 milhões de euros", "1600000"),
        ("1,5 M. d’euros", "1500000"),
        ("blisko 880 tys. euro", "880000"),
        ("6 milioni 657 mila 204 euro", "6657204"),
        ("681 947,94 zł", "681947.94"),
    ],
)
def test_amounts_in_every_convention(text, expected):
    assert money(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "field", "expected"),
    [
        ("ERDF co-financing 85%", "cofinancing_rate", Decimal("85")),
        ("Il progetto è cofinanziato all'85% dal FESR.", "cofinancing_rate", Decimal("85")),
        ("Durata: 48 mesi", "duration_months", 48),
        ("Das Kooperationsprojekt dauert drei Jahre.", "duration_months", 36),
        ("Doba realizace: 1. 3. 2019 – 31. 12. 2021", "end_date", datetime.date(2021, 12, 31)),
        ("Data początkowa: 1 marca 2019", "start_date", datetime.date(2019, 3, 1)),
        ("Le projet dure du 1er octobre 2023 au 30 septembre 2025.", "start_date",
         datetime.date(2023, 10, 1)),
        ("Chef de file : Région Occitanie", "lead_partner", "Région Occitanie"),
        ("Porteur du projet : Hôpitaux Universitaires de Strasbourg", "lead_partner",
         "Hôpitaux Universitaires de Strasbourg"),
        ("Lead partner: Eurac Research, Italy", "lead_partner", "Eurac Research"),
        ("Capofila: Comune di Trento", "lead_partner", "Comune di Trento"),
        ("Partner wiodący: Gmina Gubin", "lead_partner", "Gmina Gubin"),
        ("Příjemce: Město Žacléř", "lead_partner", "Město Žacléř"),
        ("Custo total elegível\n72.237,74 €", "total_budget", Decimal("72237.74")),
        ("Výše dotace EU: 428 969,00 EUR", "eu_cofinancing", Decimal("428969")),
        ("Totale begroting: 1.500.000 euro", "total_budget", Decimal("1500000")),
        ("Projektet COOLGEOHEAT är en del av Interreg.", "acronym", "COOLGEOHEAT"),
    ],
)  # fmt: skip
def test_labels_and_sentences_of_each_language(text, field, expected):
    assert record(text)[field] == expected


def test_a_sentence_about_a_programme_gives_no_project_fact():
    found = record(
        "The Interreg Europe programme has a budget of EUR 379 million.\n"
        "Projects may last up to 48 months and are co-financed up to 80% by the ERDF."
    )
    assert "total_budget" not in found and "duration_months" not in found
    assert "cofinancing_rate" not in found
    assert found["programme"] == "Interreg Europe"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Programma Interreg V-A Grecia-Italia 2014/2020", "Interreg Greece-Italy"),
        ("Programme Interreg Italie-France Alcotra", "Interreg France-Italy Alcotra"),
        ("z programu Interreg Czechy-Polska", "Interreg Czech Republic-Poland"),
        ("INTERREG V-A Česká republika - Polsko", "Interreg Czech Republic-Poland"),
        ("Interreg Europa Środkowa", "Interreg Central Europe"),
        ("Programma Spazio Alpino", "Interreg Alpine Space"),
        ("Interreg Region Morza Bałtyckiego", "Interreg Baltic Sea Region"),
        ("INTERREG Espaço Atlântico", "Interreg Atlantic Area"),
        ("Interreg NEXT MED", "Interreg NEXT MED"),
        ("Horizon2020", "Horizon 2020"),
        ("Interreg Vlaanderen-Nederland", "Interreg Flanders-Netherlands"),
    ],
)
def test_programmes_by_their_names_in_every_language(text, expected):
    assert programmes(text)[0][2] == expected


def test_a_country_pair_is_a_programme_only_beside_a_programme_word():
    assert programmes("il progetto interregionale Trova Svizzera-Italia") == []
    assert programmes("Alpine Network of Protected Areas based on eco responsible management") == []


def test_partner_lists_with_countries_and_roles():
    found = record(
        "Partenaires :\n"
        "Per la Grecia\n"
        "Regione delle Isole Ionie (capofila)\n"
        "Regione dell’Epiro\n"
        "Per l’Italia\n"
        "Regione Puglia\n"
        "Durata del progetto: 01.07.2019 – 30.06.2022\n"
    )
    partners = {p["organisation"]: (p["role"], p["country"]) for p in found["partners"]}
    assert partners == {"Regione delle Isole Ionie": ("lead", "EL"),
                        "Regione dell’Epiro": ("partner", "EL"),
                        "Regione Puglia": ("partner", "IT")}  # fmt: skip
    assert found["lead_partner"] == "Regione delle Isole Ionie"
    assert (found["start_date"], found["end_date"]) == (
        datetime.date(2019, 7, 1), datetime.date(2022, 6, 30),
    )  # fmt: skip


def test_a_table_of_partners_and_its_total_row():
    found = record(
        "Project budget and financing\n"
        " ERDF\tNational financial contributions\n"
        "West-Transdanubian Water Directorate\t182.316,5 €\t32.173,5 €\n"
        "Burgenland\t299.880 €\t52.920 €\n"
        "Summe\t482.196,5 €\t85.093,5 €\n"
    )
    assert found["eu_cofinancing"] == Decimal("482196.5")
    assert {p["organisation"] for p in found["partners"]} == {
        "West-Transdanubian Water Directorate", "Burgenland",
    }  # fmt: skip


def test_a_listing_gives_one_project_per_listed_acronym():
    text = (DEV_DIR / "pages" / "d17_en_alpine_space_call2.txt").read_text(encoding="utf-8")
    found = [assemble(p) for p in extract(text)]
    assert [r["acronym"] for r in found][:3] == ["A-DROP", "AlpsLife", "DiMark"]
    assert all(r["programme"] == "Interreg Alpine Space" for r in found)
    assert found[3]["lead_partner"] == "ALPARC – Alpine Network of Protected Areas"
    assert found[4]["partners"][0]["country"] == "DE"


def test_every_fact_keeps_its_span_and_rule():
    result = extract_file(DEV_DIR / "pages" / "d24_fr_alcotraite.txt")
    facts = [f.as_json(result.text) for p in result.projects for f in p.facts]
    assert facts and all(f["rule"] and f["span"] for f in facts)
    budget = next(f for f in facts if f["field"] == "total_budget")
    assert budget["span"] == "500 000 euros" and budget["value"] == "500000.00"


def test_a_page_reads_in_well_under_a_second():
    longest = max((DEV_DIR / "pages").glob("*.txt"), key=lambda p: p.stat().st_size)
    extract_file(longest)
    started = time.perf_counter()
    extract_file(longest)
    assert time.perf_counter() - started < 1.0


def test_durations_and_ranges_read_by_rule():
    assert when.duration("over the duration of two years and a half")[2] == 30
    assert when.date_range("1 de gener 2018 – 31 de desembre 2020")[2:] == (
        datetime.date(2018, 1, 1), datetime.date(2020, 12, 31),
    )  # fmt: skip
