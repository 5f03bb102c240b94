"""Report text to Reports: each layout says how sure it is that the text is its kind, and the
surest one parses it; a report holding more than any real one could is refused."""

from __future__ import annotations

from peelviewer.core.layouts import LAYOUTS, REFUSING_LAYOUT
from peelviewer.core.layouts.base import ParseError
from peelviewer.core.model import Report
from peelviewer.core.sentences import split_sentences

__all__ = ["ParseError", "parse_reports", "parse_text"]

# What one report may hold. A real report has 100-200 KB of text, 30-60 findings and about
# a thousand sentences; each limit is ten times anything printed or more, so only a damaged
# or crafted file meets one, and it is refused before it can stall the window or bloat the
# library (3.5 million findings took one transaction 150 s and 1.1 GB).
# The whole text's limits are checked first, as the layouts' work grows with them.
MAX_TEXT_CHARS = 4_000_000  # the three pillars of 2018/19 in one PDF are about 500 KB
MAX_LINES = 100_000  # that report wrapped at 70 characters a line has about 15,000
MAX_LINE_CHARS = 200_000  # a line is one paragraph at most, and no narrative is longer
MAX_FINDINGS = 2_000  # per report; the most seen is about 60
MAX_QUESTION_FINDINGS = 500  # per question or area; the most seen is about 20
MAX_NARRATIVE_CHARS = 200_000  # per question or area; real ones are 2-20 KB
MAX_SUMMARY_CHARS = 200_000  # real summaries are 2-20 KB
MAX_FINDING_CHARS = 20_000  # its text, its lead-in and its explaining paragraph each; under 2 KB
MAX_SENTENCES = 10_000  # per report, summary and narratives: Compare aligns them one by one


def parse_reports(text: str) -> list[Report]:
    """Every report in the text (a 2018/19 integrated PDF holds three); ParseError with the
    reason when the text is no PEEL report we can read, or holds more than any report."""
    _check_text(text)
    best_score, best = 0.0, REFUSING_LAYOUT  # its parse says best why a text is no report
    for layout in LAYOUTS:
        score = layout.score(text)
        if score > best_score:
            best_score, best = score, layout
        if score >= 1.0:
            break  # sure: no need to ask the others
    reports = best.parse(text)
    for report in reports:
        _check_contents(report)
    return reports


def parse_text(text: str) -> Report:
    """The first (usually the only) report in the text."""
    return parse_reports(text)[0]


def _over(what: str, limit: str) -> ParseError:
    return ParseError(f"{what} (limit {limit}): more than any real report")


def _check_text(text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise _over(f"a text of {len(text):,} characters", f"{MAX_TEXT_CHARS:,}")
    lines = text.count("\n") + 1
    if lines > MAX_LINES:
        raise _over(f"too many lines: {lines:,}", f"{MAX_LINES:,}")
    if len(text) > MAX_LINE_CHARS:  # only then can a line be too long
        longest = max(map(len, text.split("\n")))
        if longest > MAX_LINE_CHARS:
            raise _over(f"a line of {longest:,} characters", f"{MAX_LINE_CHARS:,}")


def _check_contents(report: Report) -> None:
    if len(report.summary) > MAX_SUMMARY_CHARS:
        raise _over(f"a summary of {len(report.summary):,} characters",
                    f"{MAX_SUMMARY_CHARS:,}")
    if report.finding_count > MAX_FINDINGS:
        raise _over(f"too many findings: {report.finding_count:,}",
                    f"{MAX_FINDINGS:,} per report")
    for question in report.questions:
        where = f"question {question.number}"
        if len(question.findings) > MAX_QUESTION_FINDINGS:
            raise _over(f"too many findings in {where}: {len(question.findings):,}",
                        f"{MAX_QUESTION_FINDINGS:,} per question")
        if len(question.narrative) > MAX_NARRATIVE_CHARS:
            raise _over(f"a narrative of {len(question.narrative):,} characters in {where}",
                        f"{MAX_NARRATIVE_CHARS:,}")
        for finding in question.findings:
            longest = max(len(finding.text), len(finding.lead_in), len(finding.detail))
            if longest > MAX_FINDING_CHARS:
                raise _over(f"a finding of {longest:,} characters in {where}",
                            f"{MAX_FINDING_CHARS:,}")
    texts = [report.summary, *(question.narrative for question in report.questions)]
    # Every sentence ends in a mark or at a paragraph's end: a bound that costs no parsing.
    bound = sum(sum(map(text.count, ".!?…\n")) + 1 for text in texts)
    if bound > MAX_SENTENCES:
        sentences = sum(len(split_sentences(text)) for text in texts)
        if sentences > MAX_SENTENCES:
            raise _over(f"too many sentences: {sentences:,}", f"{MAX_SENTENCES:,} per report")
