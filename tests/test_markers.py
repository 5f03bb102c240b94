"""The `gui` marker: -m "not gui" runs exactly the tests that open no Qt widgets."""

import re
import subprocess
import sys

from tests.conftest import ROOT


def pytest_output(*args: str) -> str:
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                             *args], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode in (0, 5), result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def collected(*args: str) -> list[str]:
    """The test ids `pytest --collect-only` selects with these arguments."""
    return [line for line in pytest_output("--collect-only", *args).splitlines()
            if "::" in line]


def test_not_gui_leaves_out_every_test_that_uses_qtbot_and_every_ui_test():
    listing = pytest_output("--fixtures-per-test", "-m", "not gui", "tests")
    places = re.findall(r"\((tests/[^:]+):\d+\)", listing)
    assert "tests/core/test_store.py" in places
    assert "tests/test_cli.py" in places
    assert [p for p in places if p.startswith("tests/ui/")] == []
    fixtures = re.findall(r"^(\w+) -- ", listing, flags=re.MULTILINE)
    assert "store" in fixtures
    assert "qtbot" not in fixtures


def test_gui_selects_the_ui_tests_and_those_that_launch_the_window():
    selected = collected("-m", "gui", "tests")
    assert len([t for t in selected if t.startswith("tests/ui/")]) > 100
    assert [t for t in selected if not t.startswith("tests/ui/")] == [
        "tests/test_cli.py::test_files_given_at_launch_are_imported_as_a_double_click_would",
        "tests/test_packaging.py::test_the_bundle_starts_prints_its_version_and_reads_pdfs",
        "tests/test_reliability.py::test_no_check_fails_and_nothing_is_lost",
        "tests/test_reliability.py::test_every_check_injected_what_it_claims",
    ]
