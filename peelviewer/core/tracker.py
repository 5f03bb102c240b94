"""The findings tracker: every area for improvement, cause of concern and recommendation of
a force across cycles, what the user says about each (status, RAG rating, owner, due date,
notes), and the findings of earlier cycles each one repeats ("raised before", in
tracker_links; the exports are in tracker_export).

The user's data is keyed by a finding's words (`finding_key`), never by row ids, which
change on every re-import; imports never write it, so it outlives re-imports, richer copies
and a report removed and imported again."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from peelviewer.core.finding_similarity import normalise, same_finding
from peelviewer.core.forces import force_name
from peelviewer.core.framework import short_label
from peelviewer.core.model import (
    AREA_FOR_IMPROVEMENT,
    CAUSE_OF_CONCERN,
    CYCLES,
    FINDING_LABELS,
    RECOMMENDATION,
    section_label,
)

TRACKED_KINDS = (AREA_FOR_IMPROVEMENT, CAUSE_OF_CONCERN, RECOMMENDATION)
KIND_LABELS = {kind: FINDING_LABELS[kind] for kind in TRACKED_KINDS}
STATUSES = ("open", "in progress", "closed")
RAGS = ("red", "amber", "green")
RAG_COLOURS = {"red": "#B83A34", "amber": "#F0A830", "green": "#2E7D32"}
FIELDS = ("status", "rag", "owner", "due", "notes")



@functools.lru_cache(maxsize=1 << 16)  # a library's findings, read again on each refresh
def finding_key(force_id: str, cycle: str, section: str, kind: str, text: str) -> str:
    """A finding's stable key: "kent:2016:legitimacy:area_for_improvement:the-force-should-
    improve-how-it#1a2b…". The prefix reads in a database browser; the digest of the whole
    normalised wording tells apart findings that begin alike. Two findings of one report
    with the same words share a key (and so one status): they are one finding."""
    words = normalise(text)
    slug = "-".join(words.split()[:6])
    digest = hashlib.blake2b(f"{force_id}\n{cycle}\n{section}\n{kind}\n{words}".encode(),
                             digest_size=8).hexdigest()
    return f"{force_id}:{cycle}:{section}:{kind}:{slug}#{digest}"


def key_cycle(key: str) -> str:
    """The cycle a finding key names ("kent:2018/19:…" -> "2018/19")."""
    parts = key.split(":", 2)
    return parts[1] if len(parts) > 2 else ""


def cycle_sort_key(cycle: str) -> tuple[int, str]:
    """A sort key putting cycles in time order; any the framework does not know come after,
    by name."""
    return (CYCLES.index(cycle), "") if cycle in CYCLES else (len(CYCLES), cycle)


@dataclass(frozen=True, slots=True)
class TrackedFinding:
    """One finding with what the user said about it (blank when nothing)."""

    key: str
    force_id: str
    cycle: str
    section: str
    question_number: int | None
    question_key: str | None
    question_label: str  # the area or question's short name; "" for a report-level finding
    kind: str
    text: str
    lead_in: str = ""
    position: int = 0
    status: str = ""
    rag: str = ""
    owner: str = ""
    due: str = ""
    notes: str = ""
    updated_at: str = ""
    unlinked: frozenset[str] = frozenset()  # earlier findings' keys the user unlinked

    @property
    def force_name(self) -> str:
        return force_name(self.force_id)

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def question(self) -> str:
        """"2. Treatment of the public", the section for a report-level finding."""
        if self.question_number is None:
            return section_label(self.section)
        return f"{self.question_number}. {self.question_label}".rstrip(". ")

    @property
    def has_user_data(self) -> bool:
        return any(getattr(self, name) for name in FIELDS)


@dataclass(frozen=True)
class TrackerData:
    """What the tracker shows for a scope: the findings, and user data whose finding is no
    longer in the library (`orphans`, what the user noted; `anchors`, findings kept only for
    the links the user took away from or to them, see `unlink`)."""

    rows: list[TrackedFinding]
    orphans: list[TrackedFinding]
    anchors: list[TrackedFinding] = dataclasses.field(default_factory=list)


# Reading

_NONE: frozenset[str] = frozenset()

_FINDINGS_SQL = f"""
select r.force_id, r.cycle, r.section, q.number, q.key, q.text as question_text, f.kind,
       f.text, coalesce(f.lead_in, '') as lead_in, f.position
from findings f join reports r on r.id = f.report_id
left join questions q on q.id = f.question_id
where f.kind in ({", ".join("?" * len(TRACKED_KINDS))}) {{where}}
order by r.force_id, r.cycle, r.section, q.number, f.kind, f.position
"""
# The user's data in one query: tracked rows, then unlinks ("U" rows; their key begins with
# the force id, so a force's are a range of the primary key).
_USER_SQL = """
select 'T' as what, finding_key, force_id, cycle, section, kind, text, status, rag, owner,
       due, notes, updated_at from tracked_findings {tracked_where}
