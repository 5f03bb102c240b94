"""Command line: parse, import, list, search, compare and export, with one-line errors and no
tracebacks."""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from pathlib import Path

from peelviewer import __version__
from peelviewer.commands import COMMANDS, EXPORTS
from peelviewer.core.comparison.compare import compare_reports, parse_reference
from peelviewer.core.comparison.diff import DiffOptions
from peelviewer.core.comparison.document import (
    ExportError,
    build_document,
    build_pair_document,
)
from peelviewer.core.comparison.terminal import comparison_to_dict, describe_comparison
from peelviewer.core.export_csv import write_grades_csv
from peelviewer.core.forces import find_force, force_by_id
from peelviewer.core.framework import normalise_cycle, topic
from peelviewer.core.importer import (
    FileRejected,
    ImportSummary,
    import_paths,
    import_sources,
    parse_file,
    parse_file_reports,
)
from peelviewer.core.library_errors import explain
from peelviewer.core.model import (
    CYCLES,
    PILLARS,
    WHOLE_FORCE,
    Grade,
    Report,
    long_date,
    report_to_dict,
    section_label,
)
from peelviewer.core.names import display_path
from peelviewer.core.queries import MATCH_END, MATCH_START
from peelviewer.core.store import Store, StoreError
from peelviewer.locations import default_library_path


class CommandError(Exception):
    """Ends a command with a one-line message on stderr and exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="peelviewer",
        description="Read, compare and export police inspection (PEEL) reports. "
        "Without a command, opens the library.",
    )
    parser.add_argument("--version", action="version", version=f"PEEL Viewer {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:  # the one list of commands, in the order --help shows them
        add_arguments, _run = _COMMANDS[name]
        add_arguments(commands)
    return parser


def with_db(sub: argparse.ArgumentParser) -> argparse.ArgumentParser:
    sub.add_argument(
        "--db", type=Path, default=None, metavar="PATH",
        help=f"library file (default: $PEELVIEWER_DB or {default_library_path()})",
    )
    return sub


def _export_parser(commands, name: str, **kwargs) -> argparse.ArgumentParser:
    """An export command, its help the same words as the window's File menu item."""
    [export] = [export for export in EXPORTS if export.command == name]
    return with_db(commands.add_parser(name, help=export.summary, **kwargs))


def add_parse(commands) -> None:
    parse = commands.add_parser("parse", help="show what a report file contains")
    parse.add_argument("file", type=Path)
    parse.add_argument("--json", action="store_true", help="print the parse contract as JSON")


def add_import(commands) -> None:
    imp = with_db(commands.add_parser(
        "import", help="add report files, folders or web links to the library",
        description="Each PATH is a file, a folder (searched for reports) or an http or https "
                    "link to a report page or PDF, which is fetched and recorded by its link."))
    imp.add_argument("paths", nargs="+", metavar="PATH")


def add_list(commands) -> None:
    lst = with_db(commands.add_parser("list", help="list the reports in the library"))
    lst.add_argument("--json", action="store_true")


def add_search(commands) -> None:
    search = with_db(commands.add_parser(
        "search", help="full-text search of the library",
        description="Hits best first, then how many there are in all. Every word must match; "
                    "\"a phrase\" and prefix* work. The filters keep only the hits of one "
                    "cycle, pillar, area or kind."))
    search.add_argument("query", nargs="+")
    search.add_argument("--limit", default="30", metavar="N",
                        help="show at most N hits, 1 to 10000 (default: 30)")
    search.add_argument("--cycle", help="only this cycle: 2016, 2018/19, 2023-25 …")
    search.add_argument("--pillar", metavar="PILLAR",
                        help="only this pillar (effectiveness, efficiency, legitimacy, "
                             "leadership), or 'areas' for the whole-force reports of 2021/22 on")
    search.add_argument("--area", metavar="AREA",
                        help="only this question or area of policing, in every cycle: its name "
                             "or key ('Investigating crime', investigating-crime)")
    search.add_argument("--kind", metavar="KIND",
                        help="summary, narrative, finding, or one kind of finding: "
                             "area-for-improvement, cause-of-concern, recommendation, practice")


