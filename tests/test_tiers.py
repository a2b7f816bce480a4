"""Tier rules, targets and inline overrides choose the target they should."""

from __future__ import annotations

import json
import textwrap

from conftest import AFTER, write

AGENT = textwrap.dedent(
    '''
    class Planner:
        def step(self, client, msgs, tools):
            return client.chat.completions.create(model="deepseek-reasoner", messages=msgs, tools=tools)

        def chat(self, client, msgs):
            return client.chat.completions.create(model="deepseek-chat", messages=msgs)
    '''
).lstrip()


def tiers(cli, root, files=(".",)) -> list[tuple[str, int, str, str, str]]:
    result = cli(["--format", "json", "--as-of", AFTER, *files], cwd=root)
    assert result.code in (0, 1), result.err
    return [
        (f["path"], f["line"], f["tier"], f["target"], f["tier_reason"])
        for f in json.loads(result.out)["findings"]
    ]


def config(root, body: str) -> None:
    write(root, "pyproject.toml", "[tool.deepseek-migrate]\n" + textwrap.dedent(body))


def test_default_is_flash(cli, tmp_path) -> None:
    write(tmp_path, "src/agents/planner.py", AGENT)
    assert {row[2:] for row in tiers(cli, tmp_path)} == {("flash", "deepseek-v4-flash", "default")}


def test_paths_and_uses_tools_must_both_hold(cli, tmp_path) -> None:
    write(tmp_path, "src/agents/planner.py", AGENT)
    write(tmp_path, "src/chat/planner.py", AGENT)
    config(
        tmp_path,
        """
        [[tool.deepseek-migrate.tier-rules]]
        tier = "pro"
        paths = ["src/agents/**"]
        uses-tools = true
        """,
    )
    rows = tiers(cli, tmp_path)
    pro = [row for row in rows if row[2] == "pro"]
    assert pro == [("src/agents/planner.py", 3, "pro", "deepseek-v4-pro", "tier-rules[0]")]
    assert all(row[4] == "default" for row in rows if row not in pro)


def test_first_matching_rule_wins_and_legacy_and_function_matchers(cli, tmp_path) -> None:
    write(tmp_path, "app/planner.py", AGENT)
    config(
        tmp_path,
        """
        default-tier = "flash"
        [[tool.deepseek-migrate.tier-rules]]
        tier = "flash"
        function = "^Planner\\\\.chat$"
        [[tool.deepseek-migrate.tier-rules]]
        tier = "pro"
        legacy = ["deepseek-reasoner", "deepseek-chat"]
        """,
    )
    assert [(row[1], row[2], row[4]) for row in tiers(cli, tmp_path)] == [
        (3, "pro", "tier-rules[1]"),
        (6, "flash", "tier-rules[0]"),
    ]


def test_targets_override_and_default_tier(cli, tmp_path) -> None:
    write(tmp_path, "app.py", 'MODEL = "deepseek-chat"\n')
    config(
        tmp_path,
        """
        default-tier = "pro"
        [tool.deepseek-migrate.targets]
        pro = "deepseek-v4-pro-2026-09"
        """,
    )
    assert tiers(cli, tmp_path) == [("app.py", 1, "pro", "deepseek-v4-pro-2026-09", "default")]


def test_inline_tier_beats_config_on_the_line_or_statement_start(cli, tmp_path) -> None:
    write(
        tmp_path,
        "app.py",
        textwrap.dedent(
            '''
            A = "deepseek-chat"  # deepseek-migrate: tier=pro
            B = client.chat.completions.create(  # deepseek-migrate: tier=pro
                model="deepseek-chat",
            )
            C = "deepseek-chat"
            '''
        ).lstrip(),
    )
    config(
        tmp_path,
        """
        [[tool.deepseek-migrate.tier-rules]]
        tier = "flash"
        paths = ["*.py"]
        """,
    )
    assert [(row[1], row[2], row[4]) for row in tiers(cli, tmp_path)] == [
        (1, "pro", "inline comment"),
        (3, "pro", "inline comment"),
        (5, "flash", "tier-rules[0]"),
    ]


def test_unknown_inline_tier_is_a_file_error(cli, tmp_path) -> None:
    write(tmp_path, "app.py", 'A = "deepseek-chat"  # deepseek-migrate: tier=ultra\n')
    result = cli(["--format", "json", "--as-of", AFTER, "app.py"], cwd=tmp_path)
    document = json.loads(result.out)
    assert document["errors"] == [
        {"path": "app.py", "message": "line 1: unknown tier 'ultra' in deepseek-migrate comment (known: flash, pro)"}
    ]
    assert document["findings"][0]["tier"] == "flash"
    assert result.code == 1
