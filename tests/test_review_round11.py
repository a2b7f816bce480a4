"""Reproducers from the independent review of round ten's list rules (a literal index pick of a compared list,
and a listing's records returned by name), each with the findings it must give.

Against ``0804c99``, every case but the controls gave the other code: a pick
from another class's list, another object's attribute, a list the class
replaces, or a member the index never picks was DSM001, and a pick sent only to
another provider was DSM001 too; a listing whose records a request of the
module sends (by index, in a loop, through a fallback name, in a posted body),
a lone settings record a ``get_model()`` returns, and a list a nested
function's local shadows were DSM003, which hid requests that fail. The
fifth and sixth reviews showed that a class's list may be read through a
subclass, a base or a mixin, and sorted, reversed, popped or looped over
elsewhere before or beside a pick: so every member of a list another class
picks from, or a ``[-1]`` picks from, is DSM001 again (``r1_last_index``,
``r1_other_class_same_attr``, ``r1_other_object_attr``), wrong DSM001s kept
rather than lost requests.

The ``c*`` cases come from a second independent review, of this round's own
rules. In the round's first version each lost a finding that ``942e0ab``
gave (helpers and fixtures of inert tests, private methods, asserted
records, rebound lists, AutoGen's ModelInfo keys) or, for
``c2_unrelated_key``, gained a wrong DSM001. Against ``942e0ab`` they now
differ only where the round means to: a listing whose key a request sends is
DSM001 (``c2_langchain``, ``c2_posted``). The ``a*``, ``b*``, ``d*`` and ``e*``
cases come from a third review, of those fixes, and the ``r4_*`` cases from
a fourth, of the whole round; the ``r5_*`` and ``r6_*`` cases from a fifth
and a sixth.
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES, project_findings

EXPECTED = {
    # another class picks its own list of the same name: any class's list of that name counts (a subclass, a
    # base or a mixin may share it; the fifth review found each), a wrong DSM001 here
    "r1_other_class_same_attr": [("app.py", 6, "DSM001"), ("app.py", 6, "DSM001")],
    # another class's instance list of the same name is picked
    "r1_two_instance_lists": [("app.py", 7, "DSM003"), ("app.py", 7, "DSM003")],
    # settings.supported_models[0] of an imported object, which may be the class's own: it counts
    # (a wrong DSM001 rather than a lost request; the review asked for DSM003 on both)
    "r1_other_object_attr": [("app.py", 10, "DSM001"), ("app.py", 10, "DSM001")],
    # the pick goes only to a local server
    "r1_local_server": [],
    # the pick goes only to Together
    "r1_together": [],
    # __init__ replaces the class's list before the pick
    "r1_reassigned": [("app.py", 6, "DSM003"), ("app.py", 6, "DSM003")],
    # [-1] picks the successor as written; the list may be reordered first (sixth review): a wrong DSM001 kept
    "r1_last_index": [("app.py", 6, "DSM001")],
    # control: an instance list picked by [0] and sent
    "r1_instance_list": [("app.py", 7, "DSM001")],
    # control: a module list picked by [0] and sent
    "r1_module_list": [("app.py", 4, "DSM001")],
    # control: Catalog.supported_models[0] sent
    "r1_class_ref": [("app.py", 7, "DSM001")],
    # control: a computed index picks nothing
    "r1_computed_index": [("app.py", 5, "DSM003")],
    # control: a pick only formatted into an error
    "r1_never_sent": [("app.py", 10, "DSM003")],
    # the listing"s first id is the fallback a request sends
    "r2_default_pick_sent": [("app.py", 11, "DSM001")],
    # the same with return [...]
    "r2_default_pick_sent_direct": [("app.py", 11, "DSM001")],
    # create(model=get_available_models()[0]["id"])
    "r2_direct_index_sent": [("app.py", 8, "DSM001")],
    # the listing function sends each record before returning them
    "r2_warmup_sends": [("app.py", 9, "DSM001"), ("app.py", 10, "DSM001")],
    # get_model() returns one settings record, sent
    "r2_get_model_config": [("app.py", 8, "DSM001")],
    # the same with return {...}
    "r2_get_model_config_direct": [("app.py", 7, "DSM001")],
    # get_options() returns one settings record, sent
    "r2_get_options": [("app.py", 10, "DSM001")],
    # a returned record"s id posted in a body
    "r2_mutated_payload": [("app.py", 8, "DSM001")],
    # a nested function returns its own local of the same name
    "r2_nested": [("app.py", 8, "DSM001")],
    # the records are sent as probes, then the name is rebound and returned
    "r2_reassigned": [("app.py", 8, "DSM001")],
    # control: a listing"s records returned by name, sent nowhere
    "r2_return_name": [("app.py", 4, "DSM003")],
    # Second review (of this round's own rules). Each was right before the round and wrong in its first version.
    # a list of an instance the module builds (registry = ModelRegistry()), picked by [0] and sent
    "c1_instance_outside": [("app/main.py", 8, "DSM001"), ("app/main.py", 8, "DSM001")],
    # __init__ rebinds the list to something that still holds it (extend, a default, a copy)
    "c1_extend_direct": [("app/client.py", 5, "DSM001"), ("app/client.py", 5, "DSM001")],
    "c1_override_default": [("app/client.py", 5, "DSM001"), ("app/client.py", 5, "DSM001")],
    "c1_sorted": [("app/client.py", 5, "DSM001"), ("app/client.py", 5, "DSM001")],
    # controls: the provider of the request the pick reaches
    "c1_readme": [("app/client.py", 5, "DSM001"), ("app/client.py", 5, "DSM001")],
    "c1_mixed_provider": [("app/client.py", 8, "DSM001"), ("app/client.py", 8, "DSM001")],
    # the only request that sends an "id" goes to OpenRouter
    "c2_unrelated_key": [("app/service.py", 9, "DSM003"), ("app/service.py", 10, "DSM003")],
    # controls: the listing's key sent with ChatDeepSeek, in a posted body
    "c2_langchain": [("app/service.py", 9, "DSM001"), ("app/service.py", 10, "DSM001")],
    "c2_posted": [("app/service.py", 10, "DSM001"), ("app/service.py", 11, "DSM001")],
    # the helper's object handed on as a call (score(self._make_llm(), q)), built inline in a module helper,
    # or by a parametrize value
    "c3_helper_call_arg": [("tests/test_grading.py", 9, "DSM001"), ("tests/test_grading.py", 12, "DSM003")],
    "c3_module_helper": [("tests/test_grading.py", 7, "DSM001")],
    "c3_param_helper": [("tests/test_grading.py", 8, "DSM001")],
    # the fixture also reached through getfixturevalue, usefixtures, or autouse
    "c3_getfixturevalue": [("tests/test_chat.py", 7, "DSM001")],
    "c3_usefixtures": [("tests/test_api.py", 10, "DSM001")],
    "c3_autouse": [("tests/test_api.py", 10, "DSM001")],
    # make_llm() overridden for a base class's tests
    "c3_inherited": [("tests/test_deepseek.py", 8, "DSM001"), ("tests/test_deepseek.py", 11, "DSM003")],
    # private methods that send (the project's _inference; an inherited self._exercise())
    "c3_private": [("tests/test_llm.py", 5, "DSM001"), ("tests/test_llm.py", 10, "DSM001")],
    "c3_self_private": [("tests/test_providers.py", 8, "DSM001")],
    # a list the test fills with clients, and a local CONSTANT alias: no literal data
    "c3_append": [("tests/test_bench.py", 8, "DSM001"), ("tests/test_bench.py", 8, "DSM001")],
    "c3_append3": [("tests/test_bench.py", 8, "DSM001")],
    "c3_const_loop2": [("tests/test_grading.py", 7, "DSM001"), ("tests/test_grading.py", 7, "DSM001")],
    "c3_fixture_chain": [("tests/test_grading.py", 9, "DSM001")],
    # a project helper named assert_* that posts; assertRaises calls the SDK with the dict; an assert's message
    "c4_assert_helper": [("tests/test_api.py", 15, "DSM001")],
    "c4_assert_raises": [("tests/test_api.py", 13, "DSM001")],
    "c4_prod_assert": [("app/check.py", 9, "DSM001"), ("app/check.py", 11, "DSM001")],
    "c4_expected_record": [("app/status.py", 2, "DSM001"), ("tests/test_status.py", 5, "DSM003")],
    # configs with model beside vision/function_calling, sent through .pop, .get or ** (the keys were reverted)
    "c5_flat_unpack": [("app/agents.py", 7, "DSM001")],
    "c5_llm_cfg_get": [("app/llm.py", 4, "DSM001"), ("app/llm.py", 5, "DSM001")],
    "c5_llm_cfg_star": [("app/llm.py", 4, "DSM001"), ("app/llm.py", 5, "DSM001")],
    # Third review (of the fixes). Each was right at 942e0ab and wrong in the second version.
    # IDs looped over and handed to a project function that sends
    "b2_data_loop": [("tests/test_grading.py", 5, "DSM001"), ("tests/test_grading.py", 5, "DSM001")],
    # an ID bound to a local and handed to a project function that sends
    "b2_data_local": [("tests/test_grading.py", 3, "DSM001"), ("tests/test_grading.py", 7, "DSM001")],
    # a test class's own assertCompletionOk posts the record
    "e5_assert_method": [("tests/test_api.py", 16, "DSM001")],
    # a create_result() of the project that sends
    "b3_create_result_prod": [("app/evaluate.py", 6, "DSM001"), ("app/evaluate.py", 12, "DSM001")],
    # a make_result() of the project that invokes the model
    "b3_make_result_test": [("tests/test_evaluate.py", 7, "DSM001")],
    # self.supported += extra keeps the list
    "d4_augassign": [("app/client.py", 5, "DSM001"), ("app/client.py", 5, "DSM001")],
    # self.registry.supported_models[0] of the class's instance
    "d4_self_registry": [("app/service.py", 6, "DSM001"), ("app/service.py", 6, "DSM001")],
    # registry = ModelRegistry.default()
    "d4_factory": [("app/main.py", 8, "DSM001"), ("app/main.py", 8, "DSM001")],
    # a setter rebinds the list, after __init__ picks from it
    "d4_refresh": [("app/client.py", 5, "DSM001"), ("app/client.py", 5, "DSM001")],
    # a test module's constant imported by a live test module
    "a1_const_imported": [("tests/test_config.py", 3, "DSM001")],
    # a fixture imported into a live test module
    "a2_fixture_imported": [("tests/test_llm.py", 7, "DSM001")],
    # a helper of a class whose base (ChatModelTestCase) runs live tests
    "a2_base_testcase": [("tests/test_deepseek.py", 8, "DSM001"), ("tests/test_deepseek.py", 11, "DSM003")],
    # a constant in a client handed on inside a list, to Router(...).route(), or stored by a lambda
    "a1_list_arg": [("tests/test_compare.py", 5, "DSM001")],
    "a1_misc": [("tests/test_misc.py", 5, "DSM001"), ("tests/test_misc.py", 6, "DSM001")],
    "a1_lambda": [("tests/test_api.py", 6, "DSM001")],
    # self._messages(), Usage(...): data handed on, not a client; os.environ[...] = ... hands nothing on
    "b2_self_data": [("tests/test_tokens.py", 16, "DSM003"), ("tests/test_tokens.py", 20, "DSM003")],
    "b2_data_ctor_arg": [("tests/test_cost.py", 7, "DSM003")],
    "b2_environ_store": [],
    # a helper of a unittest class that another module subclasses, whose test sends
    "a2_subclass_elsewhere": [("tests/test_llm.py", 8, "DSM001")],
    # Fourth review (of the whole round). Each was right at 942e0ab and wrong at 6186616.
    # the picking function rebinds the list only under an if
    "r4_l1": [("app/client.py", 5, "DSM001"), ("app/client.py", 5, "DSM001")],
    # the same inside try/except
    "r4_l8": [("app/client.py", 5, "DSM001"), ("app/client.py", 5, "DSM001")],
    # a loop elsewhere sends every member of the compared list
    "r4_l6c": [("app/client.py", 3, "DSM001"), ("app/client.py", 3, "DSM001")],
    # provider is another class's instance in one branch only
    "r4_l9": [("app/main.py", 13, "DSM001"), ("app/main.py", 13, "DSM001")],
    # the same with the branches swapped
    "r4_l9b": [("app/main.py", 13, "DSM001"), ("app/main.py", 13, "DSM001")],
    # a plain pytest class subclassed by a live test module
    "r4_f3": [("tests/test_llm.py", 6, "DSM001")],
    # the helper's client handed on inside a list
    "r4_f4": [("tests/test_compare.py", 8, "DSM001")],
    # the same inside a dict keyword
    "r4_f4b": [("tests/test_compare.py", 8, "DSM001")],
    # the helper wrapped in a lambda and stored in dependency_overrides
    "r4_h1": [("tests/test_api.py", 9, "DSM001")],
    # the helper builds a Grader that posts
    "r4_f5": [("tests/test_grading.py", 6, "DSM001"), ("tests/test_grading.py", 9, "DSM003")],
    # a literal local handed to the test's own helper, which hands it to grade()
    "r4_f1c": [("tests/test_grading.py", 9, "DSM001")],
    # counts[name] = llm.get_num_tokens(...): a test that sends nothing
    "r4_p1": [("tests/test_tokens.py", 6, "DSM003"), ("tests/test_tokens.py", 6, "DSM003")],
    # expected[...] = llm.model_name: the same
    "r4_p2": [("tests/test_tokens.py", 5, "DSM003")],
    # Fifth review (of the final version). Each gave DSM003 on both members at 9c7d210, and DSM001 on both at
    # 942e0ab, as now.
    # a base class picks from the list a subclass defines (template method)
    "r5_a13_template_method2": [("app/providers.py", 20, "DSM001"), ("app/providers.py", 20, "DSM001")],
    # an instance of a subclass of the list's class
    "r5_a9_sub_instance": [("app/main.py", 5, "DSM001"), ("app/main.py", 5, "DSM001")],
    # the list read through a subclass's name
    "r5_a10_sub_ref": [("app/main.py", 5, "DSM001"), ("app/main.py", 5, "DSM001")],
    # a pick two inheritance levels below the list
    "r5_a7_grandchild": [("app/client.py", 5, "DSM001"), ("app/client.py", 5, "DSM001")],
    # a subscripted base (BaseProvider[OpenAI])
    "r5_a11_generic": [("app/client.py", 9, "DSM001"), ("app/client.py", 9, "DSM001")],
    # the list rebound to a method that falls back to it
    "r5_b3_refetch_fallback": [("app/client.py", 5, "DSM001"), ("app/client.py", 5, "DSM001")],
    # Sixth review (of the index picks). The retired ID is the list's second member and [0] is sent: each was
    # DSM003 at 0b7ef16, which marked only the member the index names as written.
    # a loop in another module sends every member
    "r6_k20_loop_other_file": [("app/models.py", 4, "DSM001")],
    # enumerate() over the list sends each member
    "r6_k21_enumerate_loop": [("app.py", 4, "DSM001")],
    # the list is sorted, or popped, before the pick
    "r6_k07_sort_then_pick": [("app.py", 4, "DSM001")],
    "r6_k08_pop_then_pick": [("app.py", 4, "DSM001")],
    # a subclass reverses the base's list, which the base picks [0] from
    "r6_k26_subclass_override": [("app.py", 5, "DSM001")],
    # A gap the second review found in both versions: the listing's key read with .get("id") and sent
    "r7_c2_get": [("app/service.py", 8, "DSM001"), ("app/service.py", 9, "DSM001")],
}


@pytest.mark.parametrize("project", sorted(EXPECTED))
def test_the_review_reproducers_give_their_findings(cli, tmp_path, project: str) -> None:
    assert project_findings(cli, FIXTURES / "review_round11" / project, tmp_path) == sorted(EXPECTED[project])
