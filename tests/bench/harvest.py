"""Sentences, questions, headlines and findings harvested from the real samples and fixtures."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from peelviewer.core.forces import force_by_id, force_names
from peelviewer.core.importer import FileRejected, parse_file
from peelviewer.core.model import AREA_FOR_IMPROVEMENT, CAUSE_OF_CONCERN, RECOMMENDATION, Report
from peelviewer.core.prose import pillar_in_headline

ROOT = Path(__file__).resolve().parents[2]
SOURCE_DIRS = (ROOT / "peelviewer" / "resources" / "samples", ROOT / "tests" / "fixtures")
PILLARS = ("effectiveness", "efficiency", "legitimacy")
# Stand-ins for the source page's own force, replaced by the generated page's force.
FULL_NAME, SHORT_NAME = "\x01", "\x02"
# Used only when no harvested page of the pillar has a headline question.
FALLBACK_HEADLINES = {
    "effectiveness": "How effective is the force at keeping people safe and reducing crime?",
    "efficiency": "How efficient is the force at keeping people safe and reducing crime?",
    "legitimacy": "How legitimate is the force at keeping people safe and reducing crime?",
}

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9‘“(])")
_TRAILING = re.compile(r"(?:;\s*and|;|\.)\s*$")
_SHOULD = re.compile(r"^the force should\s+", re.I)


@dataclass
class Harvest:
    sentences: list[str] = field(default_factory=list)
    questions: dict[str, list[str]] = field(default_factory=dict)  # pillar -> question texts
    headlines: dict[str, list[str]] = field(default_factory=dict)  # pillar -> headlines
    areas: list[str] = field(default_factory=list)  # "The force should ..."
    causes: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)  # recommendation bullets, lower case
    used: list[str] = field(default_factory=list)  # source file names that parsed
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)


def source_files() -> list[Path]:
    return sorted(p for folder in SOURCE_DIRS for p in folder.glob("*.txt"))


def harvest(paths: list[Path] | None = None) -> Harvest:
    """Parse every source page (skipping the ones the parser rejects) and pool their parts."""
    found = Harvest()
    pools: dict[str, set[str]] = {k: set() for k in ("sentences", "areas", "causes", "actions")}
    questions: dict[str, set[str]] = {p: set() for p in PILLARS}
    headlines: dict[str, set[str]] = {p: set() for p in PILLARS}
    for path in source_files() if paths is None else paths:
        try:
            report = parse_file(path)
        except FileRejected as error:
            found.rejected.append((path.name, str(error)))
            continue
        found.used.append(path.name)
        _collect(report, pools, questions, headlines)
    found.sentences = sorted(pools["sentences"])
    found.areas = sorted(pools["areas"])
    found.causes = sorted(pools["causes"])
    found.actions = sorted(pools["actions"])
    found.questions = {p: sorted(texts) for p, texts in questions.items()}
    found.headlines = {
        p: sorted(texts) or [FALLBACK_HEADLINES[p]] for p, texts in headlines.items()
    }
    _check(found)
    return found


def _collect(report: Report, pools, questions, headlines) -> None:
    def neutral(text: str) -> str:
        return neutralise(text, report.force_id)

    paragraphs = report.summary.split("\n\n")
    for q in report.questions:
        paragraphs.extend(q.narrative.split("\n\n"))
        for finding in q.findings:
            text = neutral(finding.text)
            if finding.kind == AREA_FOR_IMPROVEMENT and _SHOULD.match(text):
                pools["areas"].add(text)
                pools["actions"].add(_action(_SHOULD.sub("", text)))
            elif finding.kind == CAUSE_OF_CONCERN:
                pools["causes"].add(text if text.endswith(".") else text + ".")
            elif finding.kind == RECOMMENDATION and finding.lead_in:
                pools["actions"].add(_action(text))
        if report.pillar in questions and q.text.endswith("?"):
            questions[report.pillar].add(q.text)
    for paragraph in paragraphs:
        if paragraph.startswith("•"):
            continue
        pools["sentences"].update(
            neutral(s) for s in _SENTENCE_BREAK.split(paragraph) if _usable_sentence(s)
        )
    headline = report.headline
    if (
        report.pillar in headlines
        and headline.endswith("?")
        and pillar_in_headline(headline) == report.pillar
    ):
        headlines[report.pillar].add(headline)


def _usable_sentence(sentence: str) -> bool:
    """Whole prose sentences only: no sub-headings, lead-ins, questions or fragments."""
    return 30 <= len(sentence) <= 600 and sentence.endswith(".") and sentence[0].isupper()


def _action(text: str) -> str:
    """A recommendation bullet's own words: "review its shift patterns ..." without ";"."""
    text = _TRAILING.sub("", text.strip())
    return text[:1].lower() + text[1:]


def neutralise(text: str, force_id: str) -> str:
    """Replace the source force's names (longest first) with the stand-ins."""
    force = force_by_id(force_id)
    for name in force_names(force):
        stand_in = FULL_NAME if name == force.name else SHORT_NAME
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", stand_in, text)
    return text


def _check(found: Harvest) -> None:
    missing = [p for p in PILLARS if not found.questions[p]]
    if missing or len(found.sentences) < 20 or not found.areas:
        raise SystemExit(
            "bench: too little to recombine from the fixtures "
            f"({len(found.sentences)} sentences, {len(found.areas)} areas for improvement, "
            f"no questions for {', '.join(missing) or '-'})"
        )
