"""The reader is chosen by content; every hostile file fails fast with its own reason and
leaves the library exactly as it was."""

import functools
import os

import pytest

from peelviewer.core import importer
from peelviewer.core.extract import HTML, PDF, TXT, ExtractError, extract_text, sniff_kind
from peelviewer.core.importer import FAILED, import_paths
from peelviewer.core.pdftext import PdfReader
from tests.conftest import print_to_pdf


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"%PDF-1.7\n", PDF),
        (b"\xef\xbb\xbf%PDF-1.4", PDF),
        (b"<!DOCTYPE html><html><body>", HTML),
        (b"  \n<html lang='en'>", HTML),
        ("<!doctype html><p>x</p>".encode("utf-16"), HTML),
        (b"Some notes <div> with <p> a <h1> few tags", HTML),
        (b"Hampshire PEEL 2016\n\nLegitimacy\n", TXT),
        (b"The force uses a <b>bold</b> approach.", TXT),
    ],
)
def test_the_kind_comes_from_the_content(head, kind):
    assert sniff_kind(head) == kind


def test_a_txt_file_holding_html_is_read_as_html(kent_html):
    assert extract_text(kent_html.read_bytes(), name="kent.txt").kind == HTML


def test_a_pdf_name_on_text_content_is_refused():
    with pytest.raises(ExtractError, match="not a PDF"):
        extract_text(b"Hampshire PEEL 2016\n", name="Hampshire.PDF")


def dump(store):
    return list(store.db.conn.iterdump())


@pytest.fixture
def hostile_files(qapp, tmp_path, hampshire):
    folder = tmp_path / "hostile"
    folder.mkdir()
    pdf = print_to_pdf(hampshire.read_text(encoding="utf-8"), tmp_path / "good.pdf").read_bytes()
    files = {
        "empty.txt": b"",
        "random.txt": os.urandom(4096),
        "photo.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF" + os.urandom(512),
        "notes.pdf": b"Hampshire PEEL 2016\n\nThese are my notes.\n",
        "truncated.pdf": pdf[: len(pdf) // 3],
        "nested.html": b"<html><body>" + b"<div>" * 3000 + b"</body></html>",
        "meeting.txt": "Scrutiny panel – minutes\n\nPresent: the chair.\n".encode(),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(30 * 1024 * 1024)
    return folder


EXPECTED_REASONS = {
    "empty.txt": "empty file",
    "random.txt": "binary file, not a report",
    "photo.jpg": "a JPEG image, not a report",
    "notes.pdf": "not a PDF: the file is named .pdf but its content is not PDF",
    "truncated.pdf": "PDF is damaged or truncated",
    "nested.html": "HTML is nested too deeply to read safely",
    "meeting.txt": "not a PEEL report page: no 'X PEEL YYYY' title found",
    "huge.txt": "file too large (30 MB, limit 20 MB)",
}


def test_each_hostile_file_fails_with_its_own_reason_and_changes_nothing(store, hampshire,
                                                                         hostile_files):
    import_paths(store, [hampshire])
    before = dump(store)
    summary = import_paths(store, sorted(hostile_files.iterdir()))
    assert {r.path.name: r.reason for r in summary.results} == EXPECTED_REASONS
    assert all(r.outcome == FAILED for r in summary.results)
    assert dump(store) == before


def test_a_pdf_that_takes_too_long_fails_and_changes_nothing(store, qapp, tmp_path, hampshire,
                                                             monkeypatch):
    pdf = print_to_pdf(hampshire.read_text(encoding="utf-8"), tmp_path / "slow.pdf")
    before = dump(store)
    monkeypatch.setattr(importer, "PdfReader", functools.partial(PdfReader, timeout=0.01))
    [result] = import_paths(store, [pdf]).results
    assert (result.outcome, result.reason) == (FAILED,
                                               "PDF text extraction timed out (over 0.01 s)")
    assert dump(store) == before


def test_txt_html_and_pdf_copies_of_one_report_make_one_report(store, qapp, tmp_path, kent_html):
    from peelviewer.core.htmltext import html_to_text

    text_copy = tmp_path / "kent.txt"
    text_copy.write_text(html_to_text(kent_html.read_bytes()), encoding="utf-8")
    compact = tmp_path / "kent-compact.txt"
    compact.write_text("\n".join(line for line in text_copy.read_text().splitlines()
                                 if line and not line.startswith("Last updated")))
    pdf_copy = print_to_pdf(text_copy.read_text(encoding="utf-8"), tmp_path / "kent.pdf")
    summary = import_paths(store, [compact, kent_html, pdf_copy, text_copy])
    assert [r.outcome for r in summary.results] == ["added", "updated", "unchanged", "unchanged"]
    assert store.counts()["reports"] == 1
    kinds = [row["kind"] for row in store.db.query("select kind from sources order by kind")]
    assert kinds == ["html", "pdf", "txt", "txt"]
    assert store.report("kent", "2017", "legitimacy").last_updated is not None
