"""``--suggest-tiers``: rules proposed from what the code shows, valid TOML, never written by the tool."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from conftest import AFTER, DEMO, write

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CLIENT = 'from openai import OpenAI\nclient = OpenAI(base_url="https://api.deepseek.com")\n'


def demo_without_rules(tmp_path: Path) -> Path:
    project = tmp_path / "demo"
    shutil.copytree(DEMO, project)
    config = project / "pyproject.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text[: text.index("# The escalation planner")], encoding="utf-8")
    return project


def test_the_demo_planner_loop_is_proposed_for_pro_and_the_rule_then_holds(cli, tmp_path) -> None:
    project = demo_without_rules(tmp_path)
    before = (project / "pyproject.toml").read_bytes()
    result = cli(["--suggest-tiers", "--as-of", AFTER, "."], cwd=project)
    assert result.code == 0, result.err
    assert (project / "pyproject.toml").read_bytes() == before  # it never changes config by itself
    proposed = tomllib.loads(result.out)["tool"]["deepseek-migrate"]["tier-rules"]
    assert proposed == [{"tier": "pro", "paths": ["supportbot/agents/planner.py"], "function": r"^(?:Planner\.plan)$"}]
    assert "#   supportbot/agents/planner.py:29 (Planner.plan): an agent loop: tools passed in a loop that hands tool" in result.out
    # Pasted in, the rule decides the planner's site, and nothing is left to propose.
    (project / "pyproject.toml").write_text(before.decode() + "\n" + result.out, encoding="utf-8")
    again = cli(["--suggest-tiers", "--as-of", AFTER, "."], cwd=project)
    assert "No site's code points away from the default tier (flash)" in again.out
    report = cli(["--format", "json", "--as-of", AFTER, "supportbot/agents/planner.py"], cwd=project)
    assert '"tier_reason": "tier-rules[0]"' in report.out


@pytest.mark.parametrize(
    "source, expected",
    [
        # FIM runs in non-thinking mode only: Flash, even where the default is Pro.
        (CLIENT + 'def complete_code(p, s):\n    return client.completions.create(model="deepseek-chat", prompt=p, suffix=s)\n',
         ("flash", "a FIM or prefix completion")),
        (CLIENT + 'def write_report(m):\n    return client.chat.completions.create(model="deepseek-chat", messages=m, max_tokens=65536)\n',
         None),  # with the default Pro, long output already fits
        (CLIENT + 'def classify_ticket(m):\n    return client.chat.completions.create(model="deepseek-chat", messages=m)\n',
         ("flash", "its name says classification")),
        (CLIENT + 'def run(m):\n    return client.chat.completions.create(model="deepseek-chat", messages=m)\n', None),
    ],
)
def test_with_a_pro_default_flash_fits_are_proposed(cli, tmp_path, source: str, expected) -> None:
    write(tmp_path, "pyproject.toml", '[tool.deepseek-migrate]\ndefault-tier = "pro"\n')
    write(tmp_path, "app/worker.py", source)
    out = cli(["--suggest-tiers", "--as-of", AFTER, "."], cwd=tmp_path).out
    rules = tomllib.loads(out).get("tool", {}).get("deepseek-migrate", {}).get("tier-rules", [])
    if expected is None:
        assert rules == []
    else:
        assert [rule["tier"] for rule in rules] == [expected[0]] and expected[1] in out


@pytest.mark.parametrize(
    "source, reason",
    [
        (CLIENT + 'def write_book(m):\n    return client.chat.completions.create(model="deepseek-chat", messages=m, max_tokens=65536)\n',
         "asks for up to 65,536 output tokens: long-horizon work"),
        (CLIENT + 'class ResearchAgent:\n    def step(self, m):\n        return client.chat.completions.create(model="deepseek-chat", messages=m)\n',
         "its name says planning or agent work ('Research')"),
    ],
)
def test_long_output_and_agent_names_are_proposed_for_pro(cli, tmp_path, source: str, reason: str) -> None:
    write(tmp_path, "svc.py", source)
    out = cli(["--suggest-tiers", "--as-of", AFTER, "."], cwd=tmp_path).out
    (rule,) = tomllib.loads(out)["tool"]["deepseek-migrate"]["tier-rules"]
    assert rule["tier"] == "pro" and rule["paths"] == ["svc.py"] and reason in out


def test_a_file_name_with_glob_characters_is_matched_as_itself(cli, tmp_path) -> None:
    # Module-level requests: the rule names the file alone, so its pattern must match that file only.
    write(tmp_path, "svc/plan [v2]*.py", CLIENT + 'reply = client.chat.completions.create(model="deepseek-chat", messages=[], max_tokens=65536)\n')
    write(tmp_path, "svc/plan v.py", CLIENT + 'reply = client.chat.completions.create(model="deepseek-chat", messages=[])\n')
    out = cli(["--suggest-tiers", "--as-of", AFTER, "."], cwd=tmp_path).out
    write(tmp_path, "pyproject.toml", "[tool.deepseek-migrate]\n" + out)
    report = json.loads(cli(["--format", "json", "--as-of", AFTER, "."], cwd=tmp_path).out)
    tiers = {f["path"]: f["tier"] for f in report["findings"] if f["code"] == "DSM001"}
    # Unescaped, the pattern's [v2] and * would match "svc/plan v.py" too.
    assert tiers == {"svc/plan [v2]*.py": "pro", "svc/plan v.py": "flash"}


def test_a_dedicated_config_gets_rules_without_the_pyproject_prefix(cli, tmp_path) -> None:
    write(tmp_path, ".deepseek-migrate.toml", "warn-days = 10\n")
    write(tmp_path, "svc.py", CLIENT + 'def plan_trip(m):\n    return client.chat.completions.create(model="deepseek-chat", messages=m)\n')
    out = cli(["--suggest-tiers", "--as-of", AFTER, "."], cwd=tmp_path).out
    assert tomllib.loads(out)["tier-rules"][0]["function"] == "^(?:plan_trip)$"


def test_suggest_tiers_goes_with_no_fix_or_other_format(cli, tmp_path) -> None:
    write(tmp_path, "svc.py", "x = 1\n")
    for extra in (["--fix"], ["--format", "json"], ["--statistics"]):
        result = cli(["--suggest-tiers", *extra, "."], cwd=tmp_path)
        assert result.code == 2 and "--suggest-tiers" in result.err
