"""Test modules that run against doubles hand model IDs to the project's code as test input, not as requests."""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import AFTER, FIXTURES, write

DOUBLED = '''\
from unittest.mock import MagicMock, patch

from app.provider import DeepSeekProvider


class FakeClient:
    def create(self, **kwargs):
        return {"choices": []}


@patch("app.provider.OpenAI")
def test_forwards_the_model(mock_openai):
    provider = DeepSeekProvider(model="deepseek-chat")
    provider.ask("hi")


def test_answers_without_a_double():
    assert DeepSeekProvider(model="deepseek-reasoner").ask("hi")


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


OWN_SERVER = '''\
import threading
import unittest
from http.server import BaseHTTPRequestHandler, HTTPServer

from openai import OpenAI


def chat(model, max_tokens):
    return {"model": model, "messages": [{"role": "user", "content": "hi"}], "max_tokens": max_tokens}


class Echo(BaseHTTPRequestHandler):
    def do_POST(self):
        self.send_response(200)


class OfflineTests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = HTTPServer(("127.0.0.1", 0), Echo)
        threading.Thread(target=cls.server.serve_forever, daemon=True).start()
        host, port = cls.server.server_address
        cls.client = OpenAI(api_key="offline", base_url=f"http://{host}:{port}")

    def test_alias(self):
        reply = self.client.chat.completions.create(**chat("deepseek-chat", 32))
        self.assertEqual(reply.model, "deepseek-chat")
'''


def _codes_by_line(cli, tmp_path, path: str, source: str) -> list[tuple[int, str]]:
    write(tmp_path, "pyproject.toml", "[project]\nname = 'app'\n")
    write(tmp_path, path, source)
    report = json.loads(cli(["--as-of", AFTER, "--format", "json", "--select", "DSM0", "."], cwd=tmp_path).out)
    return [(f["line"], f["code"]) for f in report["findings"]]


def test_a_server_the_test_class_starts_on_this_machine_is_a_double(cli, tmp_path) -> None:
    """The input is what the test's own server echoes, and the test asserts it back: knowledge, not a request."""
    assert _codes_by_line(cli, tmp_path, "tests/test_offline.py", OWN_SERVER) == [(26, "DSM003"), (27, "DSM003")]


@pytest.mark.parametrize("changed", [
    ('HTTPServer(("127.0.0.1", 0), Echo)', 'HTTPServer(("10.0.0.5", 0), Echo)'),  # another machine's address
    ("def setUpClass(cls):", "def prepare(cls):"),  # a server nothing runs before the tests
])
def test_a_server_elsewhere_or_not_started_for_the_tests_is_no_double(cli, tmp_path, changed) -> None:
    assert (26, "DSM001") in _codes_by_line(cli, tmp_path, "tests/test_offline.py", OWN_SERVER.replace(*changed))


PARAMETRIZED_REFUSALS = '''\
import pytest
from openai import OpenAI

from app import ProviderError, client


@pytest.mark.parametrize("bad", [
    dict(model="deepseek-chat"),
    dict(max_tokens=0),
])
def test_refused_before_sending(bad):
    with pytest.raises(ProviderError):
        client().complete([], **{"max_tokens": 10, **bad})


@pytest.mark.parametrize("given", [dict(model="deepseek-reasoner")])
def test_deepseek_refuses(given):
    with pytest.raises(Exception):
        OpenAI(base_url="https://api.deepseek.com").chat.completions.create(messages=[], **given)


@pytest.mark.parametrize("given", [dict(model="deepseek-reasoner")])
def test_answers(given):
    with pytest.raises(ProviderError):
        client().complete([], **given)
    assert client().complete([], **given)
'''


def test_a_parametrized_input_used_only_under_an_expected_error_is_test_input(cli, tmp_path) -> None:
    """As when written in the call: no finding. An SDK request expected to fail is still sent, and a value the test
    also uses outside the expected error may be sent there."""
    write(tmp_path, "app/__init__.py", "")
    assert _codes_by_line(cli, tmp_path, "tests/test_refusals.py", PARAMETRIZED_REFUSALS) == [(16, "DSM001"), (22, "DSM001")]


OBJECTS_UNDER_EXPECTED_ERRORS = '''\
import os

