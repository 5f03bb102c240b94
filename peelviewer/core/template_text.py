"""Template text: sentences the inspectorate writes into many forces' reports of one cycle
with only the force's name changed ("We inspected how well Kent Police ..."). Each report's
prose (summary and narratives) is indexed as a set of sentence hashes, its own force's names
replaced by a placeholder, so a reader can be shown which sentences are the template and
skip them. The index is derived data: imports only drop a replaced report's rows, and the
window indexes what is pending on a thread of its own (`index_all`)."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from peelviewer.core.forces import force_by_id, force_names
from peelviewer.core.sentences import split_sentences

# Raise when the hashing below changes: every report is then indexed again.
INDEX_VERSION = 1
# A sentence is template text when at least this many forces' reports of a cycle hold it.
TEMPLATE_FORCES = 3
# Shorter sentences ("This is good.") repeat by chance, not by template.
MIN_WORDS = 6
PLACEHOLDER = "{force}"

_NOT_WORD = re.compile(r"[^\w{}\0]+")
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


def _pattern(force_id: str) -> re.Pattern | None:
    if force_id not in _PATTERNS:
        _PATTERNS[force_id] = _name_pattern(force_id)
    return _PATTERNS[force_id]


def _fold(text: str, force_id: str) -> str:
    """Case, quotes, punctuation and spacing folded; the force's names as PLACEHOLDER.
    Keeps NUL, which joins sentences folded in one pass."""
    text = text.casefold().replace("’", "'")
    pattern = _pattern(force_id)
    if pattern is not None:
        text = pattern.sub(PLACEHOLDER, text)
    return _NOT_WORD.sub(" ", text)


def _digest(folded: str) -> int | None:
    words = folded.split()
    if len(words) < MIN_WORDS:
        return None
    digest = hashlib.blake2b(" ".join(words).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def sentence_hash(text: str, force_id: str) -> int | None:
    """The hash of a sentence as its template: the force's names as a placeholder, case,
    punctuation and spacing folded. None for a sentence too short to count."""
    return _digest(_fold(text.replace("\0", " "), force_id))


def _hashes(texts: list[str], force_id: str) -> list[int | None]:
    """sentence_hash of each text, folded in one pass (a regex call per sentence costs an
    import a third more time)."""
    joined = "\0".join(text.replace("\0", " ") for text in texts)
    return [_digest(part) for part in _fold(joined, force_id).split("\0")]


def report_hashes(force_id: str, texts: Iterable[str]) -> set[int]:
    sentences = [sentence.text for text in texts if text for sentence in split_sentences(text)]
    return {value for value in _hashes(sentences, force_id) if value is not None}


def forget(conn: sqlite3.Connection, report_id: int) -> None:
    """Drop a report's sentences: it was replaced or removed (the caller's transaction)."""
    conn.execute("delete from report_sentences where report_id = ?", [report_id])
    conn.execute("delete from indexed_reports where report_id = ?", [report_id])


def pending(conn: sqlite3.Connection) -> int:
    """How many reports are not indexed, or indexed by an older INDEX_VERSION."""
    return conn.execute(_PENDING.format(columns="count(*)", limit=""),
                        [INDEX_VERSION]).fetchone()[0]


_PENDING = """select {columns} from reports r where not exists (select 1 from indexed_reports i
              where i.report_id = r.id and i.version = ?) {limit}"""


def index_pending(conn: sqlite3.Connection, limit: int = 200) -> int:
    """Index up to `limit` reports that need it, inside the caller's transaction; returns
    how many. Imports leave this to be done later, off their path: hashing every sentence
    would cost an import more than half its time again."""
    owners = {report_id: (force_id, cycle, [summary or ""])
              for report_id, force_id, cycle, summary in conn.execute(
                  _PENDING.format(columns="r.id, r.force_id, r.cycle, r.summary",
                                  limit="limit ?"), [INDEX_VERSION, limit])}
    if not owners:
        return 0
    marks = ",".join("?" * len(owners))
    for report_id, narrative in conn.execute(
            f"select report_id, narrative from questions where report_id in ({marks}) "
            "order by report_id, number, id", list(owners)):
        owners[report_id][2].append(narrative or "")
    for report_id, (force_id, cycle, texts) in owners.items():
        conn.execute("delete from report_sentences where report_id = ?", [report_id])
        conn.executemany(
            "insert or ignore into report_sentences (report_id, force_id, cycle, hash) "
            "values (?, ?, ?, ?)",
            [(report_id, force_id, cycle, h) for h in report_hashes(force_id, texts)])
        conn.execute("insert or replace into indexed_reports (report_id, version) "
                     "values (?, ?)", [report_id, INDEX_VERSION])
    return len(owners)


def index_all(store, should_stop: Callable[[], bool] = lambda: False) -> int:
    """Index every report that needs it, a batch per transaction (so an import waiting to
    write waits for one batch at most), until done or `should_stop()`; returns how many
    were indexed."""
    done = 0
    while not should_stop():
        with store.transaction() as conn:
            batch = index_pending(conn)
        if not batch:
            return done
        done += batch
    return done


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
    found = split_sentences(text)
    sentences = list(zip(found, _hashes([s.text for s in found], force_id), strict=True))
    counts = shared_counts(conn, cycle, [h for _, h in sentences if h is not None], least)
    spans = []
    for sentence, value in sentences:
        if value in counts:
            # The sentence's own trailing spaces are not part of the mark.
            end = sentence.start + len(sentence.text.rstrip())
            spans.append(TemplateSpan(sentence.start, end, counts[value]))
    return spans
