"""Each rule's VALID / INVALID examples are tests, as in Fixit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from migrator.checks import RULES, FileContext, Rule
from migrator.config import Settings, tier_policy
from migrator.config_analysis.analyze import analyze_config, config_kind
from migrator.directives import scan_directives
from migrator.exposure import Clock
from migrator.python_analysis import analyze_python

CLOCK = Clock(as_of=dt.datetime(2026, 11, 28, tzinfo=dt.timezone.utc))


def run_rule(rule: type[Rule], source: str, catalog) -> list:
    context = FileContext(
        display_path=rule.EXAMPLE_FILE,
        project_path=rule.EXAMPLE_FILE,
        catalog=catalog,
        clock=CLOCK,
        tiers=tier_policy(Settings(root=Path(".")), catalog),
        directives=scan_directives(source),
    )
    kind = config_kind(rule.EXAMPLE_FILE)
    if kind is not None:
        return list(rule().check_config(analyze_config(kind, source, catalog), context))
    return list(rule().check_python(analyze_python(source, catalog), context))


VALID = [(rule, index, source) for rule in RULES for index, source in enumerate(rule.VALID)]
INVALID = [(rule, index, example) for rule in RULES for index, example in enumerate(rule.INVALID)]


@pytest.mark.parametrize("rule,index,source", VALID, ids=[f"{r.code}-valid-{i}" for r, i, _ in VALID])
def test_valid_examples_produce_no_finding(catalog, rule, index, source) -> None:
    assert run_rule(rule, source, catalog) == []


@pytest.mark.parametrize("rule,index,example", INVALID, ids=[f"{r.code}-invalid-{i}" for r, i, _ in INVALID])
def test_invalid_examples_produce_a_finding_where_stated(catalog, rule, index, example) -> None:
    findings = run_rule(rule, example.source, catalog)
    assert findings, "expected a finding"
    assert (findings[0].span.line, findings[0].span.column) == (example.line, example.column)
    assert all(finding.code == rule.code for finding in findings)


@pytest.mark.parametrize("rule", RULES, ids=[r.code for r in RULES])
def test_every_rule_is_documented_and_has_examples(rule) -> None:
    doc = rule.documentation()
    for section in ("What it finds", "Why it matters", "Example", "Fix safety"):
        assert section in doc, f"{rule.code} docstring lacks {section!r}"
    assert len(rule.VALID) >= 3 and len(rule.INVALID) >= 3
