"""The classes of wrong safe fixes from real code: each one is now unsafe or not offered."""

from __future__ import annotations

import json

import pytest

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


@pytest.mark.parametrize(
    "body",
    [
        'import enum\nclass Base(str, enum.Enum):\n    pass\nclass Model(Base):\n    CHAT = "deepseek-chat"\n    NEW = "deepseek-v4-flash"\n',
        'import enum\nLegacy = enum.Enum("Legacy", {"CHAT": "deepseek-chat", "FLASH": "deepseek-v4-flash"})\n',
        'class Cfg:\n    CHAT = "deepseek-chat"\n    REASONER = "deepseek-reasoner"\nCOST = {Cfg.CHAT: 0.27, Cfg.REASONER: 0.55}\n',
    ],
    ids=["enum-subclass", "functional-enum", "attribute-dict-keys"],
)
def test_values_that_could_collide_get_no_fix_under_any_tier(cli, tmp_path, body: str) -> None:
    findings = [f for f in _findings(cli, tmp_path, body) if f["code"] == "DSM001" and '"deepseek-chat"' in f["message"]]
    assert findings and all(f["fix"] is None for f in findings), findings


def test_every_fix_at_a_request_checks_the_project_and_the_body(cli, tmp_path) -> None:
    """DSM101 and DSM103 fixes get the same doubts as DSM001 (pins, test modules, unknown URLs)."""
    write(tmp_path, "requirements.txt", "anthropic==0.40.0\n")
    write(tmp_path, "a.py", 'import anthropic\nclient = anthropic.Anthropic(base_url="https://api.deepseek.com/anthropic")\n'
          'client.messages.create(model="deepseek-v4-flash", max_tokens=10, messages=[])\n')
    write(tmp_path, "gw.py", 'import requests\nrequests.post("https://deepseek.gateway.acme-ai.io/v1", json={"model": "deepseek-v4-flash", "enable_thinking": False})\n')
    out = json.loads(cli(["--as-of", AFTER, "--format", "json", "."], cwd=tmp_path).out)
    fixes = {(f["path"], f["code"]): f["fix"] for f in out["findings"] if f["fix"]}
    assert fixes[("a.py", "DSM101")]["applicability"] == "unsafe"
    assert fixes[("gw.py", "DSM103")]["applicability"] == "unsafe"


def test_literal_lookups_compared_names_and_mock_assertions_are_knowledge(cli, tmp_path) -> None:
    body = (
        'r = client.chat.completions.create(model="deepseek-chat", messages=[])\n'
        'cap = limits.get("deepseek-chat", 4096)\n'
    )
    (finding,) = [f for f in _findings(cli, tmp_path, body) if f["code"] == "DSM001"]
    assert finding["fix"]["applicability"] == "unsafe" and "line 6 (lookup key)" in finding["fix"]["description"]
    body = (
        'CHEAP = "deepseek-chat"\nr = client.chat.completions.create(model="deepseek-chat", messages=[])\n'
        "if r.model == CHEAP:\n    pass\n"
        'create.assert_called_once_with(model="deepseek-chat", messages=[])\n'
    )
    found = _findings(cli, tmp_path, body, "other.py")
    request = next(f for f in found if f["code"] == "DSM001" and f["line"] == 6)
    # CHEAP is only compared, so it is knowledge itself, and the request's fix names it and where it is compared
    assert "line 5 (module constant CHEAP, only compared or looked up on line 7)" in request["fix"]["description"]
    assert any(f["code"] == "DSM003" and f["line"] == 9 for f in found)


def test_a_body_whose_model_is_set_again_is_not_safe(cli, tmp_path) -> None:
    body = 'body = {"model": "deepseek-chat", "messages": []}\nif deep:\n    body["model"] = "deepseek-reasoner"\nrequests.post(URL, json=body)\n'
    found = [f for f in _findings(cli, tmp_path, body) if f["code"] == "DSM001" and f["line"] == 5]
    assert found[0]["fix"]["applicability"] == "unsafe" and "set again on line 7" in found[0]["fix"]["description"]


def test_the_usual_raw_http_shapes_are_requests(cli, tmp_path) -> None:
    body = (
        'response = requests.post(URL, json={"model": "deepseek-chat", "messages": []})\n'
        'reply = requests.request("POST", URL, data=json.dumps({"model": "deepseek-chat"}).encode())\n'
        "class Api:\n    def __init__(self):\n        self.url = URL\n"
        '    def send(self):\n        return self.session.post(self.url, json={"model": "deepseek-chat"})\n'
    )
    assert len(_safe(_findings(cli, tmp_path, "import json\n" + body))) == 3


def test_test_modules_are_judged_from_the_repository_root(cli, tmp_path) -> None:
    (tmp_path / ".git").mkdir()
    path = write(tmp_path, "tests/fixtures/bodies.py", HEADER + 'requests.post(URL, json={"model": "deepseek-chat"})\n')
    found = json.loads(cli(["--as-of", AFTER, "--format", "json", "."], cwd=path.parent.parent).out)["findings"]
    assert _safe(found) == []


def test_a_few_shot_assistant_turn_is_not_a_stripped_history(cli, tmp_path) -> None:
    body = (
        'FEW_SHOT = [{"role": "user", "content": "2+2?"}, {"role": "assistant", "content": "4"}]\n'
        'client.chat.completions.create(model="deepseek-reasoner", messages=FEW_SHOT, tools=TOOLS)\n'
    )
    found = _findings(cli, tmp_path, body)
    assert not any(f["code"] == "DSM105" for f in found) and len(_safe(found)) == 1


