"""The partnership rules of the programmes: a consortium is checked against its programme's,
and what it lacks is said as warnings."""

from collections.abc import Sequence

from django.conf import settings

from corridor.lib.words import plural
from corridor.organisations.models import Organisation, Ownership
from corridor.projects.models import Programme
from corridor.search.analysis import fold

# The partnership rules the consortium is checked against, by programme. The country rules
# are the law: Regulation (EU) 2021/1059 (Interreg), Article 23(1). The public-body rule and
# the recommended size are Corridor's defaults for Interreg Europe, a reading of its
# programme manual (policy-responsible public authorities at the heart of each project);
# a node may change them with the setting CORRIDOR_PARTNERSHIP_RULES (same shape).
LAW = "Regulation (EU) 2021/1059, Article 23(1)"
PARTNERSHIP_RULES: dict[str, dict] = {
    "interreg-europe": {
        "label": "Interreg Europe",
        "names": ["interreg europe"],
        "min_countries": 3,
        "countries_source": LAW,
        "public_bodies": True,
        "public_source": "Corridor's default, after the Interreg Europe programme manual",
        "recommended_size": (5, 10),
        "size_source": "Corridor's default",
    },
    "urbact": {
        "label": "URBACT",
        "names": ["urbact"],
        "min_countries": 3,
        "countries_source": LAW,
        "public_bodies": True,
        "public_source": "Corridor's default: URBACT networks are networks of cities",
        "recommended_size": None,
        "size_source": "",
    },
    "interreg": {
        "label": "Interreg (cross-border, transnational)",
        "names": [],  # every other programme
        "min_countries": 2,
        "countries_source": LAW,
        "public_bodies": False,
        "public_source": "",
        "recommended_size": None,
        "size_source": "",
    },
}

PUBLIC_TYPES = ("public authority", "public law", "sectoral agency", "egtc", "municipal")


def partnership_rules() -> dict[str, dict]:
    return getattr(settings, "CORRIDOR_PARTNERSHIP_RULES", PARTNERSHIP_RULES)


def rules_for(programme: Programme | None) -> tuple[str, dict]:
    rules = partnership_rules()
    name = fold(programme.name) if programme else ""
    for key, rule in rules.items():
        if any(name.startswith(n) for n in rule["names"]):
            return key, rule
    return "interreg", rules["interreg"]


def check_consortium(
    programme: Programme | None, organisations: Sequence[Organisation]
) -> list[tuple[str, str, str]]:
    """The consortium against its programme's rules: (rule, warning, source) for each rule
    it does not meet yet."""
    _, rule = rules_for(programme)
    label = str(programme) if programme else rule["label"]
    warnings = []
    countries = {
        o.country_code or (o.region.code[:2] if o.region is not None else "") for o in organisations
    }
    countries.discard("")
    if len(countries) < rule["min_countries"]:
        warnings.append(
            (
                "countries",
                f"{label} needs partners from at least {rule['min_countries']} countries; the "
                f"consortium has {plural(len(countries), 'country', 'countries')}",
                rule["countries_source"],
            )
        )
    if rule["public_bodies"]:
        public = [
            o
            for o in organisations
            if o.ownership == Ownership.PUBLIC
            or any(word in (o.type or "").lower() for word in PUBLIC_TYPES)
        ]
        if not public:
            warnings.append(
                (
                    "public_bodies",
                    f"{label} projects need public bodies among the partners; the consortium "
                    "has none",
                    rule["public_source"],
                )
            )
    size = rule["recommended_size"]
    if size and not size[0] <= len(organisations) <= size[1]:
        warnings.append(
            (
                "size",
                f"{label} partnerships are best with {size[0]} to {size[1]} partners; the "
                f"consortium has {len(organisations)}",
                rule["size_source"],
            )
        )
    return warnings
