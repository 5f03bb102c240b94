"""Sentence rows as shown: one-sided sentences between the same two rows set level, each
side in its own order; pairs and moved sentences keep rows of their own."""

import re

import pytest

from peelviewer.core.comparison.diff import DELETE, EQUAL, INSERT, MOVED, REPLACE
from peelviewer.core.comparison.section_rows import level


def row(kind: str, left: str | None, right: str | None) -> str:
    cells = [f'<td width="50%">{text}</td>' if text else '<td width="50%"></td>'
             for text in (left, right)]
    return f"<tr>{cells[0]}{cells[1]}</tr>"


def shown_as(rows):
    """The rows as shown, each as (left text, right text), and where each row went."""
    html, at = level([row(*r) for r in rows], [r[0] for r in rows])
    cell = re.compile(r'<td width="50%">(.*?)</td>')
    return [tuple(text or None for text in cell.findall(shown)) for shown in html], at


@pytest.mark.parametrize(("rows", "shown", "at"), [
    ([(EQUAL, "a", "a")], [("a", "a")], [0]),
    # Three left-only and two right-only between two pairs: three rows, not five.
    ([(EQUAL, "a", "a"), (DELETE, "b", None), (DELETE, "c", None), (INSERT, None, "x"),
      (DELETE, "d", None), (INSERT, None, "y"), (REPLACE, "e", "e!")],
     [("a", "a"), ("b", "x"), ("c", "y"), ("d", None), ("e", "e!")],
     [0, 1, 2, 1, 3, 2, 4]),
    # More on the right.
    ([(INSERT, None, "x"), (INSERT, None, "y"), (DELETE, "b", None)],
     [("b", "x"), (None, "y")], [0, 1, 0]),
    # A moved sentence is not set beside another: its mark says where it went.
    ([(DELETE, "b", None), (MOVED, "m", None), (INSERT, None, "x")],
     [("b", None), ("m", None), (None, "x")], [0, 1, 2]),
])
def test_one_sided_runs_are_set_level(rows, shown, at):
    assert shown_as(rows) == (shown, at)