union all
select 'U', finding_key, earlier_key, '', '', '', '', '', '', '', '', '', ''
from finding_unlinks {unlinks_where}
"""


def tracker_data(conn, force_id: str | None) -> TrackerData:
    """The findings of one force (None: every force) with the user's data, in two queries."""
    params: list = list(TRACKED_KINDS)
    where = ""
    tracked_where = unlinks_where = ""
    user_params: list = []
    if force_id is not None:
        where = "and r.force_id = ?"
        params.append(force_id)
        tracked_where = "where force_id = ?"
        unlinks_where = "where finding_key >= ? and finding_key < ?"
        user_params = [force_id, f"{force_id}:", f"{force_id};"]
    tracked: dict[str, tuple] = {}
    unlinked: dict[str, set[str]] = defaultdict(set)
    for row in conn.execute(_USER_SQL.format(tracked_where=tracked_where,
                                             unlinks_where=unlinks_where), user_params):
        if row[0] == "U":
            unlinked[row[1]].add(row[2])
        else:
            tracked[row[1]] = row
    rows: list[TrackedFinding] = []
    seen: set[str] = set()
    for (force, cycle, section, number, key, question_text, kind, text, lead_in,
         position) in conn.execute(_FINDINGS_SQL.format(where=where), params):
        finding = finding_key(force, cycle, section, kind, text)
        user = tracked.get(finding)
        seen.add(finding)
        rows.append(TrackedFinding(
            finding, force, cycle, section, number, key,
            short_label(key, question_text or "") if number is not None else "",
            kind, text, lead_in, position or 0,
            *(user[7:13] if user else ("",) * 6),
            frozenset(unlinked[finding]) if finding in unlinked else _NONE))
    lost = [_orphan(row) for key, row in tracked.items() if key not in seen]
    lost.sort(key=lambda o: (o.force_id, cycle_sort_key(o.cycle), o.kind, o.text))
    return TrackerData(rows, [o for o in lost if o.has_user_data],
                       [o for o in lost if not o.has_user_data])


def _orphan(row: tuple) -> TrackedFinding:
    (_what, key, force_id, cycle, section, kind, text, status, rag, owner, due, notes,
     updated) = row
    return TrackedFinding(key, force_id, cycle, section, None, None, "", kind, text,
                          status=status or "", rag=rag or "", owner=owner or "",
                          due=due or "", notes=notes or "", updated_at=updated or "")


def tracker_rows(conn, force_id: str | None) -> list[TrackedFinding]:
    """The tracked kinds of finding of one force (None: every force), with the user's
    fields."""
    return tracker_data(conn, force_id).rows


def orphans(conn, force_id: str | None) -> list[TrackedFinding]:
    """User data whose finding is no longer in the library (its report was removed, or a
    re-import changed its wording beyond `reattach`): kept, and shown as such."""
    return tracker_data(conn, force_id).orphans


# Writing

