"""Shared helpers: run the CLI in-process or as the installed console script."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import pytest

from migrator.catalog import Catalog, load_catalog
from migrator.cli import main

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "fixtures"
DEMO = FIXTURES / "demo"
SHAPES = FIXTURES / "shapes"
# After the deadline (2026-07-24 15:59 UTC) and well before it.
AFTER = "2026-11-28"
LONG_BEFORE = "2026-03-01"


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run ``migrate`` in this process: ``cli(args, cwd=...)``."""

    def invoke(args: Sequence[str], cwd: Path | None = None) -> Result:
        if cwd is not None:
            monkeypatch.chdir(cwd)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                main(list(args))
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 0
            else:  # pragma: no cover - main always exits
                code = 0
        return Result(code, out.getvalue(), err.getvalue())

    return invoke


def installed_migrate() -> str:
    found = shutil.which("migrate", path=str(Path(sys.executable).parent)) or shutil.which("migrate")
    if found is None:
        pytest.fail("the `migrate` console script is not installed: run `pip install .` first")
    return found


@pytest.fixture
def migrate_cmd() -> Callable[..., Result]:
    """Run the installed console script in a subprocess."""
    executable = installed_migrate()

    def invoke(args: Sequence[str], cwd: Path | None = None, stdin: str | None = None) -> Result:
        env = {key: value for key, value in os.environ.items() if key not in ("FORCE_COLOR",)}
        env["NO_COLOR"] = "1"
        completed = subprocess.run(
            [executable, *args], cwd=cwd, capture_output=True, text=True, env=env, input=stdin, timeout=120
        )
        return Result(completed.returncode, completed.stdout, completed.stderr)

    return invoke


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def project_findings(cli: Callable[..., Result], project: Path, tmp_path: Path) -> list[tuple[str, int, str]]:
    """A copy of a reproducer project scanned on its own: its DSM0 findings as (path, line, code), sorted."""
    import json

    shutil.copytree(project, tmp_path / "project")
    report = json.loads(cli(["--as-of", AFTER, "--format", "json", "--select", "DSM0", "."], cwd=tmp_path / "project").out)
    assert report["errors"] == []
    return sorted((f["path"], f["line"], f["code"]) for f in report["findings"])