def add_compare(commands) -> None:
    compare = with_db(commands.add_parser(
        "compare", help="compare two reports sentence by sentence",
        description="A and B are report files or library references like "
                    "hampshire/2016/legitimacy."))
    compare.add_argument("left", metavar="A")
    compare.add_argument("right", metavar="B")
    compare.add_argument("--question", type=int, metavar="N",
                         help="only question N (of A); 0 for the summary")
    compare.add_argument("--json", action="store_true")
    with_diff_options(compare)


def add_export_pdf(commands) -> None:
    pdf = _export_parser(
        commands, "export-pdf",
        description="A B: two library references (hertfordshire/2021/22 "
                    "hertfordshire/2023-25, or kent/2016/legitimacy essex/2016/legitimacy), "
                    "compared as the Compare tab shows them. --force F --force G …: grade "
                    "tables and heatmap for every force given; the text of the first force "
                    "compared with each of the others, in every pillar they all have (or "
                    "--pillar); all their findings.")
    pdf.add_argument("reports", nargs="*", metavar="A B",
                     help="two reports to compare, by reference")
    pdf.add_argument("--force", action="append", metavar="FORCE",
                     help="a force (name, short name or id); give it twice or more")
    pdf.add_argument("--cycle", help="e.g. 2016, 2018/19, 2021/22 or 2023-25 (default: "
                                     "newest all have)")
    pdf.add_argument("--pillar", choices=PILLARS,
                     help="only this pillar (default: every pillar all the forces have)")
    pdf.add_argument("--question", type=int, metavar="N", help="only question N's text")
    with_diff_options(pdf)
    pdf.add_argument("--landscape", action="store_true")
    pdf.add_argument("-o", "--output", type=Path, required=True, metavar="FILE")


def add_export_csv(commands) -> None:
    csv_command = _export_parser(commands, "export-csv")
    csv_command.add_argument("-o", "--output", type=Path, metavar="FILE",
                             help="write here instead of standard output")


def with_diff_options(sub: argparse.ArgumentParser) -> None:
    """The options of Compare's toggles, for `compare` and `export-pdf` alike."""
    sub.add_argument("--ignore-case", action="store_true")
    sub.add_argument("--ignore-punctuation", action="store_true")
    sub.add_argument("--no-placeholders", action="store_true",
                     help="compare force names literally")
    mode = sub.add_mutually_exclusive_group()
    mode.add_argument("--by-topic", dest="by_topic", action="store_const", const=True,
                      help="pair each sentence with the one most about the same thing, "
                           "wherever it is (default for two forces)")
    mode.add_argument("--in-order", dest="by_topic", action="store_const", const=False,
                      help="align sentences in reading order, moved ones marked (default "
                           "for one force across years)")


def diff_options(args) -> DiffOptions:
    return DiffOptions(ignore_case=args.ignore_case, ignore_punctuation=args.ignore_punctuation,
                       force_placeholders=not args.no_placeholders, by_topic=args.by_topic)


