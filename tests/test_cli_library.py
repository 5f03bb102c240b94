"""The command line on a library that fails: one line on stderr, exit status 2, no traceback,
and nothing written."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import FIXTURES
from tests.library_faults import ROOT, damage_pages, sample_library


def peelviewer(*args):
    return subprocess.run([sys.executable, "-m", "peelviewer", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=300, check=False)


def test_every_command_on_a_damaged_library_says_so_in_one_line(tmp_path):
    library = sample_library(tmp_path / "lib.peeldb")
    damage_pages(library, every=5)
    before = library.read_bytes()
    for command in (["list"], ["search", "wellbeing"], ["export-csv"],
                    ["import", str(FIXTURES / "welsh-banner.txt")],
                    ["compare", "hampshire/2016/legitimacy", "hertfordshire/2016/legitimacy"]):
        outcome = peelviewer(*command, "--db", str(library))
        assert outcome.returncode == 2, command
        [line] = outcome.stderr.strip().splitlines()
        assert line.startswith("peelviewer: lib.peeldb is damaged (SQLite: "), line
    assert library.read_bytes() == before


def test_reading_an_empty_library_file_is_refused_and_importing_into_it_starts_one(tmp_path):
    library = tmp_path / "lib.peeldb"
    library.touch()
    listing = peelviewer("list", "--db", str(library))
    assert listing.returncode == 2
    assert "lib.peeldb is an empty file (0 bytes), not a library yet" in listing.stderr
    assert library.stat().st_size == 0
    imported = peelviewer("import", str(FIXTURES / "welsh-banner.txt"), "--db", str(library))
    assert imported.returncode == 0
    assert "note: lib.peeldb was an empty file (0 bytes)" in imported.stderr


def test_a_file_that_is_not_a_library_is_named_as_such(tmp_path):
    notes = tmp_path / "notes.peeldb"
    notes.write_text("meeting notes\n" * 50)
    outcome = peelviewer("list", "--db", str(notes))
    assert outcome.returncode == 2
    assert outcome.stderr.strip() == ("peelviewer: notes.peeldb is not a PEEL Viewer library "
                                      "(it is not an SQLite database)")
