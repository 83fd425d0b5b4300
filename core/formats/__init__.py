"""Annotation files: W3C Web Annotation JSON-LD (native), brat standoff, CSV and JSONL.

Every writer saves atomically (``atomic_write_bytes``); every reader validates all it
reads and raises LecternError, loading nothing, when something is wrong.
"""

from lectern.core.atomic_write import atomic_write_bytes
from lectern.core.formats.brat import BratExport, dumps_brat, load_brat, loads_brat, save_brat
from lectern.core.formats.csv_format import dumps_csv, save_csv
from lectern.core.formats.jsonl import dumps_jsonl, save_jsonl
from lectern.core.formats.w3c import W3CSource, dumps_w3c, load_w3c, loads_w3c, save_w3c

__all__ = [
    "BratExport",
    "W3CSource",
    "atomic_write_bytes",
    "dumps_brat",
    "dumps_csv",
    "dumps_jsonl",
    "dumps_w3c",
    "load_brat",
    "load_w3c",
    "loads_brat",
    "loads_w3c",
    "save_brat",
    "save_csv",
    "save_jsonl",
    "save_w3c",
]
