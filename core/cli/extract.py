"""``lectern extract FILE``: print the entities, facts and quotes found in an article, with the
library's entity curation applied (``--raw``: as the analyser found them)."""

from __future__ import annotations

import argparse
import csv
import io
import json

from lectern.core.cli.output import write_stdout
from lectern.core.document import load_document
from lectern.core.extract import Analysis, analyze
from lectern.core.paths import AppPaths

CSV_COLUMNS = (
    "record",
    "id",
    "type",
    "start",
    "end",
    "text",
    "name",
    "value",
    "unit",
    "approx",
    "role_or_date",
    "entity",
)
CSV_HELP = (
    "CSV has one row per entity mention (record=mention, type=label, name=entity name, "
    "role_or_date=role), per fact (record=fact, type=kind, name=subject, role_or_date=date) "
    "and per quote (record=quote, name=speaker name, entity=speaker id), with columns: "
    + ", ".join(CSV_COLUMNS)
    + "."
)


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "extract",
        help="print the entities, facts and quotes found in an article",
        description="Analyse an article and print what it names, counts and quotes. "
        "Offsets are character (code point) indices into the article's text.",
        epilog=CSV_HELP,
    )
    parser.add_argument("file", help="article to analyse (.txt, .md, .html)")
    parser.add_argument(
        "--format", choices=("json", "csv"), default="json", help="output format (default json)"
    )
    parser.add_argument(
        "--backend",
        choices=("builtin", "spacy"),
        default="builtin",
        help="builtin (default, no download) or spacy (needs a spaCy English model)",
    )
    parser.add_argument(
        "--raw", action="store_true",
        help="the analyser's own output, without the library's curation (renamed, merged "
        "and rejected entities)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, paths: AppPaths) -> int:
    """Analyse ``args.file`` and write the result to stdout; LecternError propagates (exit 1)."""
    document = load_document(args.file)
    analysis = analyze(document, backend=args.backend)
    if not args.raw:
        analysis = curated(analysis, document.text, paths)
    output = to_csv(analysis) if args.format == "csv" else to_json_text(analysis)
    write_stdout(output)
    return 0


def curated(analysis: Analysis, text: str, paths: AppPaths) -> Analysis:
    """The analysis with the library's curation applied (none without a store)."""
    if not paths.store_file.exists():
        return analysis
    from lectern.core.library.curation_apply import apply_curation, curation_for
    from lectern.core.library.entity_index import ensure_index
    from lectern.core.store import AnnotationStore

    with AnnotationStore.open(paths.store_file) as store:
        ensure_index(store)
        return apply_curation(analysis, curation_for(store, analysis), text)


def to_json_text(analysis: Analysis) -> str:
    return json.dumps(analysis.to_json(), ensure_ascii=False, indent=1) + "\n"


def to_csv(analysis: Analysis) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for entity in analysis.entities:
        for mention in entity.mentions:
            writer.writerow(
                (
                    "mention",
                    entity.id,
                    entity.label,
                    mention.start,
                    mention.end,
                    mention.text,
                    entity.name,
                    _cell(entity.value),
                    entity.unit or "",
                    entity.approx,
                    entity.role or "",
                    entity.id,
                )
            )
    for fact in analysis.facts:
        writer.writerow(
            (
                "fact",
                fact.id,
                fact.kind,
                fact.start,
                fact.end,
                fact.text,
                fact.subject,
                _cell(fact.value),
                fact.unit or "",
                fact.approx,
                fact.date or "",
                "",
            )
        )
    for quote in analysis.quotes:
        writer.writerow(
            (
                "quote",
                quote.id,
                "quote",
                quote.start,
                quote.end,
                quote.text,
                quote.speaker_name or "",
                "",
                "",
                "",
                "",
                quote.speaker or "",
            )
        )
    return buffer.getvalue()


def _cell(value: object) -> str:
    return "" if value is None else str(value)
