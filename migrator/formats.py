"""Output formats and file kinds: names only, so that the command line loads nothing heavy to check them."""

from __future__ import annotations

import fnmatch
from pathlib import Path

FORMATS = ("text", "concise", "json", "sarif", "github", "gitlab", "junit", "markdown")
# Formats whose readers apply or show the fixes' edits (they need rendering them).
WITH_EDITS = frozenset({"json", "sarif"})

PYTHON_SUFFIXES = (".py", ".pyi")
# Config file name patterns of each kind, matched against the name alone.
CONFIG_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("env", (".env", ".env.*", "*.env")),
    ("yaml", ("*.yaml", "*.yml")),
    ("toml", ("*.toml",)),
    ("json", ("*.json", "*.jsonc")),
    ("ini", ("*.ini", "*.cfg")),
)


def config_kind(name: str) -> str | None:
    """The config format a file name says, or None for files that are not config."""
    for kind, patterns in CONFIG_KINDS:
        if any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns):
            return kind
    return None


def file_kind(path: Path) -> str | None:
    """"python", "notebook", a config kind ("env", "yaml", ...), or None for files no analysis reads."""
    if path.suffix in PYTHON_SUFFIXES:
        return "python"
    if path.suffix == ".ipynb":
        return "notebook"
    return config_kind(path.name)
