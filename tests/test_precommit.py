"""The hook manifest, exercised by the real pre-commit against this checkout (try-repo).

try-repo installs the checkout's tracked files (with their uncommitted
changes): a new module must be added to git before this test can see it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO, write

REQUEST = 'from openai import OpenAI\n\nclient = OpenAI(base_url="https://api.deepseek.com")\n' \
    'reply = client.chat.completions.create(model="deepseek-chat", messages=[])\n'


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
def test_check_hook_fails_with_findings_and_fix_hook_rewrites(tmp_path) -> None:
    project = tmp_path / "project"
    write(project, "app.py", REQUEST)
    write(project, "config/agents.yaml", "writer:\n  llm:\n    model: deepseek-chat\n")
    write(project, "legacy/old.py", 'MODEL = "deepseek-chat"\n')
    write(project, "pyproject.toml", '[tool.deepseek-migrate]\nextend-exclude = ["legacy/"]\n')
    git(project, "init", "-q")
    git(project, "add", "-A")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
        "NO_COLOR": "1",
    }
    pre_commit = [sys.executable, "-m", "pre_commit"]
    # Both hooks of the manifest, in order: the check fails on the findings, then the fix rewrites app.py.
    run = subprocess.run(
        [*pre_commit, "try-repo", str(REPO), "--all-files", "--color", "never"],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
    )
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert "app.py:4:" in output and "DSM001" in output
    assert "config/agents.yaml:3:12: DSM002" in output
    assert "legacy/old.py" not in output  # --force-exclude: named by pre-commit, excluded by config
    assert "files were modified by this hook" in output
    fixed = (project / "app.py").read_text(encoding="utf-8")
    assert 'model="deepseek-v4-flash"' in fixed and '"thinking": {"type": "disabled"}' in fixed
    assert "deepseek-chat" in (project / "config/agents.yaml").read_text(encoding="utf-8")  # unsafe: not in --fix