def main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        build_parser().print_help()
        return 0
    try:
        _add_arguments, run = _COMMANDS[args.command]
        return run(args)
    except CommandError as error:
        print(f"peelviewer: {error}", file=sys.stderr)
        return 2
    except StoreError as error:  # the library failed while a command used it
        print(f"peelviewer: {error}", file=sys.stderr)
        return 2
    except sqlite3.Error as error:
        print(f"peelviewer: {explain(error, _library_of(args))}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `peelviewer list | head`
        return 0
    except KeyboardInterrupt:
        print("peelviewer: interrupted", file=sys.stderr)
        return 130
    except OSError as error:  # writing the output failed: a full disk, a closed terminal
        print(f"peelviewer: cannot write the output: {error.strerror or error}",
              file=sys.stderr)
        return 2


def _library_of(args) -> Path:
    return getattr(args, "db", None) or default_library_path()


def open_store(db: Path | None, *, create: bool = False) -> Store:
    """The library; only `import` may create one, so a mistyped --db is reported. What the
    user should know about it (a network share, an empty file made a library) goes to
    stderr."""
    path = db or default_library_path()
    if not create and not path.exists():
        raise CommandError(f"no library at {path} (import reports first, or check --db)")
    if not create and path.is_file() and path.stat().st_size == 0:
        raise CommandError(f"{path} is an empty file (0 bytes), not a library yet: import "
                           "reports into it to start one, or check --db")
    try:
        store = Store.open(path)
    except StoreError as error:
        raise CommandError(str(error)) from None
    for notice in store.notices:
        print(f"peelviewer: note: {notice}", file=sys.stderr)
    return store


def run_parse(args) -> int:
    try:
        reports = parse_file_reports(args.file)
    except FileRejected as error:
        raise CommandError(f"{display_path(args.file)}: {error}") from None
    if args.json:
        found = [report_to_dict(report) for report in reports]
        print(json.dumps(found[0] if len(found) == 1 else found, indent=2, ensure_ascii=False))
    else:
        print("\n\n".join(describe(report) for report in reports))
    return 0


def describe(report: Report) -> str:
    """A readable summary of one parsed report."""
    force = force_by_id(report.force_id)
    out = [f"{force.name} · PEEL {report.cycle} · {section_label(report.section)}"]
    if report.headline:
        out.append(report.headline)
    if report.pillar is None:
        date = long_date(report.date) if report.date else "no date"
        out.append(f"{'Last updated' if report.last_updated else 'Published'}: {date} · "
                   f"graded on five levels, by area of policing")
    else:
        date = long_date(report.last_updated) if report.last_updated else "no date"
        out.append(f"Last updated: {date} · "
                   f"Grade: {report.judgment.describe()}")
    for q in report.questions:
        out.append("")
        out.append(q.text if report.pillar is None else f"Q{q.number}  {q.text}")
        out.append(f"    Grade: {q.judgment.describe(q.graded)}")
        for label, items in (
            ("areas for improvement", q.areas_for_improvement),
            ("causes of concern", q.causes_of_concern),
            ("recommendations", q.recommendations),
            ("innovative or promising practice", q.practice),
        ):
            if items:
                out.append(f"    {len(items)} {label}:")
                out.extend(f"      • {item}" for item in items)
    if report.warnings:
        out.append("")
        out.extend(f"note: {w}" for w in report.warnings)
    return "\n".join(out)


def run_import(args) -> int:
    from peelviewer.core.fetch import looks_like_link  # the network modules only when used

    # A link unless a file of that name exists ("https:" is a valid folder name on Linux).
    links = [text for text in args.paths if looks_like_link(text) and not Path(text).exists()]
    paths = [Path(text) for text in args.paths if text not in links]

    def tell(result) -> None:
        print(result.line(), flush=True)

    with open_store(args.db, create=True) as store:
        summary = import_paths(store, paths, on_result=tell) if paths else ImportSummary()
        if links and summary.stopped is None:
            fetched = import_sources(store, links, on_result=tell)
            summary.results += fetched.results
            summary.stopped, summary.not_tried = fetched.stopped, fetched.not_tried
        elif links:
            summary.not_tried += len(links)
    print(f"{summary.line()} · library: {display_path(store.path)}")
    if summary.stopped is not None:  # the library failed: as every other library error
        return 2
    return 1 if summary.failed else 0


def run_list(args) -> int:
    with open_store(args.db) as store:
        rows = store.report_rows()
    if args.json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print(f"The library is empty ({display_path(store.path)}).")
        return 0
    for row in rows:
        if row["pillar"] is None:  # areas of policing: by their short column names
            grades = " ".join(
                f"{_column(q['key'], q['number'])}:{_abbreviation(q['grade'])}"
                for q in row["questions"] if q["graded"])
            pillar_grade = "–"
        else:
            grades = " ".join(
                f"Q{q['number']}:{_abbreviation(q['grade'])}" for q in row["questions"])
            pillar_grade = row["grade"] or "not graded"
        print(f"{row['force_name']:<34} {row['cycle']:<8} {section_label(row['section']):<17} "
              f"{pillar_grade:<21} {grades}")
    print(f"{len(rows)} reports · library: {display_path(store.path)}")
    return 0


def _column(key: str | None, number: int) -> str:
    """An area's short column label ("Investigation"), or its number if it has no key."""
    found = topic(key)
    return found.column if found else f"A{number}"


def _abbreviation(label: str | None) -> str:
    grade = Grade.from_label(label) if label else None
    return grade.abbreviation if grade else "-"


def run_search(args) -> int:
    # Checked here rather than by argparse, whose errors print the usage too: one line.
    limit = args.limit.strip()
    if not (limit.isascii() and limit.isdigit() and 1 <= int(limit) <= 10_000):
        raise CommandError(
            f"--limit must be a whole number from 1 to 10000, not {args.limit!r}")
    filters = _search_filters(args)
    query = " ".join(args.query)
    with open_store(args.db) as store:
        hits = store.search(query, filters=filters, limit=int(limit))
        total = (store.search_count(query, filters) if len(hits) == int(limit)
                 else len(hits))
    for hit in hits:
        if hit.question_number is None:
            where = "summary"
        elif hit.pillar == WHOLE_FORCE:
            where = hit.question_text or f"area {hit.question_number}"
        else:
            where = f"Q{hit.question_number}"
        snippet = hit.snippet.replace(MATCH_START, "[").replace(MATCH_END, "]")
        snippet = " ".join(snippet.split())
        pillar = "" if hit.pillar == WHOLE_FORCE else f" {hit.pillar}"
        print(f"{hit.force_name} · {hit.cycle}{pillar} · {where} · "
              f"{hit.field.replace('_', ' ')}\n    {snippet}")
    shown = f"{len(hits):,} of " if len(hits) < total else ""
    print(f"{shown}{total:,} hit" + ("" if total == 1 else "s"))
    return 0


def _search_filters(args):
    """The search command's --cycle, --pillar, --area and --kind as SearchFilters."""
    from peelviewer.core.framework import area_named
    from peelviewer.core.search import SEARCH_KINDS, SearchFilters

    section = None
    if args.pillar is not None:
        section = args.pillar.strip().lower()
        section = WHOLE_FORCE if section in ("areas", "areas of policing", "force") else section
        if section not in (*PILLARS, WHOLE_FORCE):
            raise CommandError(f"unknown pillar '{args.pillar}' (pillars: {', '.join(PILLARS)}; "
                               "or 'areas' for the whole-force reports)")
    area = None
    if args.area is not None:
        found = topic(args.area.strip().lower()) or area_named(args.area)
        if found is None:
            raise CommandError(f"unknown question or area '{args.area}' (a name such as "
                               "'Investigating crime', or a key such as investigating-crime)")
        area = found.key
    kind = None
    if args.kind is not None:
        kind = args.kind.strip().lower().replace("-", "_").replace(" ", "_")
        if kind not in SEARCH_KINDS:
            kinds = ", ".join(k.replace("_", "-") for k in SEARCH_KINDS)
            raise CommandError(f"unknown kind '{args.kind}' (kinds: {kinds})")
    return SearchFilters(cycle=_cycle(args.cycle), section=section, area=area, kind=kind)


def _load_side(text: str, db: Path | None) -> Report:
    """A report from a file, or from the library by reference."""
    reference = parse_reference(text)
    if reference is None and not Path(text).exists() and "/" in text:
        force = text.split("/", 1)[0]
        if find_force(force) is None:
            raise CommandError(f"{text}: unknown force '{force}' (and no such file)")
    if reference is not None and not Path(text).exists():
        with open_store(db) as store:
            report = store.report(*reference)
        if report is None:
            raise CommandError(f"{text}: no such report in the library")
        return report
    try:
        return parse_file(Path(text))
    except FileRejected as error:
        raise CommandError(f"{text}: {error}") from None


def run_compare(args) -> int:
    left, right = _load_side(args.left, args.db), _load_side(args.right, args.db)
    comparison = compare_reports(left, right, options=diff_options(args))
    sections = list(comparison.sections)
    if args.question is not None:
        key = "summary" if args.question == 0 else f"q{args.question}"
        sections = [s for s in sections if s.key == key]
        if not sections:
            raise CommandError(f"{args.left} has no question {args.question}")
    if args.json:
        print(json.dumps(comparison_to_dict(comparison, sections), indent=2,
                         ensure_ascii=False))
    else:
        print(describe_comparison(comparison, sections))
    return 0


def run_export_pdf(args) -> int:
    if args.reports and (len(args.reports) != 2 or args.force):
        raise CommandError("give two reports (A B), or --force twice or more, not both")
    if not args.reports and len(args.force or []) < 2:
        raise CommandError("give two reports to compare (e.g. hertfordshire/2021/22 "
                           "hertfordshire/2023-25), or --force twice or more")
    # The Compare tab's toggles, as they are when it opens.
    options = diff_options(args)
    with open_store(args.db) as store:
        try:
            if args.reports:
                keys = [_reference(text) for text in args.reports]
                document = build_pair_document(store, *keys, question=args.question,
                                               options=options)
            else:
                document = build_document(store, _force_ids(args.force),
                                          cycle=_cycle(args.cycle), pillar=args.pillar,
                                          question=args.question, options=options)
        except ExportError as error:
            raise CommandError(str(error)) from None
    from peelviewer.ui.pdf import export_in_application

    try:
        pages = export_in_application(document, args.output, landscape=args.landscape)
    except OSError as error:
        raise CommandError(f"{args.output}: {error.strerror or error}") from None
    print(f"wrote {args.output} ({pages} pages): {document.title}")
    return 0


def _reference(text: str) -> tuple[str, str, str]:
    reference = parse_reference(text)
    if reference is None:
        raise CommandError(f"{text}: not a report reference (like hampshire/2016/legitimacy "
                           "or hertfordshire/2023-25)")
    return reference


def _force_ids(names: list[str]) -> list[str]:
    force_ids = []
    for name in names:
        force = find_force(name)
        if force is None:
            raise CommandError(f"unknown force '{name}'")
        force_ids.append(force.id)
    return force_ids


def _cycle(text: str | None) -> str | None:
    if text is None:
        return None
    cycle = normalise_cycle(text)
    if cycle is None:
        raise CommandError(f"unknown PEEL cycle '{text}' (cycles: {', '.join(CYCLES)})")
    return cycle


def run_export_csv(args) -> int:
    with open_store(args.db) as store:
        rows = store.question_table()
    if args.output is None:
        write_grades_csv(rows, sys.stdout)
        return 0
    try:
        with args.output.open("w", newline="", encoding="utf-8") as handle:
            write_grades_csv(rows, handle)
    except OSError as error:
        raise CommandError(f"{args.output}: {error.strerror or error}") from None
    print(f"wrote {args.output} ({len(rows)} questions)", file=sys.stderr)
    return 0


# Each command: how its arguments are read, and what runs it. Their names and order are
# peelviewer.commands.COMMANDS, which the launcher reads without importing this module.
_COMMANDS = {
    "parse": (add_parse, run_parse),
    "import": (add_import, run_import),
    "list": (add_list, run_list),
    "search": (add_search, run_search),
    "compare": (add_compare, run_compare),
    "export-pdf": (add_export_pdf, run_export_pdf),
    "export-csv": (add_export_csv, run_export_csv),
}
