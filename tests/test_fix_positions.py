"""Edits land exactly where the node stands, in every compound statement.

A request inside ``case`` bodies once got its edit four columns off
(``"deepsv4-flashchat"``): libcst pushes the ``match`` statement's own
indent around its cases, and node-only rendering left it out. These tests
render every request node of realistic sources and compare it with the
source text at its span, then fix each source and check the result.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap

import pytest

from conftest import AFTER, SHAPES, write

OPENING = 'from openai import OpenAI\n\nclient = OpenAI(base_url="https://api.deepseek.com")\n\n\n'

# Each body holds one multi-line request naming "deepseek-chat".
COMPOUND = {
    "match-case": """
        def run(spec, msgs):
            match spec:
                case "deepseek:deepseek-chat":
                    return client.chat.completions.create(
                        model="deepseek-chat",
                        messages=msgs,
                    )
                case _:
                    return None
        """,
    "match-two-space-cases": """
        def run(spec, msgs):
          match spec:
            case {"kind": "chat"}:
              return client.chat.completions.create(
                  model="deepseek-chat",
                  messages=msgs,
              )
        """,
    "match-subject": """
        def run(msgs):
            match client.chat.completions.create(
                model="deepseek-chat",
                messages=msgs,
            ):
                case _:
                    pass
        """,
    "try-except-star": """
        def run(msgs):
            try:
                pass
            except* ValueError:
                client.chat.completions.create(
                    model="deepseek-chat",
                    messages=msgs,
                )
            finally:
                pass
        """,
    "with-items": """
        def run(msgs, lock, other):
            with lock, other as handle:
                if handle:
                    client.chat.completions.create(
                        model="deepseek-chat",
                        messages=msgs,
                    )
        """,
    "async-for": """
        async def run(batches):
            async for msgs in batches:
                async with batches:
                    await client.chat.completions.create(
                        model="deepseek-chat",
                        messages=msgs,
                    )
        """,
    "decorated": """
        @retry(
            times=3,
        )
        @trace
        def run(msgs):
            return client.chat.completions.create(
                model="deepseek-chat",
                messages=msgs,
            )
        """,
    "class-method-tabs": "class Bot:\n\tdef run(self, msgs):\n\t\treturn client.chat.completions.create(\n"
    '\t\t\tmodel="deepseek-chat",\n\t\t\tmessages=msgs,\n\t\t)\n',
    "nested-fstring-around": """
        def run(msgs, who):
            note = f"{who!r:>{10}} {f'{who}'}"
            return client.chat.completions.create(
                model="deepseek-chat",
                messages=[{"role": "user", "content": f"{note}: {msgs[0]['content']}"}],
            )
        """,
    "deep-nesting": """
        def run(items):
            for item in items:
                while item:
                    if item.ok:
                        try:
                            with item:
                                client.chat.completions.create(
                                    model="deepseek-chat",
                                    messages=item.msgs,
                                )
                        except KeyError:
                            pass
                    else:
                        item = None
        """,
}


def _source(body: str) -> str:
    return OPENING + (textwrap.dedent(body).lstrip("\n") if not body.startswith("class") else body)


def _request_sites(source: str):
    from migrator.catalog import load_catalog
    from migrator.python_analysis import analyze_python

    facts = analyze_python(source, load_catalog())
    return [site for site in facts.requests if site.handles is not None]


@pytest.mark.parametrize("name", sorted(COMPOUND))
def test_node_rendering_matches_the_source_text(name: str) -> None:
    from migrator.codemods import _render

    source = _source(COMPOUND[name])
    if name == "try-except-star" and sys.version_info < (3, 11):
        pytest.skip("except* is Python 3.11 syntax")
    sites = _request_sites(source)
    assert sites, "the request was not recognised"
    for site in sites:
        handles = site.handles
        assert _render(handles.module, handles.request_node, handles.indents) == handles.text.slice(handles.request_span)


def test_every_request_in_the_shape_fixtures_renders_as_its_source() -> None:
    from migrator.codemods import _render

    checked = 0
    for path in sorted(SHAPES.glob("*.py")):
        for site in _request_sites(path.read_text(encoding="utf-8")):
            handles = site.handles
            assert _render(handles.module, handles.request_node, handles.indents) == handles.text.slice(
                handles.request_span
            ), f"{path.name}:{site.span.line}"
            checked += 1
    assert checked >= 30


@pytest.mark.parametrize("name", sorted(COMPOUND))
def test_fix_inside_compound_statements(cli, tmp_path, name: str) -> None:
    if name == "try-except-star" and sys.version_info < (3, 11):
        pytest.skip("except* is Python 3.11 syntax")
    source = _source(COMPOUND[name])
    path = write(tmp_path, "app.py", source)
    # --unsafe-fixes: the match case that knows "deepseek:deepseek-chat" makes the fix unsafe (see test_fix_safety).
    result = cli(["--fix", "--unsafe-fixes", "--as-of", AFTER, "app.py"], cwd=tmp_path)
    fixed = path.read_text(encoding="utf-8")
    assert "Fixed 1 finding" in result.out, result.out + result.err
    assert _undo(fixed) == source, "the fix changed more than the model and the toggle"
    assert fixed.count('model="deepseek-v4-flash"') == 1
    compile(fixed, "app.py", "exec")


def _undo(fixed: str) -> str:
    """The fixed text with the model retargeted back and the added toggle taken out."""
    undone = fixed.replace('"deepseek-v4-flash"', '"deepseek-chat"')
    undone = re.sub(r'\n[ \t]*extra_body=\{"thinking": \{"type": "disabled"\}\},', "", undone)
    return undone.replace(', extra_body={"thinking": {"type": "disabled"}}', "")


def test_fix_on_newer_syntax_than_this_interpreter(cli, tmp_path) -> None:
    """A file in PEP 701 syntax is fixed when libcst still reads the result; only breaking it is refused."""
    source = OPENING + 'd = {"k": "v"}\nlabel = f"{d["k"]}"\nclient.chat.completions.create(model="deepseek-chat", messages=[])\n'
    path = write(tmp_path, "app.py", source)
    result = cli(["--fix", "--as-of", AFTER, "app.py"], cwd=tmp_path)
    assert "Fixed 1 finding" in result.out, result.out + result.err
    assert 'model="deepseek-v4-flash", messages=[], extra_body=' in path.read_text(encoding="utf-8")


def test_a_fix_that_breaks_compilation_is_still_refused() -> None:
    from migrator.fixer import verify

    assert verify("x = (1,\n") is not None
    assert verify("x = (1,\n", strict=False) is not None  # libcst cannot read it either
    assert verify('label = f"{d["k"]}"\n', strict=False) is None
    assert verify("def f():\n    return 1\n") is None


@pytest.mark.parametrize("ending", ["", "\n", "\r\n"])
def test_every_diff_applies_with_git(cli, tmp_path, ending: str) -> None:
    """--diff output is a patch git accepts, with or without a final line break."""
    body = 'client.chat.completions.create(model="deepseek-chat", messages=[])'
    source = OPENING.replace("\n", ending or "\n") + body + ending
    path = tmp_path / "app.py"
    path.write_bytes(source.encode("utf-8"))
    result = cli(["--diff", "--as-of", AFTER, "app.py"], cwd=tmp_path)
    assert result.code == 1 and result.out.startswith("--- a/app.py")
    if not ending:
        assert result.out.count("\\ No newline at end of file\n") == 2
    (tmp_path / "fix.patch").write_bytes(result.out.encode("utf-8"))
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    check = subprocess.run(["git", "apply", "--check", "fix.patch"], cwd=tmp_path, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    subprocess.run(["git", "apply", "fix.patch"], cwd=tmp_path, check=True)
    other = tmp_path / "other"
    other.mkdir()
    (other / "app.py").write_bytes(source.encode("utf-8"))
    cli(["--fix", "--as-of", AFTER, "app.py"], cwd=other)
    assert path.read_bytes() == (other / "app.py").read_bytes(), "the patch and --fix disagree"
