"""Writing a report to ``--output``: never over an input of the run, and every failure one line."""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence, TextIO

from migrator.errors import UsageError


def same_file(path: Path, others: Sequence[Path | None]) -> bool:
    """Is ``path`` (through links) one of ``others``?"""
    target = path.resolve()
    return any(other is not None and other.resolve() == target for other in others)


def write_output(path: Path, write: Callable[[TextIO], None]) -> None:
    try:
        with path.open("w", encoding="utf-8") as stream:
            write(stream)
    except OSError as exc:
        raise UsageError(f"--output: {path}: {exc.strerror or exc}") from None
