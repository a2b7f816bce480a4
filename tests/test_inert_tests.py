"""Tests that send nothing: they build objects from a model ID and only inspect them.

An ID such a test asserts back is echoed: the input and its assertion are one
case, both knowledge (DSM003). One it does not assert back drives what the
test checks, and is knowledge too. A test that may send keeps its DSM001.
"""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import AFTER, FIXTURES, write

TESTS = '''\
import pytest
from crewai import LLM

from app.config import ModelConfig


def test_stores_the_model():
    llm = LLM(model="deepseek-chat")
    assert llm.model == "deepseek-chat"
    assert llm.get_context_window_size() > 0


def test_reasoner_defaults():
    config = ModelConfig(name="deepseek-reasoner")
    assert config.max_tokens == 4000


def test_reasoner_rejects_logprobs():
    with pytest.raises(ValueError):
        ModelConfig(name="deepseek-reasoner", logprobs=True)


def test_body_mapping():
    body = request_to_openai(ModelConfig(name="deepseek-chat"))
    assert body["stream"]


def test_live_answer():
    llm = LLM(model="deepseek-chat")
    assert llm.call("hi")


def test_the_object_is_called():
    llm = LLM(model="deepseek-reasoner")
    assert llm("hi")


def test_a_helper_of_the_module_sends():
    assert check_answer(LLM(model="deepseek-chat"))


def test_without_an_assertion():
    LLM(model="deepseek-reasoner")


def check_answer(llm):
    return llm.call("hi")


def request_to_openai(config):
    return {"model": config.name, "stream": True}
'''

# (line, code) of every finding the module above must give in a test module.
IN_A_TEST_MODULE = {
    (8, "DSM003"), (9, "DSM003"),  # the input and the assertion that echoes it: one case
    (14, "DSM003"),  # the reasoner's defaults: the test depends on the name
    (20, "DSM003"),  # under an expected error, the same
    (24, "DSM003"),  # a conversion of the request sends nothing
    (29, "DSM001"), (34, "DSM001"), (39, "DSM001"), (43, "DSM001"),  # may send, or asserts nothing
}


def _findings(cli, tmp_path, path: str) -> set[tuple[int, str]]:
    write(tmp_path, "pyproject.toml", "[project]\nname = 'app'\n")
    write(tmp_path, "app/__init__.py", "")
    write(tmp_path, path, TESTS)
    report = json.loads(cli(["--as-of", AFTER, "--format", "json", "--select", "DSM0", "."], cwd=tmp_path).out)
    return {(f["line"], f["code"]) for f in report["findings"] if f["path"] == path}


def _reported(cli, tmp_path, path: str, source: str) -> set[tuple[int, str]]:
    """(line, code) of every DSM0 finding in a project holding ``app/`` and ``source`` at ``path``."""
    write(tmp_path, "app/__init__.py", "")
    write(tmp_path, path, source)
    report = json.loads(cli(["--as-of", AFTER, "--format", "json", "--select", "DSM0", "."], cwd=tmp_path).out)
    return {(f["line"], f["code"]) for f in report["findings"]}


def test_a_test_that_sends_nothing_hands_test_input(cli, tmp_path) -> None:
    assert _findings(cli, tmp_path, "tests/test_llm.py") == IN_A_TEST_MODULE


@pytest.mark.parametrize("path", ["app/selfcheck.py", "tests/conftest.py"])
def test_outside_test_modules_every_id_is_a_request(cli, tmp_path, path: str) -> None:
    """Application code is judged as a request whatever it asserts; conftest.py serves live tests too.

    (Line 20 is test input anywhere: a call expected to raise sends nothing.)
    """
    found = _findings(cli, tmp_path, path)
    assert {line for line, code in found if code == "DSM001"} == {8, 14, 24, 29, 34, 39, 43}


def test_the_message_asks_for_a_case_for_the_successor(cli, tmp_path) -> None:
    write(tmp_path, "app/__init__.py", "")
    write(tmp_path, "tests/test_llm.py", TESTS)
    report = json.loads(cli(["--as-of", AFTER, "--format", "json", "--select", "DSM003", "."], cwd=tmp_path).out)
    finding = next(f for f in report["findings"] if f["line"] == 14)
    assert "test that sends nothing" in finding["message"] and '"deepseek-v4-flash" with thinking enabled' in finding["message"]
    assert finding["fix"]["applicability"] == "display-only"


