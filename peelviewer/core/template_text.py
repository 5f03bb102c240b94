"""Template text: sentences the inspectorate writes into many forces' reports of one cycle
with only the force's name changed ("We inspected how well Kent Police ..."). Each report's
prose is indexed as a set of sentence hashes, its own force's names replaced by a
placeholder, so a reader can be shown which sentences are the template and skip them."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from peelviewer.core.forces import force_by_id, force_names
from peelviewer.core.model import Report
from peelviewer.core.sentences import split_sentences

INDEX_NAME = "template-sentences"
# Raise when the hashing below changes: libraries then rebuild their index once at open.
INDEX_VERSION = 1
# A sentence is template text when at least this many forces' reports of a cycle hold it.
TEMPLATE_FORCES = 3
# Shorter sentences ("This is good.") repeat by chance, not by template.
MIN_WORDS = 6
PLACEHOLDER = "{force}"

_NOT_WORD = re.compile(r"[^\w{}]+")
_QUERY_CHUNK = 500  # hashes per query: SQLite allows 32,766 parameters; stay well under


@dataclass(frozen=True)
class TemplateSpan:
    """A sentence of a text that many forces' reports share."""

    start: int
    end: int
    forces: int  # how many forces' reports of the cycle hold it


def _name_pattern(force_id: str) -> re.Pattern | None:
    try:
        force = force_by_id(force_id)
    except KeyError:
        return None
    names = [re.escape(name) for name in force_names(force) if len(name) > 3]
    return re.compile(r"\b(?:" + "|".join(names) + r")\b", re.I) if names else None


_PATTERNS: dict[str, re.Pattern | None] = {}


def sentence_hash(text: str, force_id: str) -> int | None:
    """The hash of a sentence as its template: the force's names as a placeholder, case,
    punctuation and spacing folded. None for a sentence too short to count."""
    if force_id not in _PATTERNS:
        _PATTERNS[force_id] = _name_pattern(force_id)
    pattern = _PATTERNS[force_id]
    text = text.casefold().replace("’", "'")
    if pattern is not None:
        text = pattern.sub(PLACEHOLDER, text)
    words = _NOT_WORD.sub(" ", text).split()
    if len(words) < MIN_WORDS:
        return None
    digest = hashlib.blake2b(" ".join(words).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def prose_of(report: Report) -> list[str]:
    """The texts of a report that a reader reads as prose: summary and narratives."""
    return [report.summary, *(q.narrative for q in report.questions)]


def report_hashes(force_id: str, texts: Iterable[str]) -> set[int]:
    hashes = set()
    for text in texts:
        if not text:
            continue
        for sentence in split_sentences(text):
            found = sentence_hash(sentence.text, force_id)
            if found is not None:
                hashes.add(found)
    return hashes


def index_report(conn: sqlite3.Connection, report_id: int, report: Report) -> None:
    """(Re)write one report's sentence hashes, inside the caller's transaction."""
    conn.execute("delete from report_sentences where report_id = ?", [report_id])
    conn.executemany(
        "insert or ignore into report_sentences (report_id, force_id, cycle, hash) "
        "values (?, ?, ?, ?)",
        [(report_id, report.force_id, report.cycle, h)
         for h in report_hashes(report.force_id, prose_of(report))])


def index_is_current(conn: sqlite3.Connection) -> bool:
    row = conn.execute("select version from derived where name = ?", [INDEX_NAME]).fetchone()
    return row is not None and row[0] == INDEX_VERSION


def rebuild_index(conn: sqlite3.Connection) -> None:
    """Index every report again, inside the caller's transaction (after an upgrade, or a
    change to the hashing)."""
    conn.execute("delete from report_sentences")
    texts: dict[int, list[str]] = {}
    owners: dict[int, tuple[str, str]] = {}
    for report_id, force_id, cycle, summary in conn.execute(
            "select id, force_id, cycle, summary from reports"):
        texts[report_id] = [summary or ""]
        owners[report_id] = (force_id, cycle)
    for report_id, narrative in conn.execute("select report_id, narrative from questions"):
        if report_id in texts:
            texts[report_id].append(narrative or "")
    for report_id, (force_id, cycle) in owners.items():
        conn.executemany(
            "insert or ignore into report_sentences (report_id, force_id, cycle, hash) "
            "values (?, ?, ?, ?)",
            [(report_id, force_id, cycle, h) for h in report_hashes(force_id, texts[report_id])])
    conn.execute("insert or replace into derived (name, version) values (?, ?)",
                 [INDEX_NAME, INDEX_VERSION])


def shared_counts(conn: sqlite3.Connection, cycle: str, hashes: Sequence[int],
                  least: int = TEMPLATE_FORCES) -> dict[int, int]:
    """{hash: forces} for those of `hashes` that at least `least` forces' reports of the
    cycle hold."""
    found: dict[int, int] = {}
    unique = list(dict.fromkeys(hashes))
    for at in range(0, len(unique), _QUERY_CHUNK):
        chunk = unique[at:at + _QUERY_CHUNK]
        marks = ",".join("?" * len(chunk))
        for value, forces in conn.execute(
                f"select hash, count(distinct force_id) from report_sentences "
                f"where cycle = ? and hash in ({marks}) group by hash "
                f"having count(distinct force_id) >= ?", [cycle, *chunk, least]):
            found[value] = forces
    return found


def template_spans(conn: sqlite3.Connection, force_id: str, cycle: str, text: str,
                   least: int = TEMPLATE_FORCES) -> list[TemplateSpan]:
    """The sentences of `text` (one of the force's reports of the cycle) that are template
    text, as character spans of `text`, in order."""
    if not text:
        return []
    sentences = [(s, sentence_hash(s.text, force_id)) for s in split_sentences(text)]
    counts = shared_counts(conn, cycle, [h for _, h in sentences if h is not None], least)
    spans = []
    for sentence, value in sentences:
        if value in counts:
            # The sentence's own trailing spaces are not part of the mark.
            end = sentence.start + len(sentence.text.rstrip())
            spans.append(TemplateSpan(sentence.start, end, counts[value]))
    return spans
