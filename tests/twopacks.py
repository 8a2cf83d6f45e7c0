"""A second pack written in the tests: a small imitation of an imported HPO pack.

Its hemifacial-spasm term, ``HP:0010828``, carries the xrefs of the bundled pack's
hemifacial-spasm entity in other spellings (``SNOMEDCT_US:13753008``, ``UMLS:C0278152``,
as an OBO file writes its xrefs), so the two are
"the same concept". Ids with a colon need the loader's id pattern widened (the OBO importer
does that); `colon_ids` does it for a test until then.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from .conftest import PACKS
from .helpers import write

HFS_TERM = "HP:0010828"
PARENT = "HP:0000001"


def write_hpo_like(root: Path, *, children: int = 3, pack_id: str = "hpo") -> Path:
    """An imported pack: a parent term with ``children`` subclasses besides HP:0010828."""
    root.mkdir(parents=True, exist_ok=True)
    for name in ("evidence-levels.yaml", "recommendation-levels.yaml",
                 "association-levels.yaml"):
        shutil.copy(PACKS / "starter" / name, root / name)
    starter = (PACKS / "starter" / "pack.yaml").read_text(encoding="utf-8")
    verdicts = starter[starter.index("verdicts:"):]
    write(root / "pack.yaml", f"""id: {pack_id}
name: Human Phenotype Ontology (test)
version: 2025-01-16
last_reviewed: 2025-01-16
kind: imported
description: A few terms in the shape of the Human Phenotype Ontology.
{verdicts}""")
    write(root / "relations.yaml", """relations:
  - {id: is-a, label: is a, inverse: has subclass}
  - {id: about, label: is about, inverse: claim about it}
  - {id: stated-in, label: stated in, inverse: states}
  - {id: cites, label: cites, inverse: cited by}
""")
    terms = [f"""  - id: "{PARENT}"
    name: Abnormality of facial musculature
    summary: An abnormality of the muscles of the face.
""", f"""  - id: "{HFS_TERM}"
    name: Hemifacial spasm
    aliases: [Facial hemispasm]
    summary: Involuntary contractions of the muscles on one side of the face.
    codes:
      SNOMED-CT: ["SNOMEDCT_US:13753008"]
      UMLS: ["UMLS:C0278152"]
    relations:
      is-a: ["{PARENT}"]
"""]
    for number in range(children):
        terms.append(f"""  - id: "HP:9{number:06d}"
    name: Facial twitch number {number}
    summary: A made-up child term.
    relations:
      is-a: ["{PARENT}"]
""")
    write(root / "entities" / "terms.yaml", "type: sign\nentities:\n" + "".join(terms))
    return root
