"""Bad config is one line on stderr naming the file and key, and exit 2."""

from __future__ import annotations

import textwrap

import pytest

from migrator.config import find_config
from conftest import write

BAD_CONFIGS = [
    ("colour = 1\n", "tool.deepseek-migrate.colour: unknown key"),
    ('select = "DSM"\n', "tool.deepseek-migrate.select: expected a list of strings, got the string 'DSM'"),
    ('select = ["dsm-1"]\n', "tool.deepseek-migrate.select: 'dsm-1' is not a rule code"),
    ('ignore = ["XYZ9"]\n', "tool.deepseek-migrate.ignore: 'XYZ9' matches no rule code"),
    ('warn-days = "30"\n', "tool.deepseek-migrate.warn-days: expected an integer"),
    ("warn-days = -1\n", "tool.deepseek-migrate.warn-days: must be at least 0"),
    ('fail-on = "fatal"\n', "tool.deepseek-migrate.fail-on: expected one of info, warning, error, got 'fatal'"),
    ('default-tier = "max"\n', "tool.deepseek-migrate.default-tier: unknown tier 'max' (known: flash, pro)"),
    ('as-of = "someday"\n', "tool.deepseek-migrate.as-of: 'someday' is not a date"),
    ("as-of = 12\n", "tool.deepseek-migrate.as-of: expected a date"),
    ('rules = ["missing.toml"]\n', "missing.toml: rule pack not found"),
    ("targets = 3\n", "tool.deepseek-migrate.targets: expected a table"),
    ('[tool.deepseek-migrate.targets]\nflash = ""\n', "tool.deepseek-migrate.targets.flash: '' is not a model ID"),
    (
        '[tool.deepseek-migrate.targets]\nflash = \'x", timeout=__import__("os").system("id"), y="\'\n',
        "tool.deepseek-migrate.targets.flash: 'x\", timeout=",
    ),
    ('[[tool.deepseek-migrate.tier-rules]]\ntier = "gold"\n', "tool.deepseek-migrate.tier-rules[0].tier: unknown tier 'gold'"),
    ("[[tool.deepseek-migrate.tier-rules]]\npaths = []\n", "tool.deepseek-migrate.tier-rules[0].tier: missing required key"),
    ('[[tool.deepseek-migrate.tier-rules]]\ntier = "pro"\nfunction = "(["\n', "tool.deepseek-migrate.tier-rules[0].function: bad regular expression"),
    ('[[tool.deepseek-migrate.tier-rules]]\ntier = "pro"\nuses-tools = "yes"\n', "tool.deepseek-migrate.tier-rules[0].uses-tools: expected true or false"),
    ('[[tool.deepseek-migrate.tier-rules]]\ntier = "pro"\nlegacy = ["gpt-4"]\n', "tool.deepseek-migrate.tier-rules[0].legacy: 'gpt-4' is not a retired model ID"),
    ('[[tool.deepseek-migrate.tier-rules]]\ntier = "pro"\nmodel = "x"\n', "tool.deepseek-migrate.tier-rules[0].model: unknown key"),
    ("exclude = [1]\n", "tool.deepseek-migrate.exclude: expected a list of strings"),
]


@pytest.mark.parametrize("body,expected", BAD_CONFIGS, ids=[b.split("\n")[-2][:30] for b, _ in BAD_CONFIGS])
def test_bad_config_exits_2_with_one_line(cli, tmp_path, body, expected) -> None:
    if body.startswith("["):
        text = body
    else:
        text = "[tool.deepseek-migrate]\n" + body
    write(tmp_path, "pyproject.toml", text)
    write(tmp_path, "app.py", 'MODEL = "deepseek-chat"\n')
    result = cli(["app.py"], cwd=tmp_path)
    assert result.code == 2
    assert result.out == ""
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    assert "pyproject.toml" in lines[0] or "missing.toml" in lines[0]
    assert expected in lines[0]
    assert "Traceback" not in result.err


def test_invalid_toml_names_the_file(cli, tmp_path) -> None:
    write(tmp_path, ".deepseek-migrate.toml", "select = [\n")
    write(tmp_path, "app.py", "x = 1\n")
    result = cli(["."], cwd=tmp_path)
    assert result.code == 2
    assert ".deepseek-migrate.toml: invalid TOML" in result.err


def test_dedicated_file_wins_over_pyproject_in_the_same_folder(tmp_path) -> None:
    write(tmp_path, "pyproject.toml", "[tool.deepseek-migrate]\n")
    write(tmp_path, ".deepseek-migrate.toml", "warn-days = 3\n")
    assert find_config(tmp_path) == tmp_path / ".deepseek-migrate.toml"


def test_pyproject_without_our_section_is_skipped(tmp_path) -> None:
    write(tmp_path, "pyproject.toml", "[tool.deepseek-migrate]\nwarn-days = 9\n")
    write(tmp_path, "pkg/pyproject.toml", "[project]\nname = 'pkg'\n")
    assert find_config(tmp_path / "pkg") == tmp_path / "pyproject.toml"


def test_explicit_config_wins_and_full_schema_is_accepted(cli, tmp_path) -> None:
    write(tmp_path, "app.py", 'MODEL = "deepseek-chat"\n')
    write(
        tmp_path,
        "ci/migrate.toml",
        textwrap.dedent(
            """
            exclude = [".git/"]
            extend-exclude = ["legacy/**"]
            include = ["*.py"]
            select = ["DSM"]
            ignore = ["DSM101"]
            warn-days = 14
            fail-on = "error"
            default-tier = "flash"
            rules = []
            as-of = 2026-07-01

            [targets]
            flash = "deepseek-v4-flash"
            pro = "deepseek-v4-pro"

            [[tier-rules]]
            tier = "pro"
            paths = ["src/agents/**"]
            legacy = ["deepseek-reasoner"]
            uses-tools = true
            function = "^Planner\\\\."
            """
        ),
    )
    result = cli(["--config", "ci/migrate.toml", "--format", "json", "app.py"], cwd=tmp_path)
    assert result.code == 0, result.err  # fail-on = "error" and the only finding is a warning
    assert '"as_of": "2026-07-01T00:00:00Z"' in result.out
    assert '"severity": "warning"' in result.out  # 23 days before, outside a 14-day window


def test_missing_explicit_config_exits_2(cli, tmp_path) -> None:
    result = cli(["--config", "nope.toml", "."], cwd=tmp_path)
    assert (result.code, result.err.strip()) == (2, "migrate: error: nope.toml: config file not found")


def test_select_and_ignore(cli, tmp_path) -> None:
    write(tmp_path, "app.py", 'MODEL = "deepseek-chat"\n')
    assert cli(["--ignore", "DSM001", "app.py"], cwd=tmp_path).code == 0
    assert cli(["--select", "DSM1", "app.py"], cwd=tmp_path).code == 0
    assert cli(["--select", "DSM002", "app.py"], cwd=tmp_path).code == 0  # config files only
    nothing = cli(["--select", "DSM1", "--ignore", "DSM1", "app.py"], cwd=tmp_path)
    assert nothing.code == 2 and "select/ignore leave no rule to run" in nothing.err
    assert cli(["--select", "DSM0", "app.py"], cwd=tmp_path).code == 1
    bad = cli(["--select", "DSM001,DSM9", "app.py"], cwd=tmp_path)
    assert (bad.code, bad.err.splitlines()[0][:50]) == (2, "migrate: error: --select: 'DSM9' matches no rule c")
    bad = cli(["--ignore", "E501", "app.py"], cwd=tmp_path)
    assert bad.code == 2 and "--ignore: 'E501' matches no rule code" in bad.err
