"""The library's schema, as a series of sqlite-utils migrations: each one a step from one
library format to the next, never changed once released. Loaded only when a library needs
creating or upgrading (`Store` checks the format number first)."""

from __future__ import annotations

import sqlite_utils

from peelviewer.core.framework import topic_of_question
from peelviewer.core.prose import question_is_ungraded_kind

migrations = sqlite_utils.Migrations("peelviewer")

# The forces the first format's library holds, as they were when it was released: (id, name,
# short name, region, country). Frozen here, never read from forces.FORCES, so a later change
# to that table cannot change what m001 creates; such a change gets a migration of its own
# (tests/core/test_migrations_frozen.py notices one that has none).
M001_FORCES = (
    ("avon-and-somerset", "Avon and Somerset Constabulary", "Avon and Somerset",
     "South West", "England"),
    ("devon-and-cornwall", "Devon and Cornwall Police", "Devon and Cornwall",
     "South West", "England"),
    ("dorset", "Dorset Police", "Dorset", "South West", "England"),
    ("gloucestershire", "Gloucestershire Constabulary", "Gloucestershire", "South West", "England"),
    ("wiltshire", "Wiltshire Police", "Wiltshire", "South West", "England"),
    ("hampshire", "Hampshire Constabulary", "Hampshire", "South East", "England"),
    ("kent", "Kent Police", "Kent", "South East", "England"),
    ("surrey", "Surrey Police", "Surrey", "South East", "England"),
    ("sussex", "Sussex Police", "Sussex", "South East", "England"),
    ("thames-valley", "Thames Valley Police", "Thames Valley", "South East", "England"),
    ("bedfordshire", "Bedfordshire Police", "Bedfordshire", "Eastern", "England"),
    ("cambridgeshire", "Cambridgeshire Constabulary", "Cambridgeshire", "Eastern", "England"),
    ("essex", "Essex Police", "Essex", "Eastern", "England"),
    ("hertfordshire", "Hertfordshire Constabulary", "Hertfordshire", "Eastern", "England"),
    ("norfolk", "Norfolk Constabulary", "Norfolk", "Eastern", "England"),
    ("suffolk", "Suffolk Constabulary", "Suffolk", "Eastern", "England"),
    ("city-of-london", "City of London Police", "City of London", "London", "England"),
    ("metropolitan", "Metropolitan Police Service", "Metropolitan", "London", "England"),
    ("derbyshire", "Derbyshire Constabulary", "Derbyshire", "East Midlands", "England"),
    ("leicestershire", "Leicestershire Police", "Leicestershire", "East Midlands", "England"),
    ("lincolnshire", "Lincolnshire Police", "Lincolnshire", "East Midlands", "England"),
    ("northamptonshire", "Northamptonshire Police", "Northamptonshire", "East Midlands", "England"),
    ("nottinghamshire", "Nottinghamshire Police", "Nottinghamshire", "East Midlands", "England"),
    ("staffordshire", "Staffordshire Police", "Staffordshire", "West Midlands", "England"),
    ("warwickshire", "Warwickshire Police", "Warwickshire", "West Midlands", "England"),
    ("west-mercia", "West Mercia Police", "West Mercia", "West Midlands", "England"),
    ("west-midlands", "West Midlands Police", "West Midlands", "West Midlands", "England"),
    ("cheshire", "Cheshire Constabulary", "Cheshire", "North West", "England"),
    ("cumbria", "Cumbria Constabulary", "Cumbria", "North West", "England"),
    ("greater-manchester", "Greater Manchester Police", "Greater Manchester",
     "North West", "England"),
    ("lancashire", "Lancashire Constabulary", "Lancashire", "North West", "England"),
    ("merseyside", "Merseyside Police", "Merseyside", "North West", "England"),
    ("cleveland", "Cleveland Police", "Cleveland", "North East", "England"),
    ("durham", "Durham Constabulary", "Durham", "North East", "England"),
    ("northumbria", "Northumbria Police", "Northumbria", "North East", "England"),
    ("humberside", "Humberside Police", "Humberside", "Yorkshire and the Humber", "England"),
    ("north-yorkshire", "North Yorkshire Police", "North Yorkshire",
     "Yorkshire and the Humber", "England"),
    ("south-yorkshire", "South Yorkshire Police", "South Yorkshire",
     "Yorkshire and the Humber", "England"),
    ("west-yorkshire", "West Yorkshire Police", "West Yorkshire",
     "Yorkshire and the Humber", "England"),
    ("dyfed-powys", "Dyfed-Powys Police", "Dyfed-Powys", "Wales", "Wales"),
    ("gwent", "Gwent Police", "Gwent", "Wales", "Wales"),
    ("north-wales", "North Wales Police", "North Wales", "Wales", "Wales"),
    ("south-wales", "South Wales Police", "South Wales", "Wales", "Wales"),
)


