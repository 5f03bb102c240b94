"""Entry point: a command-line sub-command, or the desktop app with files to import."""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from pathlib import Path

from peelviewer.commands import COMMANDS


def _log_to_file_when_windowed() -> None:
    """A windowed bundle has no console: send stderr and uncaught errors to a log file."""
    if sys.stderr is not None and not getattr(sys, "frozen", False):
        return
    import platformdirs

    folder = Path(platformdirs.user_log_dir("PEEL Viewer", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    log = open(folder / "peelviewer.log", "a", encoding="utf-8", buffering=1)  # noqa: SIM115
    if sys.stderr is None:
        sys.stderr = log
    if sys.stdout is None:
        sys.stdout = log

    def log_exception(kind, value, trace) -> None:
        import traceback

        traceback.print_exception(kind, value, trace, file=log)

    sys.excepthook = log_exception


def main(argv: list[str] | None = None) -> int:
    # PDF text is read in a spawned child process; a frozen bundle must let it start.
    multiprocessing.freeze_support()
    _log_to_file_when_windowed()
    argv = sys.argv[1:] if argv is None else list(argv)
    if len(argv) >= 3 and argv[0] == "--db" and argv[2] in COMMANDS:
        argv = [argv[2], "--db", argv[1], *argv[3:]]  # `peelviewer --db X list`
    if argv and (argv[0] in COMMANDS or argv[0] in ("-h", "--help", "--version")):
        from peelviewer import cli  # the window never needs the command line's imports

        return cli.main(argv)
    return launch(argv)


def launch_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="peelviewer",
        description="Open PEEL Viewer, importing any report files given.",
        epilog=f"Commands: {', '.join(COMMANDS)} (peelviewer COMMAND --help).",
    )
    parser.add_argument("--db", type=Path, default=None, metavar="PATH",
                        help="library file to open")
    parser.add_argument("--quit-after-paint", action="store_true",
                        help="quit once the window has painted, or once the files given "
                        "are imported (for timing and scripted use)")
    parser.add_argument("--quit-when-ready", action="store_true",
                        help="quit once the library is loaded and the grades are painted")
    parser.add_argument("--quit-when-shown", action="store_true",
                        help="quit once the grades are on screen: last session's picture of "
                        "them if the library is unchanged, else the live heatmap")
    parser.add_argument("files", nargs="*", type=Path, help="report files to import")
    return parser.parse_args(argv)


def launch(argv: list[str]) -> int:
    """Open the main window on the library (a double-clicked report arrives in argv)."""
    args = launch_arguments(argv)
    from peelviewer.locations import default_library_path
    from peelviewer.ui.application import run_window

    # A double-clicked library arrives as a file: open it rather than import it.
    libraries = [path for path in args.files if path.suffix.lower() == ".peeldb"]
    if len(libraries) > 1 or (libraries and args.db):
        print("peelviewer: open one library at a time", file=sys.stderr)
        return 2
    files = [path for path in args.files if path not in libraries]
    library = libraries[0] if libraries else args.db or default_library_path()
    return run_window(library, files=files, quit_after_paint=args.quit_after_paint,
                      quit_when_ready=args.quit_when_ready,
                      quit_when_shown=args.quit_when_shown)
