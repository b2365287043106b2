"""The bundled real sample data, loaded in dependency order."""

from collections.abc import Callable

from corridor.ingest.report import ImportReport
from corridor.ingest.sources.curated import import_curated
from corridor.ingest.sources.interreg_sweden import import_interreg_sweden
from corridor.regions.services import load_innovation_groups, load_nuts_regions

SOURCES: dict[str, Callable[..., ImportReport]] = {
    "nuts": load_nuts_regions,
    "eis": load_innovation_groups,
    "interreg-sweden": import_interreg_sweden,
    "seeds": import_curated,
}