RESOLVED_UNDER_A_PATCH = '''\
from unittest.mock import patch

from app.plugin import Plugin


@patch("app.plugin.DeepSeekClient")
def test_resolves_a_name_without_its_prefix(mock_client):
    action = Plugin(api_key="test-key").resolve("deepseek-chat")
    assert action.kind == "model"


@patch("app.plugin.DeepSeekClient")
def test_resolve_echoes_the_name(mock_client):
    action = Plugin(api_key="test-key").resolve("deepseek-reasoner")
    assert action.name == "deepseek-reasoner"
'''


def test_an_id_a_patched_inert_test_hands_to_a_lookup_is_knowledge(cli, tmp_path) -> None:
    """Under a patch the ID is test input; what the test checks depends on it, or echoes it: knowledge either way."""
    assert _reported(cli, tmp_path, "tests/test_plugin.py", RESOLVED_UNDER_A_PATCH) == {
        (8, "DSM003"), (14, "DSM003"), (15, "DSM003"),
    }


def test_reply_data_an_assertion_expects_is_knowledge(cli, tmp_path) -> None:
    """A reply's model_name is data; inside an assertion it is what the test expects, which changes with V4."""
    write(tmp_path, "tests/test_snapshot.py", (
        "async def test_thinking(agent):\n"
        "    result = await agent.run('hi')\n"
        "    assert result.all_messages() == snapshot([ModelResponse(parts=[], model_name='deepseek-reasoner')])\n"
        "\n"
        "\n"
        "def fake_reply():\n"
        "    return ModelResponse(parts=[], model_name='deepseek-reasoner')\n"
    ))
    report = json.loads(cli(["--as-of", AFTER, "--format", "json", "--select", "DSM0", "."], cwd=tmp_path).out)
    assert {(f["line"], f["code"]) for f in report["findings"]} == {(3, "DSM003")}


def test_the_review_project_keeps_every_live_request(cli, tmp_path) -> None:
    """An independent review's reproducers: tests that do send, whose calls the name patterns alone would miss.

    A project function given the model, a live mark, a sending word beside a
    reshaping one, a call of a call's result, autogen's on_messages, a tuple
    unpacked, a posted body, a MagicMock callback in set-up. The echo through
    a variable (test_4) sends nothing: the input and its assertion are one case (DSM003).
    """
    shutil.copytree(FIXTURES / "review_inert", tmp_path / "project")
    report = json.loads(cli(["--as-of", AFTER, "--format", "json", "--select", "DSM0", "."], cwd=tmp_path / "project").out)
    found = {(f["path"], f["line"], f["code"]) for f in report["findings"] if f["path"].startswith("tests/")}
    assert found == {
        ("tests/test_1_wrapper.py", 7, "DSM001"), ("tests/test_1_wrapper.py", 13, "DSM001"),
        ("tests/test_1_wrapper.py", 17, "DSM001"),
        ("tests/test_2_frameworks.py", 14, "DSM001"), ("tests/test_2_frameworks.py", 19, "DSM001"),
        ("tests/test_2_frameworks.py", 27, "DSM001"), ("tests/test_2_frameworks.py", 32, "DSM001"),
        ("tests/test_2_frameworks.py", 38, "DSM001"),
        ("tests/test_3_setup.py", 11, "DSM001"),
        ("tests/test_4_echo.py", 5, "DSM003"),
    }


MORE_SHAPES = '''\
from unittest import TestCase
from unittest.mock import patch

import pytest
from langchain_openai import ChatOpenAI

from app.bot import Assistant, ask


def test_a_sending_method_handed_on():
    llm = ChatOpenAI(model="deepseek-chat")
    assert all(map(llm.invoke, ["a", "b"]))


def test_an_unknown_method_of_a_built_object():
    bot = Assistant("deepseek-reasoner")
    assert bot.describe("hello")


def test_what_it_was_given_is_stored():
    llm = ChatOpenAI(model="deepseek-chat", temperature=0.3)
    assert llm.temperature == 0.3


class TestWithAClassFixture:
    @pytest.fixture
    def completion(self):
        with patch("app.bot.completion") as mocked:
            yield mocked

    def test_ask(self, completion):
        assert ask("2+2?", model="deepseek-chat") is not None


class TestWithAPatchedSetUp(TestCase):
    def setUp(self):
        patch("app.bot.OpenAI").start()

    def test_ask(self):
        self.assertIsNotNone(ask("2+2?", model="deepseek-reasoner"))
'''


