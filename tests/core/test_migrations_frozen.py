"""Released migrations never change: the first one's forces are its own frozen list, and a
change to today's force table needs a migration of its own to reach existing libraries."""

from __future__ import annotations

import sqlite_utils

from peelviewer.core import migrations as migrations_module
from peelviewer.core.forces import FORCES
from peelviewer.core.migrations import M001_FORCES, migrations
from peelviewer.core.store import Store

COLUMNS = "id, name, short_name, region, country"


def force_rows(conn) -> list[tuple]:
    return [tuple(row) for row in conn.execute(f"select {COLUMNS} from forces order by id")]


def today() -> list[tuple]:
    return sorted((f.id, f.name, f.short_name, f.region, f.country) for f in FORCES)


def test_the_first_format_holds_the_43_forces_it_was_released_with(tmp_path):
    db = sqlite_utils.Database(tmp_path / "v1.peeldb")
    migrations.apply(db, stop_before="m002_sections_and_catalogue")
    assert len(M001_FORCES) == 43
    assert force_rows(db.conn) == sorted(M001_FORCES)


def test_the_first_migration_reads_no_live_force_table():
    assert not hasattr(migrations_module, "FORCES")


def test_a_new_library_holds_todays_forces(tmp_path):
    """Fails when forces.FORCES changes and no migration brings libraries in line: write one
    (a later m00N updating the `forces` table), never an edit to M001_FORCES."""
    with Store.open(tmp_path / "new.peeldb") as store:
        assert force_rows(store.db.conn) == today()


def test_the_frozen_list_is_todays_force_table():
    """While this holds, no migration of the forces table is due. When forces.FORCES changes
    this fails: add the migration that updates the table, then let this test compare today's
    forces with what that migration leaves."""
    assert sorted(M001_FORCES) == today()
