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

A second review (the ``r2_`` folders) found fourteen more in the fixes: a
mock set only in a branch (``if not os.getenv(KEY): llm.client = MagicMock()``)
or on another object bound to the same name; a webhook client pointed at the
test's server, or any ``f"https://{HOST}"``; a module's client that an importer,
a star import or ``globals()`` replaces; ``self.client`` bound by an annotated,
tuple, ``with`` or ``for`` target, set in a branch of the class body, or given
another ``base_url`` afterwards. All are findings again. Kept on purpose: an ID
a helper builds is echoed by the tests that assert it back even in a live
module (``r2_i02``: DSM003 beside the live test's DSM003, where the round's
start reported only the assertion), and a literal named ``expected`` that an
assertion compares is knowledge (``r2_p02``).

Changed on purpose: ``c00`` (a wrapper that only sends to SambaNova) is no
finding, and in ``c32`` a parametrized ID handed only to the project's call
under ``pytest.raises`` (lines 12 and 25) is test input, as it is when
written in that call.
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES, project_findings

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
    "r2_d01_webhook_fstring_url": [("tests/test_report.py", 26, "DSM001")],
    "r2_d02_webhook_client_base_url": [("tests/test_report.py", 23, "DSM001")],
    "r2_f01_annassign_client": [("app.py", 21, "DSM001")],
    "r2_f02_tuple_client": [("app.py", 21, "DSM001")],
    "r2_f03_with_client": [("app.py", 20, "DSM001")],
    "r2_f04_with_options_rebind": [("app.py", 14, "DSM001")],
    "r2_f05_class_body_if": [("app.py", 18, "DSM001")],
    "r2_f06_for_client": [("app.py", 23, "DSM001")],
    "r2_f07_param_base_url": [("app.py", 15, "DSM001")],
    "r2_f09_self_base_url": [("app.py", 22, "DSM001")],
    "r2_f10_object_setattr": [("app.py", 19, "DSM001")],
    "r2_f11_factory_method": [("app.py", 20, "DSM001")],
    "r2_f12_client_base_url_set": [("app.py", 20, "DSM001")],
    "r2_f13_module_client_base_url_set": [("app.py", 12, "DSM001")],
    "r2_f14_star_import_client": [("app.py", 14, "DSM001")],
    "r2_f15_setattr_self": [("app.py", 17, "DSM001")],
    "r2_f17_globals_update": [("app.py", 18, "DSM001")],
    "r2_f18_other_module_sets_client": [("llm.py", 13, "DSM001")],
    "r2_i01_self_helper_live": [("tests/test_stream.py", 15, "DSM003")],
    "r2_i02_helper_echo_live": [("tests/test_live.py", 7, "DSM003"), ("tests/test_live.py", 13, "DSM003")],
    "r2_p01_cached_body_posted": [],
    "r2_p02_expected_sent": [("tests/test_live.py", 7, "DSM003")],
    "r2_p03_expected_assert_call": [],
    "r2_s04_other_object": [("tests/test_chat.py", 10, "DSM001")],
    "r2_s05_rebound_name": [],
    "r2_s06_mock_other_attr": [],
    "r2_s07_cache_client": [("tests/test_chat.py", 10, "DSM001")],
    "r2_s08_mock_only_without_key": [("tests/test_chat.py", 10, "DSM001")],
    "r2_x_direct_base_url_set": [],
    "r2_x_env_direct": [],
}


@pytest.mark.parametrize("project", sorted(EXPECTED))
def test_the_review_reproducers_keep_their_findings(cli, tmp_path, project: str) -> None:
    assert project_findings(cli, FIXTURES / "review_forwarding" / project, tmp_path) == sorted(EXPECTED[project])
