"""``entities`` and ``entity ...``: the library's entities and their curation from the shell.

Each command analyses what is pending and brings the entity index up to date first. Every
curation command prints what it changed; ``entity undo`` undoes the last step, whichever
process made it (the undo stack is in the store).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable

from lectern.core.cli.output import write_stdout
from lectern.core.library.entity_names import NAMED_LABELS
from lectern.core.paths import AppPaths
from lectern.core.store import AnnotationStore

FORMATS = ("table", "json")


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    entities = subparsers.add_parser(
        "entities", help="the people, organisations and places named across the library",
        description="One entry per entity across the library's articles (merged by name "
                    "and by the aliases the analysis groups, kept apart by type), with the "
                    "curation applied. Ids are stable: use them with `entity`.")
    entities.add_argument("--type", choices=NAMED_LABELS, type=str.upper,
                          help="only entities of this type")
    entities.add_argument("--format", default="table", choices=FORMATS)
    entities.set_defaults(handler=run_entities)

    entity = subparsers.add_parser(
        "entity", help="curate the library's entities: merge, rename, retype, reject, split",
        description="Curation is kept in the store and applies to every article, past and "
                    "future. Each step prints what it changed; `entity undo` undoes the last.")
    steps = entity.add_subparsers(dest="step", required=True, metavar="STEP")
    merge = steps.add_parser("merge", help="merge the second entity into the first")
    merge.add_argument("keep", type=int, metavar="ID")
    merge.add_argument("other", type=int, metavar="ID")
    rename = steps.add_parser("rename", help="give an entity another name")
    rename.add_argument("id", type=int, metavar="ID")
    rename.add_argument("name", nargs="+", metavar="NAME")
    retype = steps.add_parser("retype", help="change an entity's type")
    retype.add_argument("id", type=int, metavar="ID")
    retype.add_argument("type", choices=NAMED_LABELS, type=str.upper, metavar="TYPE")
    reject = steps.add_parser("reject", help="reject a false positive everywhere")
    reject.add_argument("id", type=int, metavar="ID")
    split = steps.add_parser("split", help="split a wrong merge (or the names given) off")
    split.add_argument("id", type=int, metavar="ID")
    split.add_argument("names", nargs="*", metavar="NAME")
    mention = steps.add_parser("mention", help="add a mention the analysis missed")
    mention.add_argument("id", type=int, metavar="ID")
    mention.add_argument("article", type=int, metavar="ARTICLE")
    mention.add_argument("start", type=int, metavar="START")
    mention.add_argument("end", type=int, metavar="END")
    steps.add_parser("undo", help="undo the last curation step")
    suggested = steps.add_parser("suggestions", help="merges that look right, to accept or "
                                 "dismiss")
    suggested.add_argument("--format", default="table", choices=FORMATS)
    accept = steps.add_parser("accept", help="accept a suggested merge (KEEP OTHER)")
    accept.add_argument("keep", type=int, metavar="ID")
    accept.add_argument("other", type=int, metavar="ID")
    dismiss = steps.add_parser("dismiss", help="dismiss a suggested merge for good")
    dismiss.add_argument("first", type=int, metavar="ID")
    dismiss.add_argument("second", type=int, metavar="ID")
    entity.set_defaults(handler=run_entity)


def _ready(paths: AppPaths) -> AnnotationStore:
    from lectern.core.library.entity_index import ensure_index

    store = AnnotationStore.open(paths.store_file)
    try:
        ensure_index(store)
    except BaseException:
        store.close()
        raise
    return store


def run_entities(args: argparse.Namespace, paths: AppPaths) -> int:
    from lectern.core.library.entities import list_entities

    with _ready(paths) as store:
        found = list_entities(store, args.type, with_articles=True)
    if args.format == "json":
        write_stdout(json.dumps([e.to_json() for e in found], ensure_ascii=False, indent=1) + "\n")
        return 0
    if not found:
        write_stdout("No entities: the library has no analysed articles naming any.\n")
        return 0
    lines = [f"{'id':>6}  {'type':<7} {'articles':>8} {'mentions':>8}  name (aliases)"]
    for e in found:
        aliases = f" ({', '.join(e.aliases)})" if e.aliases else ""
        lines.append(f"{e.id:>6}  {e.label:<7} {e.articles:>8} {e.mentions:>8}  "
                     f"{e.name}{aliases}")
    write_stdout("\n".join(lines) + "\n")
    return 0


def run_entity(args: argparse.Namespace, paths: AppPaths) -> int:
    from lectern.core.library import curation

    with _ready(paths) as store:
        if args.step == "suggestions":
            return _suggestions(store, args.format)
        steps: dict[str, Callable[[], curation.CurationStep]] = {
            "merge": lambda: curation.merge(store, args.keep, args.other),
            "accept": lambda: curation.merge(store, args.keep, args.other),
            "rename": lambda: curation.rename(store, args.id, " ".join(args.name)),
            "retype": lambda: curation.retype(store, args.id, args.type),
            "reject": lambda: curation.reject(store, args.id),
            "split": lambda: curation.split(store, args.id, args.names),
            "mention": lambda: curation.add_mention(store, args.id, args.article, args.start,
                                                    args.end),
            "dismiss": lambda: curation.dismiss_suggestion(store, args.first, args.second),
            "undo": lambda: curation.undo(store),
        }
        step = steps[args.step]()
    write_stdout(step.summary + "\n")
    return 0


def _suggestions(store: AnnotationStore, fmt: str) -> int:
    from lectern.core.library.entity_suggestions import suggestions

    found = suggestions(store)
    if fmt == "json":
        write_stdout(json.dumps([s.to_json() for s in found], ensure_ascii=False, indent=1) + "\n")
        return 0
    if not found:
        write_stdout("No merges to suggest.\n")
        return 0
    lines = [f"{'keep':>6} {'other':>6}  {'type':<7} {'score':>5}  {'why':<13} names"]
    lines += [f"{s.keep.id:>6} {s.other.id:>6}  {s.keep.label:<7} {s.score:>5.0f}  "
              f"{s.reason:<13} {s.keep.name} / {s.other.name}" for s in found]
    lines.append("Accept with `entity accept KEEP OTHER`, dismiss with `entity dismiss KEEP "
                 "OTHER`.")
    write_stdout("\n".join(lines) + "\n")
    return 0
