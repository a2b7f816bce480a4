"""Discovery honours .gitignore, default and configured excludes, and include."""

from __future__ import annotations

import subprocess

from migrator.config import Settings, load_settings
from migrator.discover import discover
from conftest import write

LEGACY = 'MODEL = "deepseek-chat"\n'


def names(root, settings=None, paths=None) -> list[str]:
    settings = settings or Settings(root=root)
    return [p.relative_to(root).as_posix() for p in discover(paths or [root], settings)]


def test_default_excludes_and_virtualenvs(tmp_path) -> None:
    for relative in [
        "app/main.py", ".venv/lib/x.py", "venv/x.py", "node_modules/pkg/x.py", "build/lib/x.py",
        "dist/x.py", ".tox/py/x.py", "pkg/__pycache__/x.py", "nb/.ipynb_checkpoints/x.py",
        ".history/app/main_20260101.py", "lib/site-packages/x.py", "custom-env/lib/x.py",
    ]:
        write(tmp_path, relative, LEGACY)
    write(tmp_path, "custom-env/pyvenv.cfg", "home = /usr/bin\n")
    assert names(tmp_path) == ["app/main.py"]


def test_include_selects_file_kinds(tmp_path) -> None:
    write(tmp_path, "a.py", LEGACY)
    write(tmp_path, "b.pyi", LEGACY)
    write(tmp_path, "c.txt", LEGACY)
    assert names(tmp_path) == ["a.py", "b.pyi"]


def test_gitignore_nested_negation_and_repo_root(tmp_path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write(tmp_path, ".gitignore", "generated/\n*_pb2.py\n")
    write(tmp_path, "src/.gitignore", "!keep_pb2.py\nscratch.py\n")
    for relative in ["src/app.py", "src/scratch.py", "src/api_pb2.py", "src/keep_pb2.py", "generated/x.py"]:
        write(tmp_path, relative, LEGACY)
    assert names(tmp_path) == ["src/app.py", "src/keep_pb2.py"]
    # Walking a subfolder still applies the repository's root .gitignore.
    assert names(tmp_path, paths=[tmp_path / "src"]) == ["src/app.py", "src/keep_pb2.py"]


def test_config_exclude_replaces_and_extend_exclude_adds(tmp_path) -> None:
    for relative in ["src/app.py", "legacy/old.py", "build/gen.py"]:
        write(tmp_path, relative, LEGACY)
    write(tmp_path, "pyproject.toml", '[tool.deepseek-migrate]\nextend-exclude = ["legacy/"]\n')
    settings = load_settings(tmp_path / "pyproject.toml", tmp_path)
    assert names(tmp_path, settings) == ["src/app.py"]
    write(tmp_path, "pyproject.toml", '[tool.deepseek-migrate]\nexclude = ["legacy/"]\n')
    settings = load_settings(tmp_path / "pyproject.toml", tmp_path)
    assert names(tmp_path, settings) == ["build/gen.py", "src/app.py"]


def test_explicit_files_are_always_checked(tmp_path) -> None:
    write(tmp_path, ".gitignore", "scratch.py\n")
    path = write(tmp_path, "scratch.py", LEGACY)
    assert names(tmp_path, paths=[path]) == ["scratch.py"]


def test_missing_path_is_a_usage_error(cli, tmp_path) -> None:
    result = cli(["nowhere/"], cwd=tmp_path)
    assert (result.code, result.err.strip()) == (2, "migrate: error: nowhere: no such file or directory")


def test_prefilter_skips_files_without_needles(cli, tmp_path) -> None:
    write(tmp_path, "broken_but_unrelated.py", "def (:\n")  # would be a syntax error if parsed
    write(tmp_path, "app.py", LEGACY)
    result = cli(["--format", "json", "."], cwd=tmp_path)
    assert '"errors": []' in result.out
    assert '"files_scanned": 2' in result.out