def test_methods_held_objects_class_fixtures_and_set_up(cli, tmp_path) -> None:
    """A sending method handed on and an unknown method of a built object may send (DSM001); a test that checks
    what it gave the object is an echo (nothing); a class's own fixture and its set-up's patch are its doubles."""
    assert _reported(cli, tmp_path, "tests/test_more.py", MORE_SHAPES) == {(11, "DSM001"), (16, "DSM001")}


def test_a_setting_named_for_the_model_gets_a_model_default(cli, tmp_path) -> None:
    """_get_str("DEEPSEEK_MODEL", "deepseek-chat"): the project's own settings reader, with the model's default."""
    write(tmp_path, "app/config.py", (
        "def load(cls):\n"
        "    return cls(model=_get_str(\"DEEPSEEK_MODEL\", \"deepseek-chat\"), label=_get_str(\"LABEL\", \"deepseek-chat\"))\n"
    ))
    report = json.loads(cli(["--as-of", AFTER, "--format", "json", "--select", "DSM0", "."], cwd=tmp_path).out)
    assert {(f["line"], f["column"], f["code"]) for f in report["findings"]} == {(2, 49, "DSM001"), (2, 91, "DSM003")}


def test_the_second_review_project(cli, tmp_path) -> None:
    """A second review's reproducers for the knowledge rules.

    A model setting read with a default is a selection only through a
    settings reader (not os.path.join, log_param, hget, add_row, metric); a
    project wrapper's positional model keeps its request; labels, titles and
    telemetry names given as keywords are nothing; a setting's text compared
    with what spells an ID is knowledge, but not prose, another host's
    qualified name or a file name; a qualified name in prose or under another
    provider is nothing.
    """
    shutil.copytree(FIXTURES / "review_knowledge", tmp_path / "project")
    report = json.loads(cli(["--as-of", AFTER, "--format", "json", "--select", "DSM0", "."], cwd=tmp_path / "project").out)
    found = {(f["path"], f["line"], f["code"]) for f in report["findings"]}
    assert {key for key in found if key[2] == "DSM001"} == {
        ("p4/app.py", 16, "DSM001"),  # MODEL = _get_str("DEEPSEEK_MODEL", "deepseek-chat")
        ("p13/app.py", 11, "DSM001"), ("p13/app.py", 12, "DSM001"),  # ask(prompt, "deepseek-chat")
        ("p16/odd.py", 10, "DSM001"),
    }
    assert not {key for key in found if key[0] in ("p8/app.py", "p11/app.py")}  # labels, titles, run names
    assert not {line for path, line, _ in found if path == "p9/app.py"}  # other hosts' forms, file names, prose
    assert {line for path, line, _ in found if path == "p16/odd.py"} == {6, 7, 8, 9, 10, 12, 13, 15}
    p13 = json.loads(cli(["--as-of", AFTER, "--format", "json", "p13"], cwd=tmp_path / "project").out)
    assert all("set where the request is made" in f["message"] for f in p13["findings"] if f["code"] == "DSM001")


def test_the_third_review_project(cli, tmp_path) -> None:
    """A third review's reproducers.

    A built client handed to project code, or stored on a module-level
    object, is a live test's request (with its safe fix); only a settings
    reader's model key gives a model default (lookups such as get_usage or
    get_where stay knowledge); only a setting's text, not prose, counts as
    compared text; a qualified name under another host is nothing.
    """
    shutil.copytree(FIXTURES / "review_final", tmp_path / "project")
    report = json.loads(cli(["--as-of", AFTER, "--format", "json", "--select", "DSM0", "."], cwd=tmp_path / "project").out)
    found = {(f["path"], f["line"], f["code"]): (f["fix"] or {}).get("applicability") for f in report["findings"]}
    assert found[("t2/tests/test_summary.py", 6, "DSM001")] == found[("t2/tests/test_bot.py", 6, "DSM001")] == "safe"
    assert {key for key in found if key[0] == "s1/lookups.py" and key[2] == "DSM001"} == {("s1/lookups.py", 13, "DSM001")}
    assert {key for key in found if key[0] == "s1/settings.py"} == {("s1/settings.py", 10, "DSM001"), ("s1/settings.py", 11, "DSM001")}
    assert {key[1] for key in found if key[0] == "c1/app.py"} == {10}
    assert {key[1] for key in found if key[0] == "q1/app.py"} == {9, 12, 13, 19, 21}


