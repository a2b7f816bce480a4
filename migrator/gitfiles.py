"""The files git sees in a work tree: tracked ones, and untracked ones it does not ignore.

Git ignores only untracked files: a ``config.py`` force-added while
``.gitignore`` lists it is part of the project, and model IDs live in such
files. Inside a work tree the file list therefore comes from
``git ls-files --cached --others --exclude-standard``, which is also faster
than walking. Submodules and nested repositories are listed by their own
git. Scanned code never runs: ``core.fsmonitor``, the one setting that makes
``ls-files`` start a program, is switched off on the command line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

# A nested repository inside a nested repository ...: no tree needs more.
MAX_NESTING = 16
_SAFE = ("-c", "core.fsmonitor=false", "-c", "core.quotepath=false")


def git_files(top: Path) -> list[Path] | None:
    """Files under ``top`` as git lists them, or None when ``top`` is not in a git work tree (or git is missing).

    Listed paths that no longer exist (deleted but still in the index) are
    left out. Symbolic links are listed as they are, not followed.
    """
    git = shutil.which("git")
    if git is None or not _in_work_tree(git, top):
        return None
    return _listed(git, top, 0)


def is_git_ignored(git_top: Path, path: Path) -> bool:
    """Does git ignore ``path`` (a file or folder inside the work tree at or above ``git_top``)?"""
    git = shutil.which("git")
    if git is None:
        return False
    completed = _git(git, git_top, "check-ignore", "-q", "--", str(path))
    return completed is not None and completed.returncode == 0


def _in_work_tree(git: str, top: Path) -> bool:
    completed = _git(git, top, "rev-parse", "--is-inside-work-tree")
    return completed is not None and completed.returncode == 0 and completed.stdout.strip() == b"true"


def _listed(git: str, top: Path, depth: int) -> list[Path] | None:
    completed = _git(git, top, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    if completed is None or completed.returncode != 0:
        return None
    found: list[Path] = []
    seen: set[str] = set()
    for raw in completed.stdout.split(b"\0"):
        if not raw:
            continue
        name = os.fsdecode(raw)
        if name in seen:  # a file both in the index and unmerged is listed twice
            continue
        seen.add(name)
        path = top / name.rstrip("/")
        if path.is_dir() and not path.is_symlink():
            # A submodule (listed as one entry) or a nested repository (listed as "name/").
            inner = _listed(git, path, depth + 1) if depth < MAX_NESTING else None
            found.extend(inner or [])
        elif path.is_symlink() or path.exists():
            found.append(path)
    return found


def _git(git: str, cwd: Path, *args: str) -> subprocess.CompletedProcess[bytes] | None:
    """Run git quietly in ``cwd``; None when it cannot be run at all."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    try:
        return subprocess.run(
            [git, *_SAFE, *args], cwd=cwd, capture_output=True, env=environment, stdin=subprocess.DEVNULL,
            timeout=120, check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
