"""The fast form of `make reliability`: every injected fault handled, no data lost."""

import pytest

from tests.reliability import run_all, table

pytestmark = pytest.mark.gui  # the big-library check opens the window (in a child process)


@pytest.fixture(scope="module")
def results():
    return run_all(fast=True)


def test_no_check_fails_and_nothing_is_lost(results, capsys):
    with capsys.disabled():
        print("\n" + table(results))
    assert [(r.check, r.failures, r.data_lost) for r in results] == [
        (r.check, 0, 0) for r in results]


def test_every_check_injected_what_it_claims(results):
    by_check = {r.check: r for r in results}
    assert by_check["kill -9 during import"].faults == 3
    assert by_check["hostile files"].faults == 9
    read_only = by_check["read-only library"]
    assert "read-only" in read_only.note or read_only.note.startswith("not run")
    assert "library is full" in by_check["full disk"].note
