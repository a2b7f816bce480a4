"""Precision and recall on the labelled evaluation set in tests/eval/.

Every line of tests/eval/*.py that mentions DeepSeek carries a label
(`# label: request|config|reference|dynamic|prose|other-provider`). The bar:
every request and config line is DSM001, every reference line is DSM003 or
better, every dynamic line is DSM004, and no prose or other-provider line is
DSM001/DSM002. Run this file directly to print the table:

    python tests/test_evaluation.py
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

EVAL = Path(__file__).resolve().parent / "eval"
LABEL = re.compile(r"#\s*label:\s*(?P<label>[a-z-]+)\s*$")
LABELS = ("request", "config", "reference", "dynamic", "prose", "other-provider")
# The codes that count as a correct hit for each label ("or better" for references).
ACCEPTED = {
    "request": {"DSM001"},
    "config": {"DSM001"},
    "reference": {"DSM003", "DSM001"},
    "dynamic": {"DSM004"},
    "prose": set(),
    "other-provider": set(),
}
FORBIDDEN = {"prose": {"DSM001", "DSM002"}, "other-provider": {"DSM001", "DSM002"}}


@dataclass(frozen=True)
class Scores:
    labels: dict[tuple[str, int], str]
    flagged: dict[tuple[str, int], set[str]]

    def recall(self, label: str) -> tuple[int, int]:
        lines = [key for key, value in self.labels.items() if value == label]
        hits = [key for key in lines if self.flagged.get(key, set()) & ACCEPTED[label]]
        return len(hits), len(lines)

    def precision(self, code: str) -> tuple[int, int]:
        lines = [key for key, codes in self.flagged.items() if code in codes]
        right = [key for key in lines if code in ACCEPTED.get(self.labels.get(key, ""), set())]
        return len(right), len(lines)

    def forbidden(self) -> list[tuple[str, int, str, set[str]]]:
        return [
            (path, line, label, self.flagged[(path, line)] & FORBIDDEN[label])
            for (path, line), label in sorted(self.labels.items())
            if label in FORBIDDEN and self.flagged.get((path, line), set()) & FORBIDDEN[label]
        ]


def read_labels() -> dict[tuple[str, int], str]:
    labels = {}
    for path in sorted(EVAL.glob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            match = LABEL.search(line)
            if match:
                labels[(path.name, number)] = match.group("label")
    return labels


def score() -> Scores:
    from migrator.catalog import load_catalog
    from migrator.config import Settings, tier_policy
    from migrator.engine import run
    from migrator.exposure import Clock

    catalog = load_catalog()
    settings = Settings(root=EVAL, select=("DSM0",))  # the set labels model IDs, not reasoning flags
    clock = Clock(as_of=dt.datetime(2026, 11, 28, tzinfo=dt.timezone.utc))
    files = sorted(EVAL.glob("*.py"))  # the fix review in eval/fixes/ is scored by test_fix_review.py
    result = run(files, settings, catalog, tier_policy(settings, catalog), clock, EVAL, jobs=1)
    assert not result.errors, result.errors
    flagged: dict[tuple[str, int], set[str]] = defaultdict(set)
    for finding in result.findings:
        flagged[(Path(finding.path).name, finding.span.line)].add(finding.code)
    return Scores(labels=read_labels(), flagged=dict(flagged))


def table(scores: Scores) -> str:
    rows = ["label            recall", "---------------  ---------------"]
    for label in LABELS:
        hit, total = scores.recall(label)
        if ACCEPTED[label]:
            rows.append(f"{label:<16} {hit:>3}/{total:<3} {100 * hit / max(total, 1):6.1f}%")
        else:
            wrong = sum(1 for key, value in scores.labels.items() if value == label and scores.flagged.get(key))
            rows.append(f"{label:<16} {total:>3} lines, {wrong} flagged with any code")
    rows += ["", "code     precision"]
    for code in ("DSM001", "DSM003", "DSM004"):
        right, total = scores.precision(code)
        rows.append(f"{code:<8} {right:>3}/{total:<3} {100 * right / max(total, 1):6.1f}%")
    return "\n".join(rows)


def test_the_set_is_large_and_fully_labelled() -> None:
    labels = read_labels()
    counts = Counter(labels.values())
    assert set(counts) <= set(LABELS), counts
    assert len(labels) >= 150 and len({path for path, _ in labels}) >= 20, counts
    for path in sorted(EVAL.glob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if "deepseek" in line.lower():
                assert (path.name, number) in labels, f"{path.name}:{number} mentions DeepSeek without a label"


def test_recall_and_precision_meet_the_bar() -> None:
    scores = score()
    print(table(scores))
    for label in ("request", "config", "reference", "dynamic"):
        hit, total = scores.recall(label)
        missed = [key for key, value in scores.labels.items()
                  if value == label and not scores.flagged.get(key, set()) & ACCEPTED[label]]
        assert hit == total, f"{label}: missed {sorted(missed)}"
    assert scores.forbidden() == []
    unlabelled = sorted(key for key in scores.flagged if key not in scores.labels)
    assert unlabelled == [], f"findings on lines without a label: {unlabelled}"


if __name__ == "__main__":
    sys.path.insert(0, str(EVAL.parents[1]))
    print(table(score()))