CLASS_HELPERS = '''\
from app.mapper import map_config_to_kwargs


class TestMapper:
    @staticmethod
    def _map(cfg):
        return map_config_to_kwargs(cfg, api_key="fake-key")

    def _ask(self, cfg):
        return self.client.invoke(map_config_to_kwargs(cfg))

    def test_thinking_disabled(self):
        kwargs = self._map({"provider": "deepseek", "model": "deepseek-chat"})
        assert kwargs["model"] == "deepseek/deepseek-chat"

    def test_answers(self):
        answer = self._ask({"provider": "deepseek", "model": "deepseek-reasoner"})
        assert answer
'''


def test_a_test_class_helper_is_judged_by_its_body(cli, tmp_path) -> None:
    """``self._map(cfg)``: the class's own helper maps data, so the test sends nothing; ``self._ask`` invokes a client."""
    assert _reported(cli, tmp_path, "tests/test_mapper.py", CLASS_HELPERS) == {(13, "DSM003"), (14, "DSM003"), (17, "DSM001")}


ASSERTED_ANSWERS = '''\
import litellm

from app.models import deepseek_module, thinking_by_default
from app.provider import Provider


def _stub_reasoning(monkeypatch, result):
    monkeypatch.setattr(deepseek_module.litellm, "supports_reasoning", lambda **_: result)


def test_non_reasoning_model_does_not_think(monkeypatch):
    _stub_reasoning(monkeypatch, False)
    assert thinking_by_default("deepseek/deepseek-chat") is False


def test_the_fake_answers(monkeypatch):
    _stub_reasoning(monkeypatch, False)
    assert Provider().generate("p", "deepseek/deepseek-chat") == "ok"


def test_live_health():
    assert thinking_by_default("deepseek/deepseek-reasoner")
'''


def test_an_answer_a_test_of_doubles_asserts_is_knowledge(cli, tmp_path) -> None:
    """What a project function answers for the ID, under a double, is knowledge (line 13).

    A sending call's answer under a double is the double's (line 18: test
    input, no finding); without doubles the call may send (line 22: DSM001).
    """
    assert _reported(cli, tmp_path, "tests/test_models.py", ASSERTED_ANSWERS) == {(13, "DSM003"), (22, "DSM001")}


ECHOES = '''\
import os
import unittest
from unittest.mock import MagicMock, patch

from langchain_deepseek import ChatDeepSeek

from app.llm import DeepSeekProvider, initialize_llm, process


@patch("app.llm.ChatDeepSeek")
def test_the_client_is_built_with_the_name(mock_chat):
    initialize_llm("deepseek", "deepseek-reasoner")
    mock_chat.assert_called_with(model="deepseek-reasoner", temperature=1)


def test_the_provider_prefixes_the_name():
    provider = DeepSeekProvider(api_key="sk-test", model="deepseek-chat")
    assert provider.litellm_model() == "deepseek/deepseek-chat"


def test_tools_are_bound_without_a_request():
    llm = ChatDeepSeek(model="deepseek-chat", api_key="sk-test")
    bound = llm.bind_tools([dict])
    assert bound is not None


class TestProcess(unittest.TestCase):
    def setUp(self):
        os.environ["DEEPSEEK_API_KEY"] = "mock-key"

    @patch("app.llm.post_with_retries")
    def test_payload(self, mock_post):
        process(MagicMock(config={"model": "deepseek-chat"}), "hi")
        self.assertEqual(mock_post.call_args[0][2]["model"], "deepseek-chat")

    def tearDown(self):
        if "DEEPSEEK_API_KEY" in os.environ:
            del os.environ["DEEPSEEK_API_KEY"]
'''


A_KEY_FAKED_IN_A_TRY = '''\
import os
from unittest.mock import MagicMock, patch

from app.llm import process


@patch("app.llm.post_with_retries")
def test_payload(mock_post):
    try:
        os.environ["DEEPSEEK_API_KEY"] = "mock-key"
        process(MagicMock(config={"model": "deepseek-chat"}), "hi")
        assert mock_post.call_args[0][2]["model"] == "deepseek-chat"
    finally:
        del os.environ["DEEPSEEK_API_KEY"]
'''


