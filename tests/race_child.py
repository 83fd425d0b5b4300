"""Child process for race tests: load Lectern, print "ready", wait for a line on stdin, then
go, so that several children start the racy part at the same moment.

Usage: python race_child.py main ARGS...   (run lectern's main(ARGS), exit with its code)
       python race_child.py open PATH...   (open and close a store at each PATH in turn,
                                            printing each LecternError)
"""

from __future__ import annotations

import sys

import lectern.core.cli.annotations_cli  # noqa: F401  (loaded before the start line)
from lectern.core.errors import LecternError
from lectern.core.store import AnnotationStore
from lectern.main import main as lectern_main


def main() -> int:
    mode, args = sys.argv[1], sys.argv[2:]
    print("ready", flush=True)
    sys.stdin.readline()
    if mode == "main":
        return lectern_main(args)
    for path in args:
        try:
            AnnotationStore.open(path).close()
        except LecternError as error:
            print(error, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
