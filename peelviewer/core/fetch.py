"""Fetching a report page or PDF from a web link: http and https only, redirects counted and
checked hop by hop, a time limit, a size cap enforced while reading, a cancel between chunks,
and a one-line reason naming the link whenever it fails."""

from __future__ import annotations

import contextlib
import re
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from peelviewer import __version__
from peelviewer.core.decode import MAX_BYTES
from peelviewer.core.names import escape_name

MAX_REDIRECTS = 5
TIMEOUT = 30.0  # seconds the server may stay silent, per connection and per read
CHUNK = 64 * 1024
SCHEMES = ("http", "https")
# What a report page or PDF comes as; anything else is refused before its body is read.
CONTENT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/pdf")
_REDIRECTS = (301, 302, 303, 307, 308)
_LINK = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+\Z")
_SHOWN_LENGTH = 120
_SAFE = "/?&=;:@!$'()*+,~%-._"


class FetchError(Exception):
    """A link that gave no report bytes; str() is one line naming the link and the reason."""

    def __init__(self, url: str, reason: str):
        super().__init__(f"{shown_url(url)}: {reason}")
        self.url = url
        self.reason = reason


class FetchCancelled(FetchError):
    def __init__(self, url: str):
        super().__init__(url, "cancelled")


@dataclass(frozen=True)
class Fetched:
    url: str  # as asked for
    final_url: str  # after redirects
    content_type: str  # e.g. "text/html", "" if the server named none
    data: bytes


class StopSwitch:
    """A cancel for `fetch`: calling it says whether to stop (asked between chunks), and
    `set()` also wakes a fetch that is waiting on a silent server by shutting its socket,
    so a cancel never waits for the time limit."""

    def __init__(self):
        self._event = threading.Event()
        self._lock = threading.Lock()
        self._socket: socket.socket | None = None

    def __call__(self) -> bool:
        return self._event.is_set()

    def set(self) -> None:
        self._event.set()
        with self._lock:
            _shut(self._socket)

    def watch(self, sock: socket.socket | None) -> None:
        """The socket the fetch is now reading from (None when it is done with it)."""
        with self._lock:
            self._socket = sock
            if self._event.is_set():
                _shut(sock)


def _shut(sock: socket.socket | None) -> None:
    if sock is None:
        return
    with contextlib.suppress(OSError):  # already closed: nothing is waiting on it
        sock.shutdown(socket.SHUT_RDWR)


def looks_like_link(text: str) -> bool:
    """True for one link-like word ("https://…", also "ftp://…", which fetch then refuses
    with its reason), False for report text or a file path."""
    return bool(_LINK.match(text.strip()))


def is_web_link(text: str) -> bool:
    """True for one http or https link with a host."""
    text = text.strip()
    if not looks_like_link(text):
        return False
    parts = urlsplit(text)
    return parts.scheme.lower() in SCHEMES and bool(parts.hostname)


def source_name(url: str) -> str:
    """The link as the library records it: without any user name or password in it."""
    parts = urlsplit(url.strip())
    if "@" not in parts.netloc:
        return url.strip()
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit((parts.scheme, host, parts.path, parts.query, parts.fragment))


def shown_url(url: str) -> str:
    """The link for a message: one line, without a password, not too long."""
    text = escape_name(source_name(url))
    return text if len(text) <= _SHOWN_LENGTH else text[:_SHOWN_LENGTH - 1] + "…"


def fetch(url: str, *, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES,
          max_redirects: int = MAX_REDIRECTS,
          should_stop: Callable[[], bool] | None = None,
          progress: Callable[[int, int], None] | None = None) -> Fetched:
    """The body of the page or PDF at `url`, following at most `max_redirects` redirects,
    or FetchError (FetchCancelled when `should_stop()` turned true).

    `progress(received, total)` is called as bytes arrive (total 0 when the server does not
    say). A StopSwitch as `should_stop` also interrupts a wait on the network."""
    original = url.strip()
    current = original
    for _hop in range(max_redirects + 1):
        status, headers, body = _request(original, current, timeout=timeout,
                                         max_bytes=max_bytes, should_stop=should_stop,
                                         progress=progress)
        if status in _REDIRECTS:
            location = headers.get("Location")
            if not location:
                raise FetchError(original, f"the server redirected (HTTP {status}) to nowhere")
            current = urljoin(current, location.strip())
            continue
        return Fetched(original, current, _main_type(headers), body)
    raise FetchError(original, f"too many redirects (more than {max_redirects})")


def _main_type(headers) -> str:
    return (headers.get("Content-Type") or "").split(";", 1)[0].strip().lower()


