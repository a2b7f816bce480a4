"""An independent review's reproducers for the detection rules of round five (fixtures/review_detection).

Each folder is scanned as a project of its own. The review found ten ways the
first version lost a real request: a relative URL or placeholder text read as
another server's host, a URL that names DeepSeek only after a placeholder or a
`+`, any localhost variable silencing a live test, a lookup-looking function
that sends, a dict key a loop unpacks and sends, an f-string body or
`locals()` treated as text, a lambda or method that sends inside an
assertion, a reply-named function of the module that posts, a built object
handed to a test class's helper, and a DeepSeek-named setting's relay
default. Every one of them is a finding again; what changed on purpose is
that a written relay host that does not name DeepSeek is no finding
(`cfg/a.yaml`, `cfg/d.yaml`, `cfg/g.toml`, `cfg/.env`, `multi/m1.py` line 8,
`urls/u6_underscore.py`), and that a reply dict (`reply/r3_proxy_view.py`
line 9) is data.

A second review (the `r2_` folders) found eleven more in the fixes and the
rules after them: a class named for another host dropping its own DeepSeek
requests, result-like classes taken for metadata, senders that post through
a helper, `write()` and `text=` taken for text for people, a table column
only formatted into a body, dict keys picked by `min()`/`next()`, a test
that points one variable at a mock and another at DeepSeek, placeholder
hosts (`HOST:PORT`, `ip`, `API_HOST`), a validator taken for a picker, and
`get_default_models`. All are findings again, and a relay host written as
`RELAY + "/v1"` now gets the unsafe fix a written relay gets.

A third review (the `r3_` folders) found requests lost to two rules that were
then withdrawn (a field of a data-named object, a test key in a settings
dict), picks used as a model argument or a module constant, a picker that
tests with `and` or a predicate, hosts that are real machines (`LLMBOX`,
`server`), `deep.seekr.ai`, dict keys looked up with `in .keys()` or
`len()`, and senders matched by a bare method name (`logger.log`). All
behave as their comments say.

A fourth review (the `r4_` folders) found senders reached through an
instance, a class or `super()` no longer followed, a validator's pick named
for a model, a function-local dict, and hyphenated placeholder hosts
(`VLLM-HOST`). Fixed: senders are followed through any method call except
on an imported object, a pick bound to a name counts only when a request
reads the name or the function returns it. Kept on purpose: two classes'
same-named methods count as one (`r4_s/s4_same_name.py`: a false alarm
rather than a lost request), and a (host, model) key read here only by
lookups is knowledge even when another module loops over it
(`r4_k2/routes.py`: readers in other modules are not seen).

A fifth review (the `r5_` folders) found picks bound to a local and then
sent through `self`, `**kwargs`, the environment or a subscript judged
narrower than a literal binding, a picked module constant read by
importers, `global`/`nonlocal` dicts, the module's own sending decorators,
`PRICES.get` taken for a local class's `get`, and a function-local import
hiding a sender. Fixed: a pick bound to a name is judged like any binding
(only compared, tested for truth or shown: knowledge), a dict declared
`global` or `nonlocal` is read elsewhere, decorators of this module count
for the callee they name, methods of the built-in dict, list and str are
not followed, and only top-level imports make a receiver foreign. Still
missed (as at the session's start): a pick sent through `self.choice`,
`**kwargs` built from it, or a local factory (`r4_p`), and a dict read only
through `locals()` (`r5_k/k5_locals.py`).

Changed on purpose in round nine: `r5_p2/config.py` line 3, the env default
`"deepseek-chat,deepseek-v4-flash"` split into a set of available models,
is now DSM003 (a delimited list of model names is knowledge).
"""

from __future__ import annotations

import json
import shutil

import pytest

from conftest import AFTER, FIXTURES

