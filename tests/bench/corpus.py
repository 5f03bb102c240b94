"""A deterministic corpus of PEEL report pages recombined from harvested real sentences."""

from __future__ import annotations

import datetime as _dt
import math
import random
from dataclasses import dataclass, field
from pathlib import Path

from peelviewer.core.forces import FORCES, Force

from .harvest import FULL_NAME, PILLARS, SHORT_NAME, Harvest, harvest

CYCLES = ("2014", "2015", "2016", "2017", "2018/19")
GRADES = ("Outstanding", "Good", "Requires improvement", "Inadequate")
GRADE_WEIGHTS = (7, 55, 30, 8)
# Copies beyond the first: each parses to the same report but differs in bytes, so the
# import meets "updated" (a richer copy later) and "unchanged" (a poorer or equal one).
EXTRA_STYLES = ("compact", "nodate", "reflowed")
WELSH_BANNER = (
    "English Cymraeg",
    "Independent inspection of police forces and fire and rescue services in England and Wales",
)


@dataclass
class QuestionPlan:
    text: str
    grade: str
    paragraphs: list[str]
    areas: list[str]
    cause: str = ""
    lead_in: str = ""
    actions: list[str] = field(default_factory=list)


@dataclass
class PagePlan:
    force: Force
    cycle: str
    pillar: str
    headline: str
    date: _dt.date
    grade: str
    summary: list[str]
    questions: list[QuestionPlan]


@dataclass
class CorpusInfo:
    files: int
    bytes: int
    reports: int  # logical reports (force, cycle, pillar) the files hold
    sources: list[str]  # fixture and sample files the sentences came from
    rejected: list[tuple[str, str]]  # fixture files the parser refused, with the reason


def logical_reports() -> list[tuple[Force, str, str]]:
    return [(f, c, p) for f in FORCES for c in CYCLES for p in PILLARS]


def copy_counts(total: int, reports: int, rng: random.Random) -> list[int]:
    """How many files each logical report gets: at least one, at most four if that suffices."""
    most = max(4, math.ceil(total / reports))
    counts = [1] * reports
    slots = [i for i in range(reports) for _ in range(most - 1)]
    rng.shuffle(slots)
    for index in slots[: total - reports]:
        counts[index] += 1
    return counts


def write_corpus(folder: Path, files: int = 2000, *, seed: int = 2014) -> CorpusInfo:
    """Write `files` report pages under `folder` (copy-1/, copy-2/, ...); same seed, same bytes."""
    if files < 1:
        raise ValueError("a corpus needs at least one file")
    found = harvest()
    rng = random.Random(seed)
    keys = logical_reports()
    if files < len(keys):
        keys = sorted(rng.sample(keys, files), key=keys.index)
    counts = copy_counts(files, len(keys), rng)
    size = 0
    for (force, cycle, pillar), count in zip(keys, counts, strict=True):
        page_rng = random.Random(f"{seed}:{force.id}:{cycle}:{pillar}")
        plan = plan_page(found, page_rng, force, cycle, pillar)
        extras = list(EXTRA_STYLES)
        page_rng.shuffle(extras)
        styles = ["full", *extras[: count - 1]]
        styles += ["reflowed"] * (count - len(styles))
        page_rng.shuffle(styles)
        name = f"{force.id}-{cycle.replace('/', '-')}-{pillar}.txt"
        for copy, style in enumerate(styles, start=1):
            data = render(plan, style, page_rng, serial=copy).encode("utf-8")
            path = folder / f"copy-{copy}" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            size += len(data)
    return CorpusInfo(files, size, len(keys), found.used, found.rejected)


def plan_page(found: Harvest, rng: random.Random, force: Force, cycle: str,
              pillar: str) -> PagePlan:
    """The content of one logical report; every copy of it renders this same plan."""
    year = int(cycle[:4])
    month = rng.choice([(year, m) for m in (9, 10, 11, 12)] + [(year + 1, m) for m in range(1, 6)])
    date = _dt.date(month[0], month[1], rng.randint(1, 28))
    grade = _grade(rng)
    opening = _opening(grade, pillar)
    summary = [f"{opening} {_paragraph(found, rng, 1, 3)}"]
    summary += [_paragraph(found, rng, 3, 6) for _ in range(rng.randint(2, 7))]
    pool = found.questions[pillar]
    texts = rng.sample(pool, min(rng.randint(2, 5), len(pool)))
    questions = [_plan_question(found, rng, text, force, date) for text in texts]
    return PagePlan(force, cycle, pillar, rng.choice(found.headlines[pillar]), date, grade,
                    summary, questions)