def test_a_key_faked_in_a_try_body_is_a_fake(cli, tmp_path) -> None:
    """A ``try`` body and its ``finally`` always run: the key set there is the test's own."""
    assert _reported(cli, tmp_path, "tests/test_try.py", A_KEY_FAKED_IN_A_TRY) == {(11, "DSM003"), (12, "DSM003")}


def test_inputs_a_test_of_doubles_asserts_back_are_knowledge(cli, tmp_path) -> None:
    """Echoed through a mock assertion (12), with a provider prefix (17), or in a request a patched post
    checks (33): the input and its assertion are one case. Binding tools sends nothing, so that test's
    input drives it (22). A key its class's set-up fakes and its tear-down reads back is no live sign."""
    found = _reported(cli, tmp_path, "tests/test_echoes.py", ECHOES)
    assert found == {
        (12, "DSM003"), (13, "DSM003"), (17, "DSM003"), (18, "DSM003"), (22, "DSM003"), (33, "DSM003"), (34, "DSM003"),
    }


A_KEY_FAKED_ELSEWHERE = '''\
import os
from unittest.mock import MagicMock

import pytest

from app.llm import ask, get_client


def test_client_needs_key(monkeypatch):
    monkeypatch.setenv("DEEPSEEK_API_KEY", "sk-test")
    assert get_client() is not None


@pytest.mark.skipif(not os.getenv("DEEPSEEK_API_KEY"), reason="needs a real key")
def test_ask_live():
    answer = ask("What is 2+2?", model="deepseek-chat", on_usage=MagicMock())
    assert "4" in answer
'''


SIBLINGS_IN_A_CLASS = '''\
import os
import unittest
from unittest.mock import MagicMock

from app.llm import ask


class TestAsk(unittest.TestCase):
    def test_missing_key_is_reported(self):
        os.environ["DEEPSEEK_API_KEY"] = ""

    @unittest.skipUnless(os.environ.get("DEEPSEEK_API_KEY"), "needs a real key")
    def test_ask_live(self):
        answer = ask("What is 2+2?", model="deepseek-chat", on_usage=MagicMock())
        self.assertIn("4", answer)
'''

A_DEFAULT_KEY = '''\
import os
from unittest.mock import MagicMock

import pytest

from app.llm import ask

os.environ.setdefault("DEEPSEEK_API_KEY", "sk-test")


@pytest.mark.skipif(os.environ["DEEPSEEK_API_KEY"] == "sk-test", reason="needs a real key")
def test_ask_live():
    assert "4" in ask("What is 2+2?", model="deepseek-chat", on_usage=MagicMock())
'''


A_KEY_SET_ONLY_WHEN_MISSING = '''\
import os
from unittest.mock import MagicMock

import pytest

from app.llm import ask

if "DEEPSEEK_API_KEY" not in os.environ:
    os.environ["DEEPSEEK_API_KEY"] = "sk-placeholder"


@pytest.mark.skipif(os.environ["DEEPSEEK_API_KEY"] == "sk-placeholder", reason="needs a real key")
def test_ask_live():
    assert "4" in ask("What is 2+2?", model="deepseek-chat", on_usage=MagicMock())
'''


@pytest.mark.parametrize(("source", "line"), [
    (A_KEY_FAKED_ELSEWHERE, 16), (SIBLINGS_IN_A_CLASS, 14), (A_DEFAULT_KEY, 13), (A_KEY_SET_ONLY_WHEN_MISSING, 14),
])
def test_a_key_faked_elsewhere_leaves_a_tests_read_live(cli, tmp_path, source: str, line: int) -> None:
    """Only the top level, the test that reads a key, or its class's set-up can fake it for that read;
    ``os.environ.setdefault``, or a key set only when missing, keeps a real key in place."""
    assert _reported(cli, tmp_path, "tests/test_live.py", source) == {(line, "DSM001")}


