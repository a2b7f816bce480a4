"""Joined exclude/include patterns answer exactly as pathspec's gitignore matching does."""

from __future__ import annotations

import subprocess
import sys

import pathspec
from hypothesis import given, settings
from hypothesis import strategies as st

from migrator.config import DEFAULT_EXCLUDE, DEFAULT_INCLUDE
from migrator.pathmatch import PathPatterns, is_plain, plain_regex

NAMES = ["build", "dist", ".venv", "src", "app", "a.py", "b.txt", "x.egg-info", "tests", "node_modules", "c.yaml"]
PIECES = ["build", "*.py", "**", "src", "a*", "?.txt", "*.egg-info", "tests", "[ab].py", "c.yaml"]

patterns = st.lists(
    st.builds(
        lambda lead, parts, trail: lead + "/".join(parts) + trail,
        st.sampled_from(["", "/", "**/", "!"]),
        st.lists(st.sampled_from(PIECES), min_size=1, max_size=3),
        st.sampled_from(["", "/", "/**"]),
    ),
    max_size=6,
)
paths = st.builds(
    lambda parts, folder: "/".join(parts) + ("/" if folder else ""),
    st.lists(st.sampled_from(NAMES), min_size=1, max_size=4),
    st.booleans(),
)


@settings(max_examples=600, derandomize=True, deadline=None)
@given(lines=patterns, path=paths)
def test_joined_patterns_agree_with_pathspec(lines: list[str], path: str) -> None:
    assert PathPatterns(lines).match_file(path) == bool(pathspec.GitIgnoreSpec.from_lines(lines).match_file(path))


@settings(max_examples=300, derandomize=True, deadline=None)
@given(path=paths)
def test_the_default_sets_agree_with_pathspec(path: str) -> None:
    for lines in (DEFAULT_EXCLUDE, DEFAULT_INCLUDE):
        assert PathPatterns(lines).match_file(path) == bool(pathspec.GitIgnoreSpec.from_lines(lines).match_file(path))


def test_the_default_sets_are_joined() -> None:
    """The fast path is the one large trees take (a regression here costs seconds, not correctness)."""
    assert PathPatterns(DEFAULT_EXCLUDE).joined and PathPatterns(DEFAULT_INCLUDE).joined


def test_a_negation_is_left_to_pathspec() -> None:
    matcher = PathPatterns(["*.py", "!keep.py", "build/"])
    assert not matcher.joined
    assert matcher.match_file("a.py") and not matcher.match_file("keep.py") and matcher.match_file("build/")


PLAIN_SEGMENTS = ["build", "a", "*.py", "?.txt", "*", "x.egg-info", "src", "a*b", "?", ".env.*", "c-d_e"]
plain_patterns = st.lists(
    st.builds(
        lambda lead, parts, trail: lead + "/".join(parts) + trail,
        st.sampled_from(["", "/"]),
        st.lists(st.sampled_from(PLAIN_SEGMENTS), min_size=1, max_size=3),
        st.sampled_from(["", "/"]),
    ),
    min_size=1,
    max_size=5,
)
plain_paths = st.builds(
    lambda parts, folder: "/".join(parts) + ("/" if folder else ""),
    st.lists(st.sampled_from(NAMES + ["a", "ab", "axb", ".env.local", "x.txt", "c-d_e", ".py"]), min_size=1, max_size=4),
    st.booleans(),
)


@settings(max_examples=1500, derandomize=True, deadline=None)
@given(lines=plain_patterns, path=plain_paths)
def test_plain_patterns_are_translated_without_pathspec_and_agree_with_it(lines: list[str], path: str) -> None:
    assert plain_regex(lines) is not None
    assert PathPatterns(lines).match_file(path) == bool(pathspec.GitIgnoreSpec.from_lines(lines).match_file(path))


@settings(max_examples=1500, derandomize=True, deadline=None)
@given(lines=plain_patterns, path=plain_paths)
def test_a_walked_path_is_matched_by_its_name_as_by_its_whole_path(lines: list[str], path: str) -> None:
    """A walk enters only folders no pattern matches; below them, name patterns need the last part alone."""
    matcher = PathPatterns(lines)
    parts = path.rstrip("/").split("/")
    folders = ["/".join(parts[: index + 1]) + "/" for index in range(len(parts) - 1)]
    if any(matcher.match_file(folder) for folder in folders):
        return  # the walk never gets here
    name = parts[-1] + ("/" if path.endswith("/") else "")
    assert matcher.match_walked(path, name) == matcher.match_file(path)


def test_a_walk_matches_names_and_anchored_paths() -> None:
    matcher = PathPatterns(["build/", "*.egg-info/", "docs/api/", "/top.py", "package-lock.json"])
    assert matcher.match_walked("src/build/", "build/") and not matcher.match_walked("src/build", "build")
    assert matcher.match_walked("a/x.egg-info/", "x.egg-info/")
    assert matcher.match_walked("docs/api/", "api/") and not matcher.match_walked("src/api/", "api/")
    assert matcher.match_walked("top.py", "top.py") and not matcher.match_walked("src/top.py", "top.py")
    assert matcher.match_walked("web/package-lock.json", "package-lock.json")


def test_the_default_sets_need_no_pathspec() -> None:
    assert plain_regex(DEFAULT_EXCLUDE) is not None and plain_regex(DEFAULT_INCLUDE) is not None


def test_patterns_outside_the_plain_subset_go_to_pathspec() -> None:
    for pattern in ["**/x", "a/**", "[ab].py", "!keep.py", "#c", "a\\ b", "x ", "./a", "a/../b", "/"]:
        assert not is_plain(pattern), pattern
    assert plain_regex(["build/", "[ab].py"]) is None


def test_a_run_over_named_files_with_plain_patterns_never_imports_pathspec(tmp_path) -> None:
    """pathspec costs more than the rest of a pre-commit run's start-up: plain patterns do without it."""
    (tmp_path / "a.py").write_text("x = 1\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.deepseek-migrate]\nextend-exclude = ["legacy/", "*.gen.py"]\n', encoding="utf-8")
    code = (
        "import sys\nfrom migrator.cli import main\n"
        "try:\n    main(['--force-exclude', 'a.py'])\nexcept SystemExit:\n    pass\n"
        "print('pathspec loaded:', 'pathspec' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert "All clear" in out.stdout and out.stdout.strip().endswith("pathspec loaded: False"), out.stdout + out.stderr
