"""The command line loads only what a command needs: comparing two files is a quick tool."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.library_faults import ROOT, SAMPLES

PROBE = """
import json, sys
from peelviewer.app import main
status = main(sys.argv[1:])
heavy = sorted(m for m in ("numpy", "sqlite_utils", "pyqtgraph", "PySide6") if m in sys.modules)
print(json.dumps({"status": status, "heavy": heavy}), file=sys.stderr)
"""


def loaded_by(*args: str) -> dict:
    outcome = subprocess.run([sys.executable, "-c", PROBE, *args], capture_output=True,
                             text=True, cwd=ROOT, timeout=300, check=False)
    return json.loads(outcome.stderr.strip().splitlines()[-1])


def test_comparing_two_files_loads_no_numpy_sqlite_utils_or_qt():
    found = loaded_by("compare", str(SAMPLES / "hampshire-2016-legitimacy.txt"),
                      str(SAMPLES / "hertfordshire-2016-legitimacy.txt"))
    assert found == {"status": 0, "heavy": []}


def test_listing_a_library_loads_no_sqlite_utils(tmp_path):
    from tests.library_faults import sample_library

    library = sample_library(tmp_path / "lib.peeldb")
    assert loaded_by("list", "--db", str(library)) == {"status": 0, "heavy": []}
