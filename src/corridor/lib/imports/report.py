"""What an import did, counted per kind of record, and the errors that stop one."""

from collections import Counter
from dataclasses import dataclass, field


class ImportFailed(Exception):
    """Bad input: names the file, the row and the field. Nothing has been written."""

    def __init__(self, path, message: str, row: int | None = None, field: str | None = None):
        self.path, self.row, self.field, self.reason = str(path), row, field, message
        where = self.path
        if row is not None:
            where += f", row {row}"
        if field:
            where += f", field {field!r}"
        super().__init__(f"{where}: {message}")


@dataclass
class Rejected:
    row: int
    reason: str


@dataclass
class ImportReport:
    source: str
    counts: Counter = field(default_factory=Counter)
    rejected: list[Rejected] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def count(self, kind: str, outcome: str) -> None:
        self.counts[(kind, outcome)] += 1

    def total(self, outcome: str) -> int:
        return sum(n for (_, o), n in self.counts.items() if o == outcome)

    def kinds(self) -> list[str]:
        return sorted({kind for kind, _ in self.counts})

    def summary(self) -> str:
        line = (
            f"{self.source}: {self.total('created')} created, {self.total('changed')} changed, "
            f"{self.total('unchanged')} unchanged, {len(self.rejected)} rows rejected"
        )
        per_kind = "; ".join(
            f"{kind} {self.counts[(kind, 'created')]}/{self.counts[(kind, 'changed')]}"
            f"/{self.counts[(kind, 'unchanged')]}"
            for kind in self.kinds()
        )
        return f"{line} ({per_kind}: created/changed/unchanged)" if per_kind else line

    def details(self, verbose: bool = False) -> list[str]:
        lines = [f"row {r.row}: rejected, {r.reason}" for r in self.rejected]
        if verbose:
            return lines + [f"warning: {w}" for w in self.warnings]
        if self.warnings:
            lines.append(f"{len(self.warnings)} warnings (values read with a correction; "
                         "--verbose lists them)")  # fmt: skip
        return lines
