"""Which Python lines read the environment variables that .env files set to a retired ID.

A .env value cannot carry the thinking switch, so DSM002 names the code
that reads it: a quoted variable name (``os.getenv("DEEPSEEK_MODEL")``,
``environ["DEEPSEEK_MODEL"]``, ``Field(alias="DEEPSEEK_MODEL")``) or a
pydantic-settings field of the same name (``deepseek_model: str = ...``).
Plain byte searches: every Python file is read by the prefilter anyway.
"""

from __future__ import annotations

import re
from typing import Iterable

from migrator.catalog import Catalog

_ASSIGNMENT = re.compile(rb"^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*[\"']?([^\s\"'#]+)", re.MULTILINE)


def env_keys_set_to_retired(data: bytes, catalog: Catalog) -> set[str]:
    """The variables a .env file sets to a retired ID (with or without a DeepSeek prefix)."""
    keys = set()
    for match in _ASSIGNMENT.finditer(data):
        value = match.group(2).decode("utf-8", "replace")
        if catalog.split_model_string(value) is not None:
            keys.add(match.group(1).decode("ascii"))
    return keys


def reader_pattern(keys: Iterable[str]) -> re.Pattern[bytes] | None:
    """One pattern for every key: quoted, or a settings field (only for names with an underscore)."""
    names = sorted(set(keys))
    if not names:
        return None
    quoted = b"|".join(re.escape(name.encode()) for name in names)
    fields = b"|".join(re.escape(name.lower().encode()) for name in names if "_" in name)
    pattern = rb"[\"'](" + quoted + rb")[\"']"
    if fields:
        pattern += rb"|^[ \t]+(" + fields + rb")[ \t]*:"
    return re.compile(pattern, re.MULTILINE)


def env_readers(data: bytes, pattern: re.Pattern[bytes], shown: str) -> dict[str, list[str]]:
    """``{"DEEPSEEK_MODEL": ["app/settings.py:12"]}`` for one Python file."""
    found: dict[str, list[str]] = {}
    for match in pattern.finditer(data):
        name = (match.group(1) or match.group(2) or b"").decode("ascii")
        line = data.count(b"\n", 0, match.start()) + 1
        key = name if match.group(1) else name.upper()
        found.setdefault(key, []).append(f"{shown}:{line}")
    return found
