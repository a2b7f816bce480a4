"""Three independent reviews' reproducers for round eight's detection rules (fixtures/review_round8).

Each folder is scanned as a project of its own. The reviewers ran the
round's start and each version of its rules on them; every regression they
found gives the start's findings here:

- records that only name a model and describe it (``{"name": ...,
  "description": ...}``) were knowledge at first, but their name is sent in
  too many ways (a helper, a loop, ``.get``, a payload, a widget's pick,
  another module: the ``r1_desc_*`` folders): that rule is gone;
- a list of fallbacks also compared counted as tried when read by any index:
  a comparison, a slice, a log line, a table row, a price lookup, a name only
  compared (``r1_list_*``, ``r2_li_*``, ``r3_li_*``). Now a member must be
  picked by a plain index for a name that a request here sends;
- an object used under ``pytest.raises`` lost its finding when the call sent
  at the assignment, the test expected a rate limit, a timeout or a bad
  request, the class took the environment's key for an empty one, the
  object escaped in a lambda or a shared dict, or the message named a JSON
  key (``r1_so_*``, ``r2_so_*``, ``r3_so_*``). Now it must be a class built
  with ``api_key=""``, used only directly inside a block that expects an
  error about the API key;
- the fallback of ``data.get("model", ...)`` read from a post's reply was
  sent again by a retry, the next turn, a caller, or came from a settings
  or prompt service (``r2_rb_*``, ``r3_rb_*``): that rule is gone;
- a listing a fake client, a ``conftest.py`` double or a test server returns
  got DSM003 (``r1_list_fake``, ``r2_lm_*``, ``r3_lm_*``): no finding in test
  modules.

Changed on purpose against the start: a listing that ``list_models()`` or
``get_available_models()`` returns is DSM003 (``r1_list_server``,
``r1_odd_syntax`` line 20, ``r2_lm_proxy``, ``r2_odd2`` line 48,
``r3_odd3`` line 12), unless a request of the module sends the key its records
hold the ID under: ``r1_list_server`` sends ``get_available_models()[0]["id"]``,
so its records are DSM001 (round eleven; ``r2_lm_proxy`` sends its first entry
from another module, which is not seen), and in
``r3_so_bad_key`` an object built with an empty key, used only where the test
expects an authentication error about its API key, is test input: whatever
the model, that request is refused.
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES, project_findings

EXPECTED = {
    "r1_desc_get": [("app.py", 5, "DSM001")],
    "r1_desc_gradio": [("app.py", 7, "DSM001"), ("app.py", 8, "DSM001")],
    "r1_desc_helper": [("app.py", 6, "DSM001"), ("app.py", 7, "DSM001")],
    "r1_desc_module": [("models.py", 2, "DSM001"), ("models.py", 3, "DSM001")],
    "r1_desc_next": [("app.py", 6, "DSM001"), ("app.py", 7, "DSM001")],
    "r1_desc_payload": [("app.py", 4, "DSM001"), ("app.py", 5, "DSM001")],
    "r1_desc_single": [("app.py", 5, "DSM001")],
    "r1_desc_starred": [("app.py", 8, "DSM001")],
    "r1_desc_starstar": [("app.py", 4, "DSM001"), ("app.py", 6, "DSM001")],
    "r1_desc_streamlit": [("app.py", 7, "DSM001"), ("app.py", 8, "DSM001")],
    "r1_desc_var": [("app.py", 6, "DSM001"), ("app.py", 7, "DSM001")],
    "r1_desc_wrapper_kw": [("app.py", 6, "DSM001"), ("app.py", 7, "DSM001")],
    "r1_list_candidates_len": [("app.py", 5, "DSM003"), ("app.py", 5, "DSM003")],
    "r1_list_choices_iter": [("app.py", 3, "DSM001"), ("app.py", 3, "DSM001")],
    "r1_list_cot": [("app.py", 1, "DSM003")],
    "r1_list_fake": [],
    "r1_list_fallback_api": [("app.py", 5, "DSM003"), ("app.py", 5, "DSM003")],
    "r1_list_fallback_real": [("app.py", 4, "DSM003"), ("app.py", 4, "DSM003")],
    "r1_list_langchain": [("app.py", 1, "DSM003"), ("app.py", 1, "DSM003")],
    "r1_list_server": [("app.py", 8, "DSM001"), ("app.py", 9, "DSM001")],
    "r1_list_set": [("app.py", 1, "DSM003"), ("app.py", 1, "DSM003")],
    "r1_odd_syntax": [("app.py", 4, "DSM001"), ("app.py", 4, "DSM001"), ("app.py", 6, "DSM001"), ("app.py", 6, "DSM001"), ("app.py", 10, "DSM003"), ("app.py", 11, "DSM003"), ("app.py", 20, "DSM003"), ("app.py", 24, "DSM003"), ("tests/test_odd.py", 21, "DSM001"), ("tests/test_odd.py", 28, "DSM001"), ("tests/test_odd.py", 34, "DSM001"), ("tests/test_odd.py", 53, "DSM001"), ("tests/test_odd.py", 56, "DSM001")],
    "r1_so_async": [("tests/test_async.py", 11, "DSM001")],
    "r1_so_fixture": [("tests/test_fixture.py", 13, "DSM001")],
    "r1_so_json": [("tests/test_agent.py", 8, "DSM001")],
    "r1_so_lambda": [("tests/test_lambda.py", 9, "DSM001")],
    "r1_so_langchain": [("tests/test_lc.py", 10, "DSM001")],
    "r1_so_live_wrapper": [("tests/test_llm_live.py", 11, "DSM001")],
    "r1_so_mock_ok": [("tests/test_ok.py", 7, "DSM001")],
    "r1_so_nested": [("tests/test_nested.py", 9, "DSM001")],
    "r1_so_rate_loop": [("tests/test_rate.py", 11, "DSM001")],
    "r1_so_sdk_direct": [("tests/test_sdk.py", 11, "DSM001")],
    "r1_so_sdk_result": [("tests/test_live.py", 12, "DSM001")],
    "r1_so_self": [("tests/test_self.py", 9, "DSM001")],
    "r1_so_stream": [("tests/test_stream.py", 11, "DSM001")],
    "r1_so_tryexcept": [("tests/test_try.py", 9, "DSM001")],
    "r2_li_display": [("app.py", 3, "DSM001"), ("app.py", 3, "DSM001")],
    "r2_li_langchain_send": [("app.py", 3, "DSM003"), ("app.py", 3, "DSM003")],
    "r2_li_log": [("app.py", 5, "DSM003"), ("app.py", 5, "DSM003")],
    "r2_li_loop_idx": [("app.py", 6, "DSM001"), ("app.py", 7, "DSM003"), ("app.py", 7, "DSM003")],
    "r2_li_primary": [("app.py", 5, "DSM003"), ("app.py", 5, "DSM003")],
    "r2_li_slice": [("app.py", 1, "DSM003"), ("app.py", 1, "DSM003")],
    "r2_li_test": [("tests/test_router.py", 5, "DSM003"), ("tests/test_router.py", 5, "DSM003")],
    "r2_lm_double_name": [("tests/test_models.py", 15, "DSM003")],
    "r2_lm_monkeypatch": [("tests/test_models.py", 12, "DSM003")],
    "r2_lm_proxy": [("app/server.py", 15, "DSM003"), ("app/server.py", 16, "DSM003")],
    "r2_odd2": [("app/odd.py", 6, "DSM003"), ("app/odd.py", 6, "DSM003"), ("app/odd.py", 7, "DSM001"), ("app/odd.py", 14, "DSM001"), ("app/odd.py", 14, "DSM001"), ("app/odd.py", 24, "DSM001"), ("app/odd.py", 29, "DSM003"), ("app/odd.py", 35, "DSM003"), ("app/odd.py", 41, "DSM001"), ("app/odd.py", 41, "DSM001"), ("app/odd.py", 44, "DSM003"), ("app/odd.py", 48, "DSM003"), ("tests/test_odd2.py", 14, "DSM001"), ("tests/test_odd2.py", 21, "DSM001"), ("tests/test_odd2.py", 31, "DSM001"), ("tests/test_odd2.py", 39, "DSM001"), ("tests/test_odd2.py", 45, "DSM001"), ("tests/test_odd2.py", 58, "DSM001")],
    "r2_rb_async": [("app.py", 11, "DSM001")],
    "r2_rb_continue": [("app.py", 15, "DSM001")],
    "r2_rb_direct": [("app.py", 11, "DSM001")],
    "r2_rb_rebound": [("app.py", 20, "DSM001"), ("app.py", 27, "DSM001")],
    "r2_rb_retry": [("app.py", 18, "DSM001")],
    "r2_rb_settings_post": [("app.py", 13, "DSM001")],
    "r2_rb_wrapper_post": [("app.py", 10, "DSM001")],
    "r2_so_chatopenai": [("tests/test_lc_live.py", 9, "DSM001")],
    "r2_so_envkey": [("tests/test_live_errors.py", 9, "DSM001"), ("tests/test_live_errors.py", 16, "DSM001")],
    "r2_so_envkey_timeout": [("tests/test_client_live.py", 9, "DSM001"), ("tests/test_client_live.py", 14, "DSM001")],
    "r2_so_escape_cls": [("tests/test_shared.py", 10, "DSM001")],
    "r2_so_escape_lambda": [("tests/test_escape.py", 8, "DSM001")],
    "r2_so_patch_late": [],
    "r3_li_argparse_default": [("cli.py", 3, "DSM003"), ("cli.py", 3, "DSM003")],
    "r3_li_cost": [("app.py", 1, "DSM003"), ("app.py", 1, "DSM003"), ("app.py", 2, "DSM003"), ("app.py", 2, "DSM003")],
    "r3_li_langchain_list": [("app.py", 3, "DSM003"), ("app.py", 3, "DSM003")],
    "r3_li_log_extra": [("app.py", 4, "DSM003"), ("app.py", 4, "DSM003")],
    "r3_li_primary_name": [("app.py", 5, "DSM003"), ("app.py", 5, "DSM003")],
    "r3_li_settings_dict": [("app.py", 5, "DSM003"), ("app.py", 5, "DSM003")],
    "r3_li_table": [("app.py", 4, "DSM003"), ("app.py", 4, "DSM003")],
    "r3_li_test_expected": [("tests/test_router.py", 3, "DSM003"), ("tests/test_router.py", 3, "DSM003"), ("tests/test_router.py", 8, "DSM001"), ("tests/test_router.py", 13, "DSM003")],
    "r3_lm_conftest": [],
    "r3_lm_fake_server": [],
    "r3_odd3": [("app.py", 3, "DSM003"), ("app.py", 3, "DSM003"), ("app.py", 8, "DSM003"), ("app.py", 12, "DSM003"), ("app.py", 12, "DSM003"), ("app.py", 18, "DSM001"), ("app.py", 23, "DSM001"), ("tests/test_odd.py", 9, "DSM001"), ("tests/test_odd.py", 15, "DSM001"), ("tests/test_odd.py", 21, "DSM001")],
    "r3_rb_agent_next": [("app.py", 11, "DSM001")],
    "r3_rb_followup": [("app.py", 16, "DSM001")],
    "r3_rb_prompt_hub": [("app.py", 13, "DSM001")],
    "r3_so_bad_key": [],
    "r3_so_json_key": [("tests/test_live.py", 9, "DSM001")],
    "r3_so_tools_key": [("tests/test_tools_live.py", 10, "DSM001")],
}


@pytest.mark.parametrize("project", sorted(EXPECTED))
def test_the_review_reproducers_keep_their_findings(cli, tmp_path, project: str) -> None:
    assert project_findings(cli, FIXTURES / "review_round8" / project, tmp_path) == sorted(EXPECTED[project])
