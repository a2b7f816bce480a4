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
