"""Test isolation: offscreen Qt, a throw-away home, and no network."""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

# Set before anything imports Qt or platformdirs: they read these once. Processes the tests
# start (spawn imports a test module again) share the run's home; the run removes it.
_HOME = Path(os.environ.get("HFS_TEST_HOME") or tempfile.mkdtemp(prefix="hfs-test-home-"))
if "HFS_TEST_HOME" not in os.environ:
    os.environ["HFS_TEST_HOME"] = str(_HOME)
    atexit.register(shutil.rmtree, _HOME, ignore_errors=True)
os.environ["HOME"] = str(_HOME)
for _var, _sub in (("XDG_CONFIG_HOME", ".config"), ("XDG_CACHE_HOME", ".cache"),
                   ("XDG_DATA_HOME", ".local/share"), ("XDG_RUNTIME_DIR", "runtime")):
    (_HOME / _sub).mkdir(parents=True, exist_ok=True)
    os.environ[_var] = str(_HOME / _sub)
os.chmod(_HOME / "runtime", 0o700)
os.environ["QT_QPA_PLATFORM"] = "offscreen"
# No search index shipped with the app: tests build their own, whether or not this checkout
# has run `hfs-kb index --prebuild` (tests of the prebuilt index pass their own folder).
os.environ["HFS_DESKTOP_PREBUILT_INDEX"] = ""

REPO = Path(__file__).resolve().parents[1]
PACKS = Path(__file__).resolve().parent / "packs"


class NetworkBlocked(AssertionError):
    """Raised when code under test opens a network connection."""


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test fails if it connects anywhere but a local (AF_UNIX) socket."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> None:
        if self.family == socket.AF_UNIX:
            return real_connect(self, address)  # type: ignore[arg-type]
        raise NetworkBlocked(f"network access attempted: {address!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded)
    monkeypatch.setattr(socket, "create_connection",
                        lambda *a, **k: (_ for _ in ()).throw(NetworkBlocked(repr(a))))


class _ErrorRecords(logging.Handler):
    """Collects every record of level ERROR or above."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def logfail(request: pytest.FixtureRequest) -> Iterator[_ErrorRecords]:
    """Fail any test during which an error was logged (qutebrowser's logfail), unless it is
    marked ``error_logged``: a swallowed exception must not pass as "never raises"."""
    handler = _ErrorRecords()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
    if handler.records and request.node.get_closest_marker("error_logged") is None:
        logged = "; ".join(f"{r.name}: {r.getMessage()}" for r in handler.records[:3])
        pytest.fail(f"an error was logged during the test: {logged}", pytrace=False)


@pytest.fixture
def home() -> Path:
    """The throw-away home folder every test runs under."""
    return _HOME


@pytest.fixture
def starter_pack() -> Path:
    return PACKS / "starter"


@pytest.fixture
def pack_copy(tmp_path: Path, starter_pack: Path) -> Iterator[Path]:
    """A writable copy of the starter pack, to break in a test."""
    import shutil

    target = tmp_path / "knowledge"
    shutil.copytree(starter_pack, target)
    yield target
