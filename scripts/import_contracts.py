"""Corridor's own import-linter contract: a domain app reaches another only through that
app's public modules (see CONTRIBUTING.md, "Layers"). `make lint` checks it with the
layers contract in pyproject.toml."""

from importlinter import Contract, ContractCheck, fields, output


class PublicModulesContract(Contract):
    """Each of `apps` may import from another of `apps` only the modules named in `public`
    (e.g. "models"), or in `extra` as "app.module" (e.g. "corridor.regions.maps")."""

    type_name = "public_modules"

    apps = fields.ListField(subfield=fields.StringField())
    public = fields.ListField(subfield=fields.StringField())
    extra = fields.ListField(subfield=fields.StringField(), required=False)

    def check(self, graph, verbose: bool) -> ContractCheck:
        apps = list(self.apps)  # type: ignore[call-overload]
        allowed = set(self.extra or [])  # type: ignore[call-overload]
        broken = []
        for app in apps:
            for importer in sorted(graph.find_descendants(app) | {app}):
                for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                    owner = _app_of(imported, apps)
                    if owner is None or owner == app:
                        continue
                    first = imported[len(owner) + 1 :].split(".")[0]
                    if first in self.public or _within(imported, allowed):  # type: ignore[operator]
                        continue
                    details = graph.get_import_details(importer=importer, imported=imported)
                    lines = [d["line_number"] for d in details]
                    broken.append((importer, imported, lines))
        return ContractCheck(kept=not broken, metadata={"broken": broken})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for importer, imported, lines in check.metadata["broken"]:
            where = ", ".join(f"l.{n}" for n in lines)
            output.print_error(f"{importer} imports {imported} ({where}), not a public module")
            output.new_line()
        output.print(f"Public modules: {', '.join(self.public)}; and {', '.join(self.extra)}.")  # type: ignore[call-overload]


def _app_of(module: str, apps: list[str]) -> str | None:
    return next((a for a in apps if module == a or module.startswith(a + ".")), None)


def _within(module: str, names: set[str]) -> bool:
    return any(module == n or module.startswith(n + ".") for n in names)
