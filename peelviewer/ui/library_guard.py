"""The window's slots meet the library here: an SQLite error in a slot becomes one line for
the user and a visible state, never a traceback and never a view that silently stops."""

from __future__ import annotations

import functools
import inspect
import sqlite3
from collections.abc import Callable
from pathlib import Path

from peelviewer.core.library_errors import StoreError, explain


def guarded(method: Callable) -> Callable:
    """Wrap a QWidget method that reads the library. A library error is handed to the
    window's `library_failed` (found through `self.window()`); the slot then returns None.

    Qt passes a slot as many signal arguments as it takes; the wrapper takes any number,
    so it passes on only as many as the method accepts, as Qt would have."""
    parameters = inspect.signature(method).parameters.values()
    takes_any = any(p.kind is p.VAR_POSITIONAL for p in parameters)
    positional = sum(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
                     for p in parameters) - 1  # without self

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        if not takes_any:
            args = args[:positional]
        try:
            return method(self, *args, **kwargs)
        except (StoreError, sqlite3.Error) as error:
            report_library_error(self, error)
            return None

    return wrapper


def report_library_error(widget, error: BaseException) -> None:
    """Tell the window that owns `widget` that its library failed."""
    window = widget.window() if hasattr(widget, "window") else widget
    store = getattr(window, "store", None)
    path = store.path if store is not None else Path("library")
    explained = explain(error, path)
    handler = getattr(window, "library_failed", None)
    if handler is None:  # a pane on its own (in a test): nothing above it to tell
        raise explained
    handler(explained)


_TITLES = {
    StoreError.DAMAGED: "The library is damaged",
    StoreError.BUSY: "The library is in use",
    StoreError.NEWER: "The library is from a newer PEEL Viewer",
    StoreError.FOREIGN: "This is not a PEEL Viewer library",
    StoreError.NO_PERMISSION: "No permission to use the library",
    StoreError.DISK_FULL: "The disk is full",
    StoreError.IO: "The library cannot be read",
}

# What the user can do next, for the failures met while the window is open.
REMEDIES = {
    StoreError.DAMAGED: "PEEL Viewer will not write to it again. What can still be read stays "
                        "on screen. Quit and start PEEL Viewer again to move the damaged "
                        "library aside and start a new one.",
    StoreError.BUSY: "Close the other program (or wait for it), then try again.",
    StoreError.DISK_FULL: "Free some space on the disk, then try again.",
    StoreError.NO_PERMISSION: "Check the permissions of the library, its folder and the "
                              "files beside it, then try again.",
    StoreError.IO: "Check that the disk or the network share is still there, then try again.",
}


def library_error_title(kind: str) -> str:
    return _TITLES.get(kind, "Cannot open the library")
