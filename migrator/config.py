"""Project configuration: find it, validate all of it, and merge command-line overrides.

``[tool.deepseek-migrate]`` in the nearest ``pyproject.toml``, or a
``.deepseek-migrate.toml`` without the prefix (it wins in the same folder);
``--config FILE`` wins over both. Every key of the documented schema is
validated here, so a typo fails at once with the key's name.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Sequence

from migrator.catalog import Catalog, Price, check_model_id
from migrator.codes import PUBLIC_CODES
from migrator.errors import UsageError
from migrator.exposure import parse_as_of
from migrator.findings import SEVERITIES
from migrator.pathmatch import PathPatterns
from migrator.readfile import NotReadable, read_regular
from migrator.tiers import TierPolicy, TierRule
from migrator.tomlread import MAX_TOML_FILE, TableReader, load_toml

if TYPE_CHECKING:
    from migrator.usage import UsageSpec

DEDICATED_CONFIG = ".deepseek-migrate.toml"
PYPROJECT = "pyproject.toml"

# Folders that are never code to migrate: VCS data, environments, caches,
# build output, editor history. `exclude` replaces this list.
DEFAULT_EXCLUDE = (
    ".git/", ".hg/", ".svn/", ".bzr/",
    # Virtual environments are also found by their pyvenv.cfg wherever they are;
    # `env/` is not listed, since projects keep config there (config/env/app.yaml).
    ".venv/", "venv/", "__pypackages__/", "site-packages/",
    ".tox/", ".nox/", "node_modules/", "__pycache__/",
    ".mypy_cache/", ".pytest_cache/", ".ruff_cache/", ".eggs/", "*.egg-info/",
    ".ipynb_checkpoints/", ".history/", "build/", "dist/",
    # Not code to migrate: recorded HTTP cassettes and vendored copies.
    "cassettes/", "vendor/", "vendored/", "_vendor/", "third_party/", "third-party/",
    # Recorded test snapshots (syrupy, jest) and lock files: data, never configuration.
    "__snapshots__/", "package-lock.json",
)
# The kinds of file scanned: Python, notebooks, and the config files beside them.
DEFAULT_INCLUDE = (
    "*.py", "*.pyi", "*.ipynb",
    ".env", ".env.*", "*.env", "*.yaml", "*.yml", "*.toml", "*.json", "*.jsonc", "*.ini", "*.cfg",
)
DEFAULT_SELECT = ("DSM",)
DEFAULT_TIER = "flash"

_KEYS = (
    "exclude", "extend-exclude", "include", "extend-include", "select", "ignore", "warn-days",
    "fail-on", "default-tier", "rules", "as-of", "targets", "tier-rules", "skip-generated", "force-exclude",
    "max-file-size", "usage",
)
_TIER_RULE_KEYS = ("tier", "paths", "legacy", "uses-tools", "function")
_SELECTOR = re.compile(r"^[A-Z]+[0-9]*$")


class TierRuleSpec(NamedTuple):
    """A tier rule as written; names are checked against the rule packs later."""

    label: str
    tier: str
    paths: tuple[str, ...] | None
    legacy: tuple[str, ...] | None
    uses_tools: bool | None
    function: re.Pattern[str] | None


class Settings(NamedTuple):
    """The validated project configuration (defaults where a key is absent)."""

    root: Path
    config_file: Path | None = None
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    extend_exclude: tuple[str, ...] = ()
    include: tuple[str, ...] = DEFAULT_INCLUDE
    select: tuple[str, ...] = DEFAULT_SELECT
    ignore: tuple[str, ...] = ()
    warn_days: int = 30
    fail_on: str = "warning"
    default_tier: str = DEFAULT_TIER
    rules: tuple[Path, ...] = ()
    as_of: dt.datetime | None = None
    targets: dict[str, str] = {}  # never mutated: the loader builds a new dict
    tier_rules: tuple[TierRuleSpec, ...] = ()
    skip_generated: bool = True
    # Apply excludes to files named on the command line too (pre-commit passes files one by one).
    force_exclude: bool = False
    # Larger files are skipped with a note: a 50 MB file took minutes and gigabytes.
    max_file_size: int = 1024 * 1024
    # Declared monthly token volumes, for the report's cost estimate.
    usage: tuple[UsageSpec, ...] = ()
    # Prices given with --prices, in place of the rule pack's for the models they name.
    prices: tuple[Price, ...] = ()

    @property
    def source(self) -> str:
        return str(self.config_file) if self.config_file else "defaults"

    def excludes(self) -> tuple[str, ...]:
        return (*self.exclude, *self.extend_exclude)

    def is_selected(self, code: str) -> bool:
        return any(code.startswith(prefix) for prefix in self.select) and not any(
            code.startswith(prefix) for prefix in self.ignore
        )


def find_config(start: Path) -> Path | None:
    """The nearest config at or above ``start`` that configures this tool."""
    directory = start if start.is_dir() else start.parent
    for folder in [directory, *directory.parents]:
        dedicated = folder / DEDICATED_CONFIG
        if dedicated.is_file():
            return dedicated
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _mentions_us(pyproject) and "deepseek-migrate" in _tool_table(load_toml(pyproject)):
            return pyproject
    return None


def _mentions_us(pyproject: Path) -> bool:
    """Parse only pyproject files that could configure this tool (others may be broken)."""
    try:
        return b"deepseek-migrate" in read_regular(pyproject, MAX_TOML_FILE)
    except NotReadable:  # too large or not a file: reading it as config says so in one line
        return True
    except OSError:
        return False


def load_settings(config_file: Path | None, cwd: Path) -> Settings:
    """Read and validate one config file (or return the defaults rooted at ``cwd``)."""
    if config_file is None:
        return Settings(root=cwd)
    if not config_file.exists():
        raise UsageError(f"{config_file}: config file not found")
    data = load_toml(config_file)
    if config_file.name == PYPROJECT or "tool" in data:
        table = _tool_table(data).get("deepseek-migrate", {})
        prefix = "tool.deepseek-migrate."
    else:
        table, prefix = data, ""
    if not isinstance(table, dict):
        raise UsageError(f"{config_file}: {prefix.rstrip('.')}: expected a table")
    return _parse(TableReader(table, str(config_file), prefix), config_file)


def _tool_table(data: dict) -> dict:
    tool = data.get("tool", {})
    return tool if isinstance(tool, dict) else {}


def _parse(reader: TableReader, config_file: Path) -> Settings:
    reader.reject_unknown(_KEYS)
    root = config_file.resolve().parent
    for key in ("exclude", "extend-exclude", "include", "extend-include"):
        reader.globs(key)  # each pattern checked: a bad one names the key
    as_of_text = reader.raw("as-of")
    as_of = None
    if as_of_text is not None:
        if isinstance(as_of_text, (dt.date, dt.datetime)):
            as_of_text = as_of_text.isoformat()
        if not isinstance(as_of_text, str):
            raise reader.fail("as-of", "expected a date such as 2026-07-01")
        as_of = parse_as_of(as_of_text, f"{reader.source}: {reader.key_name('as-of')}")
    targets_table = reader.table("targets")
    targets = {}
    for tier in targets_table.data:
        value = targets_table.string(tier) or ""
        problem = check_model_id(value)
        if problem is not None:
            raise targets_table.fail(tier, problem)
        targets[tier] = value
    return Settings(
        root=root,
        config_file=config_file,
        exclude=tuple(reader.strings("exclude", DEFAULT_EXCLUDE)),
        extend_exclude=tuple(reader.strings("extend-exclude")),
        include=(*reader.strings("include", DEFAULT_INCLUDE), *reader.strings("extend-include")),
        select=tuple(_selectors(reader, "select", DEFAULT_SELECT)),
        ignore=tuple(_selectors(reader, "ignore", ())),
        warn_days=reader.integer("warn-days", 30, minimum=0, maximum=36500),
        fail_on=reader.choice("fail-on", SEVERITIES, "warning") or "warning",
        default_tier=reader.string("default-tier", DEFAULT_TIER) or DEFAULT_TIER,
        rules=tuple((root / item) for item in reader.strings("rules")),
        as_of=as_of,
        targets=targets,
        tier_rules=tuple(_tier_rule(entry) for entry in reader.tables("tier-rules")),
        skip_generated=bool(reader.boolean("skip-generated", True)),
        force_exclude=bool(reader.boolean("force-exclude", False)),
        max_file_size=reader.integer("max-file-size", 1024 * 1024, minimum=1, maximum=1024**3) or 1024 * 1024,
        usage=_usage(reader),
    )


def _selectors(reader: TableReader, key: str, default: Sequence[str]) -> list[str]:
    values = reader.strings(key, default)
    for value in values:
        problem = selector_problem(value)
        if problem:
            raise reader.fail(key, problem)
    return values


def selector_problem(value: str) -> str | None:
    """Why ``value`` cannot select rules, or None when it can."""
    if not _SELECTOR.match(value):
        return f"{value!r} is not a rule code or prefix such as DSM001 or DSM1"
    if not any(code.startswith(value) for code in PUBLIC_CODES):
        return f"{value!r} matches no rule code (codes: {', '.join(PUBLIC_CODES)})"
    return None


def _usage(reader: TableReader) -> tuple[UsageSpec, ...]:
    """``[[usage]]`` entries; their module loads only for configs that declare some."""
    entries = reader.tables("usage")
    if not entries:
        return ()
    from migrator.usage import read_usage

    return tuple(read_usage(entry) for entry in entries)


def _tier_rule(entry: TableReader) -> TierRuleSpec:
    entry.reject_unknown(_TIER_RULE_KEYS)
    tier = entry.string("tier", required=True) or ""
    paths = entry.globs("paths")
    legacy = entry.strings("legacy") if entry.has("legacy") else None
    function = entry.regex("function")
    label = entry.label()
    return TierRuleSpec(
        label=label,
        tier=tier,
        paths=paths,
        legacy=tuple(legacy) if legacy is not None else None,
        uses_tools=entry.boolean("uses-tools"),
        function=function,
    )


def with_overrides(
    settings: Settings,
    *,
    select: Sequence[str] | None = None,
    ignore: Sequence[str] | None = None,
    as_of: dt.datetime | None = None,
    rules: Sequence[Path] = (),
    force_exclude: bool = False,
    fail_on: str | None = None,
) -> Settings:
    """Command-line values: ``--select`` replaces, ``--ignore`` and ``--rules`` add."""
    for option, values in (("--select", select or ()), ("--ignore", ignore or ())):
        for value in values:
            problem = selector_problem(value)
            if problem:
                raise UsageError(f"{option}: {problem}")
    return settings._replace(
        select=tuple(select) if select else settings.select,
        ignore=(*settings.ignore, *(ignore or ())),
        as_of=as_of or settings.as_of,
        rules=(*settings.rules, *rules),
        force_exclude=force_exclude or settings.force_exclude,
        fail_on=fail_on or settings.fail_on,
    )


def tier_policy(settings: Settings, catalog: Catalog) -> TierPolicy:
    """Combine the packs' targets with the project's; check every tier and ID named."""
    targets = {**catalog.targets, **settings.targets}
    source = settings.source
    prefix = "tool.deepseek-migrate." if settings.config_file and settings.config_file.name == PYPROJECT else ""
    if settings.default_tier not in targets:
        raise UsageError(
            f"{source}: {prefix}default-tier: unknown tier {settings.default_tier!r} (known: {', '.join(targets)})"
        )
    for tier, target in settings.targets.items():
        if catalog.split_model_string(target) is not None:
            raise UsageError(f"{source}: {prefix}targets.{tier}: {target!r} is itself a retired model ID")
    rules = []
    for spec in settings.tier_rules:
        if spec.tier not in targets:
            raise UsageError(f"{source}: {prefix}{spec.label}.tier: unknown tier {spec.tier!r} (known: {', '.join(targets)})")
        for legacy_id in spec.legacy or ():
            if legacy_id not in catalog.legacy:
                raise UsageError(
                    f"{source}: {prefix}{spec.label}.legacy: {legacy_id!r} is not a retired model ID "
                    f"(known: {', '.join(catalog.legacy)})"
                )
        rules.append(
            TierRule(
                label=spec.label,
                tier=spec.tier,
                paths=PathPatterns(spec.paths) if spec.paths is not None else None,
                legacy=frozenset(spec.legacy) if spec.legacy is not None else None,
                uses_tools=spec.uses_tools,
                function=spec.function,
            )
        )
    return TierPolicy(default_tier=settings.default_tier, targets=targets, rules=tuple(rules))

