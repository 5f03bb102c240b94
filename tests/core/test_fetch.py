"""Fetching reports from links, against a web server the test starts on 127.0.0.1: pages,
PDFs, redirect chains, slow and oversize answers, wrong types, missing pages, closed ports.

`local_web` is shared with the CLI and window tests of links."""

from __future__ import annotations

import contextlib
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from peelviewer.core.fetch import (
    FetchCancelled,
    FetchError,
    StopSwitch,
    fetch,
    is_web_link,
    source_name,
)
from peelviewer.core.importer import import_url
from tests.conftest import FIXTURES, SAMPLES, print_to_pdf

HAMPSHIRE = (SAMPLES / "hampshire-2016-legitimacy.txt").read_bytes()
KENT_HTML = (FIXTURES / "html" / "kent-2017-legitimacy.html").read_bytes()


@dataclass
class Page:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/plain; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    declare_length: bool = True
    wait: bool = False  # hold the answer until the test ends (a silent server)


class LocalWeb:
    """A web server on 127.0.0.1 in a thread; `pages` maps a path to its answer."""

    def __init__(self):
        self.pages: dict[str, Page] = {}
        self.release = threading.Event()  # set at teardown: silent answers end
        self.requests: list[str] = []
        self.waiting = threading.Event()  # a request is being held unanswered
        web = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                web.requests.append(self.path)
                page = web.pages.get(self.path, Page(404, b"no such page", "text/html"))
                if page.wait:
                    web.waiting.set()
                    web.release.wait()
                    return
                self.send_response(page.status)
                if page.content_type:
                    self.send_header("Content-Type", page.content_type)
                for name, value in page.headers.items():
                    self.send_header(name, value)
                if page.declare_length:
                    self.send_header("Content-Length", str(len(page.body)))
                self.end_headers()
                with contextlib.suppress(OSError):  # the client gave up (too large, cancelled)
                    self.wfile.write(page.body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def serve(self, path: str, body: bytes = b"", content_type: str = "text/plain",
              **options) -> str:
        self.pages[path] = Page(body=body, content_type=content_type, **options)
        return self.url(path)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        self.pages[path] = Page(status, b"", "text/html", {"Location": location})
        return self.url(path)

    def chain(self, hops: int, target: str) -> str:
        """A link that redirects `hops` times before reaching `target`."""
        for hop in range(hops, 0, -1):
            self.redirect(f"/hop/{hop}", target if hop == 1 else f"/hop/{hop - 1}",
                          status=(301, 302, 303, 307, 308)[hop % 5])
        return self.url(f"/hop/{hops}")


@pytest.fixture
def local_web():
    web = LocalWeb()
    web.thread.start()
    web.serve("/hampshire", HAMPSHIRE, "text/plain; charset=utf-8")
    web.serve("/kent", KENT_HTML, "text/html; charset=utf-8")
    web.serve("/slow", wait=True)
    yield web
    web.release.set()
    web.server.shutdown()
    web.server.server_close()
    web.thread.join()


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_text_page_and_a_saved_page_come_back_as_served(local_web):
    text = fetch(local_web.url("/hampshire"))
    assert (text.data, text.content_type) == (HAMPSHIRE, "text/plain")
    page = fetch(local_web.url("/kent"))
    assert (page.data, page.content_type) == (KENT_HTML, "text/html")


def test_a_fetched_page_pdf_and_text_are_imported_with_the_link_as_source(
        local_web, store, qapp, tmp_path):
    pdf = print_to_pdf((SAMPLES / "hertfordshire-2016-legitimacy.txt").read_text("utf-8"),
                       tmp_path / "herts.pdf")
    local_web.serve("/herts.pdf", pdf.read_bytes(), "application/pdf")
    for path, key in (("/hampshire", "hampshire/2016/legitimacy"),
                      ("/kent", "kent/2017/legitimacy"),
                      ("/herts.pdf", "hertfordshire/2016/legitimacy")):
        result = import_url(store, local_web.url(path))
        assert (result.outcome, result.report_key) == ("added", key), result.line()
        assert result.line() == f"added: {local_web.url(path)} ({key})"
    names = {row["file_name"]: row["kind"]
             for row in store.db.query("select file_name, kind from sources")}
    assert names == {local_web.url("/hampshire"): "txt", local_web.url("/kent"): "html",
                     local_web.url("/herts.pdf"): "pdf"}
    again = import_url(store, local_web.url("/hampshire"))
    assert (again.outcome, again.reason) == ("unchanged", "already imported")


def test_a_password_in_a_link_is_never_recorded(local_web, store):
    port = local_web.server.server_address[1]
    result = import_url(store, f"http://reader:secret@127.0.0.1:{port}/hampshire")
    assert result.outcome == "added"
    assert "secret" not in result.line()
    [row] = store.db.query("select file_name from sources")
    assert row["file_name"] == local_web.url("/hampshire")


def test_five_redirects_are_followed_and_a_sixth_is_refused(local_web):
    assert fetch(local_web.chain(5, "/hampshire")).data == HAMPSHIRE
    local_web.requests.clear()
    with pytest.raises(FetchError) as refused:
        fetch(local_web.chain(6, "/hampshire"))
    assert str(refused.value) == f"{local_web.url('/hop/6')}: too many redirects (more than 5)"
    assert "/hampshire" not in local_web.requests


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/report.txt"])
def test_a_redirect_away_from_the_web_is_refused(local_web, target):
    link = local_web.redirect("/away", target)
    with pytest.raises(FetchError) as refused:
        fetch(link)
    scheme = target.split(":")[0]
    assert str(refused.value) == (f"{link}: only http and https links can be fetched, not "
                                  f"{scheme} (a redirect led to {target})")


@pytest.mark.parametrize("link", ["file:///etc/passwd", "ftp://example.org/a.txt"])
def test_links_other_than_the_web_are_refused_without_a_request(link):
    assert not is_web_link(link)
    with pytest.raises(FetchError, match="only http and https links can be fetched"):
        fetch(link)


def test_a_silent_server_ends_in_a_one_line_timeout(local_web):
    with pytest.raises(FetchError) as silent:
        fetch(local_web.url("/slow"), timeout=0.2)
    assert str(silent.value) == (f"{local_web.url('/slow')}: no answer from the server within "
                                 "0.2 seconds")


def test_a_cancel_wakes_a_fetch_waiting_on_a_silent_server(local_web):
    stop = StopSwitch()
    outcome: list[BaseException] = []

    def run():
        try:
            fetch(local_web.url("/slow"), timeout=60, should_stop=stop)
        except FetchError as error:
            outcome.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    assert local_web.waiting.wait(10)  # the server holds the request: the fetch waits
    stop.set()
    thread.join(timeout=10)
    assert not thread.is_alive()
    assert isinstance(outcome[0], FetchCancelled)
    assert outcome[0].reason == "cancelled"


def test_a_cancel_between_chunks_stops_the_fetch(local_web):
    local_web.serve("/big", b"x" * 1_000_000)
    stop = StopSwitch()
    seen: list[int] = []

    def progress(received, total):
        seen.append(received)
        stop.set()

    with pytest.raises(FetchCancelled):
        fetch(local_web.url("/big"), should_stop=stop, progress=progress)
    assert len(seen) == 1
    assert seen[0] < 1_000_000


@pytest.mark.parametrize("declared", [True, False], ids=["declared", "undeclared"])
def test_an_oversize_body_is_refused(local_web, declared):
    link = local_web.serve("/big", b"x" * 5000, declare_length=declared)
    with pytest.raises(FetchError) as refused:
        fetch(link, max_bytes=4000)
    expected = "too large (5 KB; at most 4 KB)" if declared else "too large (more than 4 KB)"
    assert str(refused.value) == f"{link}: {expected}"


def test_the_default_cap_is_twenty_megabytes(local_web):
    link = local_web.serve("/huge", b"", headers={"Content-Length": str(21 * 1024 * 1024)},
                           declare_length=False)
    with pytest.raises(FetchError, match=r"too large \(21 MB; at most 20 MB\)"):
        fetch(link)


def test_a_wrong_content_type_is_refused_before_reading(local_web):
    link = local_web.serve("/logo.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "image/png")
    with pytest.raises(FetchError) as refused:
        fetch(link)
    assert str(refused.value) == (f"{link}: not a report: the server sent image/png, not a "
                                  "web page, text or PDF")


def test_a_missing_page_is_not_found(local_web):
    with pytest.raises(FetchError) as missing:
        fetch(local_web.url("/nowhere"))
    assert str(missing.value) == f"{local_web.url('/nowhere')}: not found (HTTP 404)"


def test_a_closed_port_could_not_connect(closed_port):
    link = f"http://127.0.0.1:{closed_port}/report"
    with pytest.raises(FetchError) as refused:
        fetch(link)
    assert str(refused.value) == (f"{link}: could not connect (the server refused the "
                                  "connection)")


def test_a_page_that_is_not_a_report_fails_like_a_file(local_web, store):
    link = local_web.serve("/notes", b"Minutes of the meeting\n\nNothing about policing.\n")
    result = import_url(store, link)
    assert result.outcome == "failed"
    assert result.line().startswith(f"failed: {link}: not a PEEL report page")
    assert store.counts()["reports"] == 0


def test_a_failed_fetch_is_a_failed_result_with_the_reason(local_web, store):
    result = import_url(store, local_web.url("/nowhere"))
    assert result.line() == f"failed: {local_web.url('/nowhere')}: not found (HTTP 404)"
    assert store.counts()["reports"] == 0


@pytest.mark.parametrize(("link", "web"), [
    ("https://www.example.org/peel/kent", True),
    ("  http://127.0.0.1:8000/a?b=c  ", True),
    ("http://", False),
    ("https://example.org/a b", False),
    ("Hampshire PEEL 2016", False),
    ("/home/me/report.txt", False),
])
def test_what_counts_as_a_web_link(link, web):
    assert is_web_link(link) is web


def test_the_source_name_drops_user_and_password():
    assert source_name("https://me:pw@example.org:8443/a?x=1") == "https://example.org:8443/a?x=1"
    assert source_name("https://example.org/a") == "https://example.org/a"


def test_a_link_with_spaces_and_accents_is_sent_percent_encoded(local_web):
    local_web.serve("/peel%202016/hampshire%C3%A9", HAMPSHIRE)
    assert fetch(local_web.url("/peel 2016/hampshireé")).data == HAMPSHIRE
