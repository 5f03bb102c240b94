"""Paths, links and pasted text to library entries: one transaction per file, a result with a
reason for every one."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from peelviewer.core.decode import DecodeError, check_size
from peelviewer.core.extract import ExtractError, extract_text
from peelviewer.core.library_errors import explain
from peelviewer.core.model import Report
from peelviewer.core.names import display_name, escape_name
from peelviewer.core.parse import ParseError, parse_reports
from peelviewer.core.pdftext import CANCELLED, PdfReader
from peelviewer.core.store import UNCHANGED, Store, StoreError

FAILED = "failed"
OUTCOMES = ("added", "updated", UNCHANGED, FAILED)
# What a folder walk picks up; files named one by one are read whatever their name.
REPORT_SUFFIXES = {".txt", ".text", ".htm", ".html", ".xhtml", ".mhtml", ".pdf", ""}


@dataclass(frozen=True)
class FileResult:
    path: Path
    outcome: str  # added, updated, unchanged or failed
    reason: str = ""  # why it failed, or why an import changed nothing
    report_key: str = ""  # e.g. "hampshire/2016/legitimacy", "kent/2023-25"; comma-separated
    # when one file holds several reports
    library_error: StoreError | None = None  # the library failed, not the file: stop there
    source: str = ""  # for a report that came from no file: what to call it (a link, "the
    # pasted text"), shown instead of the path

    @property
    def name(self) -> str:
        """Where the report came from, as one readable line: the file's name, or a link."""
        return escape_name(self.source) if self.source else display_name(self.path)

    def line(self) -> str:
        """One line for a user: "added: hampshire.txt (hampshire/2016/legitimacy)"."""
        text = f"{self.outcome}: {self.name}"
        if self.report_key:
            text += f" ({self.report_key})"
        return f"{text}: {escape_name(self.reason)}" if self.reason else text


@dataclass
class ImportSummary:
    results: list[FileResult] = field(default_factory=list)
    cancelled: bool = False
    stopped: StoreError | None = None  # the library failed: the files left were not tried
    not_tried: int = 0

    @property
    def counts(self) -> Counter:
        return Counter(r.outcome for r in self.results)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.outcome == FAILED]

    def line(self) -> str:
        """"12 added, 3 updated, 1 unchanged, 2 failed"."""
        counts = self.counts
        text = ", ".join(f"{counts[o]} {o}" for o in OUTCOMES)
        if self.stopped is not None:
            return (f"{text}; stopped, {self.not_tried} file{'s' * (self.not_tried != 1)} not "
                    f"tried: {self.stopped}")
        return text + (" (cancelled)" if self.cancelled else "")


class CollectedPaths(list[Path]):
    """The files `collect_paths` found, and in `unreadable` a failed result for each folder
    it could not read (so a folder the user may not open is never silently empty)."""

    def __init__(self, files: Iterable[Path] = (), unreadable: Iterable[FileResult] = ()):
        super().__init__(files)
        self.unreadable = list(unreadable)


def collect_paths(paths: Iterable[str | Path]) -> CollectedPaths:
    """Files named directly, plus report-like files found in folders (recursively, sorted,
    hidden ones left out). Collecting an already collected list keeps its unreadable
    folders."""
    found = CollectedPaths(unreadable=getattr(paths, "unreadable", ()))
    for raw in paths:
        path = Path(raw)
        if _is_folder(path):
            files, unreadable = _walk_folder(path)
            found.extend(files)
            found.unreadable.extend(unreadable)
        else:
            found.append(path)
    return found