import pytest
from openai import OpenAI, RateLimitError

from app.llm import DeepSeekLLM, run_agent


@pytest.fixture
def api_key():
    return os.environ.get("DEEPSEEK_API_KEY") or pytest.skip("no key")


def test_missing_key_raises():
    llm = DeepSeekLLM(api_key="", model="deepseek-chat")
    with pytest.raises(ValueError, match="API key not set"):
        llm.chat([{"role": "user", "content": "hi"}])


def test_used_outside_the_expected_error():
    llm = DeepSeekLLM(api_key="", model="deepseek-chat")
    with pytest.raises(ValueError):
        llm.chat([])
    assert llm.chat([{"role": "user", "content": "hi"}])


def test_a_live_rate_limit(api_key):
    llm = DeepSeekLLM(api_key=api_key, model="deepseek-reasoner")
    with pytest.raises(RateLimitError):
        for _ in range(500):
            llm.chat([{"role": "user", "content": "hi"}])


def test_sent_at_the_assignment():
    result = run_agent(api_key="", model="deepseek-chat")
    with pytest.raises(KeyError):
        result["secret"]


def test_refused_by_the_api(api_key):
    client = OpenAI(api_key=api_key, base_url="https://api.deepseek.com")
    with pytest.raises(Exception):
        client.chat.completions.create(model="deepseek-reasoner", messages=[], max_tokens=-1)


def test_bound_again():
    llm = DeepSeekLLM(api_key="", model="deepseek-reasoner")
    llm = DeepSeekLLM(api_key=os.environ["DEEPSEEK_API_KEY"])
    with pytest.raises(ValueError):
        llm.chat([])


def test_an_empty_key_the_class_may_replace_by_the_environments():
    llm = DeepSeekLLM(api_key="", model="deepseek-chat")
    with pytest.raises(ValueError, match="context length"):
        llm.chat([{"role": "user", "content": "word " * 200_000}])


def test_escapes_in_a_lambda():
    llm = DeepSeekLLM(api_key="", model="deepseek-reasoner")
    with pytest.raises(ValueError, match="API key"):
        retry = lambda: llm.chat("hi")  # noqa: E731
    assert retry()


def test_a_json_key_is_no_api_key():
    llm = DeepSeekLLM(api_key="", model="deepseek-chat")
    with pytest.raises(KeyError, match="missing key"):
        llm.chat([{"role": "user", "content": "hi"}])["summary"]


class InMemoryClient:
    def list_models(self):
        return [{"id": "deepseek-chat", "owned_by": "deepseek"}]
'''


def test_an_object_built_without_a_key_and_used_only_under_an_expected_error_sends_nothing(cli, tmp_path) -> None:
    """Built with an empty key, then only used where the test expects a missing-key error (even in a module with
    live tests): test input. A use outside that block, an object with a key (a live test expecting a rate limit), a
    call that sends at the assignment, an SDK request expected to fail, a name bound again, an expected error about
    something else (the class may take the environment's key; a JSON reply's missing key), and a use in a lambda keep
    DSM001. A test module's listing is a double's data: no finding."""
    write(tmp_path, "app/__init__.py", "")
    assert _codes_by_line(cli, tmp_path, "tests/test_llm.py", OBJECTS_UNDER_EXPECTED_ERRORS) == [
        (21, "DSM001"), (28, "DSM001"), (35, "DSM001"), (43, "DSM001"), (47, "DSM001"), (54, "DSM001"), (60, "DSM001"),
        (67, "DSM001"),
    ]


MOCKED_CLIENTS = '''\
from unittest.mock import MagicMock, Mock

import pytest

from app.llm import DeepSeekLLM


def _make_llm():
    llm = DeepSeekLLM.__new__(DeepSeekLLM)
    llm.model = "deepseek-chat"
    llm._client = MagicMock()
    return llm


@pytest.fixture
def model():
    model = DeepSeekLLM(api_key="test-key", model_name="deepseek-reasoner")
    client = Mock()
    model.client = client
    return model


