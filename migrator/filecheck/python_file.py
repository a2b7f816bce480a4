"""Check one Python file: decode, analyse, run the rules, apply suppressions, and fix."""

from __future__ import annotations

import ast
import functools
import io
import tokenize
from pathlib import Path
from typing import TYPE_CHECKING

from migrator.checks import RULES, FileContext, Rule
from migrator.facts import ModelSite
from migrator.deepstack import on_deep_stack
from migrator.directives import scan_directives
from migrator.filecheck.broken_python import findings_left_out
from migrator.filecheck.job import (
    FileResult,
    Job,
    Surroundings,
    display_path,
    file_context,
    surroundings,
)
from migrator.findings import FileError, Finding
from migrator.fixer import FixOutcome, fix_source, unified_diff
from migrator.textscan import find_quoted_ids, physical_lines

if TYPE_CHECKING:
    from migrator.project_analysis.bindings import FileNames
    from migrator.python_analysis import PythonParseError


def check_python_file(
    job: Job,
    path: Path,
    data: bytes,
    place: Surroundings,
    names: FileNames | None = None,
    start: str | None = None,
    first: FileResult | None = None,
) -> FileResult:
    """Check (with ``job.fix``: and fix) one Python file.

    ``names`` adds the project index's spellings (the result then carries
    ``project`` facts). ``start`` is the text after a whole-project fix has
    changed it, the fixes of this file go on from there; ``first`` is this
    file's check from an earlier pass, so that it is not analysed twice.
    """
    shown = display_path(path, job.cwd)
    try:
        encoding = python_encoding(data)
        original = data.decode(encoding)
    except (SyntaxError, UnicodeDecodeError, LookupError) as exc:
        return FileResult(errors=[FileError(shown, f"cannot decode: {exc}")])
    source = original if start is None else start
    result = first if first is not None and start is None else check_python_source(job, path, shown, source, place, names)
    if job.fix is None:
        return result
    checked = {source: result}  # fix_source ends by checking the fixed text; keep that check

    def check(text: str) -> list[Finding]:
        checked[text] = check_python_source(job, path, shown, text, place, names)
        return checked[text].findings

    outcome = fix_source(source, check, job.fix.applicabilities, result.findings)
    if outcome.error is not None:
        result.errors.append(FileError(shown, outcome.error))
    if outcome.applied == 0 and start is None:
        return result
    diff = ""
    encoded: bytes | None = None
    if job.fix.write:
        try:
            encoded = outcome.source.encode(encoding)
        except UnicodeEncodeError as exc:
            result.errors.append(FileError(shown, f"fixes not applied: cannot encode as {encoding}: {exc}"))
            return result
    else:
        encoded, diff = None, unified_diff(original, outcome.source, shown)
    fixed = checked.get(outcome.source) or check_python_source(job, path, shown, outcome.source, place, names)
    fixed.fixed, fixed.diff = outcome.applied, diff
    if encoded is not None:  # the parent writes, so that it always knows what was written
        fixed.new_bytes, fixed.unfixed = encoded, first or result
    if outcome.error is not None:
        fixed.errors.append(FileError(shown, outcome.error))
    return fixed


def fix_text(job: Job, source: str, path: Path) -> FixOutcome:
    """Fix source text in memory, as ``--fix`` would (for tools and tests)."""
    shown = display_path(path, job.cwd)
    modes = job.fix.applicabilities if job.fix is not None else ("safe",)
    place = surroundings(path, job)
    return fix_source(source, lambda text: check_python_source(job, path, shown, text, place).findings, modes)


def check_python_source(
    job: Job, path: Path, shown: str, source: str, place: Surroundings, names: FileNames | None = None
) -> FileResult:
    """Findings (after suppressions) and problems for one decoded source text."""
    result = FileResult(lines=physical_lines(source))
    directives = scan_directives(source)
    for line, directive in sorted(directives.items()):
        for problem in directive.problems:
            result.errors.append(FileError(shown, f"line {line}: {problem}"))
        if directive.tier and directive.tier not in job.tiers.targets:
            result.errors.append(
                FileError(
                    shown,
                    f"line {line}: unknown tier {directive.tier!r} in deepseek-migrate comment "
                    f"(known: {', '.join(job.tiers.targets)})",
                )
            )
    context = file_context(job, path, shown, directives, place)
    rules: list[Rule] = [rule() for rule in RULES if rule.code in job.codes]
    kind = "python" if path.suffix in (".py", ".pyi") else "embedded"  # a notebook's cells are not importable
    found = _python_findings(source, rules, context, result, names, kind, path, job.root)
    result.findings = [
        finding
        for finding in found
        if not (finding.span.line in directives and directives[finding.span.line].suppresses(finding.code))
    ]
    return result


