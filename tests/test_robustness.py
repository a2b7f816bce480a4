"""Bad input costs one per-file diagnostic, never the run."""

from __future__ import annotations

import json

import pytest

from conftest import AFTER, write

REQUEST = 'from openai import OpenAI\nc = OpenAI()\nc.chat.completions.create(model="deepseek-chat", messages=[])\n'

DEEP = {
    "parentheses": "x = " + "(" * 1400 + '"deepseek-chat"' + ")" * 1400 + "\n",
    "lists": "x = " + "[" * 3000 + '"deepseek-chat"' + "]" * 3000 + "\n",
    "attributes": 'x = "deepseek-chat"' + ".a" * 20000 + "\n",
    "operators": 'x = "deepseek-chat"' + ' + "a"' * 50000 + "\n",
    "calls": "x = f" + "(1)" * 20000 + '\ny = "deepseek-chat"\n',
}


@pytest.mark.parametrize("shape", sorted(DEEP))
def test_nesting_python_cannot_compile_is_a_file_error_not_a_crash(migrate_cmd, tmp_path, shape: str) -> None:
    """libcst's native parser segfaulted on these; CPython's parser bounds nesting first."""
    write(tmp_path, "deep.py", DEEP[shape])
    write(tmp_path, "ok.py", REQUEST)
    result = migrate_cmd(["--fix", "--as-of", AFTER, "--format", "json", "-j", "1", "."], cwd=tmp_path)
    assert result.code == 1, result.err
    report = json.loads(result.out)
    assert [e["path"] for e in report["errors"]] == ["deep.py"]
    assert "too deeply nested" in report["errors"][0]["message"]
    assert any(f["path"] == "deep.py" and f["code"] == "DSM001" for f in report["findings"])  # the text scan
    assert report["summary"]["fixed"] == 1 and "deepseek-v4-flash" in (tmp_path / "ok.py").read_text()


def test_symlink_loops_and_unreadable_folders_cost_one_line_each(cli, tmp_path, monkeypatch) -> None:
    import os

    write(tmp_path, "ok.py", REQUEST)
    write(tmp_path, "locked/inner.py", REQUEST)
    (tmp_path / "loop").symlink_to("loop")
    (tmp_path / "a").symlink_to("b")
    (tmp_path / "b").symlink_to("a")
    real_scandir = os.scandir

    def scandir(path):  # the run is root in CI, where chmod 000 does not stop reading
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = cli(["--as-of", AFTER, "--format", "json", "."], cwd=tmp_path)
    assert result.code == 1, result.err
    report = json.loads(result.out)
    assert sorted(e["path"] for e in report["errors"]) == ["a", "b", "locked", "loop"]
    assert [f["path"] for f in report["findings"]] == ["ok.py"]


def test_a_thousand_nested_folders(cli, tmp_path) -> None:
    import os

    folder = str(tmp_path)
    for _ in range(1000):
        folder = os.path.join(folder, "d")
        os.mkdir(folder)
    with open(os.path.join(folder, "x.py"), "w", encoding="utf-8") as handle:
        handle.write('MODEL = "deepseek-chat"\n')
    result = cli(["--as-of", AFTER, "--format", "json", "."], cwd=tmp_path)
    assert result.code == 1 and len(json.loads(result.out)["findings"]) == 1


@pytest.mark.parametrize(
    "args,culprit",
    [
        (["--as-of", "9999-12-31T23:59:59-23:59"], "--as-of: '9999-12-31T23:59:59-23:59' is out of range"),
        (["--config", "deep.toml"], "deep.toml: invalid TOML: nested too deeply"),
    ],
)
def test_extreme_arguments_are_one_line_and_exit_2(cli, tmp_path, args, culprit) -> None:
    write(tmp_path, "deep.toml", "x = " + "[" * 5000 + "]" * 5000 + "\n")
    write(tmp_path, "ok.py", REQUEST)
    result = cli([*args, "ok.py"], cwd=tmp_path)
    assert result.code == 2 and culprit in result.err and len(result.err.strip().splitlines()) == 1
