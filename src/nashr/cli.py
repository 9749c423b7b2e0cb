"""Command line: `nashr build`, `check`, `watch`, `preview`, `new`, `import`, `issue` and `archive`.
Exit codes: 0 success, 1 manuscript problems, 2 usage, 130 interrupted."""
from __future__ import annotations

import argparse
import shlex
import signal
import sys
from pathlib import Path

from nashr import __version__
from nashr.diagnostics import Diagnostic, ManuscriptError, WarningsAreErrors, display_path, grouped
from nashr.progress import reporter
from nashr.writers import formats

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
STRICT_HELP = "treat warnings as errors: exit 1 and write nothing when there is any (like sphinx-build -W)"
COMMANDS = ("build", "check", "watch", "preview", "new", "import", "issue", "archive")
MANUSCRIPT_HELP = "manuscript folder, or a Markdown file with YAML front matter (default: manuscript)"


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(
        prog="nashr", description="Build journal-style PDF, EPUB and DOCX from an Arabic-first manuscript.")
    main_parser.add_argument("--version", action="version", version=f"nashr {__version__}")
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    outputs = argparse.ArgumentParser(add_help=False)
    outputs.add_argument("manuscript", nargs="?", default="manuscript", type=Path, help=MANUSCRIPT_HELP)
    outputs.add_argument("-o", "--out", default="dist", type=Path, help="output folder (default: dist)")
    outputs.add_argument("-f", "--format", action="append", choices=formats(), dest="formats",
                         help="format to build; repeat for several (default: every format)")
    outputs.add_argument("--force", action="store_true", help="render every format even if up to date")
    outputs.add_argument("--self-contained", action="store_true",
                         help="html: one file, its images and fonts inside it (default: beside it in <slug>_files/)")
    outputs.add_argument("--reproducible", action="store_true",
                         help="record a fixed date instead of the build time when the article has no "
                              "dates.published and SOURCE_DATE_EPOCH is unset: builds are byte-identical")
    outputs.add_argument("--strict", action="store_true", help=STRICT_HELP)
    loudness = outputs.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    loudness.add_argument("-v", "--verbose", action="store_true", help="say why each format is rendered")

    commands.add_parser("build", parents=[outputs], help="build the outputs into OUT_DIR")
    commands.add_parser("watch", parents=[outputs], help="build, then rebuild on every saved change")

    preview = commands.add_parser("preview", help="serve the HTML galley on 127.0.0.1, reloaded after every save")
    preview.add_argument("manuscript", nargs="?", default="manuscript", type=Path,
                         help="manuscript folder (default: manuscript)")
    preview.add_argument("-o", "--out", default="dist", type=Path, help="output folder (default: dist)")
    preview.add_argument("--port", default=0, type=int, help="port to serve on (default: any free port)")
    quiet_preview = preview.add_mutually_exclusive_group()
    quiet_preview.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    quiet_preview.add_argument("-v", "--verbose", action="store_true", help="say why the page is rendered")

    check = commands.add_parser("check", help="validate the manuscript; write nothing")
    check.add_argument("manuscript", nargs="?", default="manuscript", type=Path, help=MANUSCRIPT_HELP)
    check.add_argument("--strict", action="store_true", help=STRICT_HELP)

    from nashr.starter import languages

    new = commands.add_parser("new", help="write a small manuscript to start from, ready to build")
    new.add_argument("folder", nargs="?", default="manuscript", type=Path,
                     help="the folder to create; it must be new or empty (default: manuscript)")
    new.add_argument("--lang", default="ar", type=_starter_lang,
                     help=f"the article's language: {', '.join(languages())}, or one with a region such as "
                          "ar-EG (default: ar)")

    importer = commands.add_parser("import", help="make a manuscript from a .docx, .odt, .html, .md or .txt file")
    importer.add_argument("source", type=Path, help="the file to import")
    importer.add_argument("-o", "--out", type=Path, dest="manuscript",
                          help="manuscript folder to create (default: the source's name, in the current folder)")
    importer.add_argument("--force", action="store_true", help="write into a folder that is not empty")

    cluster = argparse.ArgumentParser(add_help=False)
    cluster.add_argument("-o", "--out", default="dist", type=Path, help="output folder (default: dist)")
    cluster.add_argument("-f", "--format", action="append", choices=formats(), dest="formats",
                         help="article format to build besides the issue PDF; repeat for several (default: every format)")
    cluster.add_argument("--scheduler", metavar="ADDRESS",
                         help="build the articles on a Dask cluster, e.g. tcp://HOST:8786 (default: local processes)")
    cluster.add_argument("--workers", type=int, help="local worker processes (default: one per core)")
    cluster.add_argument("--strict", action="store_true", help=STRICT_HELP)
    issue = commands.add_parser("issue", parents=[cluster],
                                help="build a journal issue: issue PDF, offprints, article formats, Crossref and DOAJ XML")
    issue.add_argument("issue", nargs="?", default=".", type=Path, help="issue folder holding issue.yaml (default: .)")
    archive = commands.add_parser("archive", parents=[cluster],
                                  help="rebuild every issue below a journal folder (each folder with an issue.yaml)")
    archive.add_argument("journal", type=Path, help="folder whose sub-folders are issues")
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
    from nashr.parallel import WriterFailed

    try:
        if args.command == "check":
            return _check(args)
        if args.command == "watch":
            return _watch(args)
        if args.command == "preview":
            return _preview(args)
        if args.command == "import":
            return _import(args)
        if args.command in ("issue", "archive"):
            from nashr.issue.commands import archive, issue

            return (issue if args.command == "issue" else archive)(args)
        if args.command == "new":
            return _new(args)
        return _build(args)
    except ManuscriptError as exc:
        report_problems(exc)
        return EXIT_PROBLEMS
    except WriterFailed as exc:
        print(f"nashr: internal error (a bug in nashr; please report it); nothing was written\n{exc}",
              file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print("nashr: interrupted; previous outputs are unchanged", file=sys.stderr)
        return 130


def report_problems(exc: ManuscriptError) -> None:
    if isinstance(exc, WarningsAreErrors):  # the warnings are printed already
        print(f"nashr: {exc}; nothing was written", file=sys.stderr, flush=True)
        return
    for diagnostic in exc.diagnostics:
        print(diagnostic, file=sys.stderr)
    count = len(exc.diagnostics)
    print(f"nashr: {count} problem{'s' if count != 1 else ''}; nothing was written", file=sys.stderr, flush=True)


def _terminate(signum: int, frame: object) -> None:
    """Turn SIGTERM into an exception so temporary files are cleaned up on the way out."""
    raise KeyboardInterrupt


def _warn(diagnostic: object) -> None:
    print(diagnostic, file=sys.stderr)


class WarningLog:
    """The warnings of one command, printed when it ends: each distinct one once, a repeated one with
    its count and places (diagnostics.grouped)."""

    def __init__(self) -> None:
        self.diagnostics: list[Diagnostic] = []

    def __call__(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def print(self) -> None:
        for diagnostic in grouped(self.diagnostics):
            print(diagnostic, file=sys.stderr, flush=True)
        self.diagnostics = []


def _starter_lang(value: str) -> str:
    from nashr.starter import languages

    if value.split("-")[0].lower() not in languages() or not value.replace("-", "").isalnum():
        raise argparse.ArgumentTypeError(f"no starter in '{value}'; choose one of: {', '.join(languages())}")
    return value


def _check(args: argparse.Namespace) -> int:
    from nashr.pipeline import check

    warnings = WarningLog()
    try:
        document = check(args.manuscript, warnings, strict=args.strict)
    finally:
        warnings.print()
    print(f"{display_path(args.manuscript)}: ok ({len(document.body())} content files)")
    return EXIT_OK


def _build(args: argparse.Namespace) -> int:
    from nashr.pipeline import build

    progress, warnings = reporter(args.quiet, args.verbose), WarningLog()
    try:
        build(args.manuscript, args.out, args.formats or formats(), progress, force=args.force, warn=warnings,
              options=writer_options(args), reproducible=args.reproducible, strict=args.strict)
    finally:
        progress.close()
        warnings.print()
    return EXIT_OK


def writer_options(args: argparse.Namespace) -> dict[str, dict[str, object]]:
    """The writers' options given on the command line, by format."""
    return {"html": {"self_contained": True}} if args.self_contained else {}


def _watch(args: argparse.Namespace) -> int:
    from nashr.watch import watch

    watch(args.manuscript, args.out, args.formats or formats(), lambda: reporter(args.quiet, args.verbose),
          report_problems, force=args.force, reproducible=args.reproducible, warn=_warn,
          options=writer_options(args), strict=args.strict)
    return EXIT_OK


def _preview(args: argparse.Namespace) -> int:
    from nashr.preview import preview

    try:
        preview(args.manuscript, args.out, args.port, lambda: reporter(args.quiet, args.verbose), report_problems)
    except OSError as exc:  # the port is taken, or not ours to use
        print(f"nashr: cannot serve on port {args.port}: {exc.strerror}; choose another with --port", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _new(args: argparse.Namespace) -> int:
    from nashr.starter import write_starter

    files = write_starter(args.folder, args.lang)
    names = ", ".join(path.relative_to(args.folder).as_posix() for path in files)
    print(f"nashr: wrote {display_path(args.folder)}/ ({names}); build it with: "
          f"nashr build {shlex.quote(display_path(args.folder))}")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from nashr.importers import REPORT_NAME, import_source
    from nashr.pipeline import check

    target = args.manuscript or Path(args.source.stem)
    result = import_source(args.source, target, force=args.force)
    for line in result.report.lines(args.source.name):
        print(line, file=sys.stderr)
    print(f"nashr: imported {display_path(args.source)} into {display_path(target)}: "
          f"{len(result.files) - 2} content files, {result.notes} notes; "
          f"report in {display_path(target / REPORT_NAME)}")
    warnings = WarningLog()
    try:
        check(target, warnings)
    except ManuscriptError as exc:
        warnings.print()
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        print(f"nashr: the import was written, but {display_path(target)} does not pass nashr check yet; "
              "fix the problems above", file=sys.stderr)
        return EXIT_PROBLEMS
    warnings.print()
    print(f"nashr: {display_path(target)} passes nashr check")
    return EXIT_OK
