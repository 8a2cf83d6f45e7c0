"""Foreign formats to knowledge packs (an OBO ontology first), then validated like any pack.

No Qt, no GUI: ``hfs-kb import-obo`` drives them (`importers.cli`).
"""
