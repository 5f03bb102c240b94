"""`peelviewer import` with web links, against a server the test starts on 127.0.0.1."""

from __future__ import annotations

from peelviewer.core.store import Store
from tests.conftest import SAMPLES
from tests.core import test_fetch
from tests.test_cli import peelviewer

local_web = test_fetch.local_web  # the web server fixture
closed_port = test_fetch.closed_port


def sources(library) -> list[str]:
    store = Store.open(library)
    try:
        return sorted(row["file_name"] for row in store.db.query("select file_name from sources"))
    finally:
        store.close()


def test_import_of_a_link_adds_the_report_with_the_link_as_source(local_web, tmp_path):
    library = tmp_path / "l.peeldb"
    link = local_web.url("/hampshire")
    result = peelviewer("import", "--db", library, link)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"added: {link} (hampshire/2016/legitimacy)"
    assert result.stdout.splitlines()[1].startswith("1 added, 0 updated, 0 unchanged, 0 failed")
    assert sources(library) == [link]
    listed = peelviewer("list", "--db", library)
    assert "Hampshire" in listed.stdout


def test_files_and_links_import_together_and_a_bad_link_fails_alone(local_web, closed_port,
                                                                      tmp_path):
    library = tmp_path / "l.peeldb"
    missing = local_web.url("/gone")
    refused = f"http://127.0.0.1:{closed_port}/kent"
    result = peelviewer("import", "--db", library, SAMPLES / "hertfordshire-2016-legitimacy.txt",
                        local_web.url("/kent"), missing, refused)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        "added: hertfordshire-2016-legitimacy.txt (hertfordshire/2016/legitimacy)",
        f"added: {local_web.url('/kent')} (kent/2017/legitimacy)",
        f"failed: {missing}: not found (HTTP 404)",
        f"failed: {refused}: could not connect (the server refused the connection)",
    ]
    assert lines[4].startswith("2 added, 0 updated, 0 unchanged, 2 failed")
    assert sources(library) == ["hertfordshire-2016-legitimacy.txt", local_web.url("/kent")]


def test_the_same_page_twice_is_unchanged(local_web, tmp_path):
    library = tmp_path / "l.peeldb"
    link = local_web.url("/hampshire")
    assert peelviewer("import", "--db", library, link).returncode == 0
    again = peelviewer("import", "--db", library, link)
    assert again.stdout.splitlines()[0] == f"unchanged: {link}: already imported"


def test_a_link_that_is_not_web_is_refused_in_one_line(tmp_path):
    result = peelviewer("import", "--db", tmp_path / "l.peeldb", "ftp://example.org/kent.txt")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == ("failed: ftp://example.org/kent.txt: only http and "
                                             "https links can be fetched, not ftp")
    assert "Traceback" not in result.stderr
