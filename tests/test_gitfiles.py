"""Inside a git work tree the file list comes from git: tracked files are scanned even when ignored."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import AFTER, write

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

CONSTANT = 'MODEL = "deepseek-chat"\n'


def git(cwd: Path, *args: str) -> None:
    environment = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                   "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", "-c", "protocol.file.allow=always", "-c", "init.defaultBranch=main", *args],
                   cwd=cwd, check=True, capture_output=True, env=environment)


def repository(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    git(path, "init", "-q")
    return path


def scanned(cli, cwd: Path, *args: str) -> list[str]:
    report = json.loads(cli(["--as-of", AFTER, "--format", "json", *args, "."], cwd=cwd).out)
    return sorted({finding["path"] for finding in report["findings"]})


def test_a_tracked_file_that_gitignore_matches_is_scanned(cli, tmp_path) -> None:
    repo = repository(tmp_path / "app")
    write(repo, ".gitignore", "settings.py\nlocal_*.py\n")
    write(repo, "settings.py", CONSTANT)
    git(repo, "add", "-f", "settings.py", ".gitignore")
    git(repo, "commit", "-qm", "settings")
    write(repo, "local_override.py", CONSTANT)  # untracked and ignored: not part of the project
    write(repo, "new_module.py", CONSTANT)  # untracked, not ignored: about to be committed
    assert scanned(cli, repo) == ["new_module.py", "settings.py"]


def test_submodules_and_nested_repositories_are_listed_by_their_own_git(cli, tmp_path) -> None:
    library = repository(tmp_path / "library")
    write(library, "client.py", CONSTANT)
    git(library, "add", ".")
    git(library, "commit", "-qm", "library")
    repo = repository(tmp_path / "app")
    write(repo, "main.py", CONSTANT)
    git(repo, "add", "main.py")
    git(repo, "submodule", "add", "-q", str(library), "vendor_lib")
    git(repo, "commit", "-qm", "with submodule")
    nested = repository(repo / "plugins" / "nested")  # a repository inside, not a submodule
    write(nested, ".gitignore", "ignored.py\n")
    write(nested, "plugin.py", CONSTANT)
    write(nested, "ignored.py", CONSTANT)
    assert scanned(cli, repo) == ["main.py", "plugins/nested/plugin.py", "vendor_lib/client.py"]


def test_config_and_default_excludes_apply_on_top_of_git(cli, tmp_path) -> None:
    repo = repository(tmp_path / "app")
    write(repo, "pyproject.toml", '[tool.deepseek-migrate]\nexclude = ["scripts/"]\n')
    write(repo, "scripts/one_off.py", CONSTANT)
    write(repo, "env/pyvenv.cfg", "home = /usr/bin\n")  # a virtual environment nobody ignored
    write(repo, "env/lib/site.py", CONSTANT)
    write(repo, "app.py", CONSTANT)
    git(repo, "add", ".")
    assert scanned(cli, repo) == ["app.py"]


def test_without_git_the_folders_are_walked(cli, tmp_path, monkeypatch) -> None:
    repo = repository(tmp_path / "app")
    write(repo, ".gitignore", "settings.py\n")
    write(repo, "settings.py", CONSTANT)
    write(repo, "app.py", CONSTANT)
    git(repo, "add", "-f", ".")
    monkeypatch.setenv("PATH", str(tmp_path / "no-binaries-here"))
    assert scanned(cli, repo) == ["app.py"]  # the walk honours .gitignore for every file


def test_a_deleted_tracked_file_is_no_error(cli, tmp_path) -> None:
    repo = repository(tmp_path / "app")
    write(repo, "gone.py", CONSTANT)
    write(repo, "app.py", CONSTANT)
    git(repo, "add", ".")
    (repo / "gone.py").unlink()
    report = json.loads(cli(["--as-of", AFTER, "--format", "json", "."], cwd=repo).out)
    assert report["errors"] == [] and [f["path"] for f in report["findings"]] == ["app.py"]


def test_a_repository_config_cannot_make_listing_run_a_program(cli, tmp_path) -> None:
    """``core.fsmonitor`` names a program ``git ls-files`` would start: scanned trees must not run it."""
    repo = repository(tmp_path / "app")
    marker = tmp_path / "ran"
    hook = write(tmp_path, "hook.sh", f"#!/bin/sh\ntouch {marker}\n")
    hook.chmod(0o755)
    git(repo, "config", "core.fsmonitor", str(hook))
    write(repo, "app.py", CONSTANT)
    assert scanned(cli, repo) == ["app.py"]
    assert not marker.exists()