def test_call_sends_the_model():
    llm = _make_llm()
    llm.call("hi")
    llm._client.chat.completions.create.assert_called_once_with(model="deepseek-chat")


def test_answers(model):
    assert model.chat("hi")


def _make_live():
    llm = DeepSeekLLM(model="deepseek-chat")
    llm.on_token = MagicMock()
    return llm


def test_live():
    assert _make_live().call("hi")
'''

CLASS_HELPER = '''\
import unittest

from app.llm import DeepSeekClient
from tests.helpers import FakeTransport


class ClientTests(unittest.TestCase):
    def _client(self, transport, **overrides):
        return DeepSeekClient(transport=transport, **overrides)

    def test_payload(self):
        transport = FakeTransport()
        client = self._client(transport, model="deepseek-chat")
        client.chat([])
        self.assertEqual(transport.last_request_json["model"], "deepseek-chat")
'''


def test_an_object_whose_client_the_same_function_replaces_by_a_mock_sends_to_the_mock(cli, tmp_path) -> None:
    """A helper's or fixture's object with a mock client is test input: DSM003 where the tests using it assert the ID
    back, nothing where they do not. A mock set on something that is not a transport leaves a live test live."""
    write(tmp_path, "app/__init__.py", "")
    assert _codes_by_line(cli, tmp_path, "tests/test_llm.py", MOCKED_CLIENTS) == [
        (10, "DSM003"), (26, "DSM003"), (34, "DSM001"),  # the helper's mock is not its transport
    ]


CLASS_FIXTURE = '''\
from unittest.mock import MagicMock, patch

import pytest

from app.provider import DeepSeekProvider


class TestProvider:
    @pytest.fixture
    def provider(self):
        with patch("app.provider.OpenAI"):
            provider = DeepSeekProvider(model="deepseek-chat")
            provider.client = MagicMock()
            return provider

    def test_info(self, provider):
        assert provider.info()["model"] == "deepseek-chat"
