"""The classes of wrong safe fixes from real code: each one is now unsafe or not offered."""

from __future__ import annotations

import json

from conftest import AFTER, write

HEADER = 'import requests\nfrom openai import OpenAI\nclient = OpenAI(base_url="https://api.deepseek.com")\nURL = "https://api.deepseek.com/chat/completions"\n'


def _findings(cli, tmp_path, body: str, name: str = "app.py") -> list[dict]:
    write(tmp_path, name, HEADER + body)
    return json.loads(cli(["--as-of", AFTER, "--format", "json", name], cwd=tmp_path).out)["findings"]


def _safe(findings: list[dict]) -> list[dict]:
    return [f for f in findings if f["fix"] and f["fix"]["applicability"] == "safe"]


def test_dicts_that_are_not_posted_are_data(cli, tmp_path) -> None:
    body = (
        'expected_body = {"model": "deepseek-v4-flash", "messages": []}\n'
        'mock_response = {"model": "deepseek-chat", "choices": []}\n'
        'def fake_create(**kw):\n    return {"model": "deepseek-v4-flash", "choices": []}\n'
        'requests.post(URL, json=expected_body)\n'
    )
    assert _safe(_findings(cli, tmp_path, body)) == []


def test_posted_bodies_and_builder_functions_are_requests(cli, tmp_path) -> None:
    body = (
        'def build(p):\n    return {"model": "deepseek-chat", "messages": [p]}\n'
        'requests.post(URL, json=build("hi"))\n'
    )
    assert len(_safe(_findings(cli, tmp_path, body))) == 1


def test_bodies_in_test_modules_and_to_unknown_urls_are_not_safe(cli, tmp_path) -> None:
    posted = 'body = {"model": "deepseek-chat", "messages": []}\nrequests.post(URL, json=body)\n'
    assert _safe(_findings(cli, tmp_path, posted, "test_api.py")) == []
    unknown = posted.replace("URL,", "upstream_url,")
    found = _findings(cli, tmp_path, "upstream_url = input()\n" + unknown)
    assert _safe(found) == [] and "not visibly the DeepSeek API" in found[0]["fix"]["description"]


def test_a_compared_or_looked_up_id_makes_the_fix_unsafe_and_names_the_line(cli, tmp_path) -> None:
    body = (
        'LIMITS = {"deepseek-chat": 8000}\n'
        'client.chat.completions.create(model="deepseek-chat", messages=[])\n'
    )
    (finding,) = [f for f in _findings(cli, tmp_path, body) if f["code"] == "DSM001"]
    assert finding["fix"]["applicability"] == "unsafe" and "line 5 (dictionary key)" in finding["fix"]["description"]


def test_a_name_compared_elsewhere_makes_its_fix_unsafe(cli, tmp_path) -> None:
    body = 'MODEL = "deepseek-chat"\nif cfg.model == MODEL:\n    pass\n'
    (finding,) = [f for f in _findings(cli, tmp_path, body) if f["code"] == "DSM001"]
    assert "line 6 (comparison)" in finding["fix"]["description"]


def test_enum_members_never_collapse(cli, tmp_path) -> None:
    body = (
        "import enum\nclass Model(str, enum.Enum):\n"
        '    CHAT = "deepseek-chat"\n    REASONER = "deepseek-reasoner"\n'
    )
    findings = [f for f in _findings(cli, tmp_path, body) if f["code"] == "DSM001"]
    assert len(findings) == 2 and all(f["fix"] is None for f in findings)
    assert "alias" in findings[0]["message"]
    path = tmp_path / "app.py"
    before = path.read_text(encoding="utf-8")
    cli(["--fix", "--unsafe-fixes", "--as-of", AFTER, "app.py"], cwd=tmp_path)
    assert path.read_text(encoding="utf-8") == before


def test_a_comment_after_the_last_key_stays_on_its_line(cli, tmp_path) -> None:
    """libcst keeps that comment before the closing brace; it must not move onto the new key."""
    body = 'body = {\n    "model": "deepseek-v4-pro",\n    "max_tokens": 8,  # noqa: E501\n}\nrequests.post(URL, json=body)\n'
    path = write(tmp_path, "app.py", HEADER + body)
    cli(["--fix", "--as-of", AFTER, "app.py"], cwd=tmp_path)
    assert '    "max_tokens": 8,  # noqa: E501\n    "thinking": {"type": "enabled"},\n}' in path.read_text(encoding="utf-8")
