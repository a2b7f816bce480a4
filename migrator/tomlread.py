"""Read TOML files and validate their tables with messages that name the key.

Config files and rule packs share these helpers so that every bad value ends
as one line: ``<file>: <key>: <what is wrong>``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any, Iterable, Mapping

from migrator.errors import UsageError
from migrator.pathmatch import is_plain
from migrator.readfile import read_regular

MAX_TOML_FILE = 8 * 1024 * 1024  # config files and rule packs are a few KB

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.9/3.10 only
    import tomli as tomllib


def load_toml(path: Path) -> dict[str, Any]:
    """Parse one TOML file; any read or syntax problem becomes a UsageError."""
    try:
        return tomllib.loads(read_regular(path, MAX_TOML_FILE).decode("utf-8"))
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path}: invalid TOML: the file is not UTF-8") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: invalid TOML: {exc}") from None
    except RecursionError:
        raise UsageError(f"{path}: invalid TOML: nested too deeply to read") from None


class TableReader:
    """Typed access to one TOML table that remembers where it came from."""

    def __init__(self, data: Mapping[str, Any], source: str, prefix: str = "") -> None:
        self.data = data
        self.source = source
        self.prefix = prefix

    def key_name(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def fail(self, key: str, problem: str) -> UsageError:
        return UsageError(f"{self.source}: {self.key_name(key)}: {problem}")

    def reject_unknown(self, allowed: Iterable[str]) -> None:
        allowed_set = set(allowed)
        for key in self.data:
            if key not in allowed_set:
                raise UsageError(
                    f"{self.source}: {self.key_name(key)}: unknown key "
                    f"(expected one of: {', '.join(sorted(allowed_set))})"
                )

    def has(self, key: str) -> bool:
        return key in self.data

    def string(self, key: str, default: str | None = None, required: bool = False) -> str | None:
        if key not in self.data:
            if required:
                raise self.fail(key, "missing required key")
            return default
        value = self.data[key]
        if not isinstance(value, str):
            raise self.fail(key, f"expected a string, got {describe(value)}")
        return value

    def pattern(self, key: str) -> str | None:
        """A regular expression, checked to compile (the error names the key)."""
        value = self.string(key)
        if value is not None:
            import re

            try:
                re.compile(value)
            except re.error as exc:
                raise self.fail(key, f"bad regular expression: {exc}") from None
        return value

    def regex(self, key: str) -> re.Pattern[str] | None:
        """A regular expression, compiled (None when absent); a bad one names the key and itself."""
        value = self.string(key)
        if value is None:
            return None
        try:
            return re.compile(value)
        except re.error as exc:
            raise self.fail(key, f"bad regular expression {value!r}: {exc}") from None

    def globs(self, key: str) -> tuple[str, ...] | None:
        """Gitignore-style globs, each checked (None when absent)."""
        if not self.has(key):
            return None
        patterns = self.strings(key)
        for pattern in patterns:
            if is_plain(pattern):
                continue
            import pathspec

            try:
                pathspec.GitIgnoreSpec.from_lines([pattern])
            except Exception as exc:  # pathspec raises several types for bad globs
                raise self.fail(key, f"bad glob {pattern!r}: {exc}") from None
        return tuple(patterns)

    def label(self) -> str:
        """This table's name in reports: ``tier-rules[0]``, without the pyproject prefix."""
        label = self.prefix.rstrip(".")
        return label[len("tool.deepseek-migrate."):] if label.startswith("tool.deepseek-migrate.") else label

    def strings(self, key: str, default: Iterable[str] = (), required: bool = False) -> list[str]:
        if key not in self.data:
            if required:
                raise self.fail(key, "missing required key")
            return list(default)
        value = self.data[key]
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.fail(key, f"expected a list of strings, got {describe(value)}")
        return list(value)

    def integer(self, key: str, default: int, minimum: int | None = None, maximum: int | None = None) -> int:
        if key not in self.data:
            return default
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(key, f"expected an integer, got {describe(value)}")
        if minimum is not None and value < minimum:
            raise self.fail(key, f"must be at least {minimum}, got {value}")
        if maximum is not None and value > maximum:
            raise self.fail(key, f"must be at most {maximum}, got {value}")
        return value

    def number(self, key: str, required: bool = False) -> float | None:
        if key not in self.data:
            if required:
                raise self.fail(key, "missing required key")
            return None
        value = self.data[key]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(key, f"expected a number, got {describe(value)}")
        return float(value)

    def boolean(self, key: str, default: bool | None = None) -> bool | None:
        if key not in self.data:
            return default
        value = self.data[key]
        if not isinstance(value, bool):
            raise self.fail(key, f"expected true or false, got {describe(value)}")
        return value

    def choice(self, key: str, choices: Iterable[str], default: str | None = None) -> str | None:
        value = self.string(key, default)
        options = list(choices)
        if value is not None and value not in options:
            raise self.fail(key, f"expected one of {', '.join(options)}, got {value!r}")
        return value

    def table(self, key: str) -> TableReader:
        value = self.data.get(key, {})
        if not isinstance(value, dict):
            raise self.fail(key, f"expected a table, got {describe(value)}")
        return TableReader(value, self.source, f"{self.key_name(key)}.")

    def tables(self, key: str) -> list[TableReader]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            raise self.fail(key, f"expected an array of tables, got {describe(value)}")
        return [
            TableReader(item, self.source, f"{self.key_name(key)}[{index}].")
            for index, item in enumerate(value)
        ]

    def raw(self, key: str) -> Any:
        return self.data.get(key)


def describe(value: Any) -> str:
    """Name a TOML value's type the way a user wrote it."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a float"
    if isinstance(value, str):
        return f"the string {value!r}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__
