"""``migrate merge``: many repositories' JSON reports, one view; other contract versions refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import AFTER, write

APP = (
    'from openai import OpenAI\nclient = OpenAI(base_url="https://api.deepseek.com")\n'
    'def ask(msgs):\n    return client.chat.completions.create(model="deepseek-chat", messages=msgs)\n'
)


def report(cli, root: Path, name: str, files: dict[str, str], as_of: str) -> Path:
    repo = root / name
    for relative, text in files.items():
        write(repo, relative, text)
    out = root / "reports" / f"{name}.json"
    out.parent.mkdir(exist_ok=True)
    result = cli(["--format", "json", "--as-of", as_of, "--exit-zero", "-o", str(out), "."], cwd=repo)
    assert result.code == 0, result.err
    return out


def test_reports_with_overlapping_paths_and_different_dates_merge_into_a_row_each(cli, tmp_path) -> None:
    api = report(cli, tmp_path, "acme-api", {"app.py": APP, "worker.py": APP.replace("deepseek-chat", "deepseek-reasoner")}, AFTER)
    bot = report(cli, tmp_path, "acme-bot", {"app.py": APP}, "2026-07-01")  # same path, judged before the deadline
    clean = report(cli, tmp_path, "acme-docs", {"app.py": "print('hi')\n"}, AFTER)
    result = cli(["merge", "--format", "json", str(api), str(bot), str(clean)], cwd=tmp_path)
    assert result.code == 0, result.err
    merged = json.loads(result.out)
    rows = {row["name"]: row for row in merged["repositories"]}
    assert list(rows) == ["acme-api", "acme-bot", "acme-docs"]
    assert rows["acme-api"]["sites"] == {"deepseek-chat": 1, "deepseek-reasoner": 1}
    assert rows["acme-bot"]["sites"] == {"deepseek-chat": 1}
    assert rows["acme-bot"]["status"]["deepseek-chat"].startswith("retires in")
    assert rows["acme-api"]["status"]["deepseek-chat"].startswith("retired")
    assert rows["acme-docs"]["sites"] == {} and rows["acme-docs"]["silent_thinking"] is None
    assert merged["totals"]["sites"] == {"deepseek-chat": 2, "deepseek-reasoner": 1}
    assert merged["totals"]["exposed_repositories"] == 2 and merged["totals"]["silent_thinking"] == 2
    assert merged["as_of"] == sorted({rows["acme-api"]["as_of"], rows["acme-bot"]["as_of"]})
    text = cli(["merge", str(api), str(bot), str(clean)], cwd=tmp_path).out
    assert "2 of 3 repositories still name a retired model ID." in text
    assert "judged on different dates" in text
    assert [line for line in text.splitlines() if line.startswith("total")] == ["total" + text.split("\ntotal", 1)[1].splitlines()[0]]
    markdown = cli(["merge", "--format", "markdown", str(api), str(bot)], cwd=tmp_path).out
    assert markdown.startswith("## DeepSeek model retirement: all repositories") and "| acme-bot |" in markdown


@pytest.mark.parametrize(
    "content, message",
    [
        ('{"version": 2, "tool": {"name": "deepseek-migrator"}, "summary": {}}', "report contract version 2; this tool merges version 1"),
        ('{"version": 1, "kind": "merged", "repositories": []}', "a merged view, not one repository's report"),
        ("not json", "not a JSON report"),
        ('{"findings": []}', "no version field"),
        ('{"version": 1, "tool": {"name": "deepseek-migrator"}, "as_of": "x"}', "no 'summary' field"),
        ('{"version": true, "tool": {"name": "deepseek-migrator"}}', "contract version True"),
        ('{"version": 1, "tool": {"name": "other"}}', "not a deepseek-migrator report"),
        ("[" * 20000, "nested too deeply"),
    ],
)
def test_a_report_that_cannot_be_merged_is_one_line_and_exit_2(cli, tmp_path, content: str, message: str) -> None:
    write(tmp_path, "bad.json", content)
    result = cli(["merge", "bad.json"], cwd=tmp_path)
    assert result.code == 2 and message in result.err and "bad.json" in result.err
    assert "Traceback" not in result.err


def test_a_report_with_a_bad_date_or_count_is_refused(cli, tmp_path) -> None:
    good = report(cli, tmp_path, "svc", {"app.py": APP}, AFTER)
    document = json.loads(good.read_text())
    for field, value, message in (("as_of", "yesterday", "is not an ISO 8601 instant"), ("findings", -3, "whole number")):
        changed = dict(document, summary=dict(document["summary"]))
        if field == "as_of":
            changed["as_of"] = value
        else:
            changed["summary"][field] = value
        bad = tmp_path / f"bad-{field}.json"
        bad.write_text(json.dumps(changed))
        result = cli(["merge", str(bad)], cwd=tmp_path)
        assert result.code == 2 and message in result.err and bad.name in result.err


def test_the_merged_view_is_not_written_over_its_reports(cli, tmp_path) -> None:
    one = report(cli, tmp_path, "svc", {"app.py": APP}, AFTER)
    before = one.read_bytes()
    result = cli(["merge", "-o", str(one), str(one)], cwd=tmp_path)
    assert result.code == 2 and "refusing" in result.err and one.read_bytes() == before


def test_two_reports_of_one_name_and_no_report_are_refused(cli, tmp_path) -> None:
    one = report(cli, tmp_path, "svc", {"app.py": APP}, AFTER)
    (tmp_path / "again").mkdir()
    again = tmp_path / "again" / "svc.json"
    again.write_bytes(one.read_bytes())
    assert cli(["merge", str(one), str(again)], cwd=tmp_path).code == 2
    assert cli(["merge"], cwd=tmp_path).code == 2
