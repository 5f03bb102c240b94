import errno
import os
import shutil

import pytest

from peelviewer.core import store as store_module
from peelviewer.core.importer import FAILED, collect_paths, import_paths


def dump(store):
    return list(store.db.conn.iterdump())


def compact_copy(text: str) -> str:
    """The same page as a compact copy: no blank lines, no numbers, "- " bullets, no date."""
    lines = []
    for line in text.splitlines():
        if not line.strip() or line.strip().isdigit() or line.startswith("Last updated"):
            continue
        lines.append(line.replace("  • ", "- "))
    return "\n".join(lines)


def test_importing_the_same_file_twice_leaves_one_report(store, hampshire):
    first = import_paths(store, [hampshire])
    second = import_paths(store, [hampshire])
    assert [r.outcome for r in first.results + second.results] == ["added", "unchanged"]
    assert second.results[0].reason == "already imported"
    assert store.counts()["reports"] == 1


def test_a_compact_copy_after_the_full_one_leaves_the_full_report(store, hampshire, tmp_path):
    compact = tmp_path / "hampshire-compact.txt"
    compact.write_text(compact_copy(hampshire.read_text(encoding="utf-8")), encoding="utf-8")
    summary = import_paths(store, [hampshire, compact])
    assert [r.outcome for r in summary.results] == ["added", "unchanged"]
    assert store.counts()["reports"] == 1
    assert store.counts()["sources"] == 2
    report = store.report("hampshire", "2016", "legitimacy")
    assert report.last_updated is not None
    assert [len(q.areas_for_improvement) for q in report.questions] == [2, 3, 2]


def test_the_full_copy_after_a_compact_one_updates_the_report(store, hampshire, tmp_path):
    compact = tmp_path / "compact.txt"
    text = compact_copy(hampshire.read_text(encoding="utf-8"))
    # A compact copy that also lost its grade lines: grades come from prose only.
    text = "\n".join(line for line in text.splitlines()
                     if line not in ("Good", "Requires improvement"))
    compact.write_text(text, encoding="utf-8")
    summary = import_paths(store, [compact, hampshire])
    assert [r.outcome for r in summary.results] == ["added", "updated"]
    report = store.report("hampshire", "2016", "legitimacy")
    assert report.grade_source == "stated"
    assert [q.grade_source for q in report.questions] == ["stated"] * 3


def test_a_failing_file_leaves_the_library_exactly_as_it_was(store, hampshire, tmp_path):
    import_paths(store, [hampshire])
    before = dump(store)
    bad = tmp_path / "notes.txt"
    bad.write_text("Minutes of the scrutiny board\n\nApologies: none.\n", encoding="utf-8")
    [result] = import_paths(store, [bad]).results
    assert result.outcome == FAILED
    assert "no 'X PEEL YYYY' title" in result.reason
    assert dump(store) == before


def test_a_failure_while_writing_rolls_the_whole_file_back(store, hampshire, hertfordshire,
                                                          monkeypatch):
    import_paths(store, [hampshire])
    before = dump(store)

    def fail_half_way(self, report_id, report, earlier):
        raise store_module.sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store_module.Store, "_insert_questions", fail_half_way)
    [result] = import_paths(store, [hertfordshire]).results
    assert (result.outcome, result.reason) == (
        FAILED, "reading or writing library.peeldb failed (disk I/O error): the disk or the "
        "network share holding it may have gone; nothing of this file was saved")
    assert dump(store) == before


