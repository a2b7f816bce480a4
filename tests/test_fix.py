"""`--fix`, `--unsafe-fixes` and `--diff`: golden pairs, guarantees and exit codes."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import pytest

from conftest import AFTER, DEMO, FIXTURES, write
from migrator.fixer import apply_fixes
from migrator.findings import Edit, Fix, Span

GOLDEN = FIXTURES / "golden"
PAIRS = sorted(GOLDEN.glob("*/*.before.py"))


@pytest.mark.parametrize("before", PAIRS, ids=[f"{p.parent.name}/{p.name[:-10]}" for p in PAIRS])
def test_golden_pair(cli, tmp_path, before: Path) -> None:
    name = before.name[: -len(".before.py")]
    expected = before.with_name(f"{name}.after.py").read_text(encoding="utf-8")
    target = tmp_path / f"{name}.py"
    shutil.copyfile(before, target)
    flags = ["--fix", "--unsafe-fixes"] if before.parent.name == "unsafe" else ["--fix"]
    first = cli([*flags, "--as-of", AFTER, "--format", "json", target.name], cwd=tmp_path)
    assert first.code in (0, 1), first.err
    assert target.read_text(encoding="utf-8") == expected
    compile(expected, str(target), "exec")
    second = cli([*flags, "--as-of", AFTER, "--format", "json", target.name], cwd=tmp_path)
    assert target.read_text(encoding="utf-8") == expected, "a second run changed the file"
    assert json.loads(second.out)["summary"]["fixed"] == 0


def test_golden_pairs_cover_every_fixable_request_shape() -> None:
    from migrator.catalog import load_catalog

    text = "".join(path.read_text(encoding="utf-8") for path in PAIRS)
    shapes = {shape.name for shape in load_catalog().python.requests}
    markers = {
        "openai-chat": "chat.completions.create(", "openai-fim": "beta.completions.create(",
        "anthropic-messages": "messages.create(", "http-payload": "'model':",
        "langchain-chat-deepseek": "ChatDeepSeek(", "langchain-chat-openai": "ChatOpenAI(", "litellm": "litellm.completion(", "crewai-llm": "LLM(",
        "dspy-lm": "dspy.LM(", "autogen-openai-client": "OpenAIChatCompletionClient(",
        "llamaindex-deepseek": "DeepSeek(model=", "llamaindex-openai-like": "OpenAILike(",
        "pydantic-ai-agent": 'Agent("deepseek:', "agno-deepseek": "DeepSeek(id=",
        "camel-model-factory": "ModelFactory.create(",
    }
    assert set(markers) == shapes
    assert all(marker in text for marker in markers.values())


def test_safe_fix_leaves_unsafe_ones_and_reports_counts(cli, tmp_path) -> None:
    write(
        tmp_path,
        "app.py",
        'from openai import OpenAI\nclient = OpenAI()\nMODEL = "deepseek-chat"\n'
        'client.chat.completions.create(model="deepseek-reasoner", messages=[])\n',
    )
    before = cli(["--as-of", AFTER, "app.py"], cwd=tmp_path)
    assert "1 finding fixable with --fix." in before.out
    assert "1 more finding fixable with --fix --unsafe-fixes" in before.out
    result = cli(["--fix", "--as-of", AFTER, "app.py"], cwd=tmp_path)
    assert result.code == 1  # the constant remains
    assert "Fixed 1 finding in 1 file." in result.out
    text = (tmp_path / "app.py").read_text(encoding="utf-8")
    assert 'MODEL = "deepseek-chat"' in text
    assert 'model="deepseek-v4-flash", messages=[], extra_body={"thinking": {"type": "enabled"}}' in text
    result = cli(["--fix", "--unsafe-fixes", "--as-of", AFTER, "app.py"], cwd=tmp_path)
    assert result.code == 0 and "Fixed 1 finding in 1 file." in result.out
    assert 'MODEL = "deepseek-v4-flash"' in (tmp_path / "app.py").read_text(encoding="utf-8")


def test_unsafe_fix_says_what_to_add_and_where(cli, tmp_path) -> None:
    write(
        tmp_path,
        "app.py",
        'client = make()\nMODEL = "deepseek-chat"\nregister(MODEL)\n\n\ndef ask():\n'
        "    return client.chat.completions.create(model=MODEL, messages=[])\n",
    )
    finding = json.loads(cli(["--format", "json", "--as-of", AFTER, "app.py"], cwd=tmp_path).out)["findings"][0]
    assert finding["fix"]["applicability"] == "unsafe"
    assert finding["fix"]["description"] == (
        'Use "deepseek-v4-flash" and set thinking disabled at the request that reads it: '
        "client.chat.completions.create() at app.py:7 (not safe: app.py:3 hands it on "
        "(argument of register()), where the analysis cannot follow it)"
    )
    # Edits are minimal: only the characters that change, the value and the switch at its request.
    assert finding["fix"]["edits"] == [
        {"line": 2, "column": 19, "end_line": 2, "end_column": 23, "content": "v4-flash"},
        {"line": 7, "column": 67, "end_line": 7, "end_column": 67, "content": ', extra_body={"thinking": {"type": "disabled"}}'},
    ]
    assert finding["related"] == [
        {"path": "app.py", "line": 3, "column": 10, "role": "handed on"},
        {"path": "app.py", "line": 7, "column": 49, "role": "request"},
    ]


def test_a_constant_read_only_by_requests_is_fixed_safely_with_the_switch_at_each(cli, tmp_path) -> None:
    write(
        tmp_path,
        "app.py",
        'client = make()\nMODEL = "deepseek-chat"\n\n\ndef ask():\n'
        "    return client.chat.completions.create(model=MODEL, messages=[])\n",
    )
    assert cli(["--fix", "--as-of", AFTER, "app.py"], cwd=tmp_path).code == 0
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == (
        'client = make()\nMODEL = "deepseek-v4-flash"\n\n\ndef ask():\n'
        '    return client.chat.completions.create(model=MODEL, messages=[], extra_body={"thinking": {"type": "disabled"}})\n'
    )


def test_diff_prints_and_writes_nothing(cli, tmp_path) -> None:
    source = 'client.chat.completions.create(model="deepseek-chat", messages=[])\n'
    write(tmp_path, "app.py", source)
    result = cli(["--diff", "--as-of", AFTER, "app.py"], cwd=tmp_path)
    assert result.code == 1
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == source
    assert result.out == (
        "--- a/app.py\n+++ b/app.py\n@@ -1 +1 @@\n"
        '-client.chat.completions.create(model="deepseek-chat", messages=[])\n'
        '+client.chat.completions.create(model="deepseek-v4-flash", messages=[], '
        'extra_body={"thinking": {"type": "disabled"}})\n'
    )
    assert result.err == "Would apply 1 fix in 1 file.\n"
    write(tmp_path, "clean.py", 'MODEL = "deepseek-v4-flash"\n')
    clean = cli(["--diff", "clean.py"], cwd=tmp_path)
    assert (clean.code, clean.out, clean.err) == (0, "", "No fixes to apply.\n")


def test_tier_rules_choose_what_the_fix_writes(cli, tmp_path) -> None:
    call = 'client.chat.completions.create(model="deepseek-reasoner", messages=m, tools=t)\n'
    write(tmp_path, "agents/planner.py", call)
    write(tmp_path, "chat/reply.py", call)
    write(
        tmp_path,
        "pyproject.toml",
        '[tool.deepseek-migrate]\n[[tool.deepseek-migrate.tier-rules]]\ntier = "pro"\npaths = ["agents/"]\n',
    )
    assert cli(["--fix", "--as-of", AFTER, "."], cwd=tmp_path).code == 0
    assert 'model="deepseek-v4-pro"' in (tmp_path / "agents/planner.py").read_text(encoding="utf-8")
    assert 'model="deepseek-v4-flash"' in (tmp_path / "chat/reply.py").read_text(encoding="utf-8")


def test_crlf_bom_cookie_and_mode_are_kept(cli, tmp_path) -> None:
    crlf = tmp_path / "crlf.py"
    crlf.write_bytes(b'x = 1\r\nclient.chat.completions.create(\r\n    model="deepseek-chat",\r\n    messages=[],\r\n)\r\n')
    bom = tmp_path / "bom.py"
    bom.write_bytes(b'\xef\xbb\xbfclient.chat.completions.create(model="deepseek-chat")\n')
    latin = tmp_path / "latin.py"
    latin.write_bytes(b'# -*- coding: latin-1 -*-\nG = "caf\xe9"\nclient.messages.create(model="deepseek-reasoner")\n')
    os.chmod(crlf, 0o640)
    assert cli(["--fix", "--as-of", AFTER, "."], cwd=tmp_path).code == 0
    assert crlf.read_bytes() == (
        b'x = 1\r\nclient.chat.completions.create(\r\n    model="deepseek-v4-flash",\r\n    messages=[],\r\n'
        b'    extra_body={"thinking": {"type": "disabled"}},\r\n)\r\n'
    )
    assert stat.S_IMODE(crlf.stat().st_mode) == 0o640
    assert bom.read_bytes().startswith(b'\xef\xbb\xbfclient.chat.completions.create(model="deepseek-v4-flash"')
    assert latin.read_bytes() == (
        b'# -*- coding: latin-1 -*-\nG = "caf\xe9"\n'
        b'client.messages.create(model="deepseek-v4-flash", thinking={"type": "enabled"})\n'
    )
    assert not list(tmp_path.glob(".*.tmp"))


def test_read_only_file_is_not_fixed(cli, tmp_path) -> None:
    path = write(tmp_path, "ro.py", 'client.chat.completions.create(model="deepseek-chat")\n')
    os.chmod(path, 0o444)
    try:
        result = cli(["--fix", "--format", "json", "--as-of", AFTER, "ro.py"], cwd=tmp_path)
        document = json.loads(result.out)
        assert result.code == 1
        assert document["errors"] == [{"path": "ro.py", "message": "read-only: not fixed"}]
        assert len(document["findings"]) == 1
        assert "deepseek-chat" in path.read_text(encoding="utf-8")
    finally:
        os.chmod(path, 0o644)


def test_file_changed_on_disk_is_not_overwritten(tmp_path) -> None:
    from migrator.fixer import write_atomically

    path = write(tmp_path, "a.py", "new content\n")
    assert write_atomically(path, b"old content\n", b"fixed\n") == (
        "changed on disk while it was being fixed: not overwritten"
    )
    assert path.read_text(encoding="utf-8") == "new content\n"


def test_fixes_that_would_break_the_file_are_not_applied(tmp_path) -> None:
    from migrator.fixer import fix_source

    source = "x = 1\n"
    broken = Fix("safe", "breaks", (Edit(Span(1, 5, 1, 6), "("),))
    from migrator.findings import Finding

    finding = Finding("DSM001", "retired-model-id", "error", "a.py", Span(1, 5, 1, 6), "m", fix=broken)
    outcome = fix_source(source, lambda text: [finding], ("safe",))
    assert outcome.source == source and outcome.applied == 0
    assert outcome.error.startswith("fixes not applied: they would make the file invalid")


def test_overlapping_fixes_wait_for_the_next_pass() -> None:
    first = Fix("safe", "a", (Edit(Span(1, 1, 1, 4), "AAA"),))
    overlapping = Fix("safe", "b", (Edit(Span(1, 3, 1, 6), "BBB"),))
    later = Fix("safe", "c", (Edit(Span(2, 1, 2, 2), "C"),))
    assert apply_fixes("abcdef\nx\n", [overlapping, later, first]) == ("AAAdef\nC\n", 2)


def test_demo_project_fix_then_check(cli, tmp_path) -> None:
    demo = tmp_path / "demo"
    shutil.copytree(DEMO, demo)
    fixed = cli(["--fix", "--as-of", AFTER, "--format", "json", "."], cwd=demo)
    summary = json.loads(fixed.out)["summary"]
    # Not safe: the planner's tool loop drops reasoning_content, and pyproject.toml
    # allows anthropic 0.34, older than the first release that takes thinking=.
    # The notebook's request is fixed safely in its cell; config values are unsafe (no toggle there).
    assert (summary["fixed"], summary["files_fixed"]) == (6, 5)
    remaining = json.loads(cli(["--as-of", AFTER, "--format", "json", "."], cwd=demo).out)
    assert remaining["summary"]["by_code"] == {"DSM001": 10, "DSM002": 3, "DSM003": 2, "DSM105": 1}
    assert {(f["fix"] or {}).get("applicability") for f in remaining["findings"]} == {"unsafe", "display-only", None}
    unfixed = [f for f in remaining["findings"] if f["code"] == "DSM001" and f["fix"] is None]
    assert [f["path"] for f in unfixed] == ["supportbot/triage.py"] * 2  # the Enum members would collide


HEADER = 'from openai import OpenAI\nclient = OpenAI(base_url="https://api.deepseek.com")\n'


def fixed(cli, tmp_path, body: str, *flags: str) -> str:
    path = write(tmp_path, "case.py", HEADER + body)
    result = cli(["--fix", *flags, "--as-of", AFTER, "--format", "json", "case.py"], cwd=tmp_path)
    assert result.code in (0, 1), result.err
    text = path.read_text(encoding="utf-8")
    compile(text, "case.py", "exec")
    return text[len(HEADER):]


def test_dict_spread_into_an_sdk_call_is_not_an_http_body(cli, tmp_path) -> None:
    body = 'params = {"model": "deepseek-chat", "messages": []}\nclient.chat.completions.create(**params)\n'
    assert fixed(cli, tmp_path, body) == body  # no safe fix: a top-level "thinking" key would be a TypeError
    out = fixed(cli, tmp_path, body, "--unsafe-fixes")
    assert '"thinking"' not in out and '"deepseek-v4-flash"' in out


def test_new_literals_respect_the_enclosing_f_string(cli, tmp_path) -> None:
    body = (
        'a = client.chat.completions.create(model="deepseek-chat", messages=[])\n'
        "print(f\"{client.chat.completions.create(model=('deepseek-' 'reasoner'), messages=[]).id}\")\n"
    )
    out = fixed(cli, tmp_path, body)
    assert "model='deepseek-v4-flash', messages=[], extra_body={'thinking': {'type': 'enabled'}}" in out
    assert 'a = client.chat.completions.create(model="deepseek-v4-flash"' in out


def test_chat_keeps_thinking_disabled_when_a_foreign_budget_is_present(tmp_path, cli) -> None:
    path = write(
        tmp_path,
        "a.py",
        "from anthropic import Anthropic\n"
        'ac = Anthropic(base_url="https://api.deepseek.com/anthropic")\n'
        'a = ac.messages.create(model="deepseek-chat", max_tokens=9, messages=[], thinking={"budget_tokens": 1000})\n',
    )
    cli(["--fix", "--as-of", AFTER, "a.py"], cwd=tmp_path)
    # The budget stays (DeepSeek ignores it; removing a chosen value is only an unsafe fix).
    assert 'thinking={"budget_tokens": 1000, "type": "disabled"})' in path.read_text(encoding="utf-8")
    cli(["--fix", "--unsafe-fixes", "--as-of", AFTER, "a.py"], cwd=tmp_path)
    assert 'thinking={"type": "disabled"})' in path.read_text(encoding="utf-8")


def test_a_choice_of_models_gets_no_shared_toggle(cli, tmp_path) -> None:
    body = 'x = client.chat.completions.create(model=think and "deepseek-chat" or "deepseek-v4-pro", messages=[])\n'
    assert fixed(cli, tmp_path, body) == body
    out = fixed(cli, tmp_path, body, "--unsafe-fixes")
    assert "extra_body" not in out and 'think and "deepseek-v4-flash" or "deepseek-v4-pro"' in out


def test_a_visible_extra_body_variable_without_thinking_is_reported(cli, tmp_path) -> None:
    write(tmp_path, "a.py", HEADER + 'EB = {"user": "x"}\nclient.chat.completions.create(model="deepseek-v4-flash", extra_body=EB)\n')
    document = json.loads(cli(["--format", "json", "--as-of", AFTER, "a.py"], cwd=tmp_path).out)
    assert [(f["code"], f["fix"]) for f in document["findings"]] == [("DSM101", None)]


def test_comments_stay_with_their_arguments(cli, tmp_path) -> None:
    body = (
        "r = client.chat.completions.create(\n"
        '    model="deepseek-chat",  # cheap one\n'
        "    messages=[]  # history\n"
        ")\n"
        "r = client.chat.completions.create(\n"
        '    model="deepseek-v4-pro",\n'
        "    messages=[],  # history\n"
        "    temperature=0.2,  # drop me\n"
        '    extra_body={"thinking": {"type": "enabled"}},\n'
        ")\n"
    )
    assert fixed(cli, tmp_path, body, "--unsafe-fixes") == (
        "r = client.chat.completions.create(\n"
        '    model="deepseek-v4-flash",  # cheap one\n'
        "    messages=[],  # history\n"
        '    extra_body={"thinking": {"type": "disabled"}}\n'
        ")\n"
        "r = client.chat.completions.create(\n"
        '    model="deepseek-v4-pro",\n'
        "    messages=[],  # history\n"
        '    extra_body={"thinking": {"type": "enabled"}},\n'
        ")\n"
    )


def test_foreign_nested_switch_keeps_its_neighbours(cli, tmp_path) -> None:
    body = (
        'client.chat.completions.create(model="deepseek-v4-pro", '
        'extra_body={"chat_template_kwargs": {"thinking": False, "other": 1}})\n'
    )
    out = fixed(cli, tmp_path, body)
    assert '"chat_template_kwargs": {"other": 1}' in out and '"thinking": {"type": "disabled"}' in out


def test_deeply_nested_requests_are_fixed_in_one_run(cli, tmp_path) -> None:
    inner = "0"
    for _ in range(10):
        inner = f'client.chat.completions.create(model="deepseek-chat", messages=[{inner}])'
    body = f"x = {inner}\n"
    out = fixed(cli, tmp_path, body)
    assert "deepseek-chat" not in out
    assert fixed(cli, tmp_path, out) == out


def test_diff_lines_are_the_files_own(cli, tmp_path) -> None:
    write(tmp_path, "ff.py", 'x = "\u2028"\n\x0c\nclient.chat.completions.create(model="deepseek-chat")\n')
    out = cli(["--diff", "--as-of", AFTER, "ff.py"], cwd=tmp_path).out
    assert "\\ No newline" not in out and out.count("\n-") == 1 and out.count("\n+") == 2


def test_hard_linked_files_are_not_split(cli, tmp_path) -> None:
    path = write(tmp_path, "a.py", 'client.chat.completions.create(model="deepseek-chat")\n')
    os.link(path, tmp_path / "b.txt")
    document = json.loads(cli(["--fix", "--format", "json", "--as-of", AFTER, "a.py"], cwd=tmp_path).out)
    assert document["errors"][0]["message"].startswith("has 2 hard links: not fixed")
    assert "deepseek-chat" in path.read_text(encoding="utf-8")


def test_a_comment_after_the_only_key_of_extra_body_stays(cli, tmp_path) -> None:
    write(
        tmp_path,
        "app.py",
        'client.chat.completions.create(\n    model="deepseek-chat",\n    extra_body={"top_k": 20,  # keep sampling narrow\n    },\n)\n',
    )
    assert cli(["--fix", "--as-of", AFTER, "app.py"], cwd=tmp_path).code == 0
    assert (tmp_path / "app.py").read_text(encoding="utf-8") == (
        'client.chat.completions.create(\n    model="deepseek-v4-flash",\n    extra_body={"top_k": 20,  # keep sampling narrow\n'
        '    "thinking": {"type": "disabled"},\n    },\n)\n'
    )
