"""Child process for crash tests: add annotations forever, printing each id once committed.

Usage: python store_writer.py STORE_FILE [COUNT]. The parent kills it with SIGKILL.
"""

from __future__ import annotations

import sys

from lectern.core.document import Document
from lectern.core.editing.session import AnnotationSession
from lectern.core.store import AnnotationStore

TEXT = "Crash test article: “Tbilisi” and Tallinn 😀 agree on tariffs. " * 40


def main() -> None:
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 10**9
    store = AnnotationStore.open(sys.argv[1])
    session = AnnotationSession(Document.from_text(TEXT, title="crash"), store)
    for i in range(count):
        start = (i * 7) % (len(TEXT) - 20)
        annotation = session.add(start, start + 1 + i % 19, ["Claim"], note=f"n{i}")
        if i % 3 == 0:
            session.set_note(annotation.id, f"edited {i}")
        print(annotation.id, flush=True)  # only after the commit returned


if __name__ == "__main__":
    main()
