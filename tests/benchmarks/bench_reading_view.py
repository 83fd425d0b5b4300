"""What showing an article's structure costs: the reading view with the structure against the
same view and text without it, and a stock QPlainTextEdit for scale, in one run (run on
demand; prints medians and ratios).

    QT_QPA_PLATFORM=offscreen python tests/benchmarks/bench_reading_view.py [--runs 5]

Cases: a 10 MB plain-text article (structure: its headline only) and a Markdown article of
about 1 MB full of quotes, lists and tables: show it and paint the first screen, then page
through 100 screens painting each.
"""

from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import replace
from pathlib import Path
from tempfile import TemporaryDirectory

from PySide6.QtWidgets import QApplication, QPlainTextEdit

from lectern.core.document import Document, load_document
from lectern.core.structure import Structure
from lectern.gui.reader.article_view import ArticleView

PARAGRAPH = ("The council voted on Tuesday to turn the old rail yard into a park, ending a "
             "dispute that began in 2019 and split the town for years. ")
MARKDOWN_SECTION = """## Section {n}

{paragraph}

> "This is the biggest park the city has built in fifty years," said the mayor, adding that
> it would be open by 2028.

- A budget cap of $38 million, checked every quarter by the auditor
  - reported to the full council
- Public toilets at both entrances

| Item | Cost |
|------|------|
| Land clean-up | $12.5 million |
| Planting | $9 million |

"""


def plain_article() -> Document:
    text = "Big article\n\n" + "\n\n".join(PARAGRAPH * 4 for _ in range(10_000_000 // 600))
    return Document.from_text(text)


def markdown_article(folder: Path) -> Document:
    body = "".join(MARKDOWN_SECTION.format(n=n, paragraph=PARAGRAPH * 3) for n in range(1400))
    path = folder / "big.md"
    path.write_text("# Big structured article\n\n" + body, encoding="utf-8")
    return load_document(path)


def time_show(make_view, document: Document) -> tuple[float, float]:
    """Seconds to show ``document`` and paint it, then to page through 100 screens."""
    app = QApplication.instance()
    view = make_view()
    view.resize(900, 800)
    view.show()
    app.processEvents()
    started = time.perf_counter()
    if isinstance(view, ArticleView):
        view.show_document(document)
    else:
        view.setPlainText(document.text)
    view.repaint()
    shown = time.perf_counter() - started
    started = time.perf_counter()
    bar = view.verticalScrollBar()
    for _ in range(100):
        bar.triggerAction(bar.SliderAction.SliderPageStepAdd)
        view.viewport().repaint()
    paged = time.perf_counter() - started
    view.close()
    view.deleteLater()
    app.processEvents()
    return shown, paged


def stock_view() -> QPlainTextEdit:
    view = QPlainTextEdit()
    view.setReadOnly(True)
    return view


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    keep = QApplication.instance() or QApplication([])  # noqa: F841 - alive for the run
    with TemporaryDirectory() as folder:
        cases = {"10 MB plain text": plain_article(),
                 "1 MB structured Markdown": markdown_article(Path(folder))}
        for name, document in cases.items():
            bare = replace(document, markup=Structure())
            results: dict[str, list[tuple[float, float]]] = {"view": [], "bare": [],
                                                             "stock": []}
            for _ in range(runs):  # alternating, so drifting load hits all alike
                results["stock"].append(time_show(stock_view, document))
                results["bare"].append(time_show(ArticleView, bare))
                results["view"].append(time_show(ArticleView, document))
            medians = {key: (statistics.median(s for s, _ in rows),
                             statistics.median(p for _, p in rows))
                       for key, rows in results.items()}
            size = len(document.text.encode()) / 1e6
            print(f"{name} ({size:.1f} MB, {len(document.structure.blocks):,} blocks):")
            for label, index in (("show + first paint", 0), ("page through 100 screens", 1)):
                view, bare, stock = (medians[key][index] for key in ("view", "bare", "stock"))
                print(f"  {label:25} with structure {view * 1000:6.0f} ms, without "
                      f"{bare * 1000:6.0f} ms (ratio {view / bare:.2f}); stock "
                      f"QPlainTextEdit {stock * 1000:6.0f} ms")


if __name__ == "__main__":
    main()
