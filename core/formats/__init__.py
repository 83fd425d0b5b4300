"""Annotation files: W3C Web Annotation JSON-LD (native), brat standoff, CSV, doccano,
Prodigy, Label Studio and REFI-QDA; ``exchange`` is the one layer that chooses and reports.

Every writer saves atomically (``atomic_write_bytes``); every reader validates all it
reads and raises LecternError, loading nothing, when something is wrong.
"""

from lectern.core.atomic_write import atomic_write_bytes
from lectern.core.formats.brat import BratExport, dumps_brat, save_brat
from lectern.core.formats.brat_read import load_brat, loads_brat, parse_brat, read_brat
from lectern.core.formats.csv_format import dumps_csv, save_csv
from lectern.core.formats.w3c import W3CSource, dumps_w3c, load_w3c, loads_w3c, save_w3c

__all__ = [
    "BratExport",
    "W3CSource",
    "atomic_write_bytes",
    "dumps_brat",
    "dumps_csv",
    "dumps_w3c",
    "load_brat",
    "load_w3c",
    "loads_brat",
    "loads_w3c",
    "parse_brat",
    "read_brat",
    "save_brat",
    "save_csv",
    "save_w3c",
]
