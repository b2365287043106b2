"""Country facts keyed by the NUTS country code (Eurostat uses EL for Greece, UK for the
United Kingdom)."""

ENGLISH_NAMES = {
    "AL": "Albania", "AT": "Austria", "BE": "Belgium", "BG": "Bulgaria", "CH": "Switzerland",
    "CY": "Cyprus", "CZ": "Czechia", "DE": "Germany", "DK": "Denmark", "EE": "Estonia",
    "EL": "Greece", "ES": "Spain", "FI": "Finland", "FR": "France", "HR": "Croatia",
    "HU": "Hungary", "IE": "Ireland", "IS": "Iceland", "IT": "Italy", "LI": "Liechtenstein",
    "LT": "Lithuania", "LU": "Luxembourg", "LV": "Latvia", "ME": "Montenegro",
    "MK": "North Macedonia", "MT": "Malta", "NL": "Netherlands", "NO": "Norway", "PL": "Poland",
    "PT": "Portugal", "RO": "Romania", "RS": "Serbia", "SE": "Sweden", "SI": "Slovenia",
    "SK": "Slovakia", "TR": "Türkiye", "UK": "United Kingdom",
}  # fmt: skip

# ISO 3166-1 alpha-3 to NUTS country code, for sources (such as the EIS) that use alpha-3.
ISO3_TO_NUTS = {
    "ALB": "AL", "AUT": "AT", "BEL": "BE", "BGR": "BG", "CHE": "CH", "CYP": "CY", "CZE": "CZ",
    "DEU": "DE", "DNK": "DK", "EST": "EE", "GRC": "EL", "ESP": "ES", "FIN": "FI", "FRA": "FR",
    "HRV": "HR", "HUN": "HU", "IRL": "IE", "ISL": "IS", "ITA": "IT", "LIE": "LI", "LTU": "LT",
    "LUX": "LU", "LVA": "LV", "MNE": "ME", "MKD": "MK", "MLT": "MT", "NLD": "NL", "NOR": "NO",
    "POL": "PL", "PRT": "PT", "ROU": "RO", "SRB": "RS", "SWE": "SE", "SVN": "SI", "SVK": "SK",
    "TUR": "TR", "GBR": "UK",
}  # fmt: skip

_BY_ENGLISH_NAME = {name.casefold(): code for code, name in ENGLISH_NAMES.items()}
# Names the sources use for a country in its own language.
_NATIVE_NAMES = {"sverige": "SE", "norge": "NO", "danmark": "DK", "suomi": "FI"}


def country_name(code: str) -> str:
    return ENGLISH_NAMES.get(code, code)


def country_code(name: str) -> str | None:
    """The NUTS country code for an English or source-language country name."""
    key = name.strip().casefold()
    return _BY_ENGLISH_NAME.get(key) or _NATIVE_NAMES.get(key)
