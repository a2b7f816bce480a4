"""Patterns from scanned code run in bounded time, and agree with Python's own matching where they run."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migrator.patterns import fills, mentions, regex_matches

IDS = ("deepseek-chat", "deepseek-reasoner", "deepseek-v4-flash", "deepseek-v4-pro")


@settings(max_examples=400, derandomize=True, deadline=None)
@given(
    parts=st.lists(st.one_of(st.none(), st.text(alphabet="deps-kchat", max_size=4)), max_size=6),
    text=st.sampled_from(IDS + ("deepseek", "", "chat", "deepseek-chat-deepseek-chat")),
)
def test_template_filling_agrees_with_a_regex_of_dot_star_holes(parts, text) -> None:
    pattern = "".join(re.escape(part) if part is not None else ".*" for part in parts)
    assert fills(parts, text) == bool(re.fullmatch(pattern, text, re.DOTALL))


def test_a_template_with_many_holes_is_linear() -> None:
    """As a regex, 40 ``.*`` holes around single letters backtrack for hours on a miss."""
    assert not fills(["d", None] * 40 + ["q"], "deepseek-reasoner-deepseek-reasoner")
    assert fills(["d", None, "p", None, "-", None, "t"], "deepseek-chat")


@pytest.mark.parametrize(
    "pattern, expected",
    [
        (r"^deepseek-(chat|reasoner)$", ("deepseek-chat", "deepseek-reasoner")),
        (r"(?i)deepseek[-_]?(chat|reasoner)?", IDS),
        (r"deepseek-\w+", IDS),
        (r"(?P<name>deepseek-chat)", ("deepseek-chat",)),
        (r"[(*+]+deepseek", ()),
        (r"deepseek-v4-(flash|pro)?$", ("deepseek-v4-flash", "deepseek-v4-pro")),
    ],
)
def test_patterns_with_bounded_backtracking_run(pattern: str, expected: tuple[str, ...]) -> None:
    assert regex_matches(pattern, IDS) == expected


@pytest.mark.parametrize(
    "pattern",
    [
        r"(.+)+x",  # a repeated group that repeats inside: exponential
        r"(a|b|.)*y",  # a repeated group that branches
        r"((deepseek)+)+-chat",
        r".*.*.*.*.*x",  # five quantifiers
        r"deepseek" + "a?" * 3 + r"(x|y){2,}",
        "(" * 200 + ")" * 200,
        "deepseek-" + "x" * 400,  # too long
        r"deepseek-(chat",  # not a pattern at all
    ],
)
def test_patterns_that_could_backtrack_for_long_are_not_run(pattern: str) -> None:
    assert regex_matches(pattern, IDS) is None


def test_a_pattern_not_run_is_judged_by_the_words_it_names() -> None:
    assert mentions(r"deepseek-(chat|reasoner)(.+)+", "deepseek-chat")
    assert not mentions(r"(.+)+gpt-4", "deepseek-reasoner")


def test_a_catastrophic_pattern_in_scanned_code_is_named_not_run(cli, tmp_path) -> None:
    (tmp_path / "route.py").write_text(
        'import re\n'
        'if re.search(r"deepseek-(chat|reasoner)(.+)+(.+)+(.+)+\\d", model):\n'
        '    pass\n'
        'X = f"{a}d{b}e{c}e{d}p{e}s{f}e{g}e{h}k{i}-{j}c{k}h{l}a{m}t{n}x{o}y{p}z"\n'
    )
    result = cli([str(tmp_path), "--format", "concise"])
    assert "DSM003" in result.out and "it was not run" in result.out
    assert result.out.count("DSM0") == 1
