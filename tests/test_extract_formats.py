"""Amounts, dates and labels of every EU convention, in six languages."""

import datetime
from decimal import Decimal

import pytest

from corridor.extraction import when
from corridor.extraction.rules import extract, money
from corridor.extraction.services import assemble


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 294 882 €", "2294882"),
        ("1.376.708,50 EUR", "1376708.50"),
        ("EUR 1,376,708", "1376708"),
        ("€1.66 million", "1660000"),
        ("1,151,955.30 (83.67%)", "1151955.30"),
        ("EUR 3,5 Mio.", "3500000"),
    ],
)
def test_amounts(text, expected):
    assert money(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "start", "end", "months"),
    [
        ("1.4.2016 - 31.3.2020", datetime.date(2016, 4, 1), datetime.date(2020, 3, 31), None),
        ("01/08/2019", datetime.date(2019, 8, 1), None, None),  # day first
        ("36 months from 01/08/2019", datetime.date(2019, 8, 1), None, 36),
        ("2016-2018", datetime.date(2016, 1, 1), datetime.date(2018, 12, 31), None),
        ("24 Monate ab 01.03.2017", datetime.date(2017, 3, 1), None, 24),
    ],
)
def test_periods(text, start, end, months):
    period = when.period(text)
    assert period.get("start_date") == start
    assert period.get("end_date") == end
    assert period.get("duration_months") == months


def test_phases_of_a_period():
    period = when.period("36 months from 01/08/2019 (Phase 1 - 24 months, Phase 2 - 12 months)")
    assert period["phases"] == [
        {"name": "Phase 1", "duration_months": 24, "start_date": datetime.date(2019, 8, 1)},
        {"name": "Phase 2", "duration_months": 12},
    ]


PAGES = {
    "en": "SUNRISE\nTotal budget: 2 294 882 €\nERDF: € 1,950,649.70 (85%)\n"
          "Duration: 1.4.2016 - 31.3.2020\nLead partner: City of Tartu\n",
    "de": "SUNRISE\nGesamtbudget: 2.294.882 €\nEFRE-Förderung: 1.950.649,70 EUR (85 %)\n"
          "Laufzeit: 1.4.2016 - 31.3.2020\nLeadpartner: City of Tartu\n",
    "fr": "SUNRISE\nBudget total : 2 294 882 €\nFEDER : 1 950 649,70 € (85 %)\n"
          "Durée : 1.4.2016 - 31.3.2020\nChef de file : City of Tartu\n",
    "es": "SUNRISE\nPresupuesto total: 2.294.882 €\nFEDER: 1.950.649,70 € (85%)\n"
          "Duración: 1.4.2016 - 31.3.2020\nSocio principal: City of Tartu\n",
    "it": "SUNRISE\nBudget totale: 2.294.882 €\nContributo UE: 1.950.649,70 € (85%)\n"
          "Durata: 1.4.2016 - 31.3.2020\nCapofila: City of Tartu\n",
    "pl": "SUNRISE\nCałkowity budżet: 2 294 882 €\nDofinansowanie UE: 1 950 649,70 EUR (85%)\n"
          "Okres realizacji: 1.4.2016 - 31.3.2020\nPartner wiodący: City of Tartu\n",
}  # fmt: skip


@pytest.mark.parametrize("language", sorted(PAGES))
def test_labelled_facts_in_six_languages(language):
    record = assemble(extract(PAGES[language])[0])
    assert record["acronym"] == "SUNRISE"
    assert record["total_budget"] == Decimal("2294882")
    assert record["eu_cofinancing"] == Decimal("1950649.70")
    assert record["cofinancing_rate"] == Decimal("85")
    assert (record["start_date"], record["end_date"]) == (
        datetime.date(2016, 4, 1), datetime.date(2020, 3, 31),
    )  # fmt: skip
    assert record["lead_partner"] == "City of Tartu"


def test_each_fact_keeps_its_span_rule_and_confidence():
    text = PAGES["en"]
    fact = next(f for f in extract(text)[0].facts if f.field == "total_budget")
    assert text[fact.start : fact.end] == "2 294 882 €"
    assert fact.rule == "label:total budget"
    assert 0 < fact.confidence <= 1


def test_actions_are_numbered_with_title_description_and_heading():
    text = (
        "ITALY (Unioncamere Lombardia)\n\nACTION 1: Digital export desk - a help desk for SMEs.\n"
    )
    actions = assemble(extract(text)[0])["actions"]
    assert actions == [{"number": 1, "title": "Digital export desk",
                        "description": "a help desk for SMEs.",
                        "heading": "ITALY (Unioncamere Lombardia)"}]  # fmt: skip


@pytest.mark.parametrize(
    ("above", "heading"),
    [
        ("HUNGARY (PANNON EGTC, Hungary – Croatia)", "HUNGARY (PANNON EGTC, Hungary – Croatia)"),
        ("SPAIN: (SODEBUR)", "SPAIN: (SODEBUR)"),
        ("Lithuania (Klaipeda ID)", "Lithuania (Klaipeda ID)"),
        ("You can find each plan below:", ""),
    ],
)
def test_an_action_keeps_the_heading_above_it(above, heading):
    text = f"{above}\n\nACTION 1: One - first.\n  • a measure;\n\nACTION 2: Two - second.\n"
    actions = assemble(extract(text)[0])["actions"]
    assert [a["heading"] for a in actions] == [heading, heading]


@pytest.mark.parametrize(
    ("sentence", "kind", "first", "last", "place"),
    [
        ("Die Konferenz findet am 3. März 2021 in Graz statt.", "konferenz",
         datetime.date(2021, 3, 3), datetime.date(2021, 3, 3), "Graz"),
        ("The kick-off meeting was held on 01/08/2019 in Pécs.", "kick-off meeting",
         datetime.date(2019, 8, 1), datetime.date(2019, 8, 1), "Pécs"),
        ("Webinar on the 2nd and 3rd of June 2020 in Rzeszów.", "webinar",
         datetime.date(2020, 6, 2), datetime.date(2020, 6, 3), "Rzeszów"),
    ],
)  # fmt: skip
def test_dated_events(sentence, kind, first, last, place):
    (event,) = assemble(extract(f"PAGE\n{sentence}\n")[0])["events"]
    assert event == {"type": kind, "start_date": first, "end_date": last, "place": place}