@migrations()
def m001_schema(db: sqlite_utils.Database) -> None:
    db["forces"].create(
        {"id": str, "name": str, "short_name": str, "region": str, "country": str}, pk="id"
    )
    db["forces"].insert_all(
        dict(zip(("id", "name", "short_name", "region", "country"), row, strict=True))
        for row in M001_FORCES
    )
    db["reports"].create(
        {
            "id": int, "force_id": str, "cycle": str, "pillar": str, "headline": str,
            "grade": str, "grade_source": str, "last_updated": str, "summary": str,
            "warnings": str, "imported_at": str,
        },
        pk="id",
        foreign_keys=[("force_id", "forces", "id")],
    )
    db["reports"].create_index(["force_id", "cycle", "pillar"], unique=True)
    db["questions"].create(
        {
            "id": int, "report_id": int, "number": int, "text": str, "grade": str,
            "grade_source": str, "carried_over": int, "narrative": str,
        },
        pk="id",
        foreign_keys=[("report_id", "reports", "id")],
    )
    db["questions"].create_index(["report_id", "number"])
    db["findings"].create(
        {
            "id": int, "report_id": int, "question_id": int, "kind": str, "position": int,
            "text": str, "lead_in": str,
        },
        pk="id",
        foreign_keys=[("report_id", "reports", "id"), ("question_id", "questions", "id")],
    )
    db["findings"].create_index(["question_id"])
    db["findings"].create_index(["report_id"])
    db["sources"].create(
        {"sha256": str, "report_id": int, "file_name": str, "kind": str, "size": int,
         "imported_at": str},
        pk="sha256",
        foreign_keys=[("report_id", "reports", "id")],
    )
    db["sources"].create_index(["report_id"])
    # The sqlite-utils FTS convention, so Datasette offers search on these tables too.
    db["reports"].enable_fts(["headline", "summary"], create_triggers=True, tokenize="porter")
    db["questions"].enable_fts(["text", "narrative"], create_triggers=True, tokenize="porter")
    db["findings"].enable_fts(["text"], create_triggers=True, tokenize="porter")


@migrations()
def m002_sections_and_catalogue(db: sqlite_utils.Database) -> None:
    """Reports of 2021/22 onwards cover the whole force: every report gets a `section` (its
    pillar, or "force") that the unique index uses, since SQLite lets NULL pillars repeat.
    Reports carry their grade scale and publication date; questions their catalogue key,
    whether they are ever graded, and a grade an earlier copy gave; findings a detail
    paragraph; one file may be the source of several reports."""
    reports = db["reports"]
    reports.add_column("section", str, not_null_default="")
    reports.add_column("scale", int, not_null_default=4)
    reports.add_column("published", str)
    db.execute("update reports set section = coalesce(pillar, 'force')")
    db.execute("update reports set scale = 5 where cycle in ('2021/22', '2023-25', '2025-27')")
    for index in reports.indexes:
        if index.unique and index.columns == ["force_id", "cycle", "pillar"]:
            db.execute(f"drop index [{index.name}]")
    reports.create_index(["force_id", "cycle", "section"], unique=True)
    reports.create_index(["cycle", "section"])  # every view asks by cycle and section
    questions = db["questions"]
    questions.add_column("key", str)
    questions.add_column("graded", int, not_null_default=1)
    questions.add_column("previous_grade", str)
    # Catalogue keys and "never graded" are derived, not frozen: they are read with today's
    # catalogue on purpose, so an upgraded library agrees with reports imported afterwards.
    for row in db.query("select q.id, q.text, q.grade, r.cycle, r.pillar from questions q "
                        "join reports r on r.id = q.report_id where r.pillar is not null"):
        topic = topic_of_question(row["pillar"], row["text"] or "")
        never = question_is_ungraded_kind(row["pillar"], row["text"] or "") or (
            topic is not None and not topic.is_graded(row["cycle"]))
        db.execute("update questions set key = ?, graded = ? where id = ?",
                   [topic.key if topic else None, int(row["grade"] is not None or not never),
                    row["id"]])
    questions.create_index(["key"])
    db["findings"].add_column("detail", str, not_null_default="")
    db["sources"].transform(pk=("sha256", "report_id"))
    db["sources"].create_index(["sha256"])


@migrations()
def m003_file_name_bytes(db: sqlite_utils.Database) -> None:
    """A file name that is not UTF-8 (Linux allows any bytes) is kept exactly in
    `file_name_bytes`; `file_name` then holds it readable, with escapes such as "\\xff"."""
    db["sources"].add_column("file_name_bytes", bytes)


@migrations()
def m004_workbench(db: sqlite_utils.Database) -> None:
    """The analyst's workbench. `tracked_findings` holds what the user says about a finding
    (status, RAG rating, owner, due date, notes) and `finding_unlinks` the "raised before"
    links the user took away: both are keyed by the finding's words, never by a row id, and
    imports never write them, so a re-import or a richer copy keeps them.
    `report_sentences` is derived: a hash of each sentence of a report's prose (its force's
    names as a placeholder), which finds the inspectorate's template text; `indexed_reports`
    says which reports it holds, by which version of the hashing."""
    db["tracked_findings"].create(
        {"finding_key": str, "force_id": str, "cycle": str, "section": str, "kind": str,
         "text": str, "status": str, "rag": str, "owner": str, "due": str, "notes": str,
         "updated_at": str},
        pk="finding_key", not_null={"force_id", "cycle", "section", "kind", "text"},
        defaults={"status": "", "rag": "", "owner": "", "due": "", "notes": ""},
    )
    db["tracked_findings"].create_index(["force_id", "cycle"])
    db["finding_unlinks"].create({"finding_key": str, "earlier_key": str, "unlinked_at": str},
                                 pk=("finding_key", "earlier_key"))
    db["report_sentences"].create({"report_id": int, "force_id": str, "cycle": str, "hash": int},
                                  pk=("report_id", "hash"))
    db["report_sentences"].create_index(["cycle", "hash", "force_id"])
    db["indexed_reports"].create({"report_id": int, "version": int}, pk="report_id")
