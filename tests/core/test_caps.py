"""What one report may hold: a page past any limit is refused with one line naming it, and
nothing of it is stored."""

import pytest

from peelviewer.core import parse
from peelviewer.core.importer import FAILED, import_paths
from peelviewer.core.parse import ParseError, parse_reports
from tests.conftest import FIXTURES, SAMPLES

HAMPSHIRE = (SAMPLES / "hampshire-2016-legitimacy.txt").read_text(encoding="utf-8")
MODERN = (FIXTURES / "modern" / "2021-22-later.txt").read_text(encoding="utf-8")
Q2 = "How well does the force ensure that its workforce behaves ethically and lawfully?"
SUMMARY_END = "The force is committed to the wellbeing of its workforce."


def after(text: str, marker: str, block: str, *, every: bool = False) -> str:
    """`text` with `block` as paragraphs after the line holding `marker` (or every one)."""
    pieces = text.split(marker)
    joined = pieces[0]
    for index, piece in enumerate(pieces[1:]):
        line_end = piece.index("\n") + 1
        added = block if every or index == 0 else ""
        joined += marker + piece[:line_end] + added + piece[line_end:]
    return joined


def bullets(count: int, *, bullet: str = "  • ") -> str:
    return "".join(f"{bullet}The force should fix item {n}.\n" for n in range(count))


def paragraphs(characters: int) -> str:
    """Paragraphs of prose of at least `characters` in all, each well under a line's limit."""
    sentence = "Officers know what is expected of them and act on it. "
    paragraph = sentence * (50_000 // len(sentence))
    count = characters // len(paragraph) + 1
    return "\n" + "\n\n".join([paragraph.strip()] * count) + "\n\n"


def refusal(text: str) -> str:
    with pytest.raises(ParseError) as caught:
        parse_reports(text)
    return str(caught.value)


def test_a_page_with_too_many_findings_fails_to_import_and_stores_nothing(store, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text(after(MODERN, "Areas for improvement", bullets(450, bullet="• "),
                          every=True), encoding="utf-8")
    [result] = import_paths(store, [page]).results
    assert result.outcome == FAILED
    assert result.line() == ("failed: page.txt: too many findings: 2,711 (limit 2,000 per "
                             "report): more than any real report")
    assert store.counts()["reports"] == 0


@pytest.mark.parametrize(("text", "reason"), [
    (after(HAMPSHIRE, "Areas for improvement", bullets(501)),
     "too many findings in question 1: 503 (limit 500 per question)"),
    (after(HAMPSHIRE, Q2, paragraphs(200_000)),
     "a narrative of 250,923 characters in question 2 (limit 200,000)"),
    (after(HAMPSHIRE, SUMMARY_END, paragraphs(200_000)),
     "a summary of 253,716 characters (limit 200,000)"),
    (after(HAMPSHIRE, "Areas for improvement", f"  • The force should {'act ' * 5_000}.\n"),
     "a finding of 20,018 characters in question 1 (limit 20,000)"),
    (after(HAMPSHIRE, Q2, "\n" + "It is so. " * 10_001 + "\n\n"),
     "too many sentences: 10,057 (limit 10,000 per report)"),
    (HAMPSHIRE + "\n" * 100_000, "too many lines: 100,082 (limit 100,000)"),
    (HAMPSHIRE + "\n" + "x" * 200_001, "a line of 200,001 characters (limit 200,000)"),
    (HAMPSHIRE + ("\n" + "x" * 100_000) * 40, "a text of 4,008,983 characters (limit 4,000,000)"),
], ids=["findings per question", "narrative", "summary", "finding", "sentences", "lines",
        "line", "text"])
def test_a_page_past_a_limit_is_refused_naming_the_limit(text, reason):
    message = refusal(text)
    assert reason in message
    assert message.endswith("more than any real report")
    assert "\n" not in message


def test_a_page_at_the_limits_is_read():
    text = after(HAMPSHIRE, "Areas for improvement", bullets(parse.MAX_QUESTION_FINDINGS - 2))
    [report] = parse_reports(text)
    assert len(report.questions[0].findings) == parse.MAX_QUESTION_FINDINGS