EXPECTED = {
    "asserts": {
        ("smoke.py", 14, "DSM001"), ("smoke.py", 15, "DSM001"), ("smoke2.py", 4, "DSM001"),
        ("smoke2.py", 11, "DSM001"), ("tests/test_smoke.py", 7, "DSM001"), ("tests/test_smoke.py", 11, "DSM001"),
        ("tests/test_smoke.py", 15, "DSM001"),
    },
    "asserts2": {
        ("s.py", 4, "DSM003"), ("s.py", 5, "DSM001"), ("s.py", 6, "DSM003"),
    },
    "asserts3": {
        ("s.py", 4, "DSM001"), ("s.py", 5, "DSM003"), ("s.py", 6, "DSM001"), ("s.py", 15, "DSM001"),
        # checker.works("deepseek-reasoner"): the method of the module's class sends its parameter (round twelve)
        ("s.py", 16, "DSM001"), ("s.py", 17, "DSM001"),
    },
    "cfg": {
        ("b.yaml", 3, "DSM002"), ("c.yaml", 3, "DSM002"), ("e.yaml", 3, "DSM002"), ("f.yaml", 3, "DSM002"),
        ("h.yaml", 4, "DSM002"),
    },
    "endpoint": {
        ("e1.py", 3, "DSM001"), ("e2.py", 3, "DSM001"), ("e3.py", 6, "DSM001"), ("e4.py", 3, "DSM001"),
    },
    "envtest": {
        ("tests/test_live.py", 8, "DSM001"), ("tests/test_live.py", 15, "DSM001"),
        ("tests/test_live.py", 23, "DSM001"), ("tests/test_live2.py", 7, "DSM001"),
    },
    "helpers": {
        ("tests/test_bot.py", 9, "DSM001"), ("tests/test_bot.py", 13, "DSM001"), ("tests/test_bot2.py", 9, "DSM001"),
        ("tests/test_bot2.py", 12, "DSM001"), ("tests/test_bot3.py", 12, "DSM003"),
    },
    "knowledge": {
        ("k1_column_profile.py", 15, "DSM001"), ("k1b_column_imported.py", 4, "DSM001"),
        ("k1c_column_send_direct.py", 4, "DSM001"), ("k1d_column_two_loops.py", 4, "DSM001"),
        ("k1e_column_kwargs.py", 4, "DSM001"), ("k1f_column_zip.py", 4, "DSM001"), ("k2_dictkey.py", 4, "DSM001"),
        ("k2b_dictkey.py", 4, "DSM001"), ("k2c_dictkey_base.py", 4, "DSM001"),
    },
    "listing": {
        ("g1.py", 3, "DSM001"), ("g2.py", 3, "DSM001"),
    },
    "listing2": {
        ("adapter.py", 1, "DSM001"),
    },
    "locals": {
        ("l10_plain_ident.py", 2, "DSM001"), ("l10_plain_ident.py", 4, "DSM001"),
        ("l1_tuple_return.py", 3, "DSM003"), ("l1_tuple_return.py", 7, "DSM001"), ("l2_self.py", 3, "DSM003"),
        ("l2_self.py", 8, "DSM001"), ("l3_kwargs.py", 3, "DSM003"), ("l3_kwargs.py", 7, "DSM001"),
        ("l4_closure.py", 3, "DSM003"), ("l4_closure.py", 7, "DSM001"), ("l5_return.py", 1, "DSM003"),
        ("l5_return.py", 5, "DSM001"), ("l6_nonlocal.py", 3, "DSM003"), ("l6_nonlocal.py", 9, "DSM001"),
        ("l7_details_and_list.py", 3, "DSM003"), ("l7_details_and_list.py", 7, "DSM001"),
        ("l8_partial.py", 4, "DSM003"), ("l8_partial.py", 8, "DSM001"), ("l9_plain.py", 3, "DSM003"),
        ("l9_plain.py", 7, "DSM001"),
    },
    "locals2": {
        ("f1_fstring_body.py", 3, "DSM003"), ("f1_fstring_body.py", 7, "DSM001"), ("f2_locals.py", 3, "DSM003"),
        ("f2_locals.py", 7, "DSM001"), ("f3_cli.py", 3, "DSM003"), ("f3_cli.py", 7, "DSM001"),
        ("f4_details_task.py", 3, "DSM003"), ("f4_details_task.py", 7, "DSM001"), ("f5_log_extra.py", 6, "DSM001"),
        ("f5_log_extra.py", 7, "DSM003"),
    },
    "multi": {
        ("m1.py", 9, "DSM001"), ("m2.py", 7, "DSM001"), ("m3.py", 5, "DSM001"),
    },
    "multi2": {
        ("c1.py", 7, "DSM001"), ("c2.py", 5, "DSM001"),
    },
    "r2_cls": {
        ("a.py", 5, "DSM001"), ("b.py", 7, "DSM001"), ("c.py", 5, "DSM001"), ("d.py", 6, "DSM001"),
        ("e.py", 5, "DSM001"), ("e.py", 15, "DSM001"),
    },
    "r2_column": {
        ("c1.py", 3, "DSM001"), ("c2.py", 3, "DSM001"),
    },
    "r2_consist": {
        ("e.py", 5, "DSM001"),
    },
    "r2_envtest": {
        ("tests/test_live.py", 10, "DSM001"), ("tests/test_live2.py", 9, "DSM001"),
        ("tests/test_live3.py", 9, "DSM001"),
    },
    "r2_gateway": {
        ("g1.py", 5, "DSM001"), ("g2.py", 5, "DSM001"), ("g3.py", 4, "DSM001"), ("g4.py", 5, "DSM001"),
        ("g5.py", 4, "DSM001"),
    },
    "r2_keys": {
        ("k1_min.py", 3, "DSM001"), ("k2_next.py", 3, "DSM001"), ("k3_choice.py", 4, "DSM001"),
    },
    "r2_listing": {
        ("l1.py", 1, "DSM001"), ("l3.py", 1, "DSM001"),
    },
    "r2_locals": {
        ("q1_event.py", 3, "DSM003"), ("q1_event.py", 7, "DSM001"), ("q2_batch.py", 3, "DSM003"),
        ("q2_batch.py", 7, "DSM001"), ("q3_message.py", 3, "DSM003"), ("q3_message.py", 7, "DSM001"),
        ("q4_text.py", 3, "DSM003"), ("q4_text.py", 7, "DSM001"), ("q5_indirect.py", 4, "DSM003"),
        ("q5_indirect.py", 17, "DSM001"),
    },
    "r2_picker": {
        ("p1_first_unknown.py", 12, "DSM003"), ("p2_validate.py", 11, "DSM003"), ("p2_validate.py", 12, "DSM003"),
        ("p3_prices.py", 1, "DSM003"), ("p4_keys_print.py", 1, "DSM001"),
    },
    "r2_senders": {
        ("s1_reply_indirect.py", 14, "DSM001"), ("s2_reply_imported.py", 3, "DSM001"),
        ("s3_profile_indirect.py", 5, "DSM001"), ("s4_profile_direct.py", 5, "DSM001"),
    },
    "r2_settings": {
        ("s1.py", 7, "DSM001"), ("s2.py", 6, "DSM001"), ("s3.py", 11, "DSM001"),
    },
    "r2_urls": {
        (".env", 2, "DSM002"), ("a.yaml", 3, "DSM002"), ("b.yaml", 3, "DSM002"), ("u1.py", 4, "DSM001"),
        ("u1.py", 7, "DSM001"), ("u1.py", 10, "DSM001"), ("u1.py", 16, "DSM001"), ("u1.py", 19, "DSM001"),
        ("u1.py", 25, "DSM001"), ("u1.py", 28, "DSM001"), ("u1.py", 31, "DSM001"),
    },
    "r2_write": {
        ("w1.py", 1, "DSM003"), ("w1.py", 5, "DSM001"), ("w2.py", 3, "DSM003"), ("w2.py", 7, "DSM001"),
    },
    "r3_a_fields": {
        ("a1_result_factory.py", 11, "DSM001"), ("a2_cached_llm.py", 4, "DSM001"), ("a3_plain_llm.py", 4, "DSM001"),
        ("a4_stub.py", 4, "DSM001"), ("a5_output.py", 9, "DSM001"), ("a6_response_config.py", 6, "DSM001"),
        ("a6_response_config.py", 8, "DSM001"), ("a7_settings_attr.py", 6, "DSM001"),
        ("a8_agent_result.py", 9, "DSM001"),
    },
    "r3_b_testdict": {
        ("tests/test_b1_spread.py", 7, "DSM001"), ("tests/test_b2_override.py", 6, "DSM001"),
        ("tests/test_b3_two_keys.py", 9, "DSM001"), ("tests/test_b4_client_key.py", 6, "DSM001"),
        ("tests/test_b5_env_template.py", 6, "DSM001"), ("tests/test_b6_or.py", 6, "DSM001"),
    },
    "r3_c_hosts": {
        ("h09.py", 4, "DSM001"), ("h21.py", 4, "DSM001"),
    },
    "r3_d_picker": {
        ("p1_used_directly.py", 14, "DSM001"), ("p2_module_level.py", 14, "DSM001"), ("p3_and_test.py", 9, "DSM001"),
        ("p4_predicate.py", 9, "DSM001"), ("p5_kwarg.py", 14, "DSM001"),
    },
    "r3_e_keys": {
        ("k1_class.py", 5, "DSM001"), ("k2_module_func.py", 3, "DSM001"), ("k3_imported.py", 1, "DSM001"),
        ("k4_keys_in.py", 1, "DSM003"), ("k5_len.py", 1, "DSM003"),
    },
    "r3_f2": {
        ("s1_no_telemetry.py", 9, "DSM003"), ("s1_no_telemetry.py", 17, "DSM003"),
    },
    "r3_f_senders": {
        ("s1_collision.py", 12, "DSM003"), ("s1_collision.py", 20, "DSM003"), ("s2_super_init.py", 10, "DSM003"),
    },
    "r3_g_write": {
        ("w1_streamlit.py", 3, "DSM003"), ("w2_stdout.py", 3, "DSM003"), ("w3_text_kw.py", 1, "DSM003"),
    },
    "r3_h_gateway": {
        ("g2_concat.py", 5, "DSM001"), ("g3_relay_plus.py", 5, "DSM001"),
    },
    "r3_min": {
        ("m1_output.py", 6, "DSM001"), ("m2_cached_llm.py", 4, "DSM001"), ("m3_mock_obj_request.py", 11, "DSM001"),
    },
    "r3_t": {
        ("a.py", 3, "DSM001"),
    },
    "r4_c2": {
        ("validate.py", 14, "DSM003"), ("validate.py", 18, "DSM003"),
    },
    "r4_dec": {
        ("d1_route.py", 6, "DSM003"), ("d2_get.py", 6, "DSM003"),
    },
    "r4_h": {
        ("h1.py", 4, "DSM001"), ("h2.py", 4, "DSM001"), ("h3.py", 4, "DSM001"), ("h4.py", 4, "DSM001"),
    },
    "r4_k1": {
        ("pricing.py", 4, "DSM001"), ("pricing.py", 5, "DSM001"),
    },
    "r4_k1b": {
        ("pricing.py", 4, "DSM001"), ("pricing.py", 5, "DSM001"),
    },
    "r4_k2": {
        ("routes.py", 1, "DSM003"),
    },
    "r4_k3": {
        ("k_local_lookup.py", 2, "DSM003"), ("k_local_unused.py", 2, "DSM003"), ("k_setdefault.py", 1, "DSM003"),
    },
    "r4_p": {
        ("p_factory.py", 3, "DSM003"), ("p_factory.py", 17, "DSM003"), ("p_is_deprecated.py", 13, "DSM003"),
        ("p_kwargs.py", 4, "DSM003"), ("p_kwargs.py", 15, "DSM003"), ("p_local_then_send.py", 4, "DSM003"),
        ("p_local_then_send.py", 15, "DSM001"), ("p_self.py", 3, "DSM003"), ("p_self.py", 16, "DSM003"),
        ("p_self_model.py", 3, "DSM003"), ("p_self_model.py", 16, "DSM003"), ("p_validator_retired.py", 1, "DSM003"),
        ("p_validator_retired.py", 12, "DSM003"),
    },
    "r4_s": {
        ("s1_instance.py", 4, "DSM001"), ("s2_static.py", 5, "DSM001"), ("s3_reply_instance.py", 18, "DSM001"),
        ("s4_same_name.py", 6, "DSM001"), ("s4b_distinct_names.py", 6, "DSM003"),
    },
    "r4_s5": {
        ("s5_self_attr.py", 4, "DSM001"), ("s6_super.py", 5, "DSM001"),
    },
    "r4_s7": {
        ("s7_cls.py", 5, "DSM001"), ("s8_nested.py", 5, "DSM001"),
    },
    "r4_s_ctrl": {
        ("c1.py", 4, "DSM003"),
    },
    "r4_u": {
        ("a_or.py", 6, "DSM001"), ("b_getenv.py", 6, "DSM001"), ("c_settings_get.py", 7, "DSM001"),
        ("d_decouple.py", 7, "DSM001"), ("f_environ_index.py", 6, "DSM001"), ("g_api_host.py", 6, "DSM001"),
    },
    "r5_k": {
        ("k1_global.py", 8, "DSM001"), ("k2_nonlocal.py", 9, "DSM001"), ("k3_setdefault.py", 3, "DSM001"),
        ("k4_local_closure.py", 5, "DSM001"), ("k5_locals.py", 5, "DSM003"),
    },
    "r5_lit": {
        ("p10_environ.py", 5, "DSM003"), ("p10_environ.py", 18, "DSM001"), ("p13_subscript_assign.py", 5, "DSM003"),
        ("p13_subscript_assign.py", 15, "DSM001"), ("p1_self_via_local.py", 5, "DSM003"),
        ("p1_self_via_local.py", 16, "DSM001"), ("p2_kwargs_name.py", 5, "DSM003"),
        ("p2_kwargs_name.py", 15, "DSM001"), ("p7_settings_attr.py", 5, "DSM003"),
        ("p7_settings_attr.py", 22, "DSM001"), ("p8_dict_splat.py", 5, "DSM003"), ("p8_dict_splat.py", 15, "DSM001"),
    },
    "r5_p": {
        ("p10_environ.py", 5, "DSM003"), ("p10_environ.py", 18, "DSM001"), ("p11_dict_call.py", 5, "DSM003"),
        ("p11_dict_call.py", 15, "DSM001"), ("p12_gen.py", 5, "DSM003"), ("p12_gen.py", 15, "DSM001"),
        ("p13_subscript_assign.py", 5, "DSM003"), ("p13_subscript_assign.py", 15, "DSM001"),
        ("p1_self_via_local.py", 5, "DSM003"), ("p1_self_via_local.py", 16, "DSM001"),
        ("p2_kwargs_name.py", 5, "DSM003"), ("p2_kwargs_name.py", 15, "DSM001"), ("p3_local_fn.py", 5, "DSM003"),
        ("p3_local_fn.py", 19, "DSM001"), ("p4_payload.py", 5, "DSM003"), ("p4_payload.py", 15, "DSM001"),
        ("p5_inline_payload.py", 5, "DSM003"), ("p5_inline_payload.py", 15, "DSM001"), ("p6_module.py", 5, "DSM003"),
        ("p6_module.py", 14, "DSM001"), ("p7_settings_attr.py", 5, "DSM003"), ("p7_settings_attr.py", 22, "DSM001"),
        ("p8_dict_splat.py", 5, "DSM003"), ("p8_dict_splat.py", 15, "DSM001"), ("p9_langchain.py", 5, "DSM003"),
        ("p9_langchain.py", 18, "DSM001"),
    },
    "r5_p2": {
        ("config.py", 3, "DSM003"), ("config.py", 13, "DSM001"), ("config_literal.py", 1, "DSM001"),
        ("glob.py", 4, "DSM003"),
        ("glob.py", 17, "DSM001"),
    },
    "r5_p3": {
        ("cls_attr.py", 4, "DSM003"), ("cls_attr.py", 15, "DSM001"), ("walrus.py", 4, "DSM003"),
        ("walrus.py", 15, "DSM001"), ("walrus.py", 20, "DSM001"),
    },
    "r5_s": {
        ("s1_get_collision.py", 3, "DSM003"), ("s1_get_collision.py", 4, "DSM003"),
        ("s3_decorator_call.py", 4, "DSM001"),
    },
    "r5_s2": {
        ("ctrl_noimport.py", 5, "DSM001"), ("reuse.py", 5, "DSM001"),
    },
    "relpath": {
        ("h1.py", 4, "DSM001"), ("h1.py", 5, "DSM001"), ("h2.py", 4, "DSM001"), ("h3.py", 8, "DSM001"),
        ("h4.py", 4, "DSM001"),
    },
    "reply": {
        ("r1_queue.py", 3, "DSM001"), ("r1_queue.py", 4, "DSM001"), ("r2_make_response.py", 10, "DSM001"),
        ("r3_proxy_view.py", 8, "DSM001"), ("r4_batch.py", 5, "DSM001"),
    },
    "t0": {
        ("a.py", 3, "DSM001"),
    },
    "urls": {
        ("u10_deepseek_host_variants.py", 3, "DSM001"), ("u10_deepseek_host_variants.py", 5, "DSM001"),
        ("u10_deepseek_host_variants.py", 7, "DSM001"), ("u10_deepseek_host_variants.py", 11, "DSM001"),
        ("u1_fstring_path.py", 5, "DSM001"), ("u2_concat.py", 5, "DSM001"),
        ("u3_envdefault_ds_name.py", 5, "DSM001"), ("u4_placeholder.py", 4, "DSM001"),
        ("u5_placeholder2.py", 4, "DSM001"), ("u7_reassigned.py", 7, "DSM001"), ("u8_param_default.py", 8, "DSM001"),
        ("u9_http_post.py", 3, "DSM001"), ("u9_http_post.py", 4, "DSM001"),
    },
    "weird": {
        ("w1.py", 4, "DSM001"), ("w1.py", 6, "DSM001"), ("w1.py", 8, "DSM001"), ("w1.py", 10, "DSM001"),
        ("w1.py", 12, "DSM001"), ("w1.py", 14, "DSM001"), ("w1.py", 16, "DSM001"),
    },
    "weird2": {
        ("s.py", 5, "DSM001"), ("t.py", 5, "DSM001"),
    },
}


@pytest.mark.parametrize("project", sorted(EXPECTED))
def test_the_review_reproducers_keep_their_findings(cli, tmp_path, project: str) -> None:
    shutil.copytree(FIXTURES / "review_detection" / project, tmp_path / project)
    report = json.loads(cli(["--as-of", AFTER, "--format", "json", "--select", "DSM0", "."], cwd=tmp_path / project).out)
    assert report["errors"] == []
    assert {(f["path"], f["line"], f["code"]) for f in report["findings"]} == EXPECTED[project]
