"""An independent review's reproducers for round seven's detection rules (fixtures/review_forwarding).

Each folder is scanned as a project of its own. The review ran the round's
start and the first version of its rules on them and found twelve real
DeepSeek requests that lost DSM001, all of them findings again here:

- a model handed to the module's own class or function was cleared when a
  subclass swaps the client (``c01``, ``c10``), the client is chosen by an
  ``if`` or set in another method (``c03``, ``c06``, ``c08``, ``c09``), the
  instance is bound at a module's top level where other modules import it
  (``c05``, ``c15``), or a decorator's wrapper reads the attribute
  (``c13``); a module client set in either branch of an ``if`` (``c04``);
- a local server started for something other than the model's API (a
  webhook target, fixture pages: ``c20``, ``c21``);
- a parametrized value put in a dict before an SDK request (``c34``);
- ``migrate_source(code, model=...)``, a function that asks a model (``c40``).

Changed on purpose: ``c00`` (a wrapper that only sends to SambaNova) is no
finding, and in ``c32`` a parametrized ID handed only to the project's call
under ``pytest.raises`` (lines 12 and 25) is test input, as it is when
written in that call.
"""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import AFTER, FIXTURES

EXPECTED = {
    "c00_basic": [],
    "c01_subclass_client": [("app.py", 21, "DSM001")],
    "c02_provider_branch": [("app.py", 18, "DSM001")],
    "c03_switch_method": [("app.py", 18, "DSM001")],
    "c04_module_client_conditional": [("app.py", 15, "DSM001")],
    "c05_exported_instance": [("app.py", 15, "DSM001")],
    "c06_flag_branch": [("app.py", 18, "DSM001")],
    "c07_injected_client": [("app.py", 18, "DSM001")],
    "c08_set_client_before": [("app.py", 19, "DSM001")],
    "c09_function_branch": [("app.py", 17, "DSM001")],
    "c10_class_attr_override": [("app.py", 20, "DSM001")],
    "c11_method_client_override": [("app.py", 23, "DSM001")],
    "c12_global_switch": [("app.py", 24, "DSM001")],
    "c13_method_decorator_fallback": [("app.py", 30, "DSM001")],
    "c14_duplicate_class": [("app.py", 21, "DSM001")],
    "c15_exported_client_swap": [("app.py", 15, "DSM001")],
    "c16_property": [("app.py", 19, "DSM001")],
    "c17_helper_self": [("app.py", 23, "DSM001")],
    "c20_live_test_webhook_server": [("tests/test_report.py", 23, "DSM001")],
    "c21_live_unittest_fileserver": [("tests/test_scrape.py", 21, "DSM001")],
    "c30_param_raises_http": [("tests/test_contract.py", 10, "DSM003"), ("tests/test_contract.py", 10, "DSM003")],
    "c30b_inline_raises_http": [("tests/test_contract.py", 15, "DSM001")],
    "c31_param_raises_sdk": [("tests/test_contract.py", 10, "DSM003"), ("tests/test_contract.py", 16, "DSM003"), ("tests/test_contract.py", 28, "DSM003"), ("tests/test_contract.py", 35, "DSM003")],
    "c32_param_project_call": [("tests/test_llm.py", 7, "DSM003"), ("tests/test_llm.py", 7, "DSM003"), ("tests/test_llm.py", 18, "DSM003"), ("tests/test_llm.py", 18, "DSM003")],
    "c33_param_payload_raises": [("tests/test_contract.py", 11, "DSM001"), ("tests/test_contract.py", 12, "DSM001"), ("tests/test_contract.py", 20, "DSM001")],
    "c34_param_sdk_indirect": [("tests/test_contract.py", 10, "DSM001"), ("tests/test_contract.py", 11, "DSM001"), ("tests/test_contract.py", 20, "DSM001"), ("tests/test_contract.py", 29, "DSM001")],
    "c40_migrate_llm_tool": [("tests/test_py2to3.py", 5, "DSM001")],
    "c50_langchain_probe": [("app.py", 8, "DSM001"), ("app.py", 12, "DSM001"), ("app.py", 32, "DSM001"), ("app.py", 33, "DSM001")],
    "h_held_misc": [("app.py", 38, "DSM003"), ("app.py", 39, "DSM001"), ("app.py", 42, "DSM001"), ("app.py", 43, "DSM001"), ("app.py", 44, "DSM001"), ("app.py", 45, "DSM001")],
}


@pytest.mark.parametrize("project", sorted(EXPECTED))
def test_the_review_reproducers_keep_their_findings(cli, tmp_path, project: str) -> None:
    shutil.copytree(FIXTURES / "review_forwarding" / project, tmp_path / "project")
    report = json.loads(cli(["--as-of", AFTER, "--format", "json", "--select", "DSM0", "."], cwd=tmp_path / "project").out)
    found = sorted((f["path"], f["line"], f["code"]) for f in report["findings"])
    assert found == sorted(EXPECTED[project])
