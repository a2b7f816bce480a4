"""Whole-project analysis: definitions in one module, the requests that read them in others.

The fixture ``fixtures/project/before`` is a package with relative and
absolute imports, a settings module, an Enum, wrappers with defaults, a
wrapper called with both retired IDs, a value that escapes and one that is
compared; ``fixtures/project/after`` is what plain ``--fix`` makes of it.
"""

from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from conftest import AFTER, FIXTURES, REPO

PROJECT = FIXTURES / "project"
SARIF_SCHEMA = REPO / "tests" / "schemas" / "sarif-schema-2.1.0.json"


def tree(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(PROJECT / "before", target)
    return target


def findings_of(cli, project: Path, *args: str) -> dict[tuple[str, int], dict]:
    result = cli(["--format", "json", "--as-of", AFTER, *args, "."], cwd=project)
    assert result.code in (0, 1), result.err
    return {(f["path"], f["line"]): f for f in json.loads(result.out)["findings"]}


def test_plain_fix_turns_the_project_into_the_golden_tree_and_a_second_run_changes_nothing(cli, project) -> None:
    first = cli(["--fix", "--as-of", AFTER, "."], cwd=project)
    assert first.code == 1, first.err  # the unsafe definitions remain
    assert "Fixed 5 findings in 7 files." in first.out
    assert tree(project) == tree(PROJECT / "after")
    second = cli(["--fix", "--as-of", AFTER, "."], cwd=project)
    assert "Fixed" not in second.out and tree(project) == tree(PROJECT / "after")


def test_a_constant_read_by_requests_in_other_modules_gets_one_safe_fix_with_edits_in_each(cli, project) -> None:
    found = findings_of(cli, project)
    default = found[("shop/constants.py", 3)]
    assert default["fix"]["applicability"] == "safe"
    assert default["fix"]["description"] == (
        'Use "deepseek-v4-flash" and set thinking disabled at the 2 requests that read it: '
        "client.chat.completions.create() at shop/services/answer.py:7, "
        "aclient.chat.completions.create() at shop/services/answer.py:14"
    )
    edits = [(edit.get("path"), edit["line"], edit["content"]) for edit in default["fix"]["edits"]]
    assert edits == [
        (None, 3, "v4-flash"),
        ("shop/services/answer.py", 9, '    extra_body={"thinking": {"type": "disabled"}},\n    '),
        ("shop/services/answer.py", 14, ', extra_body={"thinking": {"type": "disabled"}}'),
    ]
    assert [(r["path"], r["line"], r["role"]) for r in default["related"]] == [
        ("shop/services/answer.py", 7, "request"), ("shop/services/answer.py", 14, "request"),
    ]
    # Through `from shop import constants` (module.NAME), and an Enum member read as .value.
    assert found[("shop/constants.py", 4)]["fix"]["applicability"] == "safe"
    assert "thinking enabled" in found[("shop/constants.py", 4)]["fix"]["description"]
    assert found[("shop/models.py", 5)]["fix"]["applicability"] == "safe"
    # Logging the name changes no request.
    audit = found[("shop/constants.py", 5)]
    assert audit["fix"]["applicability"] == "safe"
    assert ("shop/services/audit.py", 10, "text") in [(r["path"], r["line"], r["role"]) for r in audit["related"]]


@pytest.mark.parametrize(
    ("place", "reason"),
    [
        (("shop/constants.py", 6), "shop/router.py:5 hands it on (value of key 'default'), where the analysis cannot follow it"),
        (("shop/constants.py", 7), "shop/router.py:9 compares or looks it up (comparison): it would stop matching"),
        (("shop/settings.py", 7), "the environment variable SHOP_ANSWER_MODEL can replace the value"),
        (("shop/wrappers.py", 7), 'DeepSeekChat() receives both retired IDs from its callers (shop/bots.py:5 passes "deepseek-reasoner")'),
        (("shop/requests.py", 9), "instances of ChatRequest carry it as .model"),
    ],
)
def test_what_stops_a_safe_fix_is_named(cli, project, place, reason) -> None:
    finding = findings_of(cli, project)[place]
    assert finding["fix"]["applicability"] == "unsafe"
    assert reason in finding["fix"]["description"]


def test_calls_that_rely_on_a_retired_default_are_reported_where_they_are(cli, project) -> None:
    found = findings_of(cli, project)
    relying = found[("shop/bots.py", 13)]
    assert relying["code"] == "DSM001" and relying["fix"] is None
    assert relying["message"].startswith("ChatRequest() relies on its default model, set at shop/requests.py:9:")
    assert found[("shop/bots.py", 4)]["message"].startswith("DeepSeekChat() relies on its default model, set at shop/wrappers.py:7:")
    wrapper = found[("shop/wrappers.py", 7)]
    roles = [(r["path"], r["line"], r["role"]) for r in wrapper["related"]]
    assert ("shop/bots.py", 4, "call relying on the default") in roles and ("shop/bots.py", 5, "caller") in roles
    assert "1 call relies on this default: shop/bots.py:4." in wrapper["message"]


def test_unsafe_fixes_write_the_switch_at_the_readers_they_reach(cli, project) -> None:
    assert cli(["--fix", "--unsafe-fixes", "--as-of", AFTER, "shop/settings.py", "shop/services/support.py"], cwd=project).code in (0, 1)
    assert 'answer_model: str = "deepseek-v4-flash"' in (project / "shop/settings.py").read_text()
    assert 'extra_body={"thinking": {"type": "disabled"}}' in (project / "shop/services/support.py").read_text()


def test_a_fix_that_spans_files_writes_all_of_them_or_none(cli, project, monkeypatch) -> None:
    from migrator import fixer

    real = fixer.write_atomically

    def failing(path, original, new):
        if path.name == "answer.py":
            return "cannot write the fix: disk full"
        return real(path, original, new)

    monkeypatch.setattr(fixer, "write_atomically", failing)
    before = tree(project)
    result = cli(["--fix", "--as-of", AFTER, "."], cwd=project)
    after = tree(project)
    # constants.py joins answer.py, planner.py and audit.py in one change: none of them is written.
    for name in ("shop/constants.py", "shop/services/answer.py", "shop/services/planner.py", "shop/services/audit.py"):
        assert after[name] == before[name], name
    assert "not fixed: one fix spans" in result.out and "shop/services/answer.py could not be written" in result.out
    # Fixes that do not touch the failed file are written.
    assert after["shop/services/triage.py"] != before["shop/services/triage.py"]
    assert after["shop/wrappers.py"] != before["shop/wrappers.py"]


def test_fixes_that_clash_in_one_file_are_dropped_whole() -> None:
    from migrator.findings import Edit, Finding, Fix, Span
    from migrator.project_analysis.apply import apply_project_fixes

    def finding(path: str, edits: tuple[Edit, ...]) -> Finding:
        return Finding("DSM001", "retired-model-id", "error", path, Span(1, 1, 1, 2), "m", fix=Fix("safe", "d", edits))

    first = finding("a.py", (Edit(Span(1, 5, 1, 6), "2"), Edit(Span(1, 5, 1, 6), "3", path="b.py")))
    second = finding("c.py", (Edit(Span(1, 5, 1, 6), "4"), Edit(Span(1, 5, 1, 6), "5", path="b.py")))
    applied = apply_project_fixes([first, second], {"a.py": "x = 1\n", "b.py": "y = 1\n", "c.py": "z = 1\n"})
    assert applied.texts == {"a.py": "x = 2\n", "b.py": "y = 3\n"}  # c.py is left as it was
    assert applied.applied == (first,) and applied.components() == [{"a.py", "b.py"}]
    assert applied.problems == (("c.py", "a fix that spans files was not applied: it clashes with another fix"),)
    broken = finding("a.py", (Edit(Span(1, 5, 1, 6), "("),))
    assert apply_project_fixes([broken], {"a.py": "x = 1\n"}).texts == {}


def test_sarif_carries_related_locations_and_fixes_across_files(cli, project) -> None:
    result = cli(["--format", "sarif", "--as-of", AFTER, "."], cwd=project)
    document = json.loads(result.out)
    jsonschema.validate(document, json.loads(SARIF_SCHEMA.read_text(encoding="utf-8")))
    results = document["runs"][0]["results"]
    default = next(r for r in results if r["locations"][0]["physicalLocation"]["region"]["startLine"] == 3
                   and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "shop/constants.py")
    changed = [change["artifactLocation"]["uri"] for change in default["fixes"][0]["artifactChanges"]]
    assert changed == ["shop/constants.py", "shop/services/answer.py"]
    assert [loc["message"]["text"] for loc in default["relatedLocations"]] == ["request", "request"]


def test_a_project_without_definitions_reads_no_other_file(cli, tmp_path, monkeypatch) -> None:
    from migrator.project_analysis import index

    (tmp_path / "app.py").write_text('client.chat.completions.create(model="deepseek-chat", messages=[])\n')
    for number in range(5):
        (tmp_path / f"other{number}.py").write_text("import app\n")

    def no_reads(*args, **kwargs):
        raise AssertionError("the index read a file")

    monkeypatch.setattr(index, "read_regular", no_reads)
    result = cli(["--as-of", AFTER, "."], cwd=tmp_path)
    assert result.code == 1 and "app.py:1:38: DSM001" in result.out


def test_a_definition_is_looked_for_only_in_files_that_spell_its_names(cli, tmp_path, monkeypatch) -> None:
    from migrator.project_analysis import index

    (tmp_path / "settings.py").write_text('MODEL = "deepseek-chat"\n')
    (tmp_path / "service.py").write_text(
        "from settings import MODEL\n\n"
        "def ask():\n    return client.chat.completions.create(model=MODEL, messages=[])\n"
    )
    (tmp_path / "unrelated.py").write_text("import json\n")
    parsed: list[str] = []
    real_parse = index._parse

    def counting(data, encoding_of):
        parsed.append(data.decode())
        return real_parse(data, encoding_of)

    monkeypatch.setattr(index, "_parse", counting)
    found = findings_of(cli, tmp_path)
    assert found[("settings.py", 1)]["fix"]["applicability"] == "safe"
    assert not any("import json" in text for text in parsed)  # no word of the index in it: not parsed


def test_module_names_and_relative_imports(tmp_path) -> None:
    from migrator.project_analysis.modules import module_names, resolve_import

    (tmp_path / "src/shop/services").mkdir(parents=True)
    for folder in ("src/shop", "src/shop/services"):
        (tmp_path / folder / "__init__.py").write_text("")
    module = tmp_path / "src/shop/services/answer.py"
    module.write_text("")
    assert module_names(module, tmp_path) == ("shop.services.answer", "src.shop.services.answer")
    assert module_names(tmp_path / "src/shop/__init__.py", tmp_path) == ("shop", "src.shop")
    script = tmp_path / "tools/run.py"
    assert module_names(script, tmp_path) == ("run", "tools.run")
    assert resolve_import("shop.services.answer", False, 2, "constants") == "shop.constants"
    assert resolve_import("shop.services.answer", False, 1, None) == "shop.services"
    assert resolve_import("shop", True, 1, "models") == "shop.models"
    assert resolve_import("top", False, 3, "x") is None


def test_definitions_are_found_with_their_exact_columns(catalog) -> None:
    from migrator.project_analysis.definitions import module_definitions

    source = (PROJECT / "before/shop/wrappers.py").read_text()
    found, _ = module_definitions(ast.parse(source), source, "w.py", catalog)
    assert [(d.name, d.kind, d.line, d.column, d.attribute, d.scope) for d in found] == [
        ("DeepSeekChat(model)", "parameter default", 7, 37, "model", "DeepSeekChat.__init__"),
        ("summarize(model)", "parameter default", 20, 39, None, "summarize"),
    ]
    source = 'é = 1\nclass Settings(BaseSettings):\n    class Config:\n        env_prefix = "APP_"\n    llm: str = Field("deepseek-chat", alias="LLM")\n    other: str = "deepseek-reasoner"\n'
    found, _ = module_definitions(ast.parse(source), source, "s.py", catalog)
    assert [(d.name, d.env, d.column) for d in found] == [("Settings.llm", "LLM", 22), ("Settings.other", "APP_OTHER", 18)]


def test_readers_through_a_re_export_are_followed(cli, tmp_path) -> None:
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop/__init__.py").write_text("from .constants import DEFAULT_MODEL\n")
    (tmp_path / "shop/constants.py").write_text('DEFAULT_MODEL = "deepseek-chat"\n')
    (tmp_path / "shop/config.py").write_text("from shop.constants import *\n")
    (tmp_path / "app.py").write_text(
        "from shop import DEFAULT_MODEL\nfrom shop.config import DEFAULT_MODEL as again\n\n"
        "def ask(client):\n    return client.chat.completions.create(model=DEFAULT_MODEL, messages=[])\n\n"
        "def ask_again(client):\n    return client.chat.completions.create(model=again, messages=[])\n"
    )
    finding = findings_of(cli, tmp_path)[("shop/constants.py", 1)]
    assert finding["fix"]["applicability"] == "safe"
    assert [(r["path"], r["line"]) for r in finding["related"]] == [("app.py", 5), ("app.py", 8)]


@pytest.mark.parametrize(
    ("reader", "reason"),
    [
        ("from shop.constants import MODEL\nMODEL = MODEL.upper()\n", "MODEL may also stand for another value"),
        ("import shop.constants as c\nprint(c.MODEL)\nhandle(c.MODEL)\n", "hands it on (argument of handle())"),
        ("from shop.constants import *\n\ndef pick(m):\n    return m == MODEL\n", "compares or looks it up"),
    ],
)
def test_readers_the_index_cannot_follow_keep_the_fix_unsafe(cli, tmp_path, reader, reason) -> None:
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop/__init__.py").write_text("")
    (tmp_path / "shop/constants.py").write_text('MODEL = "deepseek-chat"\n')
    (tmp_path / "shop/service.py").write_text(
        "from shop.constants import MODEL\n\n"
        "def ask(client):\n    return client.chat.completions.create(model=MODEL, messages=[])\n"
    )
    (tmp_path / "shop/other.py").write_text(reader)
    finding = findings_of(cli, tmp_path)[("shop/constants.py", 1)]
    assert finding["fix"]["applicability"] == "unsafe" and reason in finding["fix"]["description"]


CLIENT = 'from openai import OpenAI\n\nclient = OpenAI(base_url="https://api.deepseek.com")\n'
ASK = 'client.chat.completions.create(model={}, messages=[{{"role": "user", "content": q}}])'


def build(root: Path, files: dict[str, str]) -> Path:
    for name, text in {"pyproject.toml": '[project]\nname = "app"\n', "app/__init__.py": "", "app/client.py": CLIENT, **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


# Shapes an independent review found to fool the index into a wrong safe fix; each must stay unsafe, and say why.
REVIEWED = {
    "two files answer to one module name": (
        {
            "chatbot/settings.py": 'MODEL = "deepseek-chat"\n',
            "chatbot/run.py": "from settings import MODEL\nfrom app.client import client\n\ndef go(q):\n    return " + ASK.format("MODEL") + "\n",
            "solver/settings.py": 'MODEL = "deepseek-reasoner"\n',
            "solver/run.py": "from settings import MODEL\nfrom app.client import client\n\ndef go(q):\n    return " + ASK.format("MODEL") + "\n",
        },
        [("chatbot/settings.py", 1), ("solver/settings.py", 1)],
        "several files can be imported as settings",
    ),
    "one name imported from two definitions": (
        {
            "app/config.py": 'FAST = "deepseek-chat"\nDEEP = "deepseek-reasoner"\n',
            "app/answer.py": (
                "import os\nfrom app.client import client\n\nif os.environ.get('DEEP'):\n    from app.config import DEEP as MODEL\n"
                "else:\n    from app.config import FAST as MODEL\n\ndef answer(q):\n    return " + ASK.format("MODEL") + "\n"
            ),
        },
        [("app/config.py", 1), ("app/config.py", 2)],
        "MODEL may stand for 2 definitions",
    ),
    "a local name bound to two classes' instances": (
        {
            "app/config.py": 'class ChatConfig:\n    MODEL = "deepseek-chat"\n',
            "app/agent_config.py": 'class AgentConfig:\n    MODEL = "deepseek-v4-pro"\n',
            "app/answer.py": (
                "from app.agent_config import AgentConfig\nfrom app.client import client\nfrom app.config import ChatConfig\n\n"
                "def chat(q):\n    cfg = ChatConfig()\n    return " + ASK.format("cfg.MODEL") + "\n\n"
                "def agent(q):\n    cfg = AgentConfig()\n    return " + ASK.format("cfg.MODEL") + "\n"
            ),
        },
        [("app/config.py", 2)],
        "cfg is bound to an instance in one place and to something else in another",
    ),
    "a subclass sets the attribute a constructor default fills": (
        {
            "app/chat.py": (
                'from app.client import client\n\nclass Chat:\n    def __init__(self, model: str = "deepseek-chat") -> None:\n'
                "        self.model = model\n\n    def ask(self, q):\n        return " + ASK.format("self.model") + "\n\n"
                "class Thinker(Chat):\n    def __init__(self) -> None:\n        super().__init__()\n        self.model = REASONER\n\n"
                'REASONER = "deepseek-reasoner"\n'
            ),
            "app/main.py": "from app.chat import Chat, Thinker\n\nprint(Chat().ask('hi'), Thinker().ask('why'))\n",
        },
        [("app/chat.py", 4)],
        "Chat is subclassed",
    ),
    "a function handed to an executor": (
        {
            "app/wrappers.py": 'from app.client import client\n\ndef summarize(q, model="deepseek-chat"):\n    return ' + ASK.format("model") + "\n",
            "app/jobs.py": "from app.wrappers import summarize\n\ndef run(pool, texts):\n    summarize(texts[0])\n    return pool.submit(summarize, texts[1], 'deepseek-reasoner')\n",
        },
        [("app/wrappers.py", 3)],
        "summarize is handed on, not called",
    ),
    "an imported constant as another parameter's default": (
        {
            "app/constants.py": 'MODEL = "deepseek-chat"\n',
            "app/answer.py": (
                "from app.client import client\nfrom app.constants import MODEL\n\n"
                "def answer(q):\n    return " + ASK.format("MODEL") + "\n\ndef ask(q, model=MODEL):\n    return " + ASK.format("model") + "\n"
            ),
        },
        [("app/constants.py", 1)],
        "hands it on (default of parameter `model`)",
    ),
    "a dynamic import": (
        {
            "app/constants.py": 'MODEL = "deepseek-chat"\n',
            "app/answer.py": "from app.client import client\nfrom app.constants import MODEL\n\ndef answer(q):\n    return " + ASK.format("MODEL") + "\n",
            "app/plug.py": "import importlib\nfrom app.client import client\n\ndef plugin(q):\n    cfg = importlib.import_module('app.constants')\n    return " + ASK.format("cfg.MODEL") + "\n",
        },
        [("app/constants.py", 1)],
        "app/plug.py names the module app.constants in a string",
    ),
    "a tier rule that sends a reader to pro": (
        {
            "pyproject.toml": '[project]\nname = "app"\n\n[[tool.deepseek-migrate.tier-rules]]\ntier = "pro"\npaths = ["app/agents/**"]\n',
            "app/constants.py": 'PLANNER = "deepseek-reasoner"\n',
            "app/agents/planner.py": "from app.client import client\nfrom app.constants import PLANNER\n\ndef plan(q):\n    return " + ASK.format("PLANNER") + "\n",
        },
        [("app/constants.py", 1)],
        "tier rules choose pro for some of its requests",
    ),
    "the definition's own module looks the ID up": (
        {
            "app/constants.py": 'MODEL = "deepseek-chat"\nPRICE = {"deepseek-chat": 0.27}\n',
            "app/answer.py": "from app.client import client\nfrom app.constants import MODEL\n\ndef answer(q):\n    return " + ASK.format("MODEL") + "\n",
        },
        [("app/constants.py", 1)],
        "app/constants.py:2 compares or looks up 'deepseek-chat'",
    ),
    "an instance's attribute set again": (
        {
            "app/wrappers.py": (
                'from app.client import client\n\nclass Chat:\n    def __init__(self, model="deepseek-chat"):\n'
                "        self.model = model\n\n    def ask(self, q):\n        return " + ASK.format("self.model") + "\n\n"
                'fast = Chat()\nfast.model = "deepseek-v4-pro"\n'
            ),
        },
        [("app/wrappers.py", 4)],
        "fast.model is assigned",
    ),
    "a class whose base may make its attributes fields": (
        {
            "app/base.py": "from pydantic import BaseModel\n\nclass Base(BaseModel):\n    pass\n",
            "app/bot.py": (
                'from app.base import Base\nfrom app.client import client\n\nclass Bot(Base):\n    model: str = "deepseek-chat"\n\n'
                "    def ask(self, q):\n        return " + ASK.format("self.model") + "\n"
            ),
        },
        [("app/bot.py", 5)],
        "Bot has bases or decorators that may make it a field",
    ),
    "an Enum looked up by value": (
        {
            "app/models.py": 'from enum import Enum\n\nclass Model(str, Enum):\n    FAST = "deepseek-chat"\n    LOCAL = "qwen2.5:7b"\n',
            "app/svc.py": "from app.client import client\nfrom app.models import Model\n\ndef ask(q):\n    return " + ASK.format("Model.FAST.value") + "\n",
            "app/load.py": 'from app.models import Model\n\nLEGACY = Model("deepseek-chat")\n',
        },
        [("app/models.py", 4)],
        "Model(...) looks a member up by its value",
    ),
    "a module that overrides its names from the environment": (
        {
            "app/constants.py": 'import os\n\nMODEL = "deepseek-chat"\nglobals().update({k: os.environ[k] for k in list(globals()) if k in os.environ})\n',
            "app/svc.py": "from app.client import client\nfrom app.constants import MODEL\n\ndef ask(q):\n    return " + ASK.format("MODEL") + "\n",
        },
        [("app/constants.py", 3)],
        "changes names or attributes at run time",
    ),
    "a decorated wrapper": (
        {
            "app/wrappers.py": (
                'import functools\nfrom app.client import client\n\n@functools.lru_cache\n@with_env_model\ndef summarize(q, model="deepseek-chat"):\n'
                "    return " + ASK.format("model") + "\n"
            ),
            "app/use.py": "from app.wrappers import summarize\n\nsummarize('x')\n",
        },
        [("app/wrappers.py", 6)],
        "summarize() is decorated",
    ),
    "a test that patches the name by its dotted path": (
        {
            "app/constants.py": 'MODEL = "deepseek-chat"\n',
            "app/svc.py": "from app.client import client\nfrom app.constants import MODEL\n\ndef ask(q):\n    return " + ASK.format("MODEL") + "\n",
            "tests/test_svc.py": "from unittest import mock\n\n@mock.patch('app.svc.MODEL', 'deepseek-v4-pro')\ndef test_ask():\n    pass\n",
        },
        [("app/constants.py", 1)],
        "tests/test_svc.py names app.svc.MODEL in a string",
    ),
    "printed to a file": (
        {
            "app/constants.py": 'MODEL = "deepseek-chat"\n',
            "app/svc.py": (
                "from app.client import client\nfrom app.constants import MODEL\n\ndef ask(q, fh):\n"
                "    print(MODEL, file=fh)\n    return " + ASK.format("MODEL") + "\n"
            ),
        },
        [("app/constants.py", 1)],
        "text print() writes to a file",
    ),
    "a body changed or posted elsewhere before it reaches DeepSeek": (
        {
            "app/constants.py": 'MODEL = "deepseek-chat"\nFAST = "deepseek-chat"\nQUICK = "deepseek-chat"\n',
            "app/svc.py": (
                "import requests\nfrom app.constants import FAST, MODEL, QUICK\n\nURL = 'https://api.deepseek.com/chat/completions'\n\n"
                "def one(q):\n    payload = {'model': MODEL, 'messages': []}\n"
                "    requests.post('https://openrouter.ai/api/v1/chat/completions', json=payload)\n"
                "    return requests.post(URL, json=payload)\n\n"
                "def two(q):\n    payload = {'model': FAST, 'messages': []}\n    tweak(payload)\n    return requests.post(URL, json=payload)\n\n"
                "def three(q):\n    payload = {'model': QUICK, 'messages': []}\n    payload |= {'model': 'deepseek-v4-pro'}\n"
                "    return requests.post(URL, json=payload)\n"
            ),
        },
        [("app/constants.py", 1), ("app/constants.py", 2), ("app/constants.py", 3)],
        "not safe: payload() at app/svc.py:",
    ),
    "a caller through the package's attributes": (
        {
            "app/wrappers.py": 'from app.client import client\n\ndef summarize(q, model="deepseek-chat"):\n    return ' + ASK.format("model") + "\n",
            "app/use.py": "from app.wrappers import summarize\n\nsummarize('x')\n",
            "app/pro.py": "import app.use\n\ndef pro(q):\n    return app.wrappers.summarize(q, model='deepseek-v4-pro')\n",
        },
        [("app/wrappers.py", 3)],
        "callers pass their own model: app/pro.py:4",
    ),
    "a caller of the module that makes the request compares the old ID": (
        {
            "app/constants.py": 'MODEL = "deepseek-chat"\n',
            "app/svc.py": "from app.client import client\nfrom app.constants import MODEL\n\ndef ask(q):\n    return " + ASK.format("MODEL") + "\n",
            "app/check.py": "from app.svc import ask\n\ndef checked(q):\n    resp = ask(q)\n    if resp.model != 'deepseek-chat':\n        raise RuntimeError\n",
        },
        [("app/constants.py", 1)],
        "app/check.py:5 compares or looks up 'deepseek-chat'",
    ),
    "an instance attribute set by code that does not import the class": (
        {
            "app/bot.py": (
                'from app.client import client\n\nclass Bot:\n    def __init__(self):\n        self.model = "deepseek-chat"\n\n'
                "    def ask(self, q):\n        return " + ASK.format("self.model") + "\n"
            ),
            "app/upgrade.py": "def upgrade(b):\n    b.model = 'deepseek-v4-pro'\n",
        },
        [("app/bot.py", 5)],
        "app/upgrade.py sets .model on some object",
    ),
    "a subclass that names its base through the module": (
        {
            "app/agents/__init__.py": "",
            "app/agents/base.py": (
                'from app.client import client\n\nclass Agent:\n    model = "deepseek-chat"\n\n'
                "    def run(self, q):\n        return " + ASK.format("self.model") + "\n"
            ),
            "app/agents/planner.py": 'from . import base\n\nclass Planner(base.Agent):\n    model = "deepseek-reasoner"\n',
        },
        [("app/agents/base.py", 4)],
        "base.Agent is subclassed by Planner",
    ),
    "an instance passed on by a plain module": (
        {
            "app/config.py": 'class Config:\n    chat_model = "deepseek-chat"\n\nconfig = Config()\n',
            "app/service.py": "from app.client import client\nfrom app.config import config\n\ndef reply(q):\n    return " + ASK.format("config.chat_model") + "\n",
            "app/cli.py": "import sys\nfrom app.service import config\n\nconfig.chat_model = sys.argv[1]\n",
        },
        [("app/config.py", 2)],
        "app/cli.py:4: config.chat_model is assigned",
    ),
    "a request in a test module": (
        {
            "app/constants.py": 'MODEL = "deepseek-chat"\n',
            "tests/test_svc.py": (
                "from unittest import mock\nfrom app.constants import MODEL\n\ndef test_ask():\n    client = mock.Mock()\n"
                "    q = 'hi'\n    " + ASK.format("MODEL") + "\n"
                "    client.chat.completions.create.assert_called_once_with(model=mock.ANY, messages=mock.ANY)\n"
            ),
        },
        [("app/constants.py", 1)],
        "is in a test module, where its client may be a mock",
    ),
}


@pytest.mark.parametrize("shape", list(REVIEWED), ids=list(REVIEWED))
def test_what_the_index_cannot_follow_keeps_the_fix_unsafe(cli, tmp_path, shape) -> None:
    files, places, reason = REVIEWED[shape]
    found = findings_of(cli, build(tmp_path, files))
    for place in places:
        assert found[place]["fix"]["applicability"] == "unsafe", (place, found[place]["fix"])
        assert reason in found[place]["fix"]["description"], found[place]["fix"]["description"]


def test_a_nested_function_parameter_and_a_comprehension_variable_are_other_bindings(cli, tmp_path) -> None:
    build(tmp_path, {
        "app/ask.py": (
            'from app.client import client\n\ndef ask(q, model="deepseek-chat"):\n'
            "    def deep(question, model):\n        return " + ASK.format("model") + "\n\n"
            "    def inner():\n        return " + ASK.format("model") + "\n\n"
            "    picks = [" + ASK.format("model") + " for model in ('a', 'b')]\n"
            "    return " + ASK.format("model") + ", deep(q, 'x'), inner(), picks\n\nask('hi')\n"
        ),
    })
    default = findings_of(cli, tmp_path)[("app/ask.py", 3)]
    assert default["fix"]["applicability"] == "safe"
    # The closure reads the default; deep() and the comprehension read their own `model`.
    assert [(r["line"], r["role"]) for r in default["related"]] == [(8, "request"), (11, "request"), (13, "call relying on the default")]


def test_a_file_the_fix_spans_that_fails_its_own_check_stops_the_whole_fix(cli, project, monkeypatch) -> None:
    from migrator.filecheck import python_file

    real = python_file.check_python_file

    def broken(job, path, data, place, names=None, start=None, first=None):
        if job.fix is not None and path.name == "planner.py":
            raise RuntimeError("simulated crash")
        return real(job, path, data, place, names, start, first)

    monkeypatch.setattr(python_file, "check_python_file", broken)
    before = tree(project)
    result = cli(["--fix", "--as-of", AFTER, "."], cwd=project)
    after = tree(project)
    for name in ("shop/constants.py", "shop/services/answer.py", "shop/services/planner.py", "shop/services/audit.py"):
        assert after[name] == before[name], name
    assert "shop/services/planner.py could not be fixed" in result.out


def test_a_parameter_named_like_an_imported_constant_is_another_variable(cli, tmp_path) -> None:
    build(tmp_path, {
        "app/config.py": 'model_name = "deepseek-chat"\n',
        "app/llm.py": (
            "from app.client import client\nfrom app.config import model_name\n\n"
            "def quick(q):\n    return " + ASK.format("model_name") + "\n\n"
            "def complete(q, model_name):\n    return " + ASK.format("model_name") + "\n\n"
            "ask = lambda model_name, q: " + ASK.format("model_name") + "\n"
        ),
        "app/planner.py": "from app.llm import complete\n\ncomplete('goal', 'deepseek-v4-pro')\n",
    })
    default = findings_of(cli, tmp_path)[("app/config.py", 1)]
    assert default["fix"]["applicability"] == "safe"
    assert [(r["path"], r["line"]) for r in default["related"]] == [("app/llm.py", 5)]  # quick() only


def test_the_index_screens_in_worker_processes_with_the_same_report(cli, project, monkeypatch) -> None:
    from migrator.project_analysis import screen

    alone = cli(["--format", "json", "--as-of", AFTER, "--jobs", "1", "."], cwd=project)
    monkeypatch.setattr(screen, "POOL_MIN_FILES", 1)  # the pool screens even this small project
    pooled = cli(["--format", "json", "--as-of", AFTER, "--jobs", "2", "."], cwd=project)
    assert json.loads(alone.out)["findings"] and pooled.out == alone.out
