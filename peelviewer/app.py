"""Entry point: a command-line sub-command, or the desktop app with files to import."""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from pathlib import Path

from peelviewer import cli
from peelviewer.bundle import default_library_path


def main(argv: list[str] | None = None) -> int:
    # PDF text is read in a spawned child process; a frozen bundle must let it start.
    multiprocessing.freeze_support()
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv and (argv[0] in cli.COMMANDS or argv[0] in ("-h", "--help", "--version")):
        return cli.main(argv)
    return launch(argv)


def launch(argv: list[str]) -> int:
    """Open the library, loading the bundled samples into an empty one, and import files
    given on the command line (what a double-click on a report does)."""
    parser = argparse.ArgumentParser(prog="peelviewer")
    parser.add_argument("--db", type=Path, default=None, metavar="PATH")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    try:
        store = cli.open_store(args.db)
    except cli.CommandError as error:
        print(f"peelviewer: {error}", file=sys.stderr)
        return 2
    try:
        loaded = cli.load_samples_if_empty(store)
        if loaded:
            print(f"The library was empty: loaded {loaded} bundled sample reports.")
        if args.files:
            summary = cli.import_paths(store, args.files)
            for result in summary.results:
                print(result.line())
            print(summary.line())
    finally:
        store.close()
    cli.run_list(argparse.Namespace(db=args.db or default_library_path(), json=False))
    print("The window arrives in a later issue; until then use `peelviewer --help`.")
    return 0
