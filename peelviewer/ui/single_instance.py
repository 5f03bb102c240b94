"""One window per library: a lock file says who owns it, a local socket carries files to it."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, Signal

_TIMEOUT_MS = 2000


def server_name(library: Path) -> str:
    """A socket name per user and library, short enough for every platform."""
    user = os.environ.get("USER") or os.environ.get("USERNAME") or "user"
    digest = hashlib.sha256(f"{user}:{library.resolve()}".encode()).hexdigest()[:16]
    return f"peelviewer-{digest}"


class LibraryLock:
    """Held by the process whose window has the library open. A lock left by a killed
    process is taken over (QLockFile checks whether its owner still runs)."""

    def __init__(self, library: Path):
        self._lock = QLockFile(str(library) + ".lock")
        self._lock.setStaleLockTime(0)

    def acquire(self) -> bool:
        if self._lock.tryLock(100):
            return True
        # The owner may have died: QLockFile then sees a stale lock and lets us remove it.
        return self._lock.removeStaleLockFile() and self._lock.tryLock(100)

    @property
    def held_by_another(self) -> bool:
        """After a failed acquire: True if another process holds the lock, False if the
        lock file could not be made at all (no permission, a read-only disk)."""
        return self._lock.error() == QLockFile.LockError.LockFailedError

    def release(self) -> None:
        self._lock.unlock()


def send_files(name: str, files: list[Path]) -> bool:
    """Hand files to the running window; False if no window answered."""
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(_TIMEOUT_MS):
        return False
    message = json.dumps({"files": [str(p.resolve()) for p in files]}).encode() + b"\n"
    socket.write(message)
    socket.flush()
    socket.waitForBytesWritten(_TIMEOUT_MS)
    # Wait for the window's acknowledgement, so the files are never lost in between.
    acknowledged = socket.waitForReadyRead(_TIMEOUT_MS) and socket.readAll().data() == b"ok\n"
    socket.disconnectFromServer()
    return acknowledged


class FileReceiver(QObject):
    """Listens for files from later instances. Signals: filesReceived(list of Path)."""

    filesReceived = Signal(list)

    def __init__(self, name: str, parent: QObject | None = None):
        # QtNetwork loads here, after the window has painted, not at start-up.
        from PySide6.QtNetwork import QLocalServer

        super().__init__(parent)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        QLocalServer.removeServer(name)  # a socket file left by a killed process
        self.listening = self._server.listen(name)
        self._server.newConnection.connect(self._connected)
        self._buffers: dict = {}

    def _connected(self) -> None:
        while self._server.hasPendingConnections():
            # Sockets stay children of the server (one per later launch) and go with it.
            socket = self._server.nextPendingConnection()
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._buffers.pop(s, None))

    def _read(self, socket) -> None:
        self._buffers[socket] = self._buffers.get(socket, b"") + socket.readAll().data()
        if not self._buffers[socket].endswith(b"\n"):
            return
        try:
            files = [Path(p) for p in json.loads(self._buffers[socket])["files"]]
        except (ValueError, KeyError, TypeError):
            socket.write(b"bad\n")
            return
        self._buffers[socket] = b""
        socket.write(b"ok\n")
        socket.flush()
        self.filesReceived.emit(files)
