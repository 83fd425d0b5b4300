"""Lectern's composition root: read the command line, build AppPaths, start the GUI or a command."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from lectern.core.cli import COMMAND_MODULES, register_all
from lectern.core.errors import LecternError
from lectern.core.paths import AppPaths

DESCRIPTION = ("Lectern: read news articles, highlight and tag them, "
               "see who, where, when and how much.")
HOME_HELP = "keep all data under DIR (like $LECTERN_HOME)"
EPILOG = """commands (each has its own --help):
  extract FILE        print the entities, facts and quotes found in an article
  export FILE         write an article's annotations (W3C, brat, CSV, doccano, Prodigy,
                      Label Studio, REFI-QDA)
  import ANN --into FILE   merge an annotation file into the local store
  search              list stored annotations across articles
  add PATH...         add article files or folders to the library
  library [ID]        list the library's articles (or one, with its versions)
  find QUERY          full-text search across the library
  open ID             start the window on a library article
  remove ID           remove an article from the library
  entities            one entry per entity across the library
  entity STEP         curate entities: merge, rename, retype, reject, split, undo...
  timeline            the library's dated events, by date
  conflicts           figures that articles give differently for the same measure
  quotes [--ledger]   quotations with their speakers; the same quotation across articles
  report KIND         tag frequencies, tag co-occurrence or sourcing, as a table or CSV
  recover DAMAGED     merge what a damaged store file (moved aside) still holds

Data lives under $LECTERN_HOME when it is set, else in the platform's user folders."""


def build_gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lectern", description=DESCRIPTION, epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("file", nargs="?", help="article to open (.txt, .md, .html); "
                        "default: the last article read, or the bundled sample")
    parser.add_argument("--screenshot", metavar="OUT.png",
                        help="render the laid-out main window to a PNG and exit")
    parser.add_argument("--size", default="1400x900", metavar="WxH",
                        help="window size for --screenshot (default 1400x900)")
    parser.add_argument("--annotations", metavar="ANN.json",
                        help="load this annotation file onto the article")
    parser.add_argument("--dark", action="store_true", help="use the dark palette")
    parser.add_argument("--show", choices=("article", "library", "passages", "timeline",
                                           "entities", "reports", "ledger"),
                        help="bring this view forward (with --screenshot: to look at it)")
    parser.add_argument("--home", metavar="DIR", help=HOME_HELP)
    parser.add_argument("--quit-after-paint", action="store_true", help=argparse.SUPPRESS)
    return parser


def build_command_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lectern", description=DESCRIPTION)
    parser.add_argument("--home", metavar="DIR", help=HOME_HELP)
    subparsers = parser.add_subparsers(dest="command", required=True)
    register_all(subparsers)
    return parser


def parse_size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise LecternError(f"--size wants WIDTHxHEIGHT, like 1400x900, not “{text}”.") from None
    if not (200 <= width <= 8000 and 200 <= height <= 8000):
        raise LecternError(f"--size {text} is out of range (200 to 8000 pixels each way).")
    return width, height


def _command_word(argv: list[str]) -> str | None:
    """The first word that is not an option or an option's value (``--home DIR``)."""
    words = iter(argv)
    for word in words:
        if word in ("--home", "--screenshot", "--size", "--annotations", "--show"):
            next(words, None)
        elif not word.startswith("-"):
            return word
    return None


def finish_interrupted_saves(paths: AppPaths) -> list[str]:
    """Complete or undo any save of several files that a killed Lectern left half done,
    and remove the temporaries killed saves left in Lectern's folders; say what was done
    (on stderr, and returned for the window to show)."""
    from lectern.core.write_journal import finish_pending_writes

    messages = finish_pending_writes(paths.pending_writes, paths.folders)
    for message in messages:
        print(f"lectern: {message}", file=sys.stderr)
    return messages


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if _command_word(argv) in COMMAND_MODULES:
            args = build_command_parser().parse_args(argv)
            paths = AppPaths.from_environment(args.home)
            settled = finish_interrupted_saves(paths)
            if args.command == "open":
                return _open_article(args, paths, settled)
            handler: Callable[[argparse.Namespace, AppPaths], int] = args.handler
            return handler(args, paths)
        args = build_gui_parser().parse_args(argv)
        paths = AppPaths.from_environment(args.home)
        settled = finish_interrupted_saves(paths)
        size = parse_size(args.size)
        from lectern.gui.shell.app import run_gui  # Qt is imported only when a window is wanted

        return run_gui(args, paths, size, settled)
    except LecternError as error:
        print(f"lectern: {error}", file=sys.stderr)
        return 1


def _open_article(args: argparse.Namespace, paths: AppPaths, settled: list[str]) -> int:
    """``open ID``: the window, started on a library article."""
    from lectern.gui.shell.app import run_gui

    window = argparse.Namespace(file=None, screenshot=None, annotations=None, dark=args.dark,
                                show=None, article=args.id, quit_after_paint=False)
    return int(run_gui(window, paths, (1400, 900), settled))


if __name__ == "__main__":
    sys.exit(main())