def _request(original: str, url: str, *, timeout: float, max_bytes: int,
             should_stop: Callable[[], bool] | None,
             progress: Callable[[int, int], None] | None):
    """One hop: (status, headers, body), the body b"" for a redirect."""
    import http.client  # loaded on the first fetch, not with the window
    import ssl

    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        where = "" if url == original else f" (a redirect led to {shown_url(url)})"
        raise FetchError(original, f"only http and https links can be fetched, not "
                                   f"{escape_name(scheme) or 'this'}{where}")
    try:
        host, port = parts.hostname, parts.port
    except ValueError:
        raise FetchError(original, "not a valid link (its port)") from None
    if not host:
        raise FetchError(original, "not a valid link (no host)")
    if scheme == "https":
        connection = http.client.HTTPSConnection(host, port, timeout=timeout,
                                                 context=ssl.create_default_context())
    else:
        connection = http.client.HTTPConnection(host, port, timeout=timeout)
    watch = getattr(should_stop, "watch", None)
    # A link typed or dropped with spaces or accents in it: sent percent-encoded.
    path = quote(urlunsplit(("", "", parts.path or "/", parts.query, "")), safe=_SAFE)
    response = None
    try:
        connection.connect()
        if watch is not None:
            watch(connection.sock)
        _stop_if_asked(original, should_stop)
        connection.putrequest("GET", path, skip_accept_encoding=True)
        connection.putheader("User-Agent", f"PEELViewer/{__version__}")
        connection.putheader("Accept", ", ".join(CONTENT_TYPES) + ";q=0.9, */*;q=0.1")
        connection.endheaders()
        response = connection.getresponse()
        status = response.status
        if status in _REDIRECTS:
            return status, response.headers, b""
        _check_status(original, status, response.reason)
        _check_type(original, _main_type(response.headers))
        total = _declared_length(response.headers)
        if total > max_bytes:
            raise FetchError(original, f"too large ({_megabytes(total)}; at most "
                                       f"{_megabytes(max_bytes)})")
        body = _read_body(original, response, total, max_bytes=max_bytes,
                          should_stop=should_stop, progress=progress)
        return status, response.headers, body
    except FetchError:
        raise
    except Exception as error:
        _stop_if_asked(original, should_stop)  # a cancel that shut the socket ends here
        raise FetchError(original, _network_reason(error, timeout)) from None
    finally:
        if watch is not None:
            watch(None)
        if response is not None:
            response.close()
        connection.close()


def _stop_if_asked(url: str, should_stop: Callable[[], bool] | None) -> None:
    if should_stop is not None and should_stop():
        raise FetchCancelled(url)


def _check_status(url: str, status: int, reason: str) -> None:
    if status == 200:
        return
    if status in (404, 410):
        raise FetchError(url, f"not found (HTTP {status})")
    if status in (401, 403):
        raise FetchError(url, f"the server refused access (HTTP {status})")
    if 200 <= status < 300:
        raise FetchError(url, f"no page to import (HTTP {status} {reason})".rstrip())
    raise FetchError(url, f"the server answered HTTP {status} {escape_name(reason)}".rstrip())


def _check_type(url: str, content_type: str) -> None:
    # No type at all: the content decides, as for a file without a suffix.
    if content_type and content_type not in CONTENT_TYPES:
        raise FetchError(url, f"not a report: the server sent {escape_name(content_type)}, "
                              "not a web page, text or PDF")


def _declared_length(headers) -> int:
    try:
        return max(0, int(headers.get("Content-Length") or 0))
    except ValueError:
        return 0


def _read_body(url: str, response, total: int, *, max_bytes: int,
               should_stop: Callable[[], bool] | None,
               progress: Callable[[int, int], None] | None) -> bytes:
    chunks: list[bytes] = []
    received = 0
    while True:
        _stop_if_asked(url, should_stop)
        chunk = response.read1(CHUNK)
        if not chunk:
            break
        received += len(chunk)
        if received > max_bytes:
            raise FetchError(url, f"too large (more than {_megabytes(max_bytes)})")
        chunks.append(chunk)
        if progress is not None:
            progress(received, total)
    _stop_if_asked(url, should_stop)
    return b"".join(chunks)


def _network_reason(error: Exception, timeout: float) -> str:
    import http.client
    import ssl

    if isinstance(error, TimeoutError | socket.timeout):
        return f"no answer from the server within {timeout:g} seconds"
    if isinstance(error, ConnectionRefusedError):
        return "could not connect (the server refused the connection)"
    if isinstance(error, socket.gaierror):
        return "could not connect: no such server, or no network"
    if isinstance(error, ssl.SSLError):
        return f"the secure connection failed ({escape_name(str(error.reason or error))})"
    if isinstance(error, http.client.IncompleteRead):
        return "the connection closed before the whole page arrived"
    if isinstance(error, http.client.HTTPException):
        return "the server's answer was not understood"
    if isinstance(error, OSError):
        return f"could not connect: {escape_name(error.strerror or str(error))}"
    return f"the fetch failed ({escape_name(repr(error))})"


def _megabytes(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")
