"""Property test: whatever the layout of a request, the fix keeps it valid and complete."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import libcst as cst
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from migrator.catalog import load_catalog
from migrator.config import Settings, tier_policy
from migrator.engine import FixMode, Job, fix_text
from migrator.exposure import Clock

CATALOG = load_catalog()
SETTINGS = Settings(root=Path("."))
JOB = Job(
    catalog=CATALOG,
    clock=Clock(as_of=dt.datetime(2026, 11, 28, tzinfo=dt.timezone.utc)),
    tiers=tier_policy(SETTINGS, CATALOG),
    codes=("DSM001", "DSM003", "DSM004"),
    root=Path("."),
    cwd=Path("."),
    fix=FixMode(applicabilities=("safe",)),
)
OTHER_ARGS = [
    ("messages", "msgs"),
    ("temperature", "0.2"),
    ("max_tokens", "512"),
    ("stream", "True"),
    ("tools", "TOOLS"),
    ("user", '"u-1"'),
    ("response_format", '{"type": "json_object"}'),
]
EXTRA_KEYS = ["user_id", "top_k", "metadata", "safe_prompt"]


@st.composite
def request_calls(draw: st.DrawFn) -> tuple[str, str, dict]:
    legacy = draw(st.sampled_from(["deepseek-chat", "deepseek-reasoner"]))
    quote = draw(st.sampled_from(['"', "'"]))
    others = draw(st.lists(st.sampled_from(OTHER_ARGS), unique_by=lambda item: item[0], max_size=4))
    extra = draw(st.one_of(st.none(), st.dictionaries(st.sampled_from(EXTRA_KEYS), st.sampled_from(['"x"', "3", "{}"]), max_size=3)))
    args = [("model", f"{quote}{legacy}{quote}"), *others]
    if extra is not None:
        args.append(("extra_body", "{" + ", ".join(f'"{k}": {v}' for k, v in extra.items()) + "}"))
    args = draw(st.permutations(args))
    multiline = draw(st.booleans())
    trailing = draw(st.booleans())
    comments = draw(st.booleans()) and multiline
    receiver = draw(st.sampled_from(["client", "self.client", "client.with_options(timeout=5)", "aclient"]))
    prefix = "await " if receiver == "aclient" else ""
    rendered = [f"{name}={value}" for name, value in args]
    if multiline:
        last = len(rendered) - 1
        lines = [
            f"        {item}" + ("," if index < last or trailing else "") + (f"  # note {index}" if comments else "")
            for index, item in enumerate(rendered)
        ]
        body = "\n" + "\n".join(lines) + "\n    "
    else:
        body = ", ".join(rendered) + ("," if trailing else "")
    source = (
        "async def ask(client, aclient, msgs, TOOLS):\n"
        f"    return {prefix}{receiver}.chat.completions.create({body})\n"
    )
    return source, legacy, {"args": dict(args), "extra_keys": sorted(extra or {})}


def call_arguments(source: str) -> dict[str, str]:
    module = cst.parse_module(source)
    calls = [node for node in _walk(module) if isinstance(node, cst.Call) and _name(node.func).endswith("create")]
    return {arg.keyword.value: module.code_for_node(arg.value) for arg in calls[0].args if arg.keyword}


def _walk(node: cst.CSTNode):
    yield node
    for child in node.children:
        yield from _walk(child)


def _name(expression: cst.BaseExpression) -> str:
    return expression.attr.value if isinstance(expression, cst.Attribute) else ""


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(request_calls())
def test_fix_is_valid_complete_and_idempotent(case: tuple[str, str, dict]) -> None:
    source, legacy, drawn = case
    original, extra_keys = drawn["args"], drawn["extra_keys"]
    outcome = fix_text(JOB, source, Path("example.py"))
    assert outcome.error is None
    assert outcome.applied == 1
    fixed = outcome.source
    compile(fixed, "example.py", "exec")
    arguments = call_arguments(fixed)
    mode = "disabled" if legacy == "deepseek-chat" else "enabled"
    assert arguments.pop("model").strip("'\"") == "deepseek-v4-flash"
    extra = cst.parse_expression(arguments.pop("extra_body"))
    assert isinstance(extra, cst.Dict)
    keys = {element.key.evaluated_value: element for element in extra.elements}
    assert cst.Module([]).code_for_node(keys.pop("thinking").value).replace("'", '"') == f'{{"type": "{mode}"}}'
    assert sorted(keys) == extra_keys  # the existing extra_body entries are kept
    for name, value in original.items():
        if name not in ("model", "extra_body"):
            assert arguments.pop(name) == value
    assert arguments == {}
    again = fix_text(JOB, fixed, Path("example.py"))
    assert (again.applied, again.source) == (0, fixed)
