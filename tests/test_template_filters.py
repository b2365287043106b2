from decimal import Decimal

import pytest
from django.template import Context, Template


def render(source: str, **context) -> str:
    return Template("{% load corridor %}" + source).render(Context(context))


@pytest.mark.parametrize(
    "url, shown",
    [
        ("https://www.interregeurope.eu/ieer", "https://www.interregeurope.eu/ieer"),
        ("http://example.org/", "http://example.org/"),
        ("javascript:alert(1)", ""),
        ("", ""),
    ],
)
def test_only_web_addresses_become_links(url, shown):
    assert render("{{ url|web_url }}", url=url) == shown


def test_languages_are_named_and_unknown_codes_kept():
    assert render("{{ 'de'|language_name }} {{ 'xx'|language_name }}") == "German xx"


def test_money_and_rates_are_formatted_as_on_the_fact_sheets():
    amount, rate = Decimal("1151955.30"), Decimal("83.67")
    assert render("{{ a|eur }} ({{ r|percent }})", a=amount, r=rate) == "1,151,955.30 € (83.67 %)"
