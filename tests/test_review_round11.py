"""Reproducers from the independent review of round ten's list rules (a literal index pick of a compared list,
and a listing's records returned by name), each with the findings it must give.

Against ``0804c99``, every case but the controls gave the other code: a pick
from another class's list, another object's attribute, a list the class
replaces, or a member the index never picks was DSM001, and a pick sent only to
another provider was DSM001 too; a listing whose records a request of the
module sends (by index, in a loop, through a fallback name, in a posted body),
a lone settings record a ``get_model()`` returns, and a list a nested
function's local shadows were DSM003, which hid requests that fail.
"""

from __future__ import annotations

import pytest

from conftest import FIXTURES, project_findings

EXPECTED = {
    # another class picks its own list of the same name
    "r1_other_class_same_attr": [("app.py", 6, "DSM003"), ("app.py", 6, "DSM003")],
    # another class's instance list of the same name is picked
    "r1_two_instance_lists": [("app.py", 7, "DSM003"), ("app.py", 7, "DSM003")],
    # settings.supported_models[0] of another object
    "r1_other_object_attr": [("app.py", 10, "DSM003"), ("app.py", 10, "DSM003")],
    # the pick goes only to a local server
    "r1_local_server": [],
    # the pick goes only to Together
    "r1_together": [],
    # __init__ replaces the class's list before the pick
    "r1_reassigned": [("app.py", 6, "DSM003"), ("app.py", 6, "DSM003")],
    # [-1] picks the successor, never the retired first member
    "r1_last_index": [("app.py", 6, "DSM003")],
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
}


@pytest.mark.parametrize("project", sorted(EXPECTED))
def test_the_review_reproducers_give_their_findings(cli, tmp_path, project: str) -> None:
    assert project_findings(cli, FIXTURES / "review_round11" / project, tmp_path) == sorted(EXPECTED[project])
