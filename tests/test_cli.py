"""The CLI contract, exercised through the installed console script."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import AFTER, DEMO, REPO, write


def test_demo_project_text_report(migrate_cmd) -> None:
    result = migrate_cmd(["--as-of", AFTER, str(DEMO)])
    assert result.code == 1, result.err
    assert "supportbot/llm.py:23:15: DSM001 [error]" in result.out
    assert "23 |         model=\"deepseek-chat\"," in result.out
    assert "^^^^^^^^^^^^^^^ DSM001" in result.out
    assert "Deadline exposure by legacy ID" in result.out
    assert "retired 126 days ago" in result.out
    assert "generated/" not in result.out  # .gitignore'd
    assert "noqa" not in result.out.split("Found")[0].split("classify")[0]


def test_demo_project_json_contract(migrate_cmd) -> None:
    result = migrate_cmd(["--format", "json", "--as-of", AFTER, "."], cwd=DEMO)
    assert result.code == 1
    document = json.loads(result.out)
    assert document["tool"]["name"] == "deepseek-migrator"
    assert document["as_of"] == "2026-11-28T00:00:00Z"
    assert document["deadline"] == "2026-07-24T15:59:00Z"
    assert document["errors"] == []
    keys = {
        "code", "name", "severity", "path", "line", "column", "end_line", "end_column",
        "message", "legacy_id", "target", "tier", "tier_reason", "fix",
    }
    for finding in document["findings"]:
        # Findings in a notebook add the cell they stand in (1-based among all cells); findings whose
        # value reaches or is known elsewhere add those places.
        assert set(finding) - {"cell", "related"} == keys
        for place in finding.get("related", []):
            assert set(place) == {"path", "line", "column", "role"} and place["line"] >= 1
        assert ("cell" in finding) == finding["path"].endswith(".ipynb")
        assert finding["severity"] in ("error", "warning", "info")
        assert not finding["path"].startswith(("/", "./", "../"))
        assert "\\" not in finding["path"]
    sites = {(f["path"], f["line"]): f for f in document["findings"]}
    planner = sites[("supportbot/agents/planner.py", 29)]
    assert (planner["tier"], planner["target"], planner["tier_reason"]) == ("pro", "deepseek-v4-pro", "tier-rules[0]")
    drafted = sites[("supportbot/agents/planner.py", 45)]
    assert (drafted["tier"], drafted["tier_reason"]) == ("flash", "inline comment")
    assert ("supportbot/llm.py", 31) not in sites  # suppressed by a noqa comment
    reference = sites[("supportbot/triage.py", 38)]  # a comparison: knowledge, not a request
    assert (reference["code"], reference["severity"], reference["fix"]["applicability"]) == (
        "DSM003", "warning", "display-only",
    )
    tested = sites[("tests/test_triage.py", 5)]  # a test of the ID: knowledge too
    assert (tested["code"], tested["fix"]["applicability"]) == ("DSM003", "display-only")
    summary = document["summary"]
    assert summary["findings"] == len(document["findings"]) == 22
    assert summary["by_code"] == {"DSM001": 16, "DSM002": 3, "DSM003": 2, "DSM105": 1}
    cells = [(f["path"], f["cell"], f["line"], f["column"]) for f in document["findings"] if "cell" in f]
    assert cells == [("notebooks/triage_experiments.ipynb", 3, 2, 11)]
    assert summary["by_severity"] == {"error": 19, "warning": 3, "info": 0}
    stripped = next(f for f in document["findings"] if f["code"] == "DSM105")
    assert (stripped["path"], stripped["line"], stripped["severity"]) == ("supportbot/agents/planner.py", 37, "warning")
    assert {row["legacy_id"]: row["days_since_deadline"] for row in summary["by_legacy_id"]} == {
        "deepseek-chat": 126,
        "deepseek-reasoner": 126,
    }
    # Exposure and tiers count requests only: the DSM003 comparison never fails.
    assert {row["tier"]: row["sites"] for row in summary["by_tier"]} == {"flash": 18, "pro": 1}


def test_clean_project_exits_0(migrate_cmd, tmp_path) -> None:
    write(
        tmp_path,
        "app.py",
        'client.chat.completions.create(model="deepseek-v4-flash", extra_body={"thinking": {"type": "disabled"}})\n',
    )
    result = migrate_cmd(["."], cwd=tmp_path)
    assert result.code == 0
    assert "All clear" in result.out


def test_exit_zero_statistics_and_output_file(migrate_cmd, tmp_path) -> None:
    result = migrate_cmd(["--exit-zero", "--statistics", "--as-of", AFTER, str(DEMO)], cwd=tmp_path)
    assert result.code == 0
    assert "16  DSM001  retired-model-id" in result.out  # one of them in the demo notebook
    assert " 3  DSM002  retired-model-id-in-config" in result.out  # .env.example and config/agents.yaml
    assert " 2  DSM003  legacy-model-reference" in result.out
    assert " 1  DSM105  stripped-reasoning-content" in result.out
    report = tmp_path / "report.json"
    result = migrate_cmd(["--format", "json", "--output", str(report), str(DEMO)], cwd=tmp_path)
    assert result.code == 1 and result.out == ""
    assert json.loads(report.read_text(encoding="utf-8"))["summary"]["findings"] == 22


def test_explain_and_list_rules(migrate_cmd) -> None:
    explained = migrate_cmd(["--explain", "dsm001"])
    assert explained.code == 0
    assert explained.out.startswith("DSM001 (retired-model-id)")
    assert "Fix safety" in explained.out
    listed = migrate_cmd(["--list-rules"])
    assert listed.code == 0 and "DSM001  retired-model-id" in listed.out
    unknown = migrate_cmd(["--explain", "DSM999"])
    assert unknown.code == 2 and unknown.err.count("\n") == 1


def test_usage_errors_are_one_line_exit_2(migrate_cmd, tmp_path) -> None:
    for args in (["--format", "xml", "."], ["--bogus"], ["--jobs", "0", "."]):
        result = migrate_cmd(args, cwd=tmp_path)
        assert result.code == 2, args
        assert result.err.startswith("migrate: error: ")
        assert result.err.count("\n") == 1, result.err
        assert "Traceback" not in result.err


def test_unparsable_file_is_reported_and_the_run_goes_on(migrate_cmd, tmp_path) -> None:
    write(tmp_path, "broken.py", 'def ask(:\n    return client.create(model="deepseek-reasoner")  # x\n# "deepseek-chat"\n')
    write(tmp_path, "good.py", 'MODEL = "deepseek-chat"\n')
    result = migrate_cmd(["--format", "json", "--as-of", AFTER, "."], cwd=tmp_path)
    assert result.code == 1
    document = json.loads(result.out)
    assert len(document["errors"]) == 1
    assert document["errors"][0]["path"] == "broken.py"
    assert document["errors"][0]["message"] == (
        "syntax error at line 1, column 9: invalid syntax; analyzed without line 1, and no fix is offered in this file"
    )
    located = [(f["path"], f["line"], f["column"], (f["fix"] or {}).get("applicability")) for f in document["findings"]]
    assert located == [("broken.py", 2, 32, None), ("good.py", 1, 9, "unsafe")]
    assert "found by a text scan" not in document["findings"][0]["message"]


def test_unparsable_file_alone_still_exits_1(migrate_cmd, tmp_path) -> None:
    write(tmp_path, "broken.py", "x = (deepseek-chat\n")
    result = migrate_cmd(["."], cwd=tmp_path)
    assert result.code == 1
    assert "broken.py: error: syntax error" in result.out


def test_python_dash_m_and_second_script_name(tmp_path) -> None:
    write(tmp_path, "app.py", 'MODEL = "deepseek-chat"\n')
    completed = subprocess.run(
        [sys.executable, "-m", "migrator", "--format", "concise", "app.py"],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert completed.returncode == 1
    assert completed.stdout.startswith("app.py:1:9: DSM001 [error]")
    alias = installed_script("deepseek-migrate")
    assert subprocess.run([alias, "--version"], capture_output=True, text=True).stdout.startswith("deepseek-migrator")


def test_rule_packs_ship_with_the_installed_package(tmp_path) -> None:
    # Run from an unrelated folder with the repository off the path: the
    # built-in pack must come from the installed package itself.
    code = "import migrator, migrator.catalog as c; print(migrator.__file__); print(c.builtin_rules_dir())"
    completed = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    module_file, location = completed.stdout.split()
    package = Path(module_file).parent
    if package == REPO / "migrator":  # an editable install reads the checkout's rules/
        assert Path(location) == REPO / "rules"
    else:
        assert Path(location) == package / "rules"
        assert (package / "rules" / "deepseek-v4.toml").is_file()


def installed_script(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert found, f"{name} not installed"
    return found


def test_this_repository_passes_its_own_check(migrate_cmd) -> None:
    # Dogfooding: the project's pyproject.toml excludes the deliberate
    # examples (fixtures, tests, rule packs); the tool's own code is clean.
    result = migrate_cmd(["."], cwd=REPO)
    assert (result.code, result.err) == (0, ""), result.out
