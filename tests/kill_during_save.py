"""Child process for kill tests: export annotations as brat and SIGKILL itself at a chosen
system call, to leave the files exactly as a kill at that moment would.

Usage: python kill_during_save.py HOME ARTICLE OUT NOTE CALL:N
CALL is one of write, fsync, replace, link, unlink, open, close, or any (every one of
them counts); the process kills itself just before the N-th such call. With N = 0 it
runs to the end and prints how many calls of each kind the export made.
"""

from __future__ import annotations

import os
import signal
import sys
from collections import Counter
from pathlib import Path

from lectern.core.annotations import Annotation
from lectern.core.document import load_document
from lectern.core.formats.exchange import Format, export_annotations
from lectern.core.paths import AppPaths

CALLS = ("write", "fsync", "replace", "link", "unlink", "open", "close")


def main() -> None:
    home, article, out, note, spec = sys.argv[1:6]
    document = load_document(article)
    annotations = [Annotation.from_span(document.text, 0, 7, ["Place"], note),
                   Annotation.from_span(document.text, 12, 19, ["Place"], note)]
    paths = AppPaths.from_environment(home)
    wanted, _, number = spec.partition(":")
    limit = int(number)
    counts: Counter[str] = Counter()

    def counting(name: str, real):  # type: ignore[no-untyped-def]
        def call(*args, **kwargs):  # type: ignore[no-untyped-def]
            counts[name] += 1
            counts["any"] += 1
            if limit and counts[wanted] == limit:
                os.kill(os.getpid(), signal.SIGKILL)
            return real(*args, **kwargs)
        return call

    for name in CALLS:
        setattr(os, name, counting(name, getattr(os, name)))
    export_annotations(Format.BRAT, Path(out), document, annotations, protected=paths)
    print(dict(counts))


if __name__ == "__main__":
    main()
