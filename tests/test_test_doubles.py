"""Test modules that run against doubles hand model IDs to the project's code as test input, not as requests."""

from __future__ import annotations

import json

import pytest

from conftest import AFTER, write

DOUBLED = '''\
from unittest.mock import MagicMock, patch

from app.provider import DeepSeekProvider, validate


class FakeClient:
    def create(self, **kwargs):
        return {"choices": []}


@patch("app.provider.OpenAI")
def test_forwards_the_model(mock_openai):
    provider = DeepSeekProvider(model="deepseek-chat")
    provider.ask("hi")


def test_validation_accepts_the_name():
    assert validate({"provider": "deepseek", "model": "deepseek-reasoner"})


def test_uses_a_fake_client():
    provider = DeepSeekProvider(model="deepseek-chat", client=FakeClient())
    provider.ask("hi")
'''

LIVE = '''\
import os

import pytest

from app.provider import DeepSeekProvider


class FakeClient:
    pass


@pytest.mark.integration
def test_live_answer():
    provider = DeepSeekProvider(model="deepseek-chat", api_key=os.environ["DEEPSEEK_API_KEY"])
    assert provider.ask("hi")
'''

SDK_IN_DOUBLED_MODULE = '''\
import os
from unittest.mock import MagicMock

from openai import OpenAI

client = OpenAI(base_url="https://api.deepseek.com", api_key=os.environ["LLM_KEY"])
helper = MagicMock()


def test_contract():
    client.chat.completions.create(model="deepseek-chat", messages=[])
'''


def _dsm001_lines(cli, tmp_path, path: str, source: str) -> list[int]:
    write(tmp_path, "pyproject.toml", "[project]\nname = 'app'\n")
    write(tmp_path, path, source)
    report = json.loads(cli(["--as-of", AFTER, "--format", "json", "."], cwd=tmp_path).out)
    return [f["line"] for f in report["findings"] if f["code"] == "DSM001"]


def test_a_test_module_of_doubles_hands_ids_to_project_code_as_test_input(cli, tmp_path) -> None:
    assert _dsm001_lines(cli, tmp_path, "tests/test_provider.py", DOUBLED) == []


@pytest.mark.parametrize("path", ["app/selfcheck.py", "scripts/smoke.py"])
def test_the_same_code_outside_test_modules_keeps_its_findings(cli, tmp_path, path: str) -> None:
    assert _dsm001_lines(cli, tmp_path, path, DOUBLED) == [18, 22]


def test_a_live_test_keeps_its_findings_beside_doubles(cli, tmp_path) -> None:
    assert _dsm001_lines(cli, tmp_path, "tests/test_live.py", LIVE) == [14]


def test_a_request_the_test_writes_itself_stays_a_request(cli, tmp_path) -> None:
    assert _dsm001_lines(cli, tmp_path, "tests/test_contract.py", SDK_IN_DOUBLED_MODULE) == [11]
