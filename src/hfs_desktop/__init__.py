"""HFS Desktop: an offline clinical knowledge browser for hemifacial spasm."""

__version__ = "0.1.0"
