"""The window's start pauses the cyclic GC for the first paint, and only for it."""

import gc

from lectern.main import main


def test_the_cyclic_gc_is_back_on_once_the_article_is_painted(qapp, tmp_path, monkeypatch):
    article = tmp_path / "short.txt"
    article.write_text("Bridge reopens\n\nThe bridge reopened on June 3.\n", encoding="utf-8")
    assert gc.isenabled()
    seen_during_startup: list[bool] = []
    from lectern.gui.shell import app

    original = app._report_first_paint

    def report(qt_app) -> None:
        seen_during_startup.append(gc.isenabled())
        original(qt_app)

    monkeypatch.setattr(app, "_report_first_paint", report)  # a spy: the real one runs too
    assert main(["--home", str(tmp_path / "home"), "--quit-after-paint", str(article)]) == 0
    assert seen_during_startup == [False]  # paused up to the first paint
    assert gc.isenabled()  # and on again after it