def _python_findings(
    source: str,
    rules: list[Rule],
    context: FileContext,
    result: FileResult,
    names: FileNames | None = None,
    path_kind: str = "python",
    path: Path | None = None,
    job_root: Path | None = None,
) -> list[Finding]:
    # Imported here so that runs which parse nothing never load libcst.
    from migrator.project_analysis.imported_strings import ImportedStrings
    from migrator.python_analysis import (
        PythonParseError,
        PythonTooCostly,
        PythonTooDeep,
        analyze_python,
    )
    from migrator.python_analysis.recovery import describe, recover

    def analyzed(text: str, recovered: bool) -> list[Finding]:
        tree = _ast_tree(text) if path_kind == "python" else None
        own = _own_definitions(tree, text, context) if tree is not None else None
        used = names if names is not None else (own[0] if own is not None else None)
        strings = ImportedStrings(path, job_root) if path_kind == "python" and path is not None else None
        facts = analyze_python(text, context.catalog, used, strings, tree)
        analyzed_sites[:] = facts.sites
        found = [finding for rule in rules for finding in rule.check_python(facts, context)]
        if used and not recovered:  # a broken file takes no part in whole-project fixes
            from migrator.project_analysis.readers import (
                project_facts,
                with_definitions,
            )

            result.project = project_facts(facts, context, used.legacy)
            if own is not None:
                at = {(f.span.line, f.span.column) for f in found if f.code == "DSM001"}
                result.project = with_definitions(result.project, context.display_path, own[1], own[2], at)
                # A definition's fix belongs to the whole-project step (it may write other lines and files):
                # marked as spanning files, the per-file fix loop leaves it alone.
                defined = {(d.line, d.column) for d in result.project.definitions}
                found = [_held_for_project(f, context.display_path) if (f.span.line, f.span.column) in defined else f for f in found]
        return found

    scanned = "retired IDs were found by a text scan"
    text, left_out = source, []
    first_error: PythonParseError | None = None
    analyzed_sites: list[ModelSite] = []

    def recovered_from(problem: str) -> str:
        """A file analysed without its broken statements that then fails otherwise: its syntax error comes first."""
        return f"{_syntax_error(first_error)}; {problem}" if first_error is not None else problem
    try:
        while True:
            try:
                # Always with room to recurse: retrying after a RecursionError held two trees at once
                # (the native parser's memory, freed in one thread, is not reused by another).
                found = on_deep_stack(functools.partial(analyzed, text, bool(left_out)))
                break
            except PythonParseError as exc:
                first_error = first_error or exc
                recovered = recover(text, exc.line, "indent" in exc.message, left_out)
                if recovered is None:  # too large, or still broken after MAX_LEFT_OUT statements
                    raise first_error from None
                text = recovered
    except PythonParseError:
        assert first_error is not None
        problem = _syntax_error(first_error)
    except PythonTooDeep:
        problem = recovered_from(f"too deeply nested to analyze (Python itself cannot compile it); {scanned}")
    except PythonTooCostly as exc:
        problem = recovered_from(f"too large to analyze within memory and time bounds ({exc}); {scanned}")
    except (RecursionError, MemoryError):
        problem = recovered_from(
            f"nested too deeply for this analysis (Python compiles it, but the analysis recurses too far); {scanned}"
        )
    else:
        if not left_out:
            return found
        assert first_error is not None
        result.errors.append(
            FileError(
                context.display_path,
                f"{_syntax_error(first_error)}; analyzed without {describe(left_out)}, and no fix is offered in this file",
            )
        )
        return findings_left_out(found, analyzed_sites, left_out, source, rules, context)
    result.errors.append(FileError(context.display_path, problem))
    hits = find_quoted_ids(source, context.catalog)
    return [finding for rule in rules for finding in rule.check_unparsed(hits, context)]


def _syntax_error(error: PythonParseError) -> str:
    return f"syntax error at line {error.line}, column {error.column}: {error.message}"


def _held_for_project(finding: Finding, path: str) -> Finding:

    if finding.code != "DSM001" or finding.fix is None or not finding.fix.edits:
        return finding
    edits = tuple(edit._replace(path=edit.path or path) for edit in finding.fix.edits)
    return finding._replace(fix=finding.fix._replace(edits=edits))


def _ast_tree(source: str) -> ast.Module | None:
    try:
        return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


def _own_definitions(tree: ast.Module, source: str, context: FileContext) -> tuple[FileNames, list, object] | None:
    """The module's own definitions of retired IDs and their spellings inside it (None: it has none).

    ``ast`` finds them at a fraction of the libcst pass's cost; with them
    the pass also records where the module itself reads each one.
    """
    from migrator.project_analysis.bindings import ExportedModule, own_names
    from migrator.project_analysis.definitions import module_definitions

    definitions, shape = module_definitions(tree, source, context.display_path, context.catalog)
    if not definitions:
        return None
    names = own_names(tree, ExportedModule(context.display_path, tuple(definitions), shape))
    return names, definitions, shape


def python_encoding(data: bytes) -> str:
    """The encoding Python reads a file with: BOM (utf-8-sig), coding cookie, else UTF-8.

    Decoding and re-encoding with it keeps the BOM and the cookie's charset.
    """
    encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
    return encoding


