"""The Passages view's list as a file: CSV (a row per passage), Markdown (each quote with
its citation: title, outlet, date, file) or a W3C AnnotationCollection (each annotation
targeting its own article). Written atomically; the same for the window and ``search``."""

from __future__ import annotations

import csv
import io
import json
import os
import uuid
from collections.abc import Sequence
from pathlib import Path

from lectern.core.atomic_write import atomic_write_bytes
from lectern.core.errors import LecternError
from lectern.core.formats.csv_format import neutralise_cell
from lectern.core.formats.w3c import annotation_to_w3c, source_iri
from lectern.core.store.library_rows import Passage

EXPORTS = {".csv": "csv", ".md": "markdown", ".markdown": "markdown", ".json": "w3c",
           ".jsonld": "w3c"}
CSV_COLUMNS = ("article", "title", "outlet", "date", "path", "start", "end", "quote", "tags",
               "note", "created", "id")
ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
PASSAGES_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:lectern:passages")


def export_kind(path: str | os.PathLike[str], kind: str | None = None) -> str:
    if kind is not None:
        return kind
    found = EXPORTS.get(Path(path).suffix.lower())
    if found is None:
        raise LecternError(f"“{Path(path).name}”: name the file .csv, .md or .json (a W3C "
                           "annotation collection) to say what to write.")
    return found


def export_passages(path: str | os.PathLike[str], passages: Sequence[Passage],
                    kind: str | None = None) -> str:
    """Write ``passages`` to ``path``; returns what was written, for the status line."""
    kind = export_kind(path, kind)
    text = {"csv": dumps_csv, "markdown": dumps_markdown, "w3c": dumps_w3c}[kind](passages)
    atomic_write_bytes(path, text.encode("utf-8-sig" if kind == "csv" else "utf-8"))
    noun = "passage" if len(passages) == 1 else "passages"
    return f"{len(passages):,} {noun} written to {Path(path).name}"


def dumps_csv(passages: Sequence[Passage]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for p in passages:
        a = p.annotation
        cells = ("" if p.article is None else str(p.article), p.title, p.outlet, p.published,
                 p.path, str(a.start), str(a.end), a.exact, "; ".join(a.tags), a.note,
                 a.created, a.id)
        writer.writerow([neutralise_cell(cell) for cell in cells])
    return buffer.getvalue()


def citation(p: Passage) -> str:
    """"*Title*, Outlet, 2021-03-04 (file.txt)": where a quote comes from."""
    parts = [f"*{p.title or 'Untitled'}*"]
    parts += [value for value in (p.outlet, p.published) if value]
    name = Path(p.path).name if p.path else ""
    return ", ".join(parts) + (f" ({name})" if name else "")


def dumps_markdown(passages: Sequence[Passage]) -> str:
    lines = ["# Passages", "", f"{len(passages):,} passages.", ""]
    for p in passages:
        a = p.annotation
        quote = " ".join(a.exact.split()) or "(no quote)"
        lines.append(f"> {quote}")
        lines.append("")
        lines.append(f"— {citation(p)}" + (f" · {', '.join(a.tags)}" if a.tags else ""))
        if a.note.strip():
            lines += ["", "  " + " ".join(a.note.split())]
        lines.append("")
    return "\n".join(lines)


def dumps_w3c(passages: Sequence[Passage]) -> str:
    items = [annotation_to_w3c(p.annotation, source_iri(Path(p.path)) if p.path else "",
                               p.fingerprint) for p in passages]
    content = "\x1f".join(f"{p.annotation.id}@{p.annotation.modified}" for p in passages)
    collection_id = uuid.uuid5(PASSAGES_NAMESPACE, content)
    return json.dumps({
        "@context": [ANNO_CONTEXT, {"lectern": "urn:x-lectern:"}],
        "id": f"urn:uuid:{collection_id}", "type": "AnnotationCollection",
        "label": "Lectern passages across articles", "total": len(items),
        "first": {"id": f"urn:uuid:{uuid.uuid5(collection_id, 'page-1')}",
                  "type": "AnnotationPage", "startIndex": 0, "items": items},
    }, ensure_ascii=False, indent=1) + "\n"
