"""Command line: `python -m briefing extract|report|refresh-notebooks`.

Errors meant for users are one line, naming the file or parameter at fault; VERBOSE=1 shows the traceback.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path


def _extract(args) -> int:
    from .extraction.extract import TABLES, extract_folder

    started = time.perf_counter()
    tables = args.tables or tuple(TABLES)
    summary = extract_folder(Path(args.seeds_dir), Path(args.out), tables=tables)
    for notice in summary.notices:
        print(f"briefing: notice: {notice}", file=sys.stderr)
    if not args.no_ftm and {"entities", "relations"} <= set(tables):  # the network is read off these two
        from .analysis.ftm import export_network

        export_network(Path(args.out), Path(args.out) / "network.ftm.json")
    rows = ", ".join(f"{count} {name}" for name, count in summary.rows.items())
    print(
        f"Extracted {rows} from {summary.documents} documents "
        f"({summary.characters / 1e6:.2f} M characters) in {time.perf_counter() - started:.2f} s into {args.out}"
    )
    return 0


def _table_names(value: str) -> tuple[str, ...]:
    """`--tables figures,dates`: the tables to extract, in the order extraction writes them."""
    from .extraction.extract import TABLES

    names = [name.strip() for name in value.split(",") if name.strip()]
    if not names:
        raise argparse.ArgumentTypeError(f"name at least one table ({', '.join(TABLES)})")
    unknown = [name for name in names if name not in TABLES]
    if unknown:
        raise argparse.ArgumentTypeError(f"{unknown[0]}: unknown table (choose from {', '.join(TABLES)})")
    return tuple(name for name in TABLES if name in names)


def _parameters(pairs: list[list[str]]) -> dict:
    """`-p name value` pairs; values are text unless they read as numbers, as with papermill's -p."""
    parameters = {}
    for name, value in pairs:
        for cast in (int, float):
            try:
                value = cast(value)
                break
            except ValueError:
                continue
        parameters[name] = value
    return parameters


def _report(args) -> int:
    from .build.pipeline import build

    result = build(Path(args.seeds), _parameters(args.parameter or []), force=args.force)
    for notice in result.notices:
        print(f"briefing: notice: {notice}", file=sys.stderr)
    if result.rebuilt:
        total = sum(result.timings.values())
        print(f"Briefing written: {result.html} and {result.pdf} ({total:.1f} s)")
    return 0


def _refresh(args) -> int:
    from .build.pipeline import refresh_notebooks

    for name in refresh_notebooks():
        print(f"Stored the outputs of a default run in notebooks/{name}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m briefing", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    extract = commands.add_parser("extract", help="extract figures, dates, entities and relations into CSV tables")
    extract.add_argument("seeds_dir", help="folder of documents (.txt, .md, .html, .pdf, .docx, Telegram .json)")
    extract.add_argument("--out", required=True, help="folder for figures.csv, dates.csv, entities.csv, ...")
    extract.add_argument(
        "--tables",
        type=_table_names,
        metavar="NAME,...",
        help="only these tables, e.g. figures,dates (default: figures, dates, entities, relations and unknowns)",
    )
    extract.add_argument("--no-ftm", action="store_true", help="skip the followthemoney export of the network")
    extract.set_defaults(run=_extract)

    report = commands.add_parser("report", help="build reports/briefing.html and reports/briefing.pdf")
    report.add_argument("--seeds", default="seeds", help="folder of documents (default: seeds)")
    report.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        metavar=("NAME", "VALUE"),
        help="a notebook parameter, e.g. -p focus Iran",
    )
    report.add_argument("--force", action="store_true", help="rebuild even when nothing changed")
    report.set_defaults(run=_report)

    refresh = commands.add_parser(
        "refresh-notebooks", help="store the outputs of a default run in notebooks/ (after an intended change)"
    )
    refresh.set_defaults(run=_refresh)

    args = parser.parse_args(argv)
    logging.basicConfig(format="briefing: warning: %(message)s", level=logging.WARNING)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("briefing: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # one line for users; the traceback only on request
        if os.environ.get("VERBOSE") not in (None, "", "0"):
            raise
        from .build.pipeline import BuildError
        from .params import ParameterError
        from .presentation.render import RenderError
        from .reading.documents import DocumentError

        known = (DocumentError, ParameterError, BuildError, RenderError)
        extra = _register_error()
        message = str(error).splitlines()[0] if str(error) else type(error).__name__
        if isinstance(error, known + extra):
            print(f"briefing: error: {message}", file=sys.stderr)
        else:
            print(
                f"briefing: unexpected error: {type(error).__name__}: {message} (VERBOSE=1 shows the traceback)",
                file=sys.stderr,
            )
        return 2


def _register_error() -> tuple:
    try:
        from .analysis.reference import RegisterError
    except ImportError:
        return ()
    return (RegisterError,)


if __name__ == "__main__":
    sys.exit(main())
