"""Titles in lists: copies of one story are told apart by their file names; a title no
other row shares is shown as it is."""

from __future__ import annotations

import pytest

from lectern.core.readouts.titles import told_apart


@pytest.mark.parametrize(("rows", "shown"), [
    ([("Port deal", "/a/port.txt")], ["Port deal"]),
    ([("Port deal", "/a/port.txt"), ("Port deal", "/b/port-edited.txt")],
     ["Port deal · port.txt", "Port deal · port-edited.txt"]),
    ([("Port deal", "/a/port.txt"), ("port DEAL", "/b/other.txt")],  # case does not tell
     ["Port deal · port.txt", "port DEAL · other.txt"]),
    ([("Port deal", "/a/port.txt"), ("Port deal", "/a/port.txt")],  # one article, twice
     ["Port deal", "Port deal"]),
    ([("Port deal", "/a/port.txt"), ("Port deal", "")],  # a text never kept from a file
     ["Port deal · port.txt", "Port deal"]),
    ([("Port deal", "/a/port.txt"), ("Rail link", "/a/rail.txt")], ["Port deal", "Rail link"]),
])
def test_titles_are_told_apart_only_where_they_are_shared(rows, shown):
    assert told_apart(rows) == shown
