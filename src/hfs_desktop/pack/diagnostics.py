"""Problems found while loading or validating a pack, as `path:line:col: level: text`."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Location


@dataclass(frozen=True, slots=True)
class Diagnostic:
    location: Location
    severity: str  # "error" or "warning"
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class Diagnostics(list[Diagnostic]):
    """A growing list of diagnostics with short helpers."""

    def error(self, location: Location, message: str) -> None:
        self.append(Diagnostic(location, "error", message))

    def warning(self, location: Location, message: str) -> None:
        self.append(Diagnostic(location, "warning", message))

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self if d.is_error]

    def sorted(self) -> list[Diagnostic]:
        return sorted(self, key=lambda d: (d.location.path, d.location.line, d.location.col))


class PackInvalid(Exception):
    """Raised by load_pack when a pack has errors; carries every diagnostic."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        errors = [d for d in diagnostics if d.is_error]
        lines = "\n".join(str(d) for d in errors[:20])
        more = f"\n... and {len(errors) - 20} more" if len(errors) > 20 else ""
        super().__init__(f"the knowledge pack has {len(errors)} error(s):\n{lines}{more}")
        self.diagnostics = diagnostics