def test_a_call_named_for_migrating_a_name_sends_nothing(cli, tmp_path) -> None:
    """``deepseek.migrate_model("deepseek-chat")`` maps a name to another: the test of it sends nothing, and the
    retired ID drives what it checks (knowledge). A call named for sending keeps its finding."""
    source = (
        "from app import deepseek\n\n\n"
        "def test_the_retired_name_is_not_migrated():\n"
        '    assert deepseek.migrate_model("deepseek-chat") is None\n\n\n'
        "def test_the_answer():\n"
        '    assert deepseek.ask_model("deepseek-chat") is not None\n'
    )
    assert _reported(cli, tmp_path, "tests/test_deepseek.py", source) == {(5, "DSM003"), (9, "DSM001")}


HELPERS_AND_LOOPS = '''\
import pytest
from pydantic import SecretStr

from langchain_deepseek import ChatDeepSeek

from app.pipeline import tidy

DEFAULT_BASE = "https://api.deepseek.com/v1"


class TestAzureEndpoints:
    def _azure_model(self, endpoint: str = "https://res.openai.azure.com/") -> ChatDeepSeek:
        return ChatDeepSeek(model="deepseek-chat", api_key=SecretStr("test_key"), base_url=endpoint)

    def test_detects_azure(self) -> None:
        for endpoint in ["https://res.openai.azure.com/", "https://x.services.ai.azure.com/"]:
            llm = self._azure_model(endpoint)
            assert llm._is_azure_endpoint

        hosts = [DEFAULT_BASE, "https://api.openai.com/v1"]
        for endpoint in hosts:
            llm = ChatDeepSeek(model="deepseek-chat", api_key=SecretStr("test_key"), base_url=endpoint)
            assert not llm._is_azure_endpoint


class TestLiveHelper:
    def _model(self) -> ChatDeepSeek:
        return ChatDeepSeek(model="deepseek-reasoner", api_key=SecretStr("test_key"))

    def test_shape(self) -> None:
        assert self._model().temperature is None

    def test_answer(self) -> None:
        assert self._model().invoke("hi").content


@pytest.fixture
def reasoner():
    return ChatDeepSeek(model="deepseek-reasoner", api_key=SecretStr("test_key"))


def test_reasoner_profile(reasoner):
    assert reasoner.profile["reasoning_output"] is True


@pytest.fixture
def chat():
    return ChatDeepSeek(model="deepseek-chat", api_key=SecretStr("test_key"))


def test_pipeline(chat):
    assert tidy(chat, "text")


def test_objects_in_a_loop():
    for llm in [ChatDeepSeek(model="deepseek-chat")]:
        assert tidy(llm)


@pytest.fixture
def shared():
    return ChatDeepSeek(model="deepseek-chat", api_key=SecretStr("test_key"))


@pytest.fixture
def agent(shared):
    return tidy(shared)


def test_shared_shape(shared):
    assert shared.temperature is None
'''


def test_helpers_of_test_classes_with_a_wrapped_test_key_send_nothing_and_fixtures_keep_their_finding(cli, tmp_path) -> None:
    """A ``Test*`` class's helper method or a test that builds its client with a test key wrapped as pydantic does
    (``SecretStr("test_key")``) sends nothing to DeepSeek: langchain-deepseek's Azure tests (outsider sets eval67
    and eval69). A fixture keeps its finding even with a test key: two reviews of round thirteen found fixtures
    that serve live tests elsewhere (conftest), get their key replaced by the test, or belong to behave."""
    found = _reported(cli, tmp_path, "tests/test_chat_models.py", HELPERS_AND_LOOPS)
    assert found == {
        (39, "DSM001"),  # a fixture
        (48, "DSM001"),  # another fixture, whose user hands it to project code
        (56, "DSM001"),  # the loop's object has no key: the project's code may send with it
        (62, "DSM001"),  # a fixture another fixture takes
    }


WITHOUT_A_KEY = '''\
import pytest
from pydantic import SecretStr

from langchain_deepseek import ChatDeepSeek

from app.pipeline import tidy


class TestAzureEndpoints:
    def _azure_model(self, endpoint: str) -> ChatDeepSeek:
        return ChatDeepSeek(model="deepseek-chat", base_url=endpoint)

    def test_detects_azure(self) -> None:
        assert self._azure_model("https://res.openai.azure.com/")._is_azure_endpoint


@pytest.fixture
def chat():
    return ChatDeepSeek(model="deepseek-chat", api_key=SecretStr(LIVE_KEY))


@pytest.fixture
def reasoner():
    return ChatDeepSeek(model="deepseek-reasoner", api_key=SecretStr("sk-1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d"))


def test_pipeline(chat, reasoner):
    assert tidy(chat, "text") and tidy(reasoner, "text")
'''


