"""Model IDs that test code hands to code under test: test input, not requests (DSM001), sometimes knowledge (DSM003)."""

from __future__ import annotations

import re

from migrator.checks.base import FileContext
from migrator.facts import KIND_LITERAL, KIND_SYMBOL, ROLE_MODEL, ROLE_OTHER, ModelSite
from migrator.project_roots import is_project_module


def _in_a_test_module(context: FileContext) -> bool:
    """A test module of the project's layout; not ``conftest.py``, which serves live tests as well as doubled ones."""
    return context.test_module and context.display_path.rsplit("/", 1)[-1] != "conftest.py"


def is_test_input(site: ModelSite, context: FileContext, owned: dict[str, bool]) -> bool:
    """An ID a test of doubles hands to the project's code: whatever that code sends goes to a double.

    The project's code is what the test module defines or imports
    relatively, or a module the project holds. A request the test writes itself (an
    SDK call, a posted body) or hands to another library keeps its finding:
    it may be a live test's. A test that only builds and inspects
    (``site.inert``) sends nothing, whichever code it hands the ID to.
    """
    if not _in_a_test_module(context):
        return False
    request = site.request
    if site.inert and not (request is not None and request.body):
        return True  # even an SDK client's constructor: nothing the test does sends with it
    if not site.doubled:
        return False
    if request is None:
        return True
    if request.shape is not None or request.body:
        return False
    if request.origin == ".":
        return True
    if not (request.origin and context.project):
        return False
    if request.origin not in owned:
        owned[request.origin] = is_project_module(context.project, request.origin)
    return owned[request.origin]


def drives_a_test(site: ModelSite, context: FileContext) -> bool:
    """An ID a test that sends nothing builds with, and does not assert back: what the test checks depends on it.

    ``CustomModel(name="deepseek-reasoner")`` in a test of the reasoner's
    defaults checks behaviour the successor must get too, so it is
    knowledge. ``LLM(model="deepseek-chat")`` followed by ``assert
    llm.model == "deepseek-chat"`` echoes it (``echoed_by_a_test``); the same
    call checked only for another value it was given (``assert
    llm.temperature == 0.3``) neither drives nor echoes it: no finding.
    """
    return (
        site.role in (ROLE_MODEL, ROLE_OTHER)  # other: under a patch or an expected error of that test
        and site.kind in (KIND_LITERAL, KIND_SYMBOL)
        and bool(site.inert)
        and not site.pinned
        and not (site.request is not None and site.request.body)  # a body posted in the test stays a request
        and site.reaches_deepseek
        and _in_a_test_module(context)
    )


def echoed_by_a_test(site: ModelSite, context: FileContext) -> bool:
    """An ID a test of doubles, or one that sends nothing, gives the code under test and asserts back.

    ``provider = DeepSeekProvider(model="deepseek-chat")`` then ``assert
    provider.litellm_model() == "deepseek/deepseek-chat"``, or ``initialize_llm(
    "deepseek", "deepseek-reasoner")`` then ``mock.assert_called_with(model=
    "deepseek-reasoner")``: the input and its assertion are one fact about the
    ID, to be changed together. A live test's input stays a request.
    """
    return (
        site.echoed
        and site.role in (ROLE_MODEL, ROLE_OTHER)
        and site.kind in (KIND_LITERAL, KIND_SYMBOL)
        and not (site.request is not None and site.request.body)
        and site.reaches_deepseek
        and _in_a_test_module(context)
        # other: under a patched transport or an expected error (which sends nothing); echoed is only set on
        # such inputs and on models
        and (bool(site.inert) or site.role == ROLE_OTHER or is_test_input(site, context, {}))
    )


def asserted_in_a_test(site: ModelSite, context: FileContext) -> bool:
    """An ID a test of doubles hands to the project's code inside an assertion: the test checks what that code answers.

    ``assert thinking_by_default("deepseek/deepseek-chat") is False`` with
    LiteLLM stubbed: nothing is sent (test input), and the answer checked
    is behaviour the successor needs a case for. Without doubles (a live
    smoke test: ``assert healthcheck("deepseek/deepseek-chat")``) the call
    may send, and the ID stays a request.
    """
    if not (
        site.role == ROLE_MODEL and site.asserted and bool(site.doubled)
        and site.kind in (KIND_LITERAL, KIND_SYMBOL) and site.reaches_deepseek
        and site.request is not None and site.request.shape is None and not site.request.body
    ):
        return False
    name = site.request.callee.rsplit(".", 1)[-1]
    vocabulary = context.catalog.python
    if re.search(vocabulary.sending_call_pattern, name) or re.search(vocabulary.wrapper_name_pattern, name):
        return False  # assert provider.generate("p", "deepseek-chat") == "...": the double's answer, not knowledge
    return is_test_input(site, context, {})
