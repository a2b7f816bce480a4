"""Reproducers from the independent reviews of round twelve's detection rules, each with the findings it must give.

The first review (against ``cbae816``) found that four of the round's first rules lost real requests:
predicate names with ``_is_``/``_has_``/``_supports_`` inside (health probes and key checks that send),
``model_info=`` and other metadata keywords for any callee (a project's own wrapper sends
``model_info["name"]``), loops over (model, provider) rows that only checked them while other code sent the
list, a property no longer counting as its own field, and "name" counting only when read from its own
catalogue. Those rules were backed out or narrowed (``model_info`` only for AutoGen's client classes:
``model-description-arguments``). It also found an older gap, fixed here: a lookup-named function's parameter
default that its own body sends (``is_api_key_valid(key, model="deepseek-chat")``) was DSM003. The second
review (``r*`` cases) found that a module-level ``model_info`` dict may be imported and sent, that token
counters, ORM queries, metrics and loggers take ``model=`` too, and that an assertion's message must not make
a live test's rows knowledge: ``model_info`` dicts now count only as function locals or written inline, only
an SDK request sends a lookup function's default, and the assertion-message rule was backed out.
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES, project_findings

EXPECTED = {
    # properties: a table read through one and sent is DSM001 (property_local, property_deep), also through a private attribute set in __init__ and a field the property's own name carries (private_attr_property, api_model_name_property); a 'name' read through a helper, an index dict or a fallback counts wherever it is read (catalog_*); a property nothing sends stays DSM003
    'c1_property': [
        ('app/api_model_name_property.py', 14, 'DSM001'),
        ('app/api_model_name_property.py', 15, 'DSM001'),
        ('app/catalog_fallback.py', 5, 'DSM001'),
        ('app/catalog_fallback.py', 6, 'DSM001'),
        ('app/catalog_helper.py', 5, 'DSM001'),
        ('app/catalog_helper.py', 6, 'DSM001'),
        ('app/catalog_ifexp.py', 4, 'DSM003'),
        ('app/catalog_ifexp.py', 5, 'DSM003'),
        ('app/catalog_index.py', 5, 'DSM001'),
        ('app/catalog_index.py', 6, 'DSM001'),
        ('app/private_attr_property.py', 5, 'DSM001'),
        ('app/private_attr_property.py', 6, 'DSM001'),
        ('app/property_deep.py', 5, 'DSM001'),
        ('app/property_deep.py', 6, 'DSM001'),
        ('app/property_display.py', 5, 'DSM003'),
        ('app/property_display.py', 6, 'DSM003'),
        ('app/property_local.py', 5, 'DSM001'),
        ('app/property_local.py', 6, 'DSM001'),
        ('app/property_openrouter.py', 5, 'DSM001'),
        ('app/property_openrouter.py', 6, 'DSM001'),
    ],
    # a property's value posted to a billing URL: a wrong DSM001 that the direct form gives too (kept)
    'c1_property_wrong': [
        ('usage_report.py', 6, 'DSM001'),
        ('usage_report.py', 7, 'DSM001'),
    ],
    # a price table's 'name' beside another table whose 'name' is sent: still DSM001 ('name' counts wherever it is read; the narrowing that made it DSM003 lost requests read through helpers)
    'c2_improvement': [
        ('pricing_and_deploy.py', 5, 'DSM001'),
        ('pricing_and_deploy.py', 6, 'DSM001'),
    ],
    # model_info= is a description only for AutoGen's client classes and only as a local or written inline; a project's own model_info= parameter, module-level dicts (autogen_ok line 4: another module may import it), metadata dicts and wrappers keep DSM001
    'c3_metadata': [
        ('app/agents_config.py', 4, 'DSM001'),
        ('app/agents_config.py', 5, 'DSM001'),
        ('app/autogen_config.py', 6, 'DSM001'),
        ('app/autogen_ok.py', 4, 'DSM001'),
        ('app/autogen_ok.py', 5, 'DSM001'),
        ('app/langchain_tags.py', 4, 'DSM001'),
        ('app/name_log.py', 4, 'DSM001'),
        ('app/name_log.py', 4, 'DSM001'),
        ('app/run_metadata.py', 14, 'DSM001'),
        ('app/settings.py', 7, 'DSM001'),
        ('app/tier_map.py', 4, 'DSM001'),
        ('app/tier_map.py', 4, 'DSM001'),
        ('app/tracing_config.py', 6, 'DSM001'),
        ('app/wrapper.py', 15, 'DSM001'),
        ('app/wrapper_imported.py', 6, 'DSM001'),
        ('app/wrapper_inline.py', 15, 'DSM001'),
        ('app/wrapper_name.py', 12, 'DSM001'),
    ],
    # (model, provider) rows a loop checks and code also sends (random.choice, [0][0], handed on, imported): DSM001
    'c4_rows': [
        ('app/model_matrix.py', 5, 'DSM001'),
        ('app/model_matrix.py', 6, 'DSM001'),
        ('app/router.py', 9, 'DSM001'),
        ('app/router.py', 10, 'DSM001'),
        ('app/router2.py', 9, 'DSM001'),
        ('app/router2.py', 10, 'DSM001'),
        ('app/router3.py', 9, 'DSM001'),
        ('app/router3.py', 10, 'DSM001'),
        ('app/router4.py', 7, 'DSM001'),
        ('app/router4.py', 8, 'DSM001'),
        ('app/router5.py', 9, 'DSM001'),
        ('app/router5.py', 10, 'DSM001'),
        ('app/router6.py', 11, 'DSM001'),
        ('app/router6.py', 12, 'DSM001'),
        ('app/router7.py', 9, 'DSM001'),
        ('app/router7.py', 10, 'DSM001'),
        ('app/router8.py', 7, 'DSM001'),
        ('app/router8.py', 8, 'DSM001'),
        ('tests/test_provider_matrix.py', 5, 'DSM001'),
        ('tests/test_provider_matrix.py', 6, 'DSM001'),
        ('tests/test_provider_matrix_local.py', 7, 'DSM001'),
        ('tests/test_provider_matrix_local.py', 8, 'DSM001'),
    ],
    # rows a loop only asks is_reasoning_model() about stay DSM003 as before; a row also sent stays DSM001
    'c5_assert_msg': [
        ('tests/test_caps.py', 5, 'DSM001'),
        ('tests/test_caps.py', 10, 'DSM001'),
        ('tests/test_caps2.py', 5, 'DSM003'),
        ('tests/test_caps2.py', 10, 'DSM001'),
        ('tests/test_send_and_assert.py', 8, 'DSM001'),
        ('tests/test_send_and_assert.py', 15, 'DSM001'),
    ],
    # functions named with _is_/_has_ inside that send (health probes, warm-ups, key checks, live tests) keep DSM001; pure lookups stay DSM003; a lookup-named method's default it sends to create() is DSM001 (agent_method)
    'c6_predicates': [
        ('app/agent_method.py', 10, 'DSM001'),
        ('app/capabilities.py', 2, 'DSM003'),
        ('app/capabilities.py', 14, 'DSM003'),
        ('app/capabilities.py', 15, 'DSM001'),
        ('app/capabilities.py', 18, 'DSM001'),
        ('app/health.py', 7, 'DSM001'),
        ('app/key_check.py', 5, 'DSM001'),
        ('app/warmup.py', 20, 'DSM001'),
        ('app/warmup.py', 21, 'DSM001'),
        ('app/warmup_imported.py', 6, 'DSM001'),
        ('app/warmup_imported.py', 7, 'DSM001'),
        ('tests/test_live.py', 16, 'DSM001'),
        ('tests/test_live.py', 20, 'DSM001'),
        ('tests/test_live_imported.py', 11, 'DSM001'),
        ('tests/test_live_imported.py', 12, 'DSM001'),
    ],
    # is_api_key_valid(key, model='deepseek-chat') makes a 1-token request with its default: DSM001 (was DSM003 before this round)
    'c6_preexisting_prefix': [
        ('key_check_prefix.py', 5, 'DSM001'),
    ],
    # chat_if_user_has_quota(..., model='deepseek-chat') sends its default: DSM001 (was DSM003 before this round)
    'c6_sending_names': [
        ('quota_chat.py', 9, 'DSM001'),
        ('quota_chat.py', 17, 'DSM001'),
    ],
    # second review: a retired table's 'name' while a property sends another table's 'name': a wrong DSM001 kept ('name' counts wherever it is read; the direct form gives it too)
    'r1d_name_anywhere': [
        ('backend.py', 11, 'DSM001'),
        ('backend.py', 12, 'DSM001'),
    ],
    # second review: a module-level model_info dict another module imports and sends by its name: DSM001
    'r2a_imported': [
        ('llm_config.py', 7, 'DSM001'),
    ],
    # second review: model_info dicts also unpacked, read, mutated, subclassed, handed to factories or class attributes: DSM001
    'r2b_shapes': [
        ('both.py', 4, 'DSM001'),
        ('class_attr.py', 5, 'DSM001'),
        ('factory.py', 3, 'DSM001'),
        ('local_then_name.py', 5, 'DSM001'),
        ('mutated.py', 4, 'DSM001'),
        ('parameter.py', 3, 'DSM001'),
        ('subclass.py', 9, 'DSM001'),
        ('unpacked.py', 4, 'DSM001'),
    ],
    # second review: a model_info dict written into after binding, or exported with __all__: DSM001
    'r2c_more': [
        ('mutation.py', 3, 'DSM001'),
        ('star_export.py', 4, 'DSM001'),
    ],
    # second review: lookup-named functions whose default goes to token counters, ORM queries, metrics labels, loggers, cache keys or tokenizers stay DSM003; only an SDK request (create()) makes the default DSM001 (right_is_key_valid, also awaited)
    'r3_lookup_defaults': [
        ('app/cache_key.py', 6, 'DSM003'),
        ('app/capability_lookup.py', 10, 'DSM001'),
        ('app/capability_lookup.py', 10, 'DSM003'),
        ('app/capability_lookup.py', 17, 'DSM003'),
        ('app/django_pricing.py', 4, 'DSM003'),
        ('app/django_pricing.py', 8, 'DSM003'),
        ('app/langfuse_usage.py', 6, 'DSM003'),
        ('app/metrics.py', 6, 'DSM003'),
        ('app/right_is_key_valid.py', 4, 'DSM001'),
        ('app/right_is_key_valid.py', 13, 'DSM001'),
        ('app/right_is_key_valid.py', 21, 'DSM003'),
        ('app/structlog_cost.py', 4, 'DSM003'),
        ('app/structlog_cost.py', 4, 'DSM003'),
        ('app/structlog_cost.py', 7, 'DSM003'),
        ('app/tiktoken_cost.py', 4, 'DSM003'),
        ('app/token_budget.py', 6, 'DSM003'),
        ('app/token_budget.py', 12, 'DSM003'),
        ('app/token_budget.py', 16, 'DSM003'),
    ],
    # second review: a live smoke test's (provider, model) rows checked by an imported helper that sends, with the row in the assertion's message: DSM001
    'r4_assert_msg': [
        ('app/smoke.py', 4, 'DSM001'),
        ('app/smoke.py', 4, 'DSM001'),
        ('app/smoke_list.py', 3, 'DSM001'),
        ('app/smoke_list.py', 3, 'DSM001'),
        ('tests/test_live_models.py', 5, 'DSM001'),
        ('tests/test_live_models.py', 5, 'DSM001'),
    ],
}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_review_reproducer(cli, tmp_path, case: str) -> None:
    assert project_findings(cli, FIXTURES / "review_round12" / case, tmp_path) == EXPECTED[case]