@pytest.mark.parametrize(
    "client",
    [
        'OpenAI(base_url="http://45.77.10.20:3000/deepseek/v1")',
        'OpenAI(base_url=os.getenv("LLM_URL", "https://deepseek.relay.acme-ai.io/v1"))',
        'OpenAI(api_key=KEY, base_url=RELAY)',
    ],
)
def test_a_request_to_a_relay_named_for_deepseek_is_found_but_not_fixed_safely(cli, tmp_path, client: str) -> None:
    """A relay whose URL names DeepSeek may forward the old ID to it (a finding), but whether it knows the new one,
    the code cannot show."""
    body = f'import os\nKEY = "k"\nRELAY = "https://deepseek-relay.acme-ai.io/v1"\ngw = {client}\ngw.chat.completions.create(model="deepseek-chat", messages=[])\n'
    (finding,) = [f for f in _findings(cli, tmp_path, body) if f["code"] == "DSM001"]
    assert finding["fix"]["applicability"] == "unsafe"
    assert "not to the DeepSeek API; change it only if that gateway forwards to DeepSeek" in finding["fix"]["description"]


@pytest.mark.parametrize("host", ["http://45.77.10.20:3000/v1", "https://relay.acme-ai.io/v1", "http://one-api:3000/v1"])
def test_a_written_host_that_is_not_deepseeks_is_another_server(cli, tmp_path, host: str) -> None:
    """A relay the code names, not named for DeepSeek: what it does with the name, the code does not show.

    It is no finding, in code or in a config file, until a pack lists the
    host in ``deepseek-hosts`` (a team's own relay to DeepSeek).
    """
    write(tmp_path, "app.py", f'relay = OpenAI(base_url="{host}")\nrelay.chat.completions.create(model="deepseek-chat", messages=[])\n')
    write(tmp_path, "llm.yaml", f"relay:\n  base_url: {host}\n  model: deepseek-chat\n")
    report = json.loads(cli(["--as-of", AFTER, "--format", "json", "--select", "DSM0", "."], cwd=tmp_path).out)
    assert report["findings"] == []
    name = host.split("//")[1].split(":")[0].split("/")[0]
    write(tmp_path, "relay.toml", f'[providers]\ndeepseek-hosts = ["{name}"]\n')
    report = json.loads(cli(["--as-of", AFTER, "--format", "json", "--select", "DSM0", "--rules", "relay.toml", "."],
                            cwd=tmp_path).out)
    assert sorted((f["path"], f["code"]) for f in report["findings"]) == [("app.py", "DSM001"), ("llm.yaml", "DSM002")]


def test_deepseek_and_unwritten_hosts_keep_their_safe_fix(cli, tmp_path) -> None:
    body = (
        'client.chat.completions.create(model="deepseek-chat", messages=[])\n'
        'import os\nother = OpenAI(base_url=os.environ["LLM_URL"])\n'
        'other.chat.completions.create(model="deepseek-reasoner", messages=[])\n'
    )
    fixes = [f["fix"]["applicability"] for f in _findings(cli, tmp_path, body) if f["code"] == "DSM001"]
    assert fixes == ["safe", "safe"]


@pytest.mark.parametrize("host", ["https://api.example.com/v1", "http://llm.test:8000/v1", "https://mock.invalid"])
def test_hosts_reserved_for_examples_and_tests_are_not_deepseek(cli, tmp_path, host: str) -> None:
    body = f'fake = OpenAI(base_url="{host}")\nfake.chat.completions.create(model="deepseek-chat", messages=[])\n'
    assert [f for f in _findings(cli, tmp_path, body) if f["code"] == "DSM001"] == []


def test_a_gateway_host_imported_from_a_config_module_makes_the_fix_unsafe(cli, tmp_path) -> None:
    write(tmp_path, "app/__init__.py", "")
    write(tmp_path, "app/config.py", 'API_URL = "http://45.77.10.20:3000/deepseek/v1"\n')
    write(tmp_path, "app/llm.py", "from openai import OpenAI\nfrom app.config import API_URL\n"
          'client = OpenAI(base_url=API_URL, api_key="k")\n'
          'client.chat.completions.create(model="deepseek-chat", messages=[])\n')
    report = json.loads(cli(["--as-of", AFTER, "--format", "json", "."], cwd=tmp_path).out)
    (finding,) = [f for f in report["findings"] if f["code"] == "DSM001"]
    assert finding["path"] == "app/llm.py" and finding["fix"]["applicability"] == "unsafe"
    assert "45.77.10.20" in finding["fix"]["description"]


@pytest.mark.parametrize("setting", [
    'os.environ["OPENAI_API_BASE"] = "https://api.deepseek.com"',
    'os.environ.setdefault("OPENAI_BASE_URL", "https://api.deepseek.com/v1")',
])
def test_an_openai_provider_routed_to_deepseek_by_the_environment_is_found_but_not_fixed_safely(cli, tmp_path, setting) -> None:
    """The environment sends the library's OpenAI provider to DeepSeek; no check covered that provider's thinking switch."""
    body = (
        f"import os\nfrom camel.models import ModelFactory\n{setting}\n"
        'model = ModelFactory.create(model_platform="openai", model_type="deepseek-chat")\n'
    )
    (finding,) = [f for f in _findings(cli, tmp_path, body) if f["code"] == "DSM001"]
    assert finding["fix"]["applicability"] == "unsafe"
    assert "through the 'openai' provider and a base URL set in the environment" in finding["fix"]["description"]


def test_an_openai_provider_with_another_base_url_in_the_environment_stays_another_api(cli, tmp_path) -> None:
    body = (
        'import os\nfrom camel.models import ModelFactory\nos.environ["OPENAI_BASE_URL"] = "https://openrouter.ai/api/v1"\n'
        'model = ModelFactory.create(model_platform="openai", model_type="deepseek-chat")\n'
    )
    assert [f for f in _findings(cli, tmp_path, body) if f["code"] == "DSM001"] == []
