"""Editors and scripts: `-` reads standard input; --stdin-filename names it; --fix prints the fixed source."""

from __future__ import annotations

import json

from conftest import AFTER, write

REQUEST = (
    "from openai import OpenAI\n\nclient = OpenAI()\n"
    'reply = client.chat.completions.create(model="deepseek-chat", messages=[])\n'
)


def test_check_reports_the_given_name(migrate_cmd, tmp_path) -> None:
    result = migrate_cmd(["--as-of", AFTER, "--format", "json", "--stdin-filename", "app/ask.py", "-"],
                         cwd=tmp_path, stdin=REQUEST)
    assert result.code == 1
    finding = json.loads(result.out)["findings"][0]
    assert (finding["path"], finding["line"], finding["column"], finding["code"]) == ("app/ask.py", 4, 46, "DSM001")


def test_fix_prints_the_fixed_source_only(migrate_cmd, tmp_path) -> None:
    result = migrate_cmd(["--as-of", AFTER, "--fix", "--stdin-filename", "ask.py", "-"], cwd=tmp_path, stdin=REQUEST)
    assert result.code == 0, result.err
    assert result.out == REQUEST.replace(
        'model="deepseek-chat", messages=[])',
        'model="deepseek-v4-flash", messages=[], extra_body={"thinking": {"type": "disabled"}})',
    )
    assert not (tmp_path / "ask.py").exists()  # nothing is written


def test_fix_with_nothing_to_fix_echoes_the_input(migrate_cmd, tmp_path) -> None:
    source = 'MODEL = "deepseek-v4-flash"\n'
    result = migrate_cmd(["--fix", "-"], cwd=tmp_path, stdin=source)
    assert (result.code, result.out) == (0, source)


def test_the_name_picks_the_kind_and_the_config(migrate_cmd, tmp_path) -> None:
    write(tmp_path, "svc/pyproject.toml", '[tool.deepseek-migrate]\nextend-exclude = ["legacy/"]\nignore = ["DSM002"]\n')
    env_file = migrate_cmd(["--as-of", AFTER, "--format", "json", "--stdin-filename", "svc/.env", "-"],
                           cwd=tmp_path, stdin="MODEL=deepseek-chat\n")
    assert json.loads(env_file.out)["findings"] == []  # svc/pyproject.toml ignores DSM002
    other = migrate_cmd(["--as-of", AFTER, "--format", "json", "--stdin-filename", "other/.env", "-"],
                        cwd=tmp_path, stdin="MODEL=deepseek-chat\n")
    assert [f["code"] for f in json.loads(other.out)["findings"]] == ["DSM002"]
    write(tmp_path, "svc/legacy/old.py", REQUEST)
    excluded = migrate_cmd(["--as-of", AFTER, "--force-exclude", "--stdin-filename", "svc/legacy/old.py", "-"],
                           cwd=tmp_path, stdin=REQUEST)
    assert excluded.code == 0 and "DSM001" not in excluded.out


def test_bad_combinations_are_usage_errors(migrate_cmd, tmp_path) -> None:
    write(tmp_path, "a.py", "x = 1\n")
    both = migrate_cmd(["-", "a.py"], cwd=tmp_path, stdin="")
    assert both.code == 2 and "standard input cannot be combined" in both.err
    name_only = migrate_cmd(["--stdin-filename", "x.py", "a.py"], cwd=tmp_path)
    assert name_only.code == 2 and "--stdin-filename goes with -" in name_only.err
    unknown = migrate_cmd(["--stdin-filename", "notes.txt", "-"], cwd=tmp_path, stdin="deepseek-chat")
    assert unknown.code == 2 and "not a kind of file" in unknown.err


def test_force_exclude_applies_excludes_to_named_files(cli, tmp_path) -> None:
    write(tmp_path, "pyproject.toml", '[tool.deepseek-migrate]\nextend-exclude = ["legacy/"]\n')
    write(tmp_path, "legacy/old.py", 'MODEL = "deepseek-chat"\n')
    write(tmp_path, "vendor/lib.py", 'MODEL = "deepseek-chat"\n')
    named = ["legacy/old.py", "vendor/lib.py"]
    assert cli(["--as-of", AFTER, *named], cwd=tmp_path).code == 1  # named files are checked
    assert cli(["--as-of", AFTER, "--force-exclude", *named], cwd=tmp_path).code == 0


def test_diff_unsaved_buffers_and_the_size_limit(migrate_cmd, tmp_path) -> None:
    result = migrate_cmd(["--as-of", AFTER, "--diff", "--stdin-filename", "ask.py", "-"], cwd=tmp_path, stdin=REQUEST)
    assert result.code == 1 and result.out.startswith("--- a/ask.py\n+++ b/ask.py\n")
    write(tmp_path, "pyproject.toml", '[tool.deepseek-migrate]\nextend-exclude = ["gen/"]\nmax-file-size = 200\n')
    unsaved = migrate_cmd(["--as-of", AFTER, "--force-exclude", "--stdin-filename", "src/new.py", "-"],
                          cwd=tmp_path, stdin=REQUEST)
    assert unsaved.code == 1 and "src/new.py:4:46: DSM001" in unsaved.out  # a file not on disk yet
    excluded = migrate_cmd(["--as-of", AFTER, "--force-exclude", "--stdin-filename", "gen/new.py", "-"],
                           cwd=tmp_path, stdin=REQUEST)
    assert excluded.code == 0
    big = migrate_cmd(["--as-of", AFTER, "--stdin-filename", "big.py", "-"], cwd=tmp_path, stdin=REQUEST * 10)
    assert big.code == 0 and "max-file-size" in big.out


def test_a_definition_read_from_standard_input_stays_unsafe_and_is_not_fixed(migrate_cmd, tmp_path) -> None:
    source = (
        'MODEL = "deepseek-chat"\n\n'
        "def ask(client):\n    return client.chat.completions.create(model=MODEL, messages=[])\n"
    )
    check = migrate_cmd(["--as-of", AFTER, "--format", "json", "--stdin-filename", "app/constants.py", "-"],
                        cwd=tmp_path, stdin=source)
    finding = json.loads(check.out)["findings"][0]
    assert finding["fix"]["applicability"] == "unsafe"
    assert "other files of the project are not read with standard input" in finding["fix"]["description"]
    fixed = migrate_cmd(["--as-of", AFTER, "--fix", "--stdin-filename", "app/constants.py", "-"], cwd=tmp_path, stdin=source)
    assert fixed.out == source  # plain --fix leaves it
    unsafe = migrate_cmd(["--as-of", AFTER, "--fix", "--unsafe-fixes", "--stdin-filename", "app/constants.py", "-"],
                         cwd=tmp_path, stdin=source)
    assert unsafe.out == source.replace('"deepseek-chat"', '"deepseek-v4-flash"').replace(
        "messages=[])", 'messages=[], extra_body={"thinking": {"type": "disabled"}})'
    )
