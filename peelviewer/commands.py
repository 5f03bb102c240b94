"""The command-line sub-commands, known without importing them (start-up stays light), and
the exports that the window's File menu and the command line both offer."""

from dataclasses import dataclass

COMMANDS = ("parse", "import", "list", "search", "compare", "export-pdf", "export-csv")


@dataclass(frozen=True)
class Export:
    """One export, offered both in the window's File menu and as a command."""

    command: str  # the command line's name for it
    label: str  # the File menu's
    shortcut: str  # a QKeySequence.StandardKey name, or ""
    kind: str  # the file it writes: "pdf" or "csv"
    summary: str  # what it does: the command's help, the action's tooltip


EXPORTS = (
    Export("export-pdf", "&Export comparison PDF…", "Print", "pdf",
           "write a comparison PDF of two reports, or of two or more forces"),
    Export("export-csv", "Export grades as &CSV…", "", "csv",
           "grades of every question in the library as CSV"),
)