def now() -> str:
    """The time an edit is dated with: UTC, to the second, ISO."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _checked(fields: dict[str, object]) -> dict[str, str]:
    values: dict[str, str] = {}
    for name, value in fields.items():
        if name not in FIELDS:
            raise ValueError(f"{name!r} is not a field of a tracked finding")
        text = "" if value is None else str(value)
        if name in ("status", "rag"):
            text = text.strip().casefold()
            allowed = STATUSES if name == "status" else RAGS
            if text and text not in allowed:
                what = "status" if name == "status" else "RAG rating"
                raise ValueError(f"{text!r} is not a {what} (choose {', '.join(allowed)}, "
                                 "or leave it blank)")
        elif name == "due":
            if isinstance(value, dt.date):
                text = value.isoformat()
            text = text.strip()
            if text:
                try:
                    if len(text) != 10:
                        raise ValueError
                    dt.date.fromisoformat(text)
                except ValueError:
                    raise ValueError(f"{text!r} is not a date (write it as 2025-03-31)") from None
        elif name == "owner":
            text = " ".join(text.split())
        values[name] = text
    return values


def set_fields(store, finding: TrackedFinding | str, **fields) -> None:
    """Set some of status, rag, owner, due and notes of a finding (a TrackedFinding, or the
    key of one already tracked), in one transaction. ValueError with a one-line reason for a
    value that is refused; nothing is written then."""
    values = _checked(fields)
    if not values:
        return
    stamp = now()
    with store.transaction() as conn:
        if isinstance(finding, str):
            if conn.execute("select 1 from tracked_findings where finding_key = ?",
                            [finding]).fetchone() is None:
                raise ValueError("that finding has no tracked data to change")
            key = finding
        else:
            key = finding.key
            conn.execute(
                "insert or ignore into tracked_findings (finding_key, force_id, cycle, "
                "section, kind, text, updated_at) values (?, ?, ?, ?, ?, ?, ?)",
                [key, finding.force_id, finding.cycle, finding.section, finding.kind,
                 finding.text, stamp])
        assignments = ", ".join(f"{name} = ?" for name in values)
        conn.execute(f"update tracked_findings set {assignments}, updated_at = ? "
                     "where finding_key = ?", [*values.values(), stamp, key])


def unlink(store, finding, earlier) -> None:
    """Take away the "raised before" link from `finding` to `earlier` (each a TrackedFinding
    or a Link, or only its key). The words of each finding given as more than a key are kept
    with the unlink (a row of tracked_findings without fields: an anchor), so that the
    unlink follows either finding when a re-import changes its wording (`reattach`)."""
    stamp = now()
    with store.transaction() as conn:
        for item in (finding, earlier):
            if not isinstance(item, str):
                conn.execute(
                    "insert or ignore into tracked_findings (finding_key, force_id, cycle, "
                    "section, kind, text, updated_at) values (?, ?, ?, ?, ?, ?, ?)",
                    [item.key, item.key.split(":", 1)[0], item.cycle, item.section, item.kind,
                     item.text, stamp])
        conn.execute("insert or ignore into finding_unlinks (finding_key, earlier_key, "
                     "unlinked_at) values (?, ?, ?)", [_key(finding), _key(earlier), stamp])


def _key(item) -> str:
    return item if isinstance(item, str) else item.key


def relink(store, finding, earlier) -> None:
    """Give back a link the user took away (each a finding, a link or a key)."""
    with store.transaction() as conn:
        conn.execute("delete from finding_unlinks where finding_key = ? and earlier_key = ?",
                     [_key(finding), _key(earlier)])


def reattach(store, force_id: str | None = None, *, data: TrackerData | None = None) -> int:
    """Move the user data (fields and unlinks, either side) of findings no longer in the
    library to the finding that is the same one retyped, one to one, in one transaction.
    Only data whose own report (force, cycle, section) is in the library moves, and only to
    a finding of that report, of the same kind, not tracked already, that `same_finding`
    accepts (the most alike first). Data of a removed report stays as it is until the report
    comes back. Returns how many moved; the rest stay as orphans. Never writes to a damaged
    library (returns 0). `data`: what tracker_data answered just now for `force_id`, so as
    not to read it again."""
    if store.damage:
        return 0
    conn = store.db.conn
    if data is None:
        data = tracker_data(conn, force_id)
    sql, params = "select force_id, cycle, section from reports", []
    if force_id is not None:
        sql, params = sql + " where force_id = ?", [force_id]
    reports = {tuple(row) for row in conn.execute(sql, params)}
    lost = [o for o in data.orphans + data.anchors
            if (o.force_id, o.cycle, o.section) in reports]
    if not lost:
        return 0
    free: dict[tuple[str, str, str, str], list[TrackedFinding]] = defaultdict(list)
    for row in data.rows:
        if not row.updated_at:  # set_fields and unlink date every row they write
            free[(row.force_id, row.cycle, row.section, row.kind)].append(row)
    pairs = []
    for orphan in lost:
        for row in free.get((orphan.force_id, orphan.cycle, orphan.section, orphan.kind), ()):
            if same_finding(orphan.text, row.text):
                score = fuzz.ratio(normalise(orphan.text), normalise(row.text))
                pairs.append((-score, orphan.key, row.key, row))
    pairs.sort(key=lambda pair: pair[:3])
    moved: list[tuple[str, TrackedFinding]] = []
    taken_orphans: set[str] = set()
    taken_rows: set[str] = set()
    for _negative, old, new, row in pairs:
        if old not in taken_orphans and new not in taken_rows:
            taken_orphans.add(old)
            taken_rows.add(new)
            moved.append((old, row))
    if not moved:
        return 0
    with store.transaction() as conn:
        for old, row in moved:
            conn.execute("update tracked_findings set finding_key = ?, section = ?, text = ? "
                         "where finding_key = ?", [row.key, row.section, row.text, old])
            conn.execute("update or ignore finding_unlinks set finding_key = ? "
                         "where finding_key = ?", [row.key, old])
            conn.execute("update or ignore finding_unlinks set earlier_key = ? "
                         "where earlier_key = ?", [row.key, old])
    return len(moved)


def with_fields(row: TrackedFinding, **fields) -> TrackedFinding:
    """`row` with some user fields changed (checked as set_fields checks them)."""
    return dataclasses.replace(row, **_checked(fields))
