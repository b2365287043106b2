"""The bundled real sample data, loaded in dependency order."""

from collections.abc import Callable

from corridor.community.imports import import_community
from corridor.ingest.sources.curated import import_curated
from corridor.ingest.sources.erdf_denmark import import_erdf_denmark
from corridor.ingest.sources.horizon_norway import import_horizon_norway
from corridor.ingest.sources.interreg_sweden import import_interreg_sweden
from corridor.ingest.sources.keep_eu import import_keep_eu
from corridor.ingest.sources.kohesio import import_kohesio
from corridor.ingest.sources.operations import import_operations
from corridor.learning.imports import import_learning
from corridor.lib.imports.report import ImportReport
from corridor.plans.imports import import_plans
from corridor.regions.services import load_innovation_groups, load_nuts_regions

SOURCES: dict[str, Callable[..., ImportReport]] = {
    "nuts": load_nuts_regions,
    "eis": load_innovation_groups,
    "interreg-sweden": import_interreg_sweden,
    "seeds": import_curated,
    "learning": import_learning,
    "plans": import_plans,
    "community": import_community,
}

# Importers of further bundled real files, run one by one with `corridor import KIND`. They
# stay out of the demo (and so out of the test database, whose counts the page tests know).
IMPORTERS: dict[str, Callable[..., ImportReport]] = {
    **SOURCES,
    "operations": import_operations,
    "erdf-denmark": import_erdf_denmark,
    "horizon-norway": import_horizon_norway,
    "kohesio": import_kohesio,
    "keep-eu": import_keep_eu,
}
