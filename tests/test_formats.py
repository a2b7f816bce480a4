"""CI formats: each a rendering of the same findings (SARIF, GitHub, GitLab, JUnit, Markdown)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from xml.etree import ElementTree

import jsonschema
import pytest

from conftest import AFTER, DEMO, REPO, write

# The official OASIS schema (errata 01), kept with the tests so that CI validates offline.
SARIF_SCHEMA = REPO / "tests" / "schemas" / "sarif-schema-2.1.0.json"


def run(cli, root: Path, fmt: str, *args: str) -> str:
    return cli(["--as-of", AFTER, "--format", fmt, *args, "."], cwd=root).out


@pytest.fixture
def demo(tmp_path) -> Path:
    copy = tmp_path / "demo"
    shutil.copytree(DEMO, copy)
    return copy


def test_sarif_validates_and_carries_rules_fingerprints_and_fixes(cli, demo) -> None:
    document = json.loads(run(cli, demo, "sarif"))
    jsonschema.validate(document, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    run_ = document["runs"][0]
    rules = {rule["id"]: rule for rule in run_["tool"]["driver"]["rules"]}
    assert rules["DSM001"]["defaultConfiguration"]["level"] == "error"
    assert rules["DSM104"]["defaultConfiguration"]["level"] == "note"
    assert "Fix safety" in rules["DSM002"]["help"]["text"]
    results = run_["results"]
    json_findings = json.loads(run(cli, demo, "json"))["findings"]
    assert len(results) == len(json_findings)
    for result, finding in zip(results, json_findings):
        assert result["ruleId"] == finding["code"]
        assert run_["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == finding["code"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"] == finding["path"]
        if "cell" in finding:
            assert "region" not in location and result["properties"]["cell"] == finding["cell"]
        else:
            assert location["region"]["startLine"] == finding["line"]
        if finding["fix"] and finding["fix"]["edits"] and "cell" not in finding:
            replacement = result["fixes"][0]["artifactChanges"][0]["replacements"][0]
            assert replacement["insertedContent"]["text"] == finding["fix"]["edits"][0]["content"]
    prints = [result["partialFingerprints"]["deepseekMigrate/v1"] for result in results]
    assert len(set(prints)) == len(prints)


def test_fingerprints_survive_line_moves(cli, tmp_path) -> None:
    body = 'MODEL = "deepseek-chat"\nOTHER = "deepseek-chat"\n'
    write(tmp_path, "app.py", body)
    before = [r["partialFingerprints"] for r in json.loads(run(cli, tmp_path, "sarif"))["runs"][0]["results"]]
    gitlab_before = [issue["fingerprint"] for issue in json.loads(run(cli, tmp_path, "gitlab"))]
    write(tmp_path, "app.py", "import os\n\n\n" + body)
    after = [r["partialFingerprints"] for r in json.loads(run(cli, tmp_path, "sarif"))["runs"][0]["results"]]
    gitlab_after = [issue["fingerprint"] for issue in json.loads(run(cli, tmp_path, "gitlab"))]
    assert before == after and gitlab_before == gitlab_after and len(set(gitlab_after)) == 2


def test_github_workflow_commands_escape_their_data(cli, tmp_path) -> None:
    write(tmp_path, "a,b:c%.py", 'MODEL = "deepseek-chat"\n')
    lines = run(cli, tmp_path, "github").splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("::error file=a%2Cb%3Ac%25.py,line=1,col=9,endLine=1,endColumn=24,")
    assert "title=DSM001 retired-model-id::" in lines[0] and "\n" not in lines[0]


def test_gitlab_code_quality_report(cli, demo) -> None:
    issues = json.loads(run(cli, demo, "gitlab"))
    assert {issue["check_name"] for issue in issues} == {"DSM001", "DSM002", "DSM003", "DSM105"}
    for issue in issues:
        assert set(issue) >= {"description", "check_name", "fingerprint", "severity", "location"}
        assert issue["severity"] in ("info", "minor", "major", "critical", "blocker")
        assert issue["location"]["lines"]["begin"] >= 1


def test_junit_has_a_case_per_file_and_a_failure_per_finding(cli, demo) -> None:
    root = ElementTree.fromstring(run(cli, demo, "junit"))
    cases = root.findall(".//testcase")
    findings = json.loads(run(cli, demo, "json"))
    assert len(cases) == findings["summary"]["files_scanned"]
    assert len(root.findall(".//failure")) == len(findings["findings"])
    passing = [case for case in cases if not list(case)]
    assert any(case.get("name") == "supportbot/__init__.py" for case in passing)


def test_markdown_report_links_lines(cli, demo, monkeypatch) -> None:
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "acme/bot")
    monkeypatch.setenv("GITHUB_SHA", "abc123")
    text = run(cli, demo, "markdown")
    assert text.startswith("## DeepSeek model retirement report")
    assert "| `deepseek-chat` |" in text and "| flash | `deepseek-v4-flash` |" in text
    assert "[line 23](https://github.com/acme/bot/blob/abc123/supportbot/llm.py#L23)" in text
    assert "cell 3, line 2:" in text


def test_odd_paths_and_control_characters_stay_well_formed(cli, tmp_path, monkeypatch) -> None:
    """Percent-encoded SARIF URIs and Markdown links, valid JUnit XML, no raw ESC in messages, errors in GitLab."""
    write(tmp_path, "odd dir/a (1)#%.py", 'MODEL = "deepseek-chat"\n')
    write(tmp_path, "cfg.json", '{"models": {"fast\\u0001\\u001b[31m`x": "deepseek-chat"}}')
    write(tmp_path, "broken.yaml", "model: deepseek-chat\n  - : [\n")
    sarif = json.loads(run(cli, tmp_path, "sarif"))
    jsonschema.validate(sarif, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    uris = {result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for result in sarif["runs"][0]["results"]}
    assert "odd%20dir/a%20%281%29%23%25.py" in uris
    root = ElementTree.fromstring(run(cli, tmp_path, "junit"))  # parses: control characters were escaped
    assert root.findall(".//failure")
    for fmt in ("text", "concise", "markdown"):
        assert "\x1b" not in run(cli, tmp_path, fmt)
    gitlab = json.loads(run(cli, tmp_path, "gitlab"))
    assert any(issue["check_name"] == "deepseek-migrate/file-error" and issue["location"]["path"] == "broken.yaml"
               for issue in gitlab)
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.com")
    monkeypatch.setenv("GITHUB_REPOSITORY", "acme/bot")
    monkeypatch.setenv("GITHUB_SHA", "abc")
    markdown = run(cli, tmp_path, "markdown")
    assert "(https://github.com/acme/bot/blob/abc/odd%20dir/a%20%281%29%23%25.py#L1)" in markdown
    assert "![" not in markdown.replace("\\!", "")


def test_markdown_never_says_all_clear_over_unanalysed_files(cli, tmp_path) -> None:
    write(tmp_path, "broken.yaml", "model: deepseek-chat\n  - : [\n")
    text = run(cli, tmp_path, "markdown")
    assert "All clear" not in text and "could not be analysed" in text and "Files not analysed" in text


def test_diff_and_stdin_fix_refuse_report_options(cli, tmp_path) -> None:
    write(tmp_path, "a.py", 'MODEL = "deepseek-chat"\n')
    for args in (["--diff", "--format", "sarif", "."], ["--diff", "-o", "d.txt", "."], ["--fix", "--format", "json", "-"]):
        result = cli(["--as-of", AFTER, *args], cwd=tmp_path)
        assert result.code == 2 and "do not apply" in result.err, args
