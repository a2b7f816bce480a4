"""The cost view: prices per tier against the aliases', silent thinking, and declared monthly usage."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import AFTER, write

from migrator.catalog import Price
from migrator.cost import monthly_cost

FLASH = Price("deepseek-v4-flash", dt.date(2026, 4, 24), 0.14, 0.028, 0.28)
PRO = Price("deepseek-v4-pro", dt.date(2026, 4, 24), 1.74, 0.145, 3.48)

CONFIG = """
[tool.deepseek-migrate]
[[tool.deepseek-migrate.tier-rules]]
paths = ["app/agents/**"]
tier = "pro"

[[tool.deepseek-migrate.usage]]
paths = ["app/agents/**"]
input-tokens = 10_000_000
output-tokens = 2_000_000
cache-hit-share = 0.25

[[tool.deepseek-migrate.usage]]
function = "^summarize"
input-tokens = 40_000_000
output-tokens = 4_000_000

[[tool.deepseek-migrate.usage]]
paths = ["nothing/**"]
input-tokens = 1_000
"""

CLIENT = 'from openai import OpenAI\nclient = OpenAI(base_url="https://api.deepseek.com")\n'


def project(root: Path, config: str = CONFIG) -> Path:
    write(root, "pyproject.toml", config)
    write(
        root, "app/agents/planner.py",
        CLIENT + 'def plan(msgs):\n    return client.chat.completions.create(model="deepseek-reasoner", messages=msgs)\n',
    )
    write(
        root, "app/summaries.py",
        CLIENT
        + 'def summarize(msgs):\n    return client.chat.completions.create(model="deepseek-chat", messages=msgs)\n\n\n'
        + 'def summarize_short(msgs):\n    return client.chat.completions.create(\n'
        + '        model="deepseek-chat", messages=msgs, extra_body={"thinking": {"type": "disabled"}}\n    )\n\n\n'
        + 'def tag(msgs):\n    return client.chat.completions.create(model="deepseek-chat", messages=msgs)\n',
    )
    return root


def cost_of(cli, root: Path, *args: str) -> dict:
    result = cli(["--format", "json", "--as-of", AFTER, *args, "."], cwd=root)
    assert result.code == 1, (result.out + result.err)
    return json.loads(result.out)["summary"]["cost"]


def test_monthly_cost_against_hand_computed_figures() -> None:
    # 10M input, a quarter from cache, 2M output: 7.5 x 0.14 + 2.5 x 0.028 + 2 x 0.28 = 1.05 + 0.07 + 0.56
    assert monthly_cost(FLASH, 10_000_000, 2_000_000, 0.25) == pytest.approx(1.68)
    # Pro: 7.5 x 1.74 + 2.5 x 0.145 + 2 x 3.48 = 13.05 + 0.3625 + 6.96
    assert monthly_cost(PRO, 10_000_000, 2_000_000, 0.25) == pytest.approx(20.3725)
    assert monthly_cost(FLASH, 0, 0, 0.5) == 0


def test_the_report_prices_each_tier_and_estimates_the_declared_month(cli, tmp_path) -> None:
    cost = cost_of(cli, project(tmp_path))
    tiers = {tier["tier"]: tier for tier in cost["tiers"]}
    assert cost["legacy_model"] == "deepseek-v4-flash" and cost["legacy_price"]["as_of"] == "2026-04-24"
    assert tiers["pro"]["model"] == "deepseek-v4-pro" and tiers["pro"]["sites"] == 1 and tiers["flash"]["sites"] == 3
    assert tiers["pro"]["multiple"] == {"input_cache_miss": 12.43, "input_cache_hit": 5.18, "output": 12.43}
    assert tiers["flash"]["multiple"] == {"input_cache_miss": 1.0, "input_cache_hit": 1.0, "output": 1.0}
    usage = {item["label"]: item for item in cost["usage"]}
    agents, summaries, nothing = usage["usage[0]"], usage["usage[1]"], usage["usage[2]"]
    assert agents["sites"] == 1 and agents["monthly"] == pytest.approx(20.3725)
    assert agents["monthly_all_flash"] == pytest.approx(1.68)
    # summarize and summarize_short share 40M in / 4M out on Flash: 40 x 0.14 + 4 x 0.28
    assert summaries["sites"] == 2 and summaries["monthly"] == pytest.approx(6.72)
    assert nothing["sites"] == 0 and nothing["monthly"] == 0
    assert cost["monthly"] == pytest.approx(20.3725 + 6.72)
    assert cost["monthly_all_flash"] == pytest.approx(1.68 + 6.72)
    assert cost["difference"] == pytest.approx(20.3725 - 1.68)


def test_silent_thinking_counts_non_thinking_sites_a_rename_would_switch(cli, tmp_path) -> None:
    """deepseek-chat in summarize and tag say nothing about thinking; summarize_short disables it; the
    deepseek-reasoner site thinks already."""
    assert cost_of(cli, project(tmp_path))["silent_thinking"] == 2


def test_text_and_markdown_show_the_cost_view(cli, tmp_path) -> None:
    project(tmp_path)
    text = cli(["--as-of", AFTER, "."], cwd=tmp_path).out
    assert "Cost by tier" in text and "12.43x / 5.18x / 12.43x" in text and "2026-04-24" in text
    assert "Silent thinking: 2 sites" in text
    assert "usage[2] matches no request site: its tokens are not counted." in text
    assert "Declared usage costs 27.09 USD a month with the configured tiers and 8.40 USD all on deepseek-v4-flash: +18.69 USD." in text
    markdown = cli(["--as-of", AFTER, "--format", "markdown", "."], cwd=tmp_path).out
    assert "| pro | deepseek-v4-pro | 1 | 1.74 | 0.145 | 3.48 | 2026-04-24 |" in markdown


def test_a_prices_file_replaces_the_pack_prices_model_by_model(cli, tmp_path) -> None:
    write(tmp_path, "prices.toml", '[[prices]]\nmodel = "deepseek-v4-pro"\nas-of = 2026-11-01\n'
          'input-cache-miss = 0.87\ninput-cache-hit = 0.0725\noutput = 1.74\n')
    cost = cost_of(cli, project(tmp_path), "--prices", "prices.toml")
    tiers = {tier["tier"]: tier for tier in cost["tiers"]}
    assert tiers["pro"]["as_of"] == "2026-11-01" and tiers["pro"]["multiple"]["output"] == 6.21
    assert tiers["flash"]["as_of"] == "2026-04-24"  # not named in the file: the pack's
    # 7.5 x 0.87 + 2.5 x 0.0725 + 2 x 1.74
    assert cost["usage"][0]["monthly"] == pytest.approx(6.525 + 0.18125 + 3.48)


@pytest.mark.parametrize(
    "entry, message",
    [
        ("input-tokens = 10\ncache-hit-share = 1.5", "usage[0].cache-hit-share: must be a share between 0 and 1"),
        ("input-tokens = -5", "usage[0].input-tokens: must be at least 0"),
        ("input-tokens = 10\nmonthly = 3", "usage[0]"),
        ('function = "("\ninput-tokens = 1', "usage[0].function: bad regular expression"),
        ('paths = ["app/**"]', "usage[0].input-tokens: missing"),
    ],
)
def test_bad_usage_config_is_one_line_and_exit_2(cli, tmp_path, entry: str, message: str) -> None:
    write(tmp_path, "pyproject.toml", f"[tool.deepseek-migrate]\n[[tool.deepseek-migrate.usage]]\n{entry}\n")
    write(tmp_path, "app.py", "x = 1\n")
    result = cli(["."], cwd=tmp_path)
    assert result.code == 2
    assert message in (result.out + result.err) and "pyproject.toml" in (result.out + result.err)
    assert "Traceback" not in (result.out + result.err)


@pytest.mark.parametrize(
    "content, message",
    [
        ('[[prices]]\nmodel = "m"\ninput-cache-miss = 1\ninput-cache-hit = 1\noutput = 1\n', "prices[0].as-of"),
        ('[[prices]]\nmodel = "m"\nas-of = 2026-01-01\ninput-cache-miss = -1\ninput-cache-hit = 1\noutput = 1\n', "finite amount of at least 0"),
        ('[[prices]]\nmodel = "m"\nas-of = 2026-01-01\ninput-cache-miss = nan\ninput-cache-hit = 1\noutput = 1\n', "finite amount"),
        ('[[prices]]\nmodel = "m"\nas-of = 2026-01-01\ninput-cache-miss = 1\ninput-cache-hit = inf\noutput = 1\n', "finite amount"),
        ("title = 'x'\n", "title"),
        ("", "no [[prices]] table"),
    ],
)
def test_bad_prices_file_is_one_line_and_exit_2(cli, tmp_path, content: str, message: str) -> None:
    write(tmp_path, "p.toml", content)
    write(tmp_path, "app.py", "x = 1\n")
    result = cli(["--prices", "p.toml", "."], cwd=tmp_path)
    assert result.code == 2 and message in (result.out + result.err) and "p.toml" in (result.out + result.err)


def test_a_fim_request_is_not_silent_thinking(cli, tmp_path) -> None:
    """FIM runs in non-thinking mode only: renaming its model cannot start thinking."""
    write(tmp_path, "fim.py", CLIENT + 'def fill(p, s):\n    return client.completions.create(model="deepseek-chat", prompt=p, suffix=s)\n')
    assert cost_of(cli, tmp_path)["silent_thinking"] == 0


def test_the_report_is_not_written_over_the_config_or_the_prices(cli, tmp_path) -> None:
    project(tmp_path)
    write(tmp_path, "prices.toml", '[[prices]]\nmodel = "m"\nas-of = 2026-01-01\ninput-cache-miss = 1\ninput-cache-hit = 1\noutput = 1\n')
    config, prices = (tmp_path / "pyproject.toml").read_bytes(), (tmp_path / "prices.toml").read_bytes()
    for target in ("pyproject.toml", "prices.toml"):
        for extra in ([], ["--suggest-tiers"]):
            result = cli([*extra, "--prices", "prices.toml", "-o", target, "."], cwd=tmp_path)
            assert result.code == 2 and "refusing" in result.err
    assert (tmp_path / "pyproject.toml").read_bytes() == config and (tmp_path / "prices.toml").read_bytes() == prices
