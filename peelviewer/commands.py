"""The command-line sub-commands, known without importing them (start-up stays light)."""

COMMANDS = ("parse", "import", "list", "search", "compare", "export-pdf", "export-csv")