def test_helpers_and_fixtures_of_tests_without_a_test_key_keep_their_finding(cli, tmp_path) -> None:
    """What a helper method or fixture builds without a key, or with a key that looks live or is not a literal,
    is not judged by the tests of this module that use it: another module may import the fixture or subclass the
    class and send with it (three reviews of round eleven found such requests lost)."""
    found = _reported(cli, tmp_path, "tests/test_chat_models.py", WITHOUT_A_KEY)
    assert found == {(11, "DSM001"), (19, "DSM001"), (24, "DSM001")}


INTERNALS_AND_EXPECTED_RECORDS = """\
import json
import unittest
import urllib.request

from litellm.llms.deepseek.chat.transformation import DeepSeekChatConfig

from app.status import StatusServer, model_status


def test_fill_reasoning_content():
    config = DeepSeekChatConfig()
    messages = [{"role": "assistant", "content": "Hi"}]
    result = config._fill_reasoning_content(messages, model="deepseek-reasoner", require_reasoning=True)
    assert "reasoning_content" in result[0]


def test_private_call_sends():
    config = DeepSeekChatConfig()
    assert config._call(model="deepseek-reasoner", prompt="hi")


class StatusTest(unittest.TestCase):
    def test_status(self):
        with urllib.request.urlopen("http://127.0.0.1:8765/api/v1/model/status", timeout=3) as response:
            status = json.loads(response.read())
        self.assertEqual(status, {"provider": "deepseek", "model_name": "deepseek-chat", "status": "ok"})

    def test_status_in_assert(self):
        assert model_status() == {"model": "deepseek-chat"}

    def test_input_inside_the_assertion(self):
        assert StatusServer().send(**{"model": "deepseek-chat"})
"""


def test_records_an_assertion_compares_and_private_methods(cli, tmp_path) -> None:
    """A literal record that is an operand of an assertion is what the test expects (outsider set eval70); a
    private method of an object the test built may send, like any other method not named for reading it."""
    found = _reported(cli, tmp_path, "tests/test_internals.py", INTERNALS_AND_EXPECTED_RECORDS)
    assert found == {
        (13, "DSM001"),  # a private method may send (a project's own _inference does): kept a request
        (19, "DSM001"),  # _call sends, private or not
        (26, "DSM003"),  # the record assertEqual compares, in a test that does make HTTP calls
        (29, "DSM003"),  # a dict compared in an assert statement
        (32, "DSM001"),  # inside the assertion, but the input of a call named for sending
    }


MODULE_HELPERS = '''\
import httpx
import pytest

from agent.llm.deepseek import DeepSeekProvider


def _provider(handler) -> DeepSeekProvider:
    return DeepSeekProvider(api_key="test", model="deepseek-chat", transport=httpx.MockTransport(handler))


def shared_provider() -> DeepSeekProvider:
    return DeepSeekProvider(api_key="test", model="deepseek-reasoner")


def unused_provider() -> DeepSeekProvider:
    return DeepSeekProvider(api_key="test", model="deepseek-reasoner")


def handed_on() -> DeepSeekProvider:
    return DeepSeekProvider(api_key="test", model="deepseek-chat")


async def test_retries() -> None:
    assert await _provider(lambda request: httpx.Response(200)).chat("hi")


def test_shared() -> None:
    assert shared_provider().chat("hi")


def warm_up() -> None:
    shared_provider().chat("ping")


def test_handed_on() -> None:
    assert pytest.helpers.run(handed_on)
'''


def test_module_level_helpers_with_a_test_key_keep_their_finding(cli, tmp_path) -> None:
    """A module-level helper is not a test, whoever calls it: a second review of round thirteen found demo scripts
    whose ``test_connection`` a Gradio button or ``main()`` runs, helpers of live tests elsewhere, and keys other
    tests replace. Its test key is a placeholder the user may fill in (the cost: fakhrads/agentic-core's
    MockTransport helper, outsider set eval73, stays DSM001)."""
    found = _reported(cli, tmp_path, "tests/unit/test_deepseek.py", MODULE_HELPERS)
    assert found == {(8, "DSM001"), (12, "DSM001"), (16, "DSM001"), (20, "DSM001")}
