"""Guard against PySide6 builds that leak references to None (6.12.0 on Python 3.11).

Such a build drops a reference to None on every void-returning call and the interpreter
aborts with "none_dealloc" after some thousands; this fails loudly instead.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject
from PySide6.QtGui import QTextCursor, QTextDocument

CALLS = 100_000


def test_void_returning_qt_calls_do_not_drop_references_to_none(qapp):
    document = QTextDocument("Lectern keeps None alive.\n" * 10)
    cursor = QTextCursor(document)
    holder = QObject()
    before = sys.getrefcount(None)
    for i in range(CALLS):
        cursor.setPosition(i % 200)
        holder.setObjectName("x")
        document.setModified(False)
    after = sys.getrefcount(None)
    # Three void calls per loop: a leaking build loses 300,000 references here.
    assert after >= before - 1_000, f"None lost {before - after} references"
