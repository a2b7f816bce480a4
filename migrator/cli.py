"""Command line: click wiring only. Exit codes are a contract:
0 nothing to report, 1 findings or file errors remain, 2 usage/config/internal error,
130 interrupted (Ctrl-C), 143 terminated (SIGTERM); both say what was written."""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator, Mapping, Sequence, TextIO

import click

from migrator import __version__
from migrator.codes import PUBLIC_CODES
from migrator.errors import UsageError
from migrator.formats import FORMATS
from migrator.output import same_file, write_output

if TYPE_CHECKING:  # the run's modules load only when a run happens
    from migrator.catalog import Catalog
    from migrator.config import Settings
    from migrator.engine import FixMode, RunResult
    from migrator.exposure import Clock
    from migrator.tiers import TierPolicy

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143  # 128 + SIGINT, 128 + SIGTERM, as shells report them
PROG = "migrate"


def _codes(values: Sequence[str]) -> list[str]:
    return [code.strip().upper() for value in values for code in value.split(",") if code.strip()]


@click.command(
    name=PROG,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    help="Find code that still names retired DeepSeek model IDs and report the deadline exposure. "
    "`migrate merge REPORT.json...` combines many repositories' JSON reports.",
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text",
              show_default=True, help="Report format.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), help="Write the report to FILE.")
@click.option("--select", multiple=True, metavar="CODES", help="Only these codes or prefixes (replaces config).")
@click.option("--ignore", multiple=True, metavar="CODES", help="Skip these codes or prefixes (adds to config).")
@click.option("--config", "config_file", type=click.Path(path_type=Path), help="Use this config file.")
@click.option("--rules", "rule_packs", multiple=True, type=click.Path(path_type=Path), metavar="FILE",
              help="Add a rule pack (TOML); may be repeated.")
@click.option("--as-of", "as_of", metavar="DATE", help="Judge exposure on this date (default: now, UTC).")
@click.option("--prices", "prices_file", type=click.Path(path_type=Path), metavar="FILE",
              help="Prices for the cost view: [[prices]] tables as in the rule pack (replace its, model by model).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings remain.")
@click.option("--fail-on", "fail_on", type=click.Choice(("error", "warning", "info")),
              help="Lowest severity that makes exit 1 (replaces config).")
@click.option("--statistics", is_flag=True, help="Show counts per rule instead of each finding.")
@click.option("--explain", metavar="CODE", help="Print a rule's documentation and exit.")
@click.option("--list-rules", is_flag=True, help="List the rules and exit.")
@click.option("--fix", is_flag=True, help="Apply safe fixes.")
@click.option("--unsafe-fixes", is_flag=True, help="With --fix or --diff, also apply unsafe fixes.")
@click.option("--diff", is_flag=True, help="Print the fixes as a unified diff; write nothing.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes for parsing (default: CPUs).")
@click.option("--force-exclude", is_flag=True, help="Apply excludes to files named on the command line too.")
@click.option("--stdin-filename", metavar="NAME", help="With - as the path: the name to report and match config by.")
@click.option("--quiet", "-q", is_flag=True, help="Text report: findings and errors only, no summary or progress.")
@click.option("--suggest-tiers", is_flag=True,
              help="Print tier rules the code suggests (TOML, each with its reason) instead of the report.")
@click.version_option(__version__, "--version", prog_name="deepseek-migrator")
def command(**options: object) -> int:
    return execute(**options)  # type: ignore[arg-type]


def execute(
    paths: tuple[Path, ...],
    output_format: str,
    output: Path | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_file: Path | None,
    rule_packs: tuple[Path, ...],
    as_of: str | None,
    exit_zero: bool,
    statistics: bool,
    explain: str | None,
    list_rules: bool,
    fix: bool,
    unsafe_fixes: bool,
    diff: bool,
    jobs: int | None,
    force_exclude: bool = False,
    stdin_filename: str | None = None,
    quiet: bool = False,
    fail_on: str | None = None,
    prices_file: Path | None = None,
    suggest_tiers: bool = False,
) -> int:
    if explain is not None or list_rules:
        return _document_rules(explain)


    from migrator import config as cfg
    from migrator.catalog import load_catalog
    from migrator.engine import FixMode
    from migrator.exposure import Clock, now_utc, parse_as_of

    if suggest_tiers and (fix or diff or statistics or output_format != "text" or Path("-") in paths):
        raise UsageError("--suggest-tiers prints TOML from a scan of files: it goes with no fix, format or - path")
    if statistics and output_format != "text":
        raise UsageError("--statistics goes with --format text (JSON has summary.by_code)")
    if diff and (output is not None or output_format != "text"):
        raise UsageError("--diff prints a unified diff: --format and --output do not apply to it")
    if fix and Path("-") in paths and (output is not None or output_format != "text"):
        raise UsageError("--fix with - prints the fixed source: --format and --output do not apply to it")
    cwd = Path.cwd()
    targets = list(paths) or [Path(".")]
    from_stdin = targets == [Path("-")]
    if Path("-") in targets and not from_stdin:
        raise UsageError("-: standard input cannot be combined with other paths")
    if stdin_filename is not None and not from_stdin:
        raise UsageError("--stdin-filename goes with - as the only path")
    stdin_name = Path(stdin_filename or "-.py")
    if output is not None and _is_source(output):
        raise UsageError(f"--output: {output}: refusing to write a report over a source file")
    if output is not None and _hard_links(output) > 1:
        raise UsageError(f"--output: {output}: has other hard links (one may be a source file); remove it first")
    anchor = (cwd / stdin_name).parent if from_stdin else _common_folder(targets)
    found = config_file if config_file is not None else cfg.find_config(anchor)
    settings = cfg.with_overrides(
        cfg.load_settings(found, cwd),
        select=_codes(select),
        ignore=_codes(ignore),
        as_of=parse_as_of(as_of) if as_of is not None else None,
        rules=[cwd / pack for pack in rule_packs],
        force_exclude=force_exclude,
        fail_on=fail_on,
    )
    if prices_file is not None:

        from migrator.prices import load_prices

        settings = settings._replace(prices=load_prices(cwd / prices_file))
    if output is not None and same_file(output, [settings.config_file, *settings.rules, prices_file]):
        raise UsageError(f"--output: {output}: refusing to write a report over an input of this run (config, rules, prices)")
    if not any(settings.is_selected(code) for code in PUBLIC_CODES):
        implemented = ", ".join(PUBLIC_CODES)
        raise UsageError(f"select/ignore leave no rule to run (rules in this version: {implemented})")
    catalog = load_catalog(settings.rules)
    tiers = cfg.tier_policy(settings, catalog)
    clock = Clock(as_of=settings.as_of or now_utc(), warn_days=settings.warn_days)
    fix_mode = None
    if fix or diff:
        fix_mode = FixMode(applicabilities=("safe", "unsafe") if unsafe_fixes else ("safe",), write=not diff)
    written: list[str] = []
    if from_stdin:
        return _stdin_run(stdin_name, settings, catalog, tiers, clock, cwd, fix_mode, output_format, output,
                          statistics, exit_zero, quiet)
    try:
        return _run_and_report(targets, settings, catalog, tiers, clock, cwd, jobs, fix_mode, output_format,
                               output, statistics, exit_zero, written, quiet, suggest_tiers)
    except (KeyboardInterrupt, Terminated) as exc:  # also while reporting, after files were written
        raise Interrupted(exc, written, fix_mode is not None and fix_mode.write) from None


def _run_and_report(
    targets: list[Path], settings: Settings, catalog: Catalog, tiers: TierPolicy, clock: Clock, cwd: Path,
    jobs: int | None, fix_mode: FixMode | None, output_format: str, output: Path | None, statistics: bool,
    exit_zero: bool, written: list[str], quiet: bool = False, suggest_tiers: bool = False,
) -> int:
    from migrator.engine import run
    from migrator.formats import WITH_EDITS

    with _progress_bar(quiet) as progress:
        result = run(
            targets, settings, catalog, tiers, clock, cwd, jobs=jobs, fix=fix_mode,
            with_edits=output_format in WITH_EDITS, written=written, progress=progress,
        )
    if suggest_tiers:
        return _suggestions(result, settings, tiers, output)
    return _report(result, settings, catalog, clock, fix_mode, output_format, output, statistics, exit_zero, quiet)


def _stdin_run(
    name: Path, settings: Settings, catalog: Catalog, tiers: TierPolicy, clock: Clock, cwd: Path,
    fix_mode: FixMode | None, output_format: str, output: Path | None, statistics: bool, exit_zero: bool, quiet: bool,
) -> int:
    """``migrate -``: check standard input as ``name``; with ``--fix``, the fixed source goes to standard output."""
    from migrator.engine import run_stdin
    from migrator.findings import severity_rank
    from migrator.formats import WITH_EDITS

    data = sys.stdin.buffer.read(settings.max_file_size + 1)  # more than the limit is not read, and not checked
    result, fixed = run_stdin(data, name, settings, catalog, tiers, clock, cwd, fix_mode, output_format in WITH_EDITS)
    if fix_mode is None or not fix_mode.write:
        return _report(result, settings, catalog, clock, fix_mode, output_format, output, statistics, exit_zero, quiet)
    sys.stdout.buffer.write(fixed if fixed is not None else data)
    sys.stdout.flush()
    for error in result.errors:
        click.echo(f"{error.path}: error: {error.message}", err=True)
    if not quiet and result.findings:
        click.echo(f"{len(result.findings)} finding(s) left after fixing {result.fixed}.", err=True)
    failing = any(severity_rank(f.severity) >= severity_rank(settings.fail_on) for f in result.findings)
    return EXIT_CLEAN if exit_zero or not (failing or result.errors) else EXIT_FINDINGS


def _suggestions(result: RunResult, settings: Settings, tiers: TierPolicy, output: Path | None) -> int:
    from migrator.config import DEDICATED_CONFIG
    from migrator.suggest import render_toml, suggest

    dedicated = settings.config_file is not None and settings.config_file.name == DEDICATED_CONFIG
    text = render_toml(
        suggest(result.findings, settings.default_tier, tuple(tiers.targets)),
        "tier-rules" if dedicated else "tool.deepseek-migrate.tier-rules",
    )
    if output is None:
        sys.stdout.write(text)
    else:
        write_output(output, lambda stream: stream.write(text))
    return EXIT_CLEAN


def _report(
    result: RunResult, settings: Settings, catalog: Catalog, clock: Clock, fix_mode: FixMode | None,
    output_format: str, output: Path | None, statistics: bool, exit_zero: bool, quiet: bool,
) -> int:
    from migrator.findings import severity_rank
    from migrator.report import build_report, renderer_for

    if fix_mode is not None and not fix_mode.write:
        from migrator.report.diff import render_diffs

        render_diffs(result.diffs, result.fixed, result.errors, sys.stdout, sys.stderr, _wants_color(sys.stdout))
        return EXIT_FINDINGS if result.diffs or result.errors else EXIT_CLEAN

    report = build_report(
        result, catalog, clock, __version__, statistics, _link_base(os.environ), quiet, settings.usage, settings.prices
    )
    render = renderer_for(output_format)
    if output is None:
        render(report, sys.stdout, _wants_color(sys.stdout))
    else:
        write_output(output, lambda stream: render(report, stream, False))
    failing = any(severity_rank(f.severity) >= severity_rank(settings.fail_on) for f in result.findings)
    if exit_zero or not (failing or result.errors):
        return EXIT_CLEAN
    return EXIT_FINDINGS


# Below this many files to analyse a scan is over before a bar would be worth drawing.
PROGRESS_THRESHOLD = 200


@contextlib.contextmanager
def _progress_bar(quiet: bool) -> Iterator[Callable[[int, int], None] | None]:
    """A transient rich bar on standard error, only in an interactive terminal (never in pipes or CI)."""
    if quiet or os.environ.get("CI") or not sys.stderr.isatty():
        yield None
        return
    state: dict[str, object] = {}

    def advance(done: int, total: int) -> None:
        if total < PROGRESS_THRESHOLD:
            return
        if "bar" not in state:
            from rich.console import Console
            from rich.progress import Progress

            bar = Progress(console=Console(file=sys.stderr), transient=True)
            bar.start()
            state["bar"], state["task"] = bar, bar.add_task("analysing", total=total)
        state["bar"].update(state["task"], completed=done, total=total)  # type: ignore[attr-defined]

    try:
        yield advance
    finally:
        if "bar" in state:
            state["bar"].stop()  # type: ignore[attr-defined]


def _document_rules(explain: str | None) -> int:
    """``--explain CODE`` or ``--list-rules``: the rules' own documentation."""
    from migrator.checks import RULES, rule_for

    if explain is not None:
        rule = rule_for(explain)
        if rule is None:
            known = ", ".join(rule.code for rule in RULES)
            raise UsageError(f"--explain: no rule {explain!r}; rules: {known}")
        click.echo(f"{rule.code} ({rule.name})\n\n{rule.documentation()}")
        return EXIT_CLEAN
    for rule in RULES:
        click.echo(f"{rule.code}  {rule.name:<28} fix: {rule.fix_safety:<14} {rule.summary()}")
    return EXIT_CLEAN


def _link_base(environ: Mapping[str, str]) -> str | None:
    """Inside a GitHub Actions run, where the commit's files are browsable (for Markdown links)."""
    server, repository, sha = (environ.get(name) for name in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"))
    return f"{server}/{repository}/blob/{sha}" if server and repository and sha else None


def _common_folder(paths: Sequence[Path]) -> Path:
    resolved = [path.resolve() for path in paths]
    common = Path(os.path.commonpath([str(path) for path in resolved]))
    return common if common.is_dir() else common.parent


def _is_source(path: Path) -> bool:
    """Would writing ``path`` land on a source file, also through a symbolic link?"""
    return any(candidate.suffix in SOURCE_SUFFIXES for candidate in (path, path.resolve()))


def _hard_links(path: Path) -> int:
    """How many names the regular file at ``path`` has (0 when there is none)."""
    try:
        status = path.stat()
    except OSError:
        return 0
    return status.st_nlink if stat.S_ISREG(status.st_mode) else 0


def _wants_color(stream: TextIO) -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return hasattr(stream, "isatty") and stream.isatty()


SOURCE_SUFFIXES = (".py", ".pyi", ".ipynb")


class Terminated(BaseException):
    """SIGTERM, turned into an exception so that clean-up runs as for Ctrl-C."""


class Interrupted(BaseException):
    """A run stopped by a signal, with what it had written by then."""

    def __init__(self, cause: BaseException, written: list[str], fixing: bool) -> None:
        super().__init__()
        self.code = EXIT_TERMINATED if isinstance(cause, Terminated) else EXIT_INTERRUPTED
        self.written = written
        self.fixing = fixing

    def report(self) -> str:
        what = "terminated" if self.code == EXIT_TERMINATED else "interrupted"
        if not self.fixing:
            return f"{PROG}: {what}: nothing was written"
        if not self.written:
            return f"{PROG}: {what}: no file was changed"
        files = ", ".join(self.written)
        return f"{PROG}: {what}: fixed and wrote {len(self.written)} file(s) ({files}); every other file is unchanged"


def _raise_terminated(signum: int, frame: object) -> None:
    raise Terminated()


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: turn every failure into one line on stderr and an exit code."""
    previous = signal.signal(signal.SIGTERM, _raise_terminated) if _main_thread() else None
    args = list(argv) if argv is not None else sys.argv[1:]
    # `migrate merge ...` combines reports; a folder named merge is checked as ./merge.
    chosen = command
    if args[:1] == ["merge"]:
        from migrator.merge_cli import merge_command

        chosen, args = merge_command, args[1:]
    try:
        code = chosen.main(args=args, prog_name=PROG if chosen is command else f"{PROG} merge", standalone_mode=False)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except Interrupted as exc:
        click.echo(exc.report(), err=True)
        code = exc.code
    except click.exceptions.Abort:  # Ctrl-C outside the run itself (click turns it into Abort)
        click.echo(f"{PROG}: interrupted: nothing was written", err=True)
        code = EXIT_INTERRUPTED
    except Terminated:
        click.echo(f"{PROG}: terminated: nothing was written", err=True)
        code = EXIT_TERMINATED
    except click.ClickException as exc:
        click.echo(f"{PROG}: error: {exc.format_message()}", err=True)
        code = EXIT_ERROR
    except UsageError as exc:
        click.echo(f"{PROG}: error: {exc}", err=True)
        code = EXIT_ERROR
    except KeyboardInterrupt:
        click.echo(f"{PROG}: interrupted: nothing was written", err=True)
        code = EXIT_INTERRUPTED
    except Exception as exc:  # the contract: never a traceback
        if os.environ.get("DEEPSEEK_MIGRATE_DEBUG"):
            raise
        click.echo(f"{PROG}: internal error: {type(exc).__name__}: {exc}", err=True)
        code = EXIT_ERROR
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    sys.exit(code if isinstance(code, int) else EXIT_CLEAN)


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()