def _plan_question(found: Harvest, rng: random.Random, text: str, force: Force,
                   date: _dt.date) -> QuestionPlan:
    grade = _grade(rng)
    paragraphs = [_paragraph(found, rng, 3, 6) for _ in range(rng.randint(2, 5))]
    areas = rng.sample(found.areas, rng.randint(1, 3)) if rng.random() < 0.6 else []
    question = QuestionPlan(text, grade, paragraphs, areas)
    concern = {"Inadequate": 0.8, "Requires improvement": 0.2}.get(grade, 0.0)
    if found.causes and found.actions and rng.random() < concern:
        question.cause = f"{rng.choice(found.causes)} {_paragraph(found, rng, 0, 2)}".strip()
        deadline = f"{rng.randint(1, 28)} {date.replace(month=rng.randint(1, 12)):%B} "
        question.lead_in = rng.choice((
            f"By {deadline}{date.year + 1}, {FULL_NAME} should:",
            "The force should:",
            f"Within six months, {SHORT_NAME} should:",
        ))
        question.actions = rng.sample(found.actions, min(rng.randint(1, 3), len(found.actions)))
    return question


def _grade(rng: random.Random) -> str:
    return rng.choices(GRADES, GRADE_WEIGHTS)[0]


def _opening(grade: str, pillar: str) -> str:
    if grade == "Requires improvement":
        return f"{FULL_NAME} requires improvement in the {pillar} with which it keeps people safe."
    return f"{FULL_NAME} has been assessed as {grade.lower()} in respect of {pillar}."


def _paragraph(found: Harvest, rng: random.Random, least: int, most: int) -> str:
    return " ".join(rng.sample(found.sentences, rng.randint(least, most)))


def render(plan: PagePlan, style: str, rng: random.Random, *, serial: int = 1) -> str:
    """One copy of a page: "full" as the website shows it, or one of EXTRA_STYLES."""
    compact = style == "compact"
    gap = [] if compact else [""]
    bullet = "- " if compact else "  • "
    lines: list[str] = []
    if not compact and rng.random() < 0.8:
        lines += ["Skip to content", ""]
    if plan.force.country == "Wales" and not compact and rng.random() < 0.5:
        lines += [WELSH_BANNER[0], "", WELSH_BANNER[1], ""]
    lines += [f"{plan.force.short_name} PEEL {plan.cycle[:4]}", *gap]
    lines += [plan.pillar.capitalize(), *gap, plan.headline, *gap]
    if style not in ("nodate", "compact") or (compact and rng.random() < 0.5):
        lines.append(f"Last updated {plan.date:%d/%m/%Y}")
    lines += [plan.grade, *gap]
    for paragraph in plan.summary:
        lines += [paragraph, *gap]
    lines += [f"Questions for {plan.pillar.capitalize()}", *gap]
    for number, q in enumerate(plan.questions, start=1):
        if not compact:
            lines += [str(number), ""]
        lines += [q.text, *gap, q.grade, *gap]
        for paragraph in q.paragraphs:
            lines += [paragraph, *gap]
        areas = q.areas[:1] if compact else q.areas
        if areas:
            lines += ["Areas for improvement", *gap]
            lines += [bullet + area for area in areas] + gap
        if q.cause and not compact:
            lines += ["Cause of concern", "", q.cause, "", "Recommendations", "", q.lead_in, ""]
            lines += [bullet + a for a in _listed(q.actions)] + [""]
        if style == "reflowed":
            lines += ["Back to top", ""]
    if style == "reflowed":
        lines += ["Print this page"] * serial + ["Share this page"]
    text = "\n".join(lines).replace(FULL_NAME, plan.force.name)
    text = text.replace(SHORT_NAME, plan.force.short_name) + "\n"
    return text.replace("\n", "\r\n") if style == "reflowed" else text


def _listed(actions: list[str]) -> list[str]:
    """Bullets of one sentence: "a;", "b; and", "c."."""
    ends = [";"] * (len(actions) - 2) + ["; and"] * (len(actions) > 1) + ["."]
    return [a + end for a, end in zip(actions, ends, strict=True)]
