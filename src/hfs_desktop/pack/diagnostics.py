"""Problems found while loading or validating a pack, as `path:line:col: level: text`."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Location

ROOT_CAUSE = "root-cause"
"""A file that could not be read at all (missing, unreadable, not YAML): reported first."""
KNOCK_ON = "knock-on"
"""A reference to an undefined id: may follow from a file that could not be read."""


@dataclass(frozen=True, slots=True)
class Diagnostic:
    location: Location
    severity: str  # "error" or "warning"
    message: str
    kind: str = ""  # ROOT_CAUSE, KNOCK_ON or ""

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class Diagnostics(list[Diagnostic]):
    """A growing list of diagnostics with short helpers."""

    def error(self, location: Location, message: str, kind: str = "") -> None:
        self.append(Diagnostic(location, "error", message, kind))

    def warning(self, location: Location, message: str) -> None:
        self.append(Diagnostic(location, "warning", message))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self if d.is_error]

    def sorted(self) -> list[Diagnostic]:
        """Root causes first, then everything else in file order."""
        return sorted(self, key=lambda d: (d.kind != ROOT_CAUSE, d.location.path,
                                           d.location.line, d.location.col))

    def presented(self) -> list[Diagnostic]:
        """What to show a person: root causes first and, when a file could not be read, the
        references to undefined ids that may follow from it folded into one line."""
        ordered = self.sorted()
        roots = [d for d in ordered if d.kind == ROOT_CAUSE]
        knock_on = [d for d in ordered if d.kind == KNOCK_ON]
        if not roots or not knock_on:
            return ordered
        files = ", ".join(dict.fromkeys(d.location.path for d in roots))
        first = knock_on[0]
        folded = Diagnostic(
            first.location, "error",
            f"{len(knock_on)} reference(s) to undefined ids, the first here; they may be "
            f"defined in what could not be read ({files}): fix that first", KNOCK_ON)
        rest = [d for d in ordered if d.kind not in (ROOT_CAUSE, KNOCK_ON)]
        return [*roots, folded, *rest]


class PackInvalid(Exception):
    """Raised by load_pack when a pack has errors; carries every diagnostic."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        errors = [d for d in diagnostics if d.is_error]
        shown = [d for d in Diagnostics(diagnostics).presented() if d.is_error]
        lines = "\n".join(str(d) for d in shown[:20])
        more = f"\n... and {len(shown) - 20} more" if len(shown) > 20 else ""
        super().__init__(f"the knowledge pack has {len(errors)} error(s):\n{lines}{more}")
        self.diagnostics = diagnostics
