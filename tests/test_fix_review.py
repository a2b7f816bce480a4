"""Fix review: does plain ``--fix`` only touch what a reader judged safe to touch?

``tests/eval/fixes/`` holds realistic projects labelled by a reader who had
not seen the tool: every line naming a DeepSeek model ends with
``# fix: safe`` (a fully automatic edit is right), ``# fix: manual`` (it
selects a model, but an automatic edit would be wrong or uncertain) or
``# fix: none`` (data, prose, knowledge, another provider). The bar: no fix
the tool marks safe lands on a line labelled manual or none. Run this file
directly to print the table:

    python tests/test_fix_review.py
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

FIXES = Path(__file__).resolve().parent / "eval" / "fixes"
LABEL = re.compile(r"#\s*fix:\s*(?P<label>safe|manual|none)\s*$")
LABELS = ("safe", "manual", "none")
# Labels the conformance harness proved wrong, with the evidence. The reader
# labelled from the facts sheet, which knows only LiteLLM's thinking= keyword
# (rejected by 1.74.9); the fix writes extra_body, which litellm 1.74.9 was
# seen to send in both modes (conformance/README.md).
OVERRULED = {
    ("llm_gateway_legacy/gateway/completions.py", 17): "extra_body verified on litellm 1.74.9",
    ("llm_gateway_legacy/gateway/completions.py", 29): "extra_body verified on litellm 1.74.9",
    ("llm_gateway_legacy/gateway/completions.py", 35): "extra_body verified on litellm 1.74.9",
    # Labelled manual because no form had been checked for these libraries;
    # the harness has since seen the pinned releases send the switch.
    ("llm_gateway_legacy/gateway/dspy_qa.py", 4): "extra_body verified on dspy 2.6.27",
    ("llm_gateway_legacy/gateway/dspy_qa.py", 26): "extra_body verified on dspy 2.6.27",
    ("agents_platform/agents_platform/rag.py", 10): "additional_kwargs extra_body verified on llama-index-llms-deepseek 0.2.1",
}


@dataclass(frozen=True)
class Review:
    labels: dict[tuple[str, int], str]
    safe_lines: set[tuple[str, int]]  # lines where the tool offers a safe fix

    def count(self, label: str) -> tuple[int, int]:
        """(lines with a safe fix, lines) for one label."""
        lines = [key for key, value in self.labels.items() if value == label]
        return sum(1 for key in lines if key in self.safe_lines), len(lines)

    def wrong(self) -> list[tuple[str, int, str]]:
        """Safe fixes on lines a reader judged not safe to edit automatically."""
        return sorted(
            (path, line, self.labels[(path, line)])
            for path, line in self.safe_lines
            if self.labels.get((path, line), "safe") != "safe" and (path, line) not in OVERRULED
        )

    def unjudged(self) -> list[tuple[str, int]]:
        """Safe fixes on lines that name no model (a reasoning flag's line): the reader judged the model line."""
        return sorted(key for key in self.safe_lines if key not in self.labels)

    def missed(self) -> list[tuple[str, int]]:
        """Lines judged safe to fix that get no safe fix."""
        return sorted(key for key, value in self.labels.items() if value == "safe" and key not in self.safe_lines)


def read_labels() -> dict[tuple[str, int], str]:
    labels = {}
    for path in sorted(FIXES.rglob("*.py")):
        relative = path.relative_to(FIXES).as_posix()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = LABEL.search(line)
            if match:
                labels[(relative, number)] = match.group("label")
    return labels


def review() -> Review:
    from migrator.catalog import load_catalog
    from migrator.config import Settings, tier_policy
    from migrator.engine import run
    from migrator.exposure import Clock

    catalog = load_catalog()
    clock = Clock(as_of=dt.datetime(2026, 11, 28, tzinfo=dt.timezone.utc))
    safe_lines: set[tuple[str, int]] = set()
    for project in sorted(path for path in FIXES.iterdir() if path.is_dir()):
        settings = Settings(root=project)
        result = run([project], settings, catalog, tier_policy(settings, catalog), clock, FIXES, jobs=1)
        for finding in result.findings:
            if finding.fix is not None and finding.fix.applicability == "safe":
                safe_lines.add((finding.path, finding.span.line))
    return Review(labels=read_labels(), safe_lines=safe_lines)


def table(result: Review) -> str:
    rows = ["label    lines  safe fix offered", "-------  -----  ----------------"]
    for label in LABELS:
        fixed, total = result.count(label)
        rows.append(f"{label:<7}  {total:>5}  {fixed:>4} ({100 * fixed / max(total, 1):5.1f}%)")
    wrong = result.wrong()
    rows += ["", f"wrong safe fixes: {len(wrong)}"]
    rows += [f"  {path}:{line} ({label})" for path, line, label in wrong]
    rows += ["", f"overruled by the conformance harness: {len(OVERRULED)}"]
    rows += [f"  {path}:{line} ({why})" for (path, line), why in OVERRULED.items()]
    rows += ["", f"judged safe, no safe fix: {len(result.missed())}"]
    rows += [f"  {path}:{line}" for path, line in result.missed()]
    rows += ["", f"safe fixes on lines naming no model (not judged): {len(result.unjudged())}"]
    rows += [f"  {path}:{line}" for path, line in result.unjudged()]
    return "\n".join(rows)


def test_the_review_set_is_labelled_by_project() -> None:
    labels = read_labels()
    counts = Counter(labels.values())
    assert len(labels) >= 150 and all(counts[label] >= 30 for label in LABELS), counts
    projects = {path.split("/")[0] for path, _ in labels}
    assert len(projects) >= 10, projects


def test_no_safe_fix_where_a_reader_says_it_is_not_safe() -> None:
    result = review()
    print(table(result))
    assert result.wrong() == []
    fixed, total = result.count("safe")
    assert fixed >= 0.5 * total, f"only {fixed} of {total} lines judged safe get a safe fix"


if __name__ == "__main__":
    sys.path.insert(0, str(FIXES.parents[2]))
    print(table(review()))