def test_a_batch_imports_the_good_files_and_explains_each_bad_one(store, hampshire,
                                                                  hertfordshire, tmp_path):
    folder = tmp_path / "reports"
    (folder / "2016").mkdir(parents=True)
    shutil.copy(hampshire, folder / "2016" / hampshire.name)
    shutil.copy(hertfordshire, folder / hertfordshire.name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (folder / "random.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "2022.txt").write_text("Surrey PEEL 2021/22\n\nAreas of policing\n")
    (folder / ".hidden.txt").write_text("not read")
    (folder / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    summary = import_paths(store, [folder])
    reasons = {r.path.name: r.reason for r in summary.failed}
    assert reasons == {
        "empty.txt": "empty file",
        "photo.txt": "a PNG image, not a report",
        "random.txt": "binary file, not a report",
        "2022.txt": "no areas of policing found: neither an 'Our judgments' table nor a "
                    "section per area",
    }
    assert summary.counts["added"] == 2
    assert summary.line() == "2 added, 0 updated, 0 unchanged, 4 failed"
    assert store.counts()["reports"] == 2


def test_missing_paths_fail_with_a_reason(store, tmp_path):
    [result] = import_paths(store, [tmp_path / "gone.txt"]).results
    assert (result.outcome, result.reason) == (FAILED, "no such file")
    assert result.line() == "failed: gone.txt: no such file"


def test_stopping_keeps_finished_files_and_skips_the_rest(store, hampshire, hertfordshire):
    seen = []
    summary = import_paths(
        store, [hampshire, hertfordshire],
        progress=lambda done, total, path: seen.append((done, total, path.name)),
        should_stop=lambda: len(seen) == 1,
    )
    assert summary.cancelled
    assert [r.outcome for r in summary.results] == ["added"]
    assert seen == [(0, 2, hampshire.name)]
    assert store.counts()["reports"] == 1


def test_named_files_are_read_whatever_their_suffix(tmp_path):
    odd = tmp_path / "report.download"
    odd.write_text("x")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "page.htm").write_text("x")
    (tmp_path / "sub" / "data.csv").write_text("x")
    assert collect_paths([odd, tmp_path / "sub"]) == [odd, tmp_path / "sub" / "page.htm"]


@pytest.mark.parametrize("size_mb", [21])
def test_oversized_files_are_refused_before_being_read(store, tmp_path, size_mb):
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(size_mb * 1024 * 1024)
    [result] = import_paths(store, [big]).results
    assert result.reason == f"file too large ({size_mb} MB, limit 20 MB)"


def test_a_second_copy_of_a_report_without_a_pillar_grade_imports(store, tmp_path):
    from tests.conftest import FIXTURES

    first = tmp_path / "leadership.txt"
    first.write_bytes((FIXTURES / "2016-leadership-ungraded.txt").read_bytes())
    second = tmp_path / "leadership-again.txt"
    second.write_bytes(first.read_bytes() + b"\n")
    summary = import_paths(store, [first, second])
    assert [r.outcome for r in summary.results] == ["added", "unchanged"]


def test_an_unexpected_error_while_storing_costs_one_file_only(store, hampshire, hertfordshire,
                                                               monkeypatch):
    original = store_module.Store.add_reports

    def explode_for_hampshire(self, reports, **kwargs):
        if reports[0].force_id == "hampshire":
            raise TypeError("a bug")
        return original(self, reports, **kwargs)

    monkeypatch.setattr(store_module.Store, "add_reports", explode_for_hampshire)
    summary = import_paths(store, [hampshire, hertfordshire])
    assert [r.outcome for r in summary.results] == ["failed", "added"]
    assert summary.results[0].reason == "internal error while storing (TypeError('a bug'))"


def test_a_pipe_is_refused_as_not_a_regular_file(store, tmp_path):
    import os

    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    [result] = import_paths(store, [fifo]).results
    assert result.reason == "not a regular file (a pipe or device)"


def refuse_to_list(monkeypatch, *folders, code=errno.EACCES):
    """os.scandir refuses these folders as the file system refuses a user without read
    permission (the tests run as root, who may read everything)."""
    real_scandir = os.scandir
    refused = {os.fspath(folder) for folder in folders}

    def scandir(path="."):
        if os.fspath(path) in refused:  # OSError(EACCES, …) is a PermissionError
            raise OSError(code, os.strerror(code), os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)


def folder_with_a_private_subfolder(root, hampshire, hertfordshire):
    shutil.copy(hampshire, root / "hampshire.txt")
    (root / "private" / "deeper").mkdir(parents=True)
    shutil.copy(hertfordshire, root / "private" / "hertfordshire.txt")
    return root / "private"


def test_an_unreadable_subfolder_gets_its_own_failed_line(store, hampshire, hertfordshire,
                                                          tmp_path, monkeypatch):
    private = folder_with_a_private_subfolder(tmp_path, hampshire, hertfordshire)
    refuse_to_list(monkeypatch, private)
    heard = []
    summary = import_paths(store, [tmp_path], on_result=heard.append)
    assert [r.line() for r in summary.results] == [
        "failed: private: permission denied: cannot read this folder",
        "added: hampshire.txt (hampshire/2016/legitimacy)",
    ]
    assert summary.failed[0].path == private  # the window's tooltip shows where it is
    assert heard == summary.results  # the command line prints it as it goes
    assert summary.line() == "1 added, 0 updated, 0 unchanged, 1 failed"


def test_an_unreadable_folder_named_for_import_fails_with_the_reason(store, tmp_path,
                                                                     monkeypatch):
    refuse_to_list(monkeypatch, tmp_path)
    [result] = import_paths(store, [tmp_path]).results
    assert (result.path, result.outcome) == (tmp_path, FAILED)
    assert result.reason == "permission denied: cannot read this folder"


def test_a_folder_that_cannot_be_read_for_another_reason_says_the_systems_reason(
        store, tmp_path, monkeypatch):
    refuse_to_list(monkeypatch, tmp_path, code=errno.EIO)
    [result] = import_paths(store, [tmp_path]).results
    assert result.line() == f"failed: {tmp_path.name}: cannot read this folder: Input/output error"


def test_files_collected_first_keep_their_unreadable_folders(store, hampshire, hertfordshire,
                                                             tmp_path, monkeypatch):
    # The window counts the files first, then imports what it counted.
    private = folder_with_a_private_subfolder(tmp_path, hampshire, hertfordshire)
    refuse_to_list(monkeypatch, private)
    files = collect_paths([tmp_path])
    assert files == [tmp_path / "hampshire.txt"]
    summary = import_paths(store, files)
    assert [(r.path, r.outcome) for r in summary.results] == [(private, FAILED),
                                                              (files[0], "added")]


def test_a_folder_walk_leaves_out_hidden_files_and_follows_no_folder_links(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.txt").write_text("x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "y.txt").write_text("y")
    (tmp_path / ".z.txt").write_text("z")
    (tmp_path / "b.html").write_text("b")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "link").symlink_to(tmp_path / "a")
    (tmp_path / "c.txt").symlink_to(tmp_path / "a.txt")
    found = collect_paths([tmp_path])
    assert found == sorted(found)
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a/x.txt", "a.txt", "b.html", "c.txt"]
    assert found.unreadable == []
