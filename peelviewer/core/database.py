"""The library's connection: the few calls reading needs, with sqlite-utils loaded only when a
write needs its table API (creating or upgrading the schema). Importing sqlite-utils costs
about a quarter of a second, a sixth of the window's start-up, for a library that usually
only needs reading before the heatmap is on screen."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils

_TRANSACTION_WORDS = ("BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE")


class Database:
    """An SQLite connection with sqlite-utils' reading calls (execute, query, table_names,
    journal_mode) and, through `utils` or `db["table"]`, its table API on the same
    connection. `execute` commits a write made outside a transaction, as sqlite-utils does."""

    def __init__(self, path: str | Path):
        self.conn = sqlite3.connect(str(path))
        self._utils: sqlite_utils.Database | None = None

    def execute(self, sql: str, parameters: Sequence | dict[str, Any] | None = None
                ) -> sqlite3.Cursor:
        conn = self.conn
        was_in_transaction = conn.in_transaction
        try:
            cursor = conn.execute(sql) if parameters is None else conn.execute(sql, parameters)
        except Exception:
            if not was_in_transaction and conn.in_transaction:
                conn.execute("ROLLBACK")  # the failed statement's implicit transaction
            raise
        if (not was_in_transaction and conn.in_transaction and cursor.description is None
                and not sql.lstrip().upper().startswith(_TRANSACTION_WORDS)):
            conn.execute("COMMIT")
        return cursor

    def query(self, sql: str, params: Sequence | dict[str, Any] | None = None
              ) -> Iterator[dict]:
        """The rows of a query as dicts of column name to value."""
        cursor = self.execute(sql, params)
        keys = [column[0] for column in cursor.description or ()]
        return (dict(zip(keys, row, strict=True)) for row in cursor)

    def table_names(self) -> list[str]:
        return [row[0] for row in self.conn.execute(
            "select name from sqlite_master where type = 'table'")]

    @property
    def journal_mode(self) -> str:
        return self.conn.execute("PRAGMA journal_mode").fetchone()[0]

    @property
    def utils(self) -> sqlite_utils.Database:
        """sqlite-utils on this connection, loaded on first use."""
        if self._utils is None:
            import sqlite_utils

            self._utils = sqlite_utils.Database(self.conn)
        return self._utils

    def __getitem__(self, table: str):
        return self.utils[table]

    def close(self) -> None:
        self.conn.close()