'''


def test_an_id_a_fixture_of_the_test_class_builds_is_echoed_by_the_tests_taking_it(cli, tmp_path) -> None:
    write(tmp_path, "app/__init__.py", "")
    assert _codes_by_line(cli, tmp_path, "tests/test_provider.py", CLASS_FIXTURE) == [(12, "DSM003"), (17, "DSM003")]


def test_a_helper_method_of_the_test_class_is_the_modules_own_code(cli, tmp_path) -> None:
    """``self._client(transport, model=...)`` under a fake transport hands the ID to the project's code."""
    write(tmp_path, "app/__init__.py", "")
    assert _codes_by_line(cli, tmp_path, "tests/test_client.py", CLASS_HELPER) == [(13, "DSM003"), (15, "DSM003")]


def _dsm001_lines(cli, tmp_path, path: str, source: str) -> list[int]:
    write(tmp_path, "pyproject.toml", "[project]\nname = 'app'\n")
    write(tmp_path, "app/__init__.py", "")  # the project's own package: what its tests hand IDs to
    write(tmp_path, path, source)
    report = json.loads(cli(["--as-of", AFTER, "--format", "json", "."], cwd=tmp_path).out)
    return [f["line"] for f in report["findings"] if f["code"] == "DSM001"]


def test_a_test_module_of_doubles_hands_ids_to_project_code_as_test_input(cli, tmp_path) -> None:
    """The patched test and the one with a fake client are test input; the test that shows no double keeps its finding."""
    assert _dsm001_lines(cli, tmp_path, "tests/test_provider.py", DOUBLED) == [18]


@pytest.mark.parametrize("path", ["app/selfcheck.py", "scripts/smoke.py"])
def test_the_same_code_outside_test_modules_keeps_its_findings(cli, tmp_path, path: str) -> None:
    assert _dsm001_lines(cli, tmp_path, path, DOUBLED) == [18, 22]


def test_a_live_test_keeps_its_findings_beside_doubles(cli, tmp_path) -> None:
    assert _dsm001_lines(cli, tmp_path, "tests/test_live.py", LIVE) == [14]


def test_a_request_the_test_writes_itself_stays_a_request(cli, tmp_path) -> None:
    assert _dsm001_lines(cli, tmp_path, "tests/test_contract.py", SDK_IN_DOUBLED_MODULE) == [11]


def test_the_review_project_keeps_every_live_request_and_registry_selection(cli, tmp_path) -> None:
    """An independent review's reproducers: live tests beside mocks, other libraries, shared constants,
    registries a request reads, reply-like client classes, routed providers held in constants."""
    shutil.copytree(FIXTURES / "test_doubles_project", tmp_path / "project")
    report = json.loads(cli(["--as-of", AFTER, "--format", "json", "."], cwd=tmp_path / "project").out)
    found = {(f["path"], f["line"]): (f["fix"] or {}).get("applicability") for f in report["findings"] if f["code"] == "DSM001"}
    assert set(found) == {
        ("app/r10_routed.py", 7), ("app/r10_routed.py", 8),  # "openai" provider routed by OPENAI_BASE_URL
        ("app/r6_completion.py", 9), ("app/r6_completion.py", 22),  # a client class named like a reply
        ("app/r7_providers.py", 14), ("app/r7_providers.py", 15),  # a provider class of this module
        ("app/r8_defs.py", 15), ("app/r8_tiers.py", 6), ("app/r8_tiers.py", 7),  # registries a request reads
        ("app/r9_router.py", 8),  # litellm_params with prices
        ("app/r11_ui_positional.py", 5),  # a widget's options given positionally, whose pick is sent
        ("tests/integration/r1_test_streaming.py", 13),  # live module (skipif on the key) with a MagicMock callback
        ("tests/test_r2_answer.py", 18), ("tests/test_r2_client.py", 13), ("tests/test_r2_unittest.py", 10),
        ("tests/test_r3_sdks.py", 14), ("tests/test_r3_sdks.py", 18),  # other libraries are not the project's code
        ("tests/test_r4_shared_constant.py", 7),  # a constant an SDK request also sends
        ("tests/test_r5_http.py", 16), ("tests/test_r5_http.py", 22), ("tests/test_r5_http.py", 27),
    }
    assert found[("app/r10_routed.py", 7)] == found[("app/r10_routed.py", 8)] == "unsafe"


@pytest.mark.parametrize(("project", "expected"), [
    # widget picks sent after a default, from self, from either branch
    ("widget_picks", {("default_first.py", 7), ("kw.py", 5), ("selfattr.py", 8), ("twobranch.py", 6), ("twobranch.py", 8)}),
    ("unittest_live_class", {("tests/test_b_unittest_name.py", 9)}),  # a live unittest class not named Test*
    ("data_folder_named_like_a_library", {("tests/test_agent.py", 11)}),  # a folder of data named like a library is not the project's code
    ("providers_held_in_names", {("ds_name.py", 6)}),  # a provider held in a name: OpenRouter's stays another API
    # beside a request that sends settings["model"] (read from a file): knowledge; beside one that sends
    # self.model, a constructor's parameter this module cannot follow: it may be the entry, so a request
    ("catalogues_beside_settings", {("catalogue.py", 15)}),
    ("fakes_held_in_self", set()),  # a test's fake client held in self and in a local
    # a third review: registry entries read through .items(), .get(), parameters, self, append
    ("registries_read_indirectly", {("a_param.py", 6), ("b_items.py", 13), ("c_get.py", 13), ("d_self.py", 12), ("e_default.py", 13)}),
    ("registries_read_indirectly_2", {("append.py", 14), ("direct.py", 13)}),
    ("namespace_package_tests", set()),  # the project's code in a namespace package (app/core/llm.py)
    ("picks_mapped_through_self", set()),  # self.model = API_IDS[self.model] before it is sent
])
def test_the_second_review_projects(cli, tmp_path, project: str, expected: set) -> None:
    shutil.copytree(FIXTURES / "review_two" / project, tmp_path / project)
    report = json.loads(cli(["--as-of", AFTER, "--format", "json", "."], cwd=tmp_path / project).out)
    assert {(f["path"], f["line"]) for f in report["findings"] if f["code"] == "DSM001"} == expected
