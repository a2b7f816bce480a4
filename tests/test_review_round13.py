"""Reproducers from the independent reviews of round thirteen's test-key rules, each with the findings it must give.

Round thirteen first let a test key reach further: wrapped in ``SecretStr``, on a client a ``@pytest.fixture``
or a module-level helper only tests call builds, and beside the model in a configuration dict test code
writes. Two reviews (against ``6df87af``) found that the wider reach lost live requests: fixtures in
conftest serving live tests elsewhere, behave's ``@fixture``, helpers of demo scripts that ``main()`` or a
Gradio button runs, keys a test replaces on the fixture's object (``llm.api_key = ...``,
``model_copy(update=...)``), and configuration dicts overridden, spread or expanded later. Fixtures, helpers
and dicts were backed out; only the wrapper stayed. The reviews also found gaps of the older test-function
rule, fixed here (the ``b`` cases): a key name the code also binds to an environment read
(``except KeyError: API_KEY = "not-set"``), a key replaced after the client is built, an unrelated
``key=``/``tavily_api_key=`` beside the client's own, a ``test_*`` function that ``__main__`` runs, a
live-marked test whose placeholder key the user fills in, and keys that name the environment
(``"${DEEPSEEK_API_KEY}"``). Every case keeps its DSM001. A third review, of a parameter default the body only
compares (DSM003) and of ``default_model=`` given to a lookup-named call (backed out), is the ``c`` cases.
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES, project_findings

EXPECTED = {
    # a helper and a test_* function that `if __name__ == "__main__"` runs: a demo whose placeholder key is filled in
    'a01_helper_of_a_script_test': [('test_deepseek_api.py', 6, 'DSM001')],
    'a01b_script_test_itself': [('test_deepseek_api.py', 5, 'DSM001')],
    # a helper other code also calls, or hands on as a value
    'a02_helper_also_called_by_main': [('tests/test_smoke.py', 10, 'DSM001')],
    'a03_helper_handed_on': [('tests/test_cb.py', 8, 'DSM001'), ('tests/test_cb.py', 13, 'DSM001')],
    # the key is replaced after the client is built
    'a04_fixture_sets_the_key_after': [('tests/conftest.py', 10, 'DSM001')],
    'a04b_test_sets_the_key_after': [('tests/test_x.py', 8, 'DSM001')],
    # SecretStr around an environment read is no test key
    'a05_secret_of_an_env_read': [('tests/test_live.py', 9, 'DSM001'), ('tests/test_live.py', 14, 'DSM001')],
    # a live mark in the module (for a fixture) or on the test: its placeholder key is filled in before it runs
    'a06_fixture_of_a_live_test': [('tests/test_live.py', 9, 'DSM001')],
    'a06b_live_test_itself': [('tests/test_live.py', 9, 'DSM001')],
    'a07_env_or_placeholder': [('tests/conftest.py', 11, 'DSM001')],
    # behave's @fixture is not pytest's
    'a08_behave_context': [('features/environment.py', 8, 'DSM001')],
    'a08b_behave_fixture': [('features/environment.py', 8, 'DSM001')],
    'a09_demo_helper': [('app/demo.py', 7, 'DSM001')],
    'a09b_demo_test': [('app/demo.py', 8, 'DSM001')],
    # a key name also bound to an environment read is no test key
    'a10_conftest_env_then_dummy': [('tests/conftest.py', 11, 'DSM001')],
    'a10b_test_env_then_dummy': [('tests/test_x.py', 9, 'DSM001')],
    'a11_env_or_not_set_fixture_and_helper': [('tests/test_live.py', 14, 'DSM001'), ('tests/test_live.py', 19, 'DSM001')],
    'a11b_env_or_not_set_test': [('tests/test_live.py', 14, 'DSM001')],
    # every key a call passes must be a test key: key="deepseek" beside api_key=os.environ[...] is not
    'a12_other_key_keyword': [('tests/test_cfg.py', 8, 'DSM001')],
    'a13_secret_replaced_in_a_method': [('tests/test_live.py', 10, 'DSM001')],
    # parameters are not followed: a helper's default key, or one handed through **params
    'a14_helper_default_key_overridden': [('tests/test_client.py', 7, 'DSM001')],
    'a15_key_through_params': [('tests/test_client.py', 10, 'DSM001'), ('tests/test_client.py', 16, 'DSM001')],
    # second review (cases it wrote against the first version; each kept its DSM001 or gains one):
    # dicts with a key entry beside a live one, LiteLLM router entries keyed "os.environ/...", spread, updated,
    # |= or overridden later (b01, b02, b05, b08, b11, b13), a Serper key beside the model (b15)
    'b01_second_review': [('tests/test_providers.py', 13, 'DSM001')],
    'b02_second_review': [('tests/test_router.py', 11, 'DSM001'), ('tests/test_router.py', 25, 'DSM001')],
    'b05_second_review': [('tests/test_client.py', 8, 'DSM001')],
    'b08_second_review': [('tests/test_settings.py', 8, 'DSM001')],
    'b11_second_review': [('tests/test_deepseek.py', 9, 'DSM001')],
    'b13_second_review': [('tests/test_cfg.py', 8, 'DSM001')],
    'b15_second_review': [('tests/test_crew.py', 5, 'DSM001')],
    # a script's tests that main() runs (b03, b19: an older gap, fixed), a Gradio button's callback (b09)
    'b03_second_review': [('tests/test_deepseek.py', 10, 'DSM001')],
    'b19_second_review': [('tests/test_api.py', 8, 'DSM001'), ('tests/test_api.py', 14, 'DSM001')],
    'b09_second_review': [('app/ui.py', 8, 'DSM001')],
    # a conftest fixture of live tests elsewhere (b04), a fixture whose key the test replaces (b06, b17), a
    # fixture keyed for another service (b07), "${DEEPSEEK_API_KEY}" keys (b10, b10b), a live mark the pack did
    # not know (b14: @pytest.mark.llm), an empty key (b16), a key global setup_module sets (b12), clients rebound to
    # live keys (b20, b21)
    'b04_second_review': [('tests/conftest.py', 9, 'DSM001')],
    'b06_second_review': [('tests/test_llm.py', 9, 'DSM001'), ('tests/test_llm.py', 13, 'DSM003')],
    'b07_second_review': [('tests/test_agent.py', 7, 'DSM001')],
    'b10_second_review': [('tests/test_assistant.py', 8, 'DSM001')],
    'b10b_second_review': [('tests/test_assistant.py', 7, 'DSM001')],
    'b12_second_review': [('tests/test_chat.py', 15, 'DSM001')],
    'b14_second_review': [('tests/test_llm.py', 9, 'DSM001')],
    'b16_second_review': [('tests/test_client.py', 7, 'DSM001')],
    'b17_second_review': [('tests/test_llm.py', 9, 'DSM001')],
    'b20_second_review': [('tests/test_reply.py', 11, 'DSM001')],
    'b21_second_review': [('tests/test_reply.py', 18, 'DSM001')],
    # odd shapes the rule must not trip on (aliased fixture imports, ** dicts, match, setattr(*...), loops)
    'b18_second_review': [
        ('tests/test_odd.py', 16, 'DSM001'), ('tests/test_odd.py', 21, 'DSM001'), ('tests/test_odd.py', 26, 'DSM001'),
        ('tests/test_odd.py', 31, 'DSM001'), ('tests/test_odd.py', 36, 'DSM001'), ('tests/test_odd.py', 41, 'DSM001'),
        ('tests/test_odd.py', 47, 'DSM001'), ('tests/test_odd.py', 54, 'DSM001'), ('tests/test_odd.py', 59, 'DSM001'),
        ('tests/test_odd.py', 64, 'DSM003'),
    ],
    # third review, of two knowledge rules: a parameter default the body only compares is DSM003, but only when
    # every comparison is with literal text and nothing may read the defaults another way (a decorator binding
    # the signature c01, frames c02, inspect.signature or __defaults__ c03, Typer and click commands c05, exec
    # c08); a comparison with a record's field picks what is sent (c09, c10). The second rule (default_model=
    # given to a lookup-named call is a setting) was backed out: pricing and capability tables take it too (c06,
    # c07); a provider profile's default_model= stays DSM003 (c11).
    'c01_parameter_defaults': [('prompts.py', 24, 'DSM001'), ('prompts.py', 25, 'DSM003'), ('prompts.py', 30, 'DSM001'), ('prompts.py', 37, 'DSM001')],
    'c02_parameter_defaults': [('agent.py', 11, 'DSM001'), ('agent.py', 12, 'DSM003'), ('agent.py', 20, 'DSM001'), ('agent.py', 21, 'DSM003')],
    'c03_parameter_defaults': [
        ('defaults.py', 7, 'DSM001'), ('defaults.py', 9, 'DSM003'), ('defaults.py', 9, 'DSM003'), ('defaults.py', 22, 'DSM001'),
        ('defaults.py', 23, 'DSM003'),
    ],
    'c04_parameter_defaults': [
        ('web.py', 5, 'DSM001'), ('web.py', 5, 'DSM001'), ('web.py', 8, 'DSM003'), ('web.py', 10, 'DSM003'), ('web.py', 14, 'DSM003'),
        ('web.py', 15, 'DSM003'), ('web.py', 22, 'DSM001'), ('web.py', 24, 'DSM003'), ('web.py', 29, 'DSM001'), ('web.py', 32, 'DSM003'),
        ('web.py', 36, 'DSM001'), ('web.py', 37, 'DSM003'),
    ],
    'c05_parameter_defaults': [('cli.py', 16, 'DSM001'), ('cli.py', 17, 'DSM003'), ('cli.py', 25, 'DSM001'), ('cli.py', 28, 'DSM003')],
    'c06_parameter_defaults': [
        ('pricing.py', 2, 'DSM003'), ('pricing.py', 2, 'DSM003'), ('pricing.py', 3, 'DSM003'), ('pricing.py', 3, 'DSM003'),
        ('pricing.py', 6, 'DSM003'), ('pricing.py', 24, 'DSM003'), ('pricing.py', 25, 'DSM003'), ('pricing.py', 26, 'DSM003'),
        ('pricing.py', 27, 'DSM003'), ('pricing.py', 28, 'DSM003'), ('pricing.py', 29, 'DSM003'), ('pricing.py', 30, 'DSM003'),
    ],
    'c07_parameter_defaults': [
        ('registry.py', 15, 'DSM003'), ('registry.py', 16, 'DSM003'), ('registry.py', 17, 'DSM003'), ('registry.py', 21, 'DSM003'),
        ('registry.py', 21, 'DSM003'), ('registry.py', 22, 'DSM003'), ('registry.py', 30, 'DSM003'),
    ],
    'c08_parameter_defaults': [
        ('odd.py', 5, 'DSM001'), ('odd.py', 5, 'DSM003'), ('odd.py', 8, 'DSM001'), ('odd.py', 12, 'DSM001'), ('odd.py', 17, 'DSM001'),
        ('odd.py', 18, 'DSM003'), ('odd.py', 22, 'DSM001'), ('odd.py', 25, 'DSM003'), ('odd.py', 30, 'DSM001'), ('odd.py', 31, 'DSM003'),
        ('odd.py', 37, 'DSM001'), ('odd.py', 43, 'DSM001'), ('odd.py', 48, 'DSM001'), ('odd.py', 51, 'DSM003'), ('odd.py', 54, 'DSM001'),
        ('odd.py', 59, 'DSM001'), ('odd.py', 61, 'DSM003'),
    ],
    'c09_parameter_defaults': [('service.py', 14, 'DSM001'), ('service.py', 22, 'DSM001'), ('service.py', 28, 'DSM001')],
    'c10_parameter_defaults': [('router.py', 14, 'DSM001'), ('router.py', 23, 'DSM001')],
    'c11_parameter_defaults': [
        ('app/settings.py', 9, 'DSM003'), ('app/settings.py', 10, 'DSM003'), ('app/settings.py', 14, 'DSM003'),
        ('tests/test_costs.py', 5, 'DSM003'), ('tests/test_costs.py', 9, 'DSM003'),
    ],
}


@pytest.mark.parametrize("case", sorted(EXPECTED))
def test_review_reproducer(cli, tmp_path, case: str) -> None:
    assert project_findings(cli, FIXTURES / "review_round13" / case, tmp_path) == EXPECTED[case]
