"""Command line: `nashr build`, `nashr check`, `nashr import`. Exit codes: 0 success, 1 manuscript problems, 2 usage."""
from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

from nashr import __version__
from nashr.diagnostics import ManuscriptError, display_path
from nashr.writers import formats

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
COMMANDS = ("build", "check", "import")


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog="nashr", description="Build journal-style PDF, EPUB and DOCX from an Arabic-first manuscript.")
    main_parser.add_argument("--version", action="version", version=f"nashr {__version__}")
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = commands.add_parser("build", help="build the outputs into OUT_DIR")
    build.add_argument("manuscript", nargs="?", default="manuscript", type=Path,
                       help="manuscript folder (default: manuscript)")
    build.add_argument("-o", "--out", default="dist", type=Path, help="output folder (default: dist)")
    build.add_argument("-f", "--format", action="append", choices=formats(), dest="formats",
                       help="format to build; repeat for several (default: every format)")
    build.add_argument("-q", "--quiet", action="store_true", help="print only problems")

    check = commands.add_parser("check", help="validate the manuscript; write nothing")
    check.add_argument("manuscript", nargs="?", default="manuscript", type=Path,
                       help="manuscript folder (default: manuscript)")

    importer = commands.add_parser("import", help="make a manuscript from a .docx, .odt, .html, .md or .txt file")
    importer.add_argument("source", type=Path, help="the file to import")
    importer.add_argument("-o", "--out", type=Path, dest="manuscript",
                          help="manuscript folder to create (default: the source's name, in the current folder)")
    importer.add_argument("--force", action="store_true", help="write into a folder that is not empty")
    return main_parser


def main(argv: list[str] | None = None, default_command: str | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if default_command and not (argv and (argv[0] in COMMANDS or argv[0] in ("-h", "--help", "--version"))):
        argv.insert(0, default_command)
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage error
        return EXIT_OK if exc.code == 0 else EXIT_USAGE
    signal.signal(signal.SIGTERM, _terminate)
    try:
        if args.command == "check":
            return _check(args)
        if args.command == "import":
            return _import(args)
        return _build(args)
    except ManuscriptError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        count = len(exc.diagnostics)
        print(f"nashr: {count} problem{'s' if count != 1 else ''}; nothing was written", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print("nashr: interrupted; previous outputs are unchanged", file=sys.stderr)
        return 130


def _terminate(signum: int, frame: object) -> None:
    """Turn SIGTERM into an exception so temporary files are cleaned up on the way out."""
    raise KeyboardInterrupt


def _warn(diagnostic: object) -> None:
    print(diagnostic, file=sys.stderr)


def _check(args: argparse.Namespace) -> int:
    from nashr.pipeline import prepare

    document = prepare(args.manuscript, _warn)
    print(f"{display_path(args.manuscript)}: ok ({len(document.body())} content files)")
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    from nashr.pipeline import build

    report = (lambda _: None) if args.quiet else (lambda line: print(f"nashr: {line}", flush=True))
    outputs = build(args.manuscript, args.out, args.formats or formats(), report, _warn)
    for output in outputs:
        report(f"{output.format}: wrote {display_path(output.path)} ({output.seconds:.1f} s)")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from nashr.importers import REPORT_NAME, import_source
    from nashr.pipeline import prepare

    target = args.manuscript or Path(args.source.stem)
    result = import_source(args.source, target, force=args.force)
    for line in result.report.lines(args.source.name):
        print(line, file=sys.stderr)
    print(f"nashr: imported {display_path(args.source)} into {display_path(target)}: "
          f"{len(result.files) - 2} content files, {result.notes} notes; "
          f"report in {display_path(target / REPORT_NAME)}")
    try:
        prepare(target)
    except ManuscriptError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        print(f"nashr: the import was written, but {display_path(target)} does not pass nashr check yet; "
              "fix the problems above", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"nashr: {display_path(target)} passes nashr check")
    return EXIT_OK
