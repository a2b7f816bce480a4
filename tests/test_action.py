"""The GitHub Action's run steps, executed locally with the environment variables GitHub sets."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import AFTER, DEMO, REPO

ACTION = yaml.safe_load((REPO / "action.yml").read_text(encoding="utf-8"))


def expand(text: str, inputs: dict[str, str]) -> str:
    """``${{ inputs.x }}`` as the runner fills it in."""
    return re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda match: inputs[match.group(1)], text)


def run_steps(workdir: Path, tmp_path: Path, **given: str) -> tuple[int, str, dict[str, str]]:
    inputs = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
    inputs.update(given)
    summary, outputs = tmp_path / "summary.md", tmp_path / "outputs.txt"
    base = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_ACTION_PATH": str(REPO), "GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(outputs),
        "GITHUB_WORKSPACE": str(workdir), "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/bot",
        "GITHUB_SHA": "abc123", "CI": "true", "GITHUB_ACTIONS": "true",
    }
    stdout, code = "", 0
    for step in ACTION["runs"]["steps"]:
        if step["id"] == "install":
            continue  # the tool under test is already installed in this environment
        env = {**base, **{name: expand(str(value), inputs) for name, value in step.get("env", {}).items()}}
        done = subprocess.run(["bash", "-c", step["run"]], cwd=workdir, env=env, capture_output=True, text=True)
        stdout += done.stdout
        code = done.returncode
        if code:
            break
    written = dict(line.split("=", 1) for line in outputs.read_text().splitlines()) if outputs.exists() else {}
    return code, stdout, {"summary": summary.read_text(encoding="utf-8") if summary.exists() else "", **written}


@pytest.mark.skipif(shutil.which("bash") is None, reason="composite steps run in bash")
def test_action_annotates_summarizes_and_writes_sarif(tmp_path) -> None:
    demo = tmp_path / "demo"
    shutil.copytree(DEMO, demo)
    code, stdout, written = run_steps(demo, tmp_path, **{"as-of": AFTER, "sarif": "results.sarif"})
    assert code == 1 and written["exit-code"] == "1"
    assert "::error file=supportbot/llm.py,line=23,col=15," in stdout
    assert written["summary"].startswith("## DeepSeek model retirement report")
    assert "(https://github.com/acme/bot/blob/abc123/supportbot/llm.py#L23)" in written["summary"]
    sarif = json.loads((demo / "results.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]


def test_action_inputs_fail_on_and_args(tmp_path) -> None:
    demo = tmp_path / "demo"
    shutil.copytree(DEMO, demo)
    code, stdout, _ = run_steps(demo, tmp_path, **{"as-of": AFTER, "args": "--select DSM003", "fail-on": "error"})
    assert code == 0 and "::warning " in stdout and "::error" not in stdout  # DSM003 warnings do not fail on error
    code, _, _ = run_steps(demo, tmp_path, **{"as-of": AFTER, "args": "--select DSM9"})
    assert code == 2  # a usage error stays a usage error


def test_action_keeps_the_projects_fail_on_and_never_globs(tmp_path) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text('[tool.deepseek-migrate]\nfail-on = "error"\n', encoding="utf-8")
    (project / "a.py").write_text('if model == "deepseek-reasoner":\n    pass\n', encoding="utf-8")  # a DSM003 warning
    code, stdout, _ = run_steps(project, tmp_path, **{"as-of": AFTER})
    assert code == 0 and "::warning " in stdout
    code, _, _ = run_steps(project, tmp_path, **{"as-of": AFTER, "paths": "*.py"})
    assert code == 2  # the literal "*.py", not the shell's expansion of it
