"""Comparisons as plain text for a terminal and as JSON for other tools."""

from __future__ import annotations

from peelviewer.core.comparison.compare import ReportComparison, Section, Side
from peelviewer.core.comparison.diff import (
    DELETE,
    EQUAL,
    INSERT,
    MOVED,
    REPLACE,
    TOPIC,
    Row,
    tokenize_words,
)
from peelviewer.core.comparison.findings_match import FindingPair
from peelviewer.core.forces import force_by_id
from peelviewer.core.model import FINDING_TITLES

_MARKS = {EQUAL: "=", REPLACE: "~", DELETE: "-", INSERT: "+", MOVED: ">", TOPIC: "≈"}


def _title(report) -> str:
    pillar = f" {report.pillar}" if report.pillar else ""
    return f"{force_by_id(report.force_id).name} · PEEL {report.cycle}{pillar}"


def _grade(side: Side | None) -> str:
    if side is None:
        return "not in this report"
    return side.judgment.describe(side.graded)


def marked_words(text: str, row: Row, side: str) -> str:
    """The sentence with changed words in [-deleted-] or {+inserted+} markers."""
    tokens = tokenize_words(text)
    opens, closes = ("[-", "-]") if side == "left" else ("{+", "+}")
    changed = set()
    for tag, a_start, a_end, b_start, b_end in row.words:
        if tag == EQUAL:
            continue
        start, end = (a_start, a_end) if side == "left" else (b_start, b_end)
        changed.update(range(start, end))
    out, position = [], 0
    for index, (_token, start, end) in enumerate(tokens):
        if index in changed and (index - 1) not in changed:
            out.append(text[position:start] + opens)
            position = start
        if index in changed and (index + 1) not in changed:
            out.append(text[position:end] + closes)
            position = end
    out.append(text[position:])
    return "".join(out)


def _row_lines(row: Row) -> list[str]:
    mark = _MARKS[row.kind]
    lines = []
    for side, sentence in (("left", row.left), ("right", row.right)):
        if sentence is None:
            continue
        text = marked_words(sentence.text, row, side) if row.words else sentence.text
        tag = "A" if side == "left" else "B"
        lines.append(f"{mark} {tag}: {' '.join(text.split())}")
        if row.kind == EQUAL:
            break  # the same sentence twice would only repeat itself
    return lines


def _finding_lines(pairs: tuple[FindingPair, ...]) -> list[str]:
    """Findings as "   + new: text" lines under their kinds' titles."""
    if not pairs:
        return ["   Findings: none on either side"]
    lines = ["   Findings:"]
    for kind, title in FINDING_TITLES.items():
        of_kind = [pair for pair in pairs if pair.kind == kind]
        if of_kind:
            lines.append(f"   {title}")
        for pair in of_kind:
            sign = pair.sign.replace("−", "-")
            texts = [" ".join(f.text.split()) for f in (pair.left, pair.right) if f]
            if len(texts) == 2 and _plain(texts[0]) != _plain(texts[1]):
                lines += [f"   {sign} {pair.label}: A: {texts[0]}", f"     B: {texts[1]}"]
            else:
                side = "" if len(texts) == 2 else ("A: " if pair.left else "B: ")
                lines.append(f"   {sign} {pair.label}: {side}{texts[0]}")
    return lines


def _plain(text: str) -> str:
    return text.casefold().rstrip(" .;:,")


def describe_comparison(comparison: ReportComparison, sections: list[Section]) -> str:
    mode = "by topic" if comparison.options.by_topic else "in reading order"
    out = [f"A: {_title(comparison.left)}", f"B: {_title(comparison.right)}",
           f"Sentences compared {mode}. Rows: = same  ~ edited  ≈ same topic  - only in A  "
           "+ only in B  > moved; [-words only in A-] {+words only in B+}"]
    for section in sections:
        out += ["", f"== {section.title}",
                f"   A: {_grade(section.left)} · B: {_grade(section.right)} · "
                f"similarity {section.comparison.similarity:.0f}%"]
        if section.grade_change is not None:
            out.append(f"   Grade: {section.grade_change.label}")
        for row in section.comparison.rows:
            out += _row_lines(row)
        if section.key != "summary":
            out += _finding_lines(section.findings)
    return "\n".join(out)


def _finding_dict(pair: FindingPair) -> dict:
    return {
        "kind": pair.kind,
        "status": pair.status,
        "label": pair.label,
        "left": pair.left.text if pair.left else None,
        "right": pair.right.text if pair.right else None,
        "similarity": round(pair.similarity * 100, 1),
    }


def _row_dict(row: Row) -> dict:
    return {
        "kind": row.kind,
        "left": row.left.text if row.left else None,
        "right": row.right.text if row.right else None,
        "words": [list(op) for op in row.words],
        "similarity": round(row.similarity * 100, 1),
    }


def comparison_to_dict(comparison: ReportComparison, sections: list[Section]) -> dict:
    def report(r) -> dict:
        return {"force": r.force_id, "cycle": r.cycle, "pillar": r.pillar, "scale": r.scale}

    options = comparison.options
    return {
        "left": report(comparison.left),
        "right": report(comparison.right),
        "scales_differ": comparison.scales_differ,
        "options": {"ignore_case": options.ignore_case,
                    "ignore_punctuation": options.ignore_punctuation,
                    "force_placeholders": options.force_placeholders,
                    "by_topic": bool(options.by_topic)},
        "sections": [{
            "key": section.key,
            "title": section.title,
            "left_grade": section.left.grade.label if section.left and section.left.grade
            else None,
            "right_grade": section.right.grade.label if section.right and section.right.grade
            else None,
            "grade_change": {"kind": section.grade_change.kind,
                             "label": section.grade_change.label}
            if section.grade_change else None,
            "similarity": round(section.comparison.similarity, 1),
            "rows": [_row_dict(row) for row in section.comparison.rows],
            "findings": [_finding_dict(pair) for pair in section.findings],
        } for section in sections],
    }