def _is_folder(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # cannot even look: importing it as a file will say why
        return False


def _walk_folder(folder: Path) -> tuple[list[Path], list[FileResult]]:
    """Report-like files under `folder`, and a failed result for each folder (itself
    included) that cannot be listed. Links to folders are not followed."""
    found: list[Path] = []
    unreadable: list[FileResult] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as entries:
                for entry in entries:
                    if entry.name.startswith("."):
                        continue
                    path = Path(entry.path)
                    if _entry_is_folder(entry):
                        pending.append(path)
                    elif _entry_is_file(entry) and path.suffix.lower() in REPORT_SUFFIXES:
                        found.append(path)
        except OSError as error:
            unreadable.append(FileResult(current, FAILED, _folder_reason(error)))
    return sorted(found), sorted(unreadable, key=lambda result: result.path)


def _entry_is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _entry_is_file(entry: os.DirEntry) -> bool:
    try:
        return entry.is_file()
    except OSError:  # listed but not looked at (a folder without search permission):
        return True  # importing it will say why it cannot be read


def _folder_reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied: cannot read this folder"
    return f"cannot read this folder: {error.strerror or error}"


def report_unreadable_folders(files: Iterable[Path], summary: ImportSummary,
                              on_result: Callable[[FileResult], None] | None = None) -> None:
    """Add the folders `collect_paths` could not read to `summary`, telling `on_result`."""
    for result in getattr(files, "unreadable", ()):
        summary.results.append(result)
        if on_result is not None:
            on_result(result)


class FileRejected(Exception):
    """A file that is not a report we can read; str() is the one-line reason."""


def read_file(path: Path) -> bytes:
    """A file's bytes after the size check, or FileRejected saying why not."""
    try:
        if path.exists() and not path.is_file() and not path.is_dir():
            raise FileRejected("not a regular file (a pipe or device)")
        check_size(path.stat().st_size)
        return path.read_bytes()
    except FileNotFoundError:
        raise FileRejected("no such file") from None
    except IsADirectoryError:
        raise FileRejected("is a folder") from None
    except PermissionError:
        raise FileRejected("permission denied") from None
    except OSError as error:
        raise FileRejected(f"cannot read: {error.strerror or error}") from None
    except DecodeError as error:
        raise FileRejected(str(error)) from None


def parse_bytes(data: bytes, *, name: str = "",
                pdf_reader: PdfReader | None = None) -> tuple[list[Report], str]:
    """The reports in a file's bytes (usually one) and the kind of file it was, or
    FileRejected."""
    try:
        extracted = extract_text(data, name=name, pdf_reader=pdf_reader)
        return parse_reports(extracted.text), extracted.kind
    except (DecodeError, ExtractError, ParseError) as error:
        raise FileRejected(str(error)) from None


def parse_file_reports(path: Path) -> list[Report]:
    """Every report a file holds, or FileRejected."""
    return parse_bytes(read_file(path), name=path.name)[0]


def parse_file(path: Path) -> Report:
    """The report a file holds (the first, when it holds several), or FileRejected."""
    return parse_file_reports(path)[0]


def library_failure(path: Path, error: Exception, library: Path) -> FileResult:
    """The result of a file that the library, not the file, failed: it says what went wrong
    with the library in one line, and stops the batch."""
    return _library_failure(partial(FileResult, path), error, library)


def import_file(store: Store, path: Path, *, pdf_reader: PdfReader | None = None) -> FileResult:
    """Import one file in one transaction; nothing in the library changes unless the file is
    added in full. A bug costs this file only, never the batch or the window."""
    try:
        data = read_file(path)
    except FileRejected as error:
        return FileResult(path, FAILED, str(error))
    except Exception as error:
        return FileResult(path, FAILED, f"internal error while reading ({error!r})")
    return _import_data(store, data, partial(FileResult, path), file_name=path.name,
                        reader_name=path.name, pdf_reader=pdf_reader)


def import_bytes(store: Store, data: bytes, *, source: str, label: str = "",
                 pdf_reader: PdfReader | None = None) -> FileResult:
    """Import a report that did not come from a file (pasted, fetched from a link) exactly
    as `import_file` imports a file. `source` is what the library records as its file name
    (the link, "pasted 2026-12-01 09:45 (HTML)"); `label` what the result's line names
    ("the pasted text"; the source if empty)."""
    label = label or source
    result = partial(FileResult, Path(label), source=label)
    try:
        check_size(len(data))
    except DecodeError as error:
        return result(FAILED, str(error))
    return _import_data(store, data, result, file_name=source, reader_name="",
                        pdf_reader=pdf_reader)


def _import_data(store: Store, data: bytes, result: Callable[..., FileResult], *,
                 file_name: str, reader_name: str,
                 pdf_reader: PdfReader | None) -> FileResult:
    """The one path of every import: the same bytes again are unchanged, else they are
    parsed and stored in one transaction. `result(outcome, reason, report_key, ...)` makes
    the FileResult naming where the bytes came from."""
    try:
        sha256 = hashlib.sha256(data).hexdigest()
        if store.has_source(sha256):  # the same bytes again: no need to read them
            return result(UNCHANGED, "already imported")
        reports, kind = parse_bytes(data, name=reader_name, pdf_reader=pdf_reader)
    except FileRejected as error:
        return result(FAILED, str(error))
    except (StoreError, sqlite3.Error) as error:
        return _library_failure(result, error, store.path)
    except Exception as error:
        return result(FAILED, f"internal error while reading ({error!r})")
    try:
        outcomes = store.add_reports(reports, sha256=sha256, file_name=file_name, kind=kind,
                                     size=len(data))
    except (StoreError, sqlite3.Error) as error:
        return _library_failure(result, error, store.path)
    except Exception as error:
        return result(FAILED, f"internal error while storing ({error!r})")
    # One file, one line: added if any of its reports is new, else updated if any changed.
    outcome = next((o for o in ("added", "updated") if o in outcomes), UNCHANGED)
    reason = ("a copy at least as complete (or later) is already in the library"
              if outcome == UNCHANGED else "")
    return result(outcome, reason, ", ".join(r.key for r in reports))


def _library_failure(result: Callable[..., FileResult], error: Exception,
                     library: Path) -> FileResult:
    explained = explain(error, library)
    return result(FAILED, f"{explained}; nothing of this file was saved",
                  library_error=explained)


def source_name(url: str) -> str:
    """A link as the library records it (no password), without loading the network code
    until a link is fetched."""
    from peelviewer.core import fetch

    return fetch.source_name(url)


def import_url(store: Store, url: str, *, pdf_reader: PdfReader | None = None,
               should_stop: Callable[[], bool] | None = None,
               progress: Callable[[int, int], None] | None = None,
               **limits) -> FileResult:
    """Fetch the page or PDF at an http or https link and import it like a saved file; the
    link (without any password in it) is recorded as its source. A link that gives no
    bytes fails with the fetch's reason; a cancelled fetch fails as "cancelled"."""
    from peelviewer.core.fetch import FetchError, fetch

    name = source_name(url)
    try:
        fetched = fetch(url, should_stop=should_stop, progress=progress, **limits)
    except FetchError as error:
        return FileResult(Path(name), FAILED, error.reason, source=name)
    return import_bytes(store, fetched.data, source=name, pdf_reader=pdf_reader)


@dataclass(frozen=True)
class ReportBytes:
    """A report's bytes that came from no file: pasted or dropped text, for instance."""

    data: bytes
    source: str  # what the library records as its file name: "pasted 2026-12-01 09:45 (HTML)"
    label: str = ""  # what a result's line calls it: "the pasted text"


def import_sources(store: Store, sources: Iterable[str | ReportBytes], *,
                   on_result: Callable[[FileResult], None] | None = None,
                   should_stop: Callable[[], bool] | None = None,
                   starting: Callable[[int, int, str], None] | None = None,
                   received: Callable[[int, int], None] | None = None) -> ImportSummary:
    """Import links (str) and ReportBytes one by one, as `import_paths` imports files: a
    failing one never stops the others, a failing library stops the batch, a cancel keeps
    what was finished and leaves no trace of the one under way.

    `starting(done, total, name)` is called before each, `received(bytes, total)` as a
    link's bytes arrive."""
    sources = list(sources)
    summary = ImportSummary()
    with PdfReader(should_stop=should_stop) as pdf_reader:
        for index, source in enumerate(sources):
            if should_stop is not None and should_stop():
                summary.cancelled = True
                break
            if isinstance(source, ReportBytes):
                if starting is not None:
                    starting(index, len(sources), source.label or source.source)
                result = import_bytes(store, source.data, source=source.source,
                                      label=source.label, pdf_reader=pdf_reader)
            else:
                if starting is not None:
                    starting(index, len(sources), source_name(source))
                result = import_url(store, source, pdf_reader=pdf_reader,
                                    should_stop=should_stop, progress=received)
            if result.reason == CANCELLED and should_stop is not None and should_stop():
                summary.cancelled = True
                break
            if _recorded(summary, result, on_result, left=len(sources) - index - 1):
                break
    return summary


def _recorded(summary: ImportSummary, result: FileResult,
              on_result: Callable[[FileResult], None] | None, *, left: int) -> bool:
    """Add one result to the batch's summary and tell `on_result`; True when the library
    itself failed, so the `left` files or links after it are not tried."""
    summary.results.append(result)
    if on_result is not None:
        on_result(result)
    if result.library_error is None:
        return False
    summary.stopped = result.library_error
    summary.not_tried = left
    return True


def import_paths(
    store: Store,
    paths: Iterable[str | Path],
    *,
    progress: Callable[[int, int, Path], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    on_result: Callable[[FileResult], None] | None = None,
) -> ImportSummary:
    """Import files and folders; a failing file never stops the others, a failing library
    (damaged, full, not writable, locked too long) stops the batch at once, since every
    file after would fail the same way: `summary.stopped` says why.

    `progress(done, total, path)` is called before each file is stored; `should_stop()` is
    asked between files, so a cancel keeps everything finished so far and nothing half-done,
    and while a PDF is read, which then fails as "cancelled". `on_result(result)` hears
    about each file as soon as it is done.
    """
    files = collect_paths(paths)
    summary = ImportSummary()
    report_unreadable_folders(files, summary, on_result)
    if should_stop is not None and should_stop():
        summary.cancelled = True
        return summary
    # One reader process for all the batch's PDFs, if any.
    with PdfReader(should_stop=should_stop) as pdf_reader:
        for index, path in enumerate(files):
            if progress is not None:
                progress(index, len(files), path)
            result = import_file(store, path, pdf_reader=pdf_reader)
            if _recorded(summary, result, on_result, left=len(files) - index - 1):
                break
            if should_stop is not None and should_stop() and (
                    index + 1 < len(files) or result.reason == CANCELLED):
                summary.cancelled = True
                break
    return summary


def load_samples_if_empty(store: Store) -> int:
    """On first run, import the bundled samples; returns how many reports were added."""
    from peelviewer.locations import sample_paths

    if not store.is_empty():
        return 0
    return import_paths(store, sample_paths()).counts["added"]
