"""The fast paths large trees take agree exactly with the plain ones they replace."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from migrator.project_roots import PROJECT_MARKERS, ProjectRoots
from migrator.project_analysis.screen import _IMPORTS, import_statements

LINES = [
    "import os", "    import json as j", "from app.config import MODEL", "from . import (\n  a,\n  b)",
    "from x import \\\n  y", "x = 'import this'", "# import nothing", "def f():", "    from .m import (c)",
    "important = 1", "imports = []", "from a import b; import c", "\timport\tz", "from app import (", "",
    "import", "reimport x", "  from   pkg.sub   import   *",
]


@settings(max_examples=500, derandomize=True, deadline=None)
@given(lines=st.lists(st.sampled_from(LINES), max_size=12), ending=st.sampled_from(["\n", "\r\n"]))
def test_import_statements_are_what_the_expression_finds_everywhere(lines: list[str], ending: str) -> None:
    data = ending.join(lines).encode()
    assert import_statements(data) == b"\n".join(_IMPORTS.findall(data))


def test_project_roots_answer_as_the_one_file_question_does(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "a" / "b" / "c").mkdir(parents=True)
    (tmp_path / "a" / "pyproject.toml").write_text("")
    (tmp_path / "x" / "y").mkdir(parents=True)
    files = [tmp_path / "a" / "b" / "c" / "m.py", tmp_path / "a" / "b" / "n.py", tmp_path / "a" / "o.py", tmp_path / "x" / "y" / "p.py"]

    def nearest(path: Path) -> Path | None:
        return next((folder for folder in path.parents if any((folder / m).exists() for m in PROJECT_MARKERS)), None)

    roots = ProjectRoots()
    for path in files + files[::-1]:
        assert roots.of(path) == nearest(path)
    assert roots.of(files[0]) == tmp_path / "a"
    monkeypatch.chdir(tmp_path / "a")
    for relative in (Path("b/c/m.py"), Path("o.py")):
        assert ProjectRoots().of(relative) == nearest(relative) == Path(".")


def test_project_roots_from_a_walks_listings_are_the_look_ups(tmp_path: Path) -> None:
    """The folders a walk listed need no look-up, and give the same roots: a ``.git`` file (a submodule's), a link
    to a marker (counted when its target exists, as a look-up counts it), a marker's name in other case, folders
    without one."""
    from migrator.config import Settings
    from migrator.discover import discover

    for folder in ("repo/sub/pkg", "repo/lib/deep", "linked/ok", "linked/dangling/mod", "plain"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "repo" / "pyproject.toml").write_text("")
    (tmp_path / "repo" / "sub" / ".git").write_text("gitdir: ../.git/modules/sub\n")
    (tmp_path / "real.toml").write_text("")
    (tmp_path / "linked" / "ok" / "pyproject.toml").symlink_to(tmp_path / "real.toml")
    (tmp_path / "linked" / "dangling" / "setup.py").symlink_to(tmp_path / "missing.py")
    (tmp_path / "plain" / "Requirements.txt").write_text("")  # the marker where case is ignored (macOS, Windows)
    for folder in ("repo/sub/pkg", "repo/lib/deep", "linked/ok", "linked/dangling/mod", "linked/dangling", "plain", "."):
        (tmp_path / folder / "m.py").write_text("x = 1\n")
    discovery = discover([tmp_path], Settings(root=tmp_path))
    modules = [path for path in discovery.files if path.suffix == ".py"]
    assert len(modules) == 7 and str(tmp_path / "repo" / "lib" / "deep") in discovery.project_markers
    assert str(tmp_path / "plain") not in discovery.project_markers  # left to the look-up, which the file system answers
    listed, looked_up = ProjectRoots(discovery.project_markers), ProjectRoots()
    assert [listed.of(path) for path in modules] == [looked_up.of(path) for path in modules]
    assert {listed.of(path) for path in modules} == {
        tmp_path / "repo", tmp_path / "repo" / "sub", tmp_path / "linked" / "ok", looked_up.of(tmp_path / "m.py"),
    }


MODULES = {"app.constants", "app.llm.models", "pkg.config"}
NAMES = {"MODEL", "MODELS", "Models", "config"}
PIECES_OF_CODE = [
    '"', "'", "app", ".", "constants", "llm", "models", "MODEL", "MODELS", "Models", "pkg", "config", "x", " ", "(",
    "mock.patch(", ")", "-", "\n", "_", "2",
]


def _quoted_by_one_expression(data: bytes) -> list[tuple[str, str]]:
    """What the index found before: one expression tried at every quote."""
    import re

    modules = b"|".join(re.escape(name.encode()) for name in sorted(MODULES))
    names = b"|".join(re.escape(name.encode()) for name in sorted(NAMES))
    pattern = re.compile(rb"""["'](?:(?P<module>""" + modules + rb")|[\w.]+\.(?P<name>" + names + rb"""))["']""")
    found = []
    for match in pattern.finditer(data):
        kind = "module" if match.group("module") else "name"
        found.append((kind, match.group(0)[1:-1].decode()))
    return found


@settings(max_examples=800, derandomize=True, deadline=None)
@given(pieces=st.lists(st.sampled_from(PIECES_OF_CODE), max_size=16))
def test_quoted_names_are_found_as_the_one_expression_found_them(pieces: list[str]) -> None:
    from migrator.project_analysis.screen import QuotedNames

    data = "".join(pieces).encode()
    expected = _quoted_by_one_expression(data)
    found = list(QuotedNames(MODULES, NAMES).finditer(data))
    # The old expression consumed a closing quote, so a quote shared by two strings ('a.MODEL'b.MODEL') counted once;
    # the new search reads each string from its own end: it finds all the old one found, in order, and only such extras.
    assert [item for item in found if item in expected] == expected
    assert all(kind == "name" or text in MODULES for kind, text in found)


def _python_sources() -> list[Path]:
    """The labelled evaluation files (not the fix reviews' copies), every fixture outside the reviews' reproducer
    folders, and every third reproducer: varied real shapes.

    The reproducers (``fixtures/review_*``, hundreds of small files that grow
    each round) repeat the syntax the other files hold; all of them made
    these equivalence tests a third of the suite's time.
    """
    from conftest import FIXTURES, REPO

    evaluation = REPO / "tests" / "eval"
    fixtures = sorted(FIXTURES.rglob("*.py"))
    reproducers = [path for path in fixtures if path.relative_to(FIXTURES).parts[0].startswith("review_")]
    kept = [path for path in fixtures if path not in set(reproducers)] + reproducers[::3]
    return sorted({*evaluation.glob("*.py"), *kept})


def _on_both_cores(check, paths: list[Path]) -> list:
    """``check(path)`` for each path, in two forked processes (each file's comparison stands alone)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(check, paths, chunksize=8))


@functools.lru_cache(maxsize=1)
def _catalog():
    from migrator.catalog import load_catalog

    return load_catalog()


def _prefilter_agrees(path: Path) -> str:
    """"" when the facts with the ast tree are those without it; "skipped" for a file Python cannot parse."""
    import ast

    from migrator.python_analysis import analyze_python

    source = path.read_text(encoding="utf-8")
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return "skipped"
    catalog = _catalog()
    return "" if analyze_python(source, catalog, tree=tree) == analyze_python(source, catalog) else f"{path}: facts differ"


def test_the_ast_prefilter_changes_no_fact_on_the_evaluation_set_and_fixtures() -> None:
    """Skipping libcst is only ever a shortcut: where it is not taken, facts are those of the full pass."""
    outcomes = _on_both_cores(_prefilter_agrees, _python_sources())
    assert [outcome for outcome in outcomes if outcome not in ("", "skipped")] == []
    assert outcomes.count("") > 40


def test_prose_alone_skips_the_libcst_pass(catalog, monkeypatch) -> None:
    import ast

    import libcst

    from migrator.python_analysis import analyze_python

    prose = '"""Talks to deepseek-chat."""\n\n\ndef f():\n    """Uses deepseek-reasoner."""\n    return 1  # deepseek-chat\n'
    code = [
        'MODEL = "deepseek-chat"\n',
        'size = "chat"\nMODEL = "deepseek-" + size\n',
        'MODEL = f"deepseek-{size}"\n',
        "client.create(extra_body={'enable_thinking': True})\n",
        "client.create(enable_thinking=True)\n",
        '"""Docs."""\nx = "deepseek-reasoner"\n',
        'class A:\n    """Doc."""\n    model = b"deepseek-chat"\n',
    ]
    parsed: list[str] = []
    real = libcst.parse_module
    monkeypatch.setattr(libcst, "parse_module", lambda text, *a, **k: parsed.append(text) or real(text, *a, **k))
    assert analyze_python(prose, catalog, tree=ast.parse(prose)).sites == ()
    assert parsed == []
    for source in code:
        analyze_python(source, catalog, tree=ast.parse(source))
    assert parsed == code


def _parsed_sources():
    import libcst

    for path in _python_sources():
        try:
            yield path, libcst.parse_module(path.read_text(encoding="utf-8"))
        except Exception:  # files kept unparsable on purpose
            continue


def test_string_values_are_libcsts() -> None:
    """``_evaluated`` reads a literal's value off its text where libcst compiles it: the same value, every literal."""
    import libcst

    from migrator.python_analysis.syntax import _evaluated, _nodes_in

    odd = [
        '""', "''", '""""""', "r'a\\b'", 'u"x"', 'R"x"', 'b"x"', 'rb"x"', 'Br"x"', '"""a\r\nb"""', "'a\\\nb'",
        '"""it\'s "quoted" here"""', "'''a\nb'''", '"\\N{BULLET}"', '"caf\u00e9"',
    ]
    modules = [module for _, module in _parsed_sources()] + [libcst.parse_module(f"x = {text}\n") for text in odd]
    compared = 0
    for module in modules:
        for node in _nodes_in(module):
            if isinstance(node, libcst.SimpleString):
                assert _evaluated(node) == node.evaluated_value, node.value
                compared += 1
    assert compared > 1000
    nul = next(node for node in _nodes_in(libcst.parse_module('x = "a\\0b"\n'.replace("\\0", "\0"))) if isinstance(node, libcst.SimpleString))
    with pytest.raises(SyntaxError):  # as libcst's value does: CPython refuses the NUL, and the file is a parse error
        _evaluated(nul)


def _positions_agree(path: Path) -> tuple[str, int]:
    """("", nodes) when our positions are libcst's for every node of the file; ("skipped", 0) if it cannot parse."""
    import libcst
    from libcst.metadata import MetadataWrapper, PositionProvider

    from migrator.python_analysis.metadata import module_metadata
    from migrator.python_analysis.positions import Positions

    try:
        module = libcst.parse_module(path.read_text(encoding="utf-8"))
    except Exception:  # files kept unparsable on purpose
        return "skipped", 0
    theirs = MetadataWrapper(module, unsafe_skip_copy=True).resolve(PositionProvider)
    return ("" if dict(module_metadata(module)[Positions]) == dict(theirs) else f"{path}: positions differ"), len(theirs)


def test_positions_are_libcsts_node_for_node() -> None:
    outcomes = _on_both_cores(_positions_agree, _python_sources())
    assert [outcome for outcome, _ in outcomes if outcome not in ("", "skipped")] == []
    assert sum(nodes for _, nodes in outcomes) > 50_000


ODD_STATEMENT_STARTS = [
    "a = 1; b = 2\nc = 3",  # simple statements on one line; no final newline
    "# header\n\n# leading\n@decorator\n\n@other(\n  1)\ndef f():\n    return 1\n",
    "@(\n    decorator\n)\nclass C:\n    x = 1\n",  # the decorator's expression starts below its @
    "x = (\n  1\n)\r\ny = '''\r\n'''\r\nif x:\r\n    pass\r\n",
    "(\n  f()\n)\n\x0c\ndef g(): pass\n# footer\n",
    "",
    "import openai\nclient = openai.OpenAI()\n\\\nresp = client.create(model='m')\n",  # libcst drops the lone backslash line
    "def f():\n    x = 1\n    \\\n    return x\r\ny = f()\r\n",
    "a = 1\r\\\rb = 2\r",
    # Nested blocks: comments before a block's first statement and after its last, tabs, decorators inside a class,
    # a one-line suite, async statements, an else and an except (their statements come from their parent's code).
    "class C:\n    # first\n\n    @staticmethod\n    @wrap(\n        1)\n    def f(x):\n        if x:\n            # inside\n"
    "            y = 1; z = 2\n        # end of if\n        else:\n            pass\n        return x\n    # end of class\n"
    "\n\nasync def g():\n\tasync with a as b:\n\t\tasync for i in b:\n\t\t\tawait i\n"
    "\ttry:\n\t\tx = 1\n\texcept E:\n\t\tpass\n\twhile True: break\n",
    "def f():\n    @(\n        d\n    )\n    def g():\n        return 1\n    return g\n",  # a nested decorator below its @
    "def f():\n  if a:\n      x = 1\n  with m:\n   y = 2\n",  # blocks indented by different amounts
]


def _walked_parents(module):
    from migrator.python_analysis.syntax import _nodes_in
    from migrator.python_analysis.walk import children

    return {child: node for node in _nodes_in(module) for child in children(node)}


def test_statement_positions_are_the_whole_modules_node_for_node() -> None:
    """Generated one top-level statement at a time (each checked against the source), or for the whole module."""
    import ast

    import libcst

    from migrator.python_analysis.metadata import module_metadata
    from migrator.python_analysis.positions import Positions, StatementPositions
    from migrator.textscan import LineIndex

    sources = [(str(path), module.code) for path, module in _parsed_sources()]
    sources += [(f"odd {number}", source) for number, source in enumerate(ODD_STATEMENT_STARTS)]
    statementwise = nested = 0
    for name, source in sources:
        module = libcst.parse_module(source)
        whole = module_metadata(module)[Positions]
        lazy = StatementPositions(module, ast.parse(source), LineIndex(source), _walked_parents(module))
        inside = [node for node in whole if lazy._statement_of(node) is not None]
        for node in inside[::-1]:  # the last statement first: a wrong start would show at once
            assert lazy[node] == whole[node], (name, type(node).__name__)
        statementwise += not lazy._whole
        nested += any(owner != id(module) and block is not None for owner, block in lazy._blocks.items())
        for node in whole:  # the module, its header and footer: from the whole module's code
            assert lazy[node] == whole[node], (name, type(node).__name__)
    assert statementwise > 100 and nested > 100


def _scope_shape(scope) -> tuple:
    if scope is None:
        return (None,)
    names = sorted({assignment.name for assignment in scope.assignments})
    return (
        type(scope).__name__,
        tuple((name, len(scope.assignments[name]), sum(len(a.references) for a in scope.assignments[name])) for name in names),
        sum(1 for _ in scope.accesses),
    )


def _scopes_agree(path: Path) -> str:
    """"" when our scopes are libcst's for every node of the file; "skipped" for a file libcst cannot parse."""
    import libcst

    try:
        module = libcst.parse_module(path.read_text(encoding="utf-8"))
    except Exception:  # files kept unparsable on purpose
        return "skipped"
    return _scopes_agree_on(module, str(path))


def _scopes_agree_on(module, name: str) -> str:
    from libcst.metadata import MetadataWrapper, ScopeProvider

    from migrator.python_analysis.metadata import module_metadata
    from migrator.python_analysis.scopes import Scopes

    theirs = MetadataWrapper(module, unsafe_skip_copy=True).resolve(ScopeProvider)
    ours = module_metadata(module)[Scopes]
    # String annotations are parsed anew by each run: their nodes are the only ones not shared.
    if len(theirs) != len(ours):
        return f"{name}: {len(ours)} nodes with a scope, libcst {len(theirs)}"
    shared = [node for node in theirs if node in ours]
    if len(shared) <= len(theirs) * 0.9:
        return f"{name}: only {len(shared)} of {len(theirs)} nodes shared"
    shapes: dict[int, tuple] = {}
    for node in shared:
        scope = theirs[node]
        expected = shapes.setdefault(id(scope), _scope_shape(scope))
        if _scope_shape(ours[node]) != expected:
            return f"{name}: {type(node).__name__} has another scope"
        if scope is not None and {id(a.node) for a in ours[node].assignments} != {id(a.node) for a in scope.assignments}:
            return f"{name}: {type(node).__name__}'s scope has other assignments"
    return ""


# Every way a name is stored to, and the places libcst's expression contexts never reach (type parameters, the
# modules parsed from string annotations): the scope walk's own store targets must be libcst's contexts' STORE.
ODD_STORES = """
import os.path as osp, json
from typing import List, cast
a, (b, *c), [d] = e = f.g = h[i] = 1, (2, 3), [4]
j: "List[k]" = (l := 5)
m += [n for n in range(3) if (o := n)]
p, q.r[s] = t = {u: v for u, v in w if x for y in u}
for z, (aa, bb.cc) in dd: ee = ff
del gg, hh.ii, jj[kk]
with open(ll) as mm, open(nn) as (oo, pp): pass
try: pass
except Exception as qq: rr = qq
def ss[TT: [uu for uu in vv], *WW, **XX](yy=(zz := 1), *args: "List[ab]", bc: int = lambda cd=ce: cd, **kw) -> cast("List[df]", eg):
    global fh
    fh = gi = [hj async for hj in ik]
    nonlocal_free = (lambda jl, *km: (ln := jl))(mo)
    return {np: oq for np in pr}, (qs for qs in rt), {su for su in tv}
class WX[YZ = (lambda za: za)](Base, metaclass=Meta, **opts):
    attr: "ab.cd" = [x for x in attr]
    def method(self, /, first, *, second=third): self.value, other[first] = second, third
type Alias[TA: (lambda tb: tb)] = list[TA]
match command:
    case [Point(x=px, y=py), *rest] | {"k": px, **py} if (guard := px): pass
    case str() as sx: sy = sx
print(f"{(walrus := 1)} {[fz for fz in ga]}")
"""


def test_scopes_are_libcsts_for_every_way_of_storing() -> None:
    import libcst

    module = libcst.parse_module(ODD_STORES)
    assert _scopes_agree_on(module, "ODD_STORES") == ""


def test_scopes_are_libcsts_node_for_node() -> None:
    """Same scope kind for every node, and in each scope the same names with the same assignments and accesses."""
    outcomes = _on_both_cores(_scopes_agree, _python_sources())
    assert [outcome for outcome in outcomes if outcome not in ("", "skipped")] == []
    assert outcomes.count("") > 40


def _toggle_answers_agree(path: Path) -> tuple[str, int]:
    """("", cases) when ``toggle_fits`` answers as the rewrite's ``toggle_placed`` for every request site of the
    file, every toggle of the rule pack (and none) and every mode; ("skipped", 0) for a file that cannot parse."""
    from migrator import codemods
    from migrator.python_analysis import analyze_python

    catalog = _catalog()
    toggles = [None, *dict.fromkeys(shape.toggle for shape in catalog.python.requests if shape.toggle is not None)]
    try:
        facts = analyze_python(path.read_text(encoding="utf-8"), catalog)
    except Exception:  # files kept unparsable, too deep or too costly on purpose
        return "skipped", 0
    cases = 0
    for site in facts.sites:
        handles = site.handles
        if handles is None or handles.request_node is None:
            continue
        for toggle in toggles:
            for mode in (None, "enabled", "disabled"):
                arguments = (handles.request_node, handles.node, site.value, "deepseek-v4-flash", toggle, mode, handles.quote)
                if codemods.toggle_fits(*arguments) != codemods.rewrite_request(*arguments).toggle_placed:
                    return f"{path}:{site.span.line}: {toggle} {mode}", cases
                cases += 1
    return "", cases


def test_a_report_without_edits_learns_whether_the_toggle_fits_as_the_rewrite_does() -> None:
    outcomes = _on_both_cores(_toggle_answers_agree, _python_sources())
    assert [outcome for outcome, _ in outcomes if outcome not in ("", "skipped")] == []
    assert sum(cases for _, cases in outcomes) > 5_000


def test_only_a_value_set_toggle_never_reads_skips_the_rewrite(monkeypatch) -> None:
    """The value below the toggle's keyword or first key, a key or keyword itself, the request itself, or a toggle
    whose path is empty: the rewrite answers. A value below another argument or key: ``set_toggle`` alone does."""
    import libcst

    from migrator import codemods
    from migrator.catalog import ToggleSpec

    rewrites: list[object] = []
    rewrite_request = codemods.rewrite_request
    monkeypatch.setattr(codemods, "rewrite_request", lambda *args: rewrites.append(args[1]) or rewrite_request(*args))
    toggle = ToggleSpec(keyword="extra_body", path=("thinking",))
    call = libcst.parse_expression('create(model="deepseek-chat", extra_body={"thinking": "deepseek-chat"})')
    # A payload toggle with no path is written as {"type": mode}: its first key is "type".
    payload_toggle = ToggleSpec(keyword=None, path=())
    payload = libcst.parse_expression('{"model": "deepseek-chat", "type": "deepseek-chat", "thinking": {}}')
    cases = [
        (call, toggle, call.args[0].value, False),  # the model's value
        (call, toggle, call.args[1].value.elements[0].value, True),  # below the toggle's keyword
        (call, toggle, call.args[1].keyword, True),  # the keyword itself
        (call, toggle, call, True),  # the request
        (payload, payload_toggle, payload.elements[0].value, False),
        (payload, payload_toggle, payload.elements[1].value, True),  # below "type"
        (payload, payload_toggle, payload.elements[2].key, True),  # a key
        (payload, ToggleSpec(keyword=None, path=(), style="bool"), payload.elements[0].value, True),  # no path
    ]
    for request, spec, value, rewritten in cases:
        for mode in ("enabled", "disabled"):
            rewrites.clear()
            try:
                expected: object = rewrite_request(request, value, "deepseek-chat", "deepseek-v4-flash", spec, mode).toggle_placed
            except Exception as exc:  # the rewrite cannot replace the request itself: neither can the answer
                expected = type(exc)
            try:
                answer: object = codemods.toggle_fits(request, value, "deepseek-chat", "deepseek-v4-flash", spec, mode)
            except Exception as exc:
                answer = type(exc)
            assert answer == expected, (value, mode)
            assert bool(rewrites) == rewritten, (value, mode)


def test_the_scope_walk_costs_three_frames_per_level_of_nesting() -> None:
    """Only the scope visitor parses and walks a string annotation, past the gate's bound on nesting: each level
    must cost the walk three frames, as before (at four, a file that passed at the run's recursion limit fails)."""
    import sys
    import threading

    import libcst

    from migrator.python_analysis.metadata import module_metadata

    depth = 2000
    module = libcst.parse_module(f'x: "{"+".join(["a"] * depth)}" = 1\n')
    outcome: list[str] = []

    def walk_at(limit: int) -> None:
        previous = sys.getrecursionlimit()
        sys.setrecursionlimit(limit)
        try:
            module_metadata(module)
            outcome.append("walked")
        except RecursionError:
            outcome.append("too deep")
        finally:
            sys.setrecursionlimit(previous)

    previous_stack = threading.stack_size(256 * 1024 * 1024)
    try:
        for limit in (3 * depth + 400, 2 * depth):  # enough for three frames a level; not enough for two
            thread = threading.Thread(target=walk_at, args=(limit,))
            thread.start()
            thread.join()
    finally:
        threading.stack_size(previous_stack)
    assert outcome == ["walked", "too deep"]


def test_the_walk_visits_children_in_libcsts_order() -> None:
    import libcst

    from migrator.python_analysis.walk import child_fields, children

    checked = 0
    for path, module in _parsed_sources():
        stack: list[libcst.CSTNode] = [module]
        while stack:
            node = stack.pop()
            expected = list(node.children)
            assert child_fields(type(node)) is not None, type(node).__name__
            assert [id(child) for child in children(node)] == [id(child) for child in expected], (path, type(node).__name__)
            stack.extend(expected)
            checked += 1
    assert checked > 50_000


def test_the_walk_makes_the_same_calls_as_libcsts_visit() -> None:
    """Every on_visit / on_leave and attribute hook, in order, for a visitor with attribute hooks."""
    import libcst

    from migrator.python_analysis.walk import walk

    class Recorder(libcst.CSTVisitor):
        def __init__(self) -> None:
            super().__init__()
            self.calls: list[tuple[str, int]] = []

        def on_visit(self, node: libcst.CSTNode) -> bool:
            self.calls.append(("visit", id(node)))
            return not isinstance(node, libcst.Lambda)  # a visitor may stop the descent

        def on_leave(self, node: libcst.CSTNode) -> None:
            self.calls.append(("leave", id(node)))

        def visit_ClassDef_bases(self, node: libcst.ClassDef) -> None:
            self.calls.append(("bases", id(node)))

    for path, module in list(_parsed_sources())[:40]:
        theirs, ours = Recorder(), Recorder()
        module.visit(theirs)
        walk(module, ours)
        assert ours.calls == theirs.calls, path


def test_screening_in_worker_processes_finds_what_one_process_finds(monkeypatch) -> None:
    """The project index's byte screen, spread over a pool, gives the same files, bytes and quoted names in order."""
    import re

    from migrator.project_analysis import screen as screening
    from migrator.project_analysis.screen import QuotedNames, Screen, screen_files, screen_in_pool

    paths = _python_sources()
    words = [b"config", b"settings", b"constants", b"models"]
    screen = Screen(
        re.compile(rb"\b(?:" + b"|".join(words) + rb")\b"), re.compile(rb"\bapp\.config\.\w"), (b"app",),
        QuotedNames({"app.config", "app.llm"}, {"OpenAI", "LLM_TIMEOUT"}),
    )
    alone = screen_files(screen, paths, 1 << 20)
    assert sum(item.data is not None for item in alone) > 5 and any(item.quoted for item in alone)
    monkeypatch.setattr(screening, "POOL_MIN_FILES", 1)
    assert screen_in_pool(2)(screen, paths, 1 << 20) == alone


def test_directives_skip_tokenizing_only_texts_that_spell_none() -> None:
    """Every comment read by tokenize gives the directives the shortcut gives, on every fixture and eval file."""
    import io
    import tokenize

    from migrator.directives import LineDirectives, _parse_comment, scan_directives

    sources = [path.read_text(encoding="utf-8") for path in _python_sources()]
    sources += ["x = 1  # NOQA\n", "y = 2  #deepseek-migrate: tier=pro\n", "z = '# noqa'  # plain\n"]
    with_directives = 0
    for source in sources:
        expected: dict[int, LineDirectives] = {}
        try:
            for token in tokenize.generate_tokens(io.StringIO(source).readline):
                if token.type == tokenize.COMMENT:
                    _parse_comment(token.string, expected.setdefault(token.start[0], LineDirectives()))
        except (tokenize.TokenError, SyntaxError):
            continue
        expected = {line: value for line, value in expected.items() if value.suppressed or value.tier or value.problems}
        assert scan_directives(source) == expected
        with_directives += bool(expected)
    assert with_directives >= 3


@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    words=st.lists(st.text(alphabet="ab_\u00e9", min_size=1, max_size=5), min_size=1, max_size=8),
    text=st.text(alphabet="ab_\u00e9.\"' ", max_size=60),
)
def test_trie_alternation_finds_what_the_flat_one_finds(words: list[str], text: str) -> None:
    """The index's searches for names (before a quote, between word boundaries) find the same with a trie-shaped group."""
    import re

    from migrator.project_analysis.screen import alternation

    flat = b"(?:" + b"|".join(re.escape(word.encode()) for word in sorted(set(words))) + b")"
    data = text.encode()
    for before, after in ((rb"\.", rb"[\"']"), (rb"\b", rb"\b")):
        ours, theirs = re.compile(before + alternation(words) + after), re.compile(before + flat + after)
        assert [m.span() for m in ours.finditer(data)] == [m.span() for m in theirs.finditer(data)]


def test_trie_alternation_of_deep_or_long_names() -> None:
    """A 2,000-character module name (a thousand nested folders) and names each the start of the next still compile."""
    import re

    from migrator.project_analysis.screen import MAX_TRIE_NESTING, alternation

    long_name = ".".join(["d"] * 1000) + ".x"
    chained = ["a" * length for length in range(1, 3 * MAX_TRIE_NESTING)]
    for words in ([long_name], [long_name, long_name + "y"], chained):
        pattern = re.compile(rb"\b" + alternation(words) + rb"\b")
        for word in words:
            assert pattern.fullmatch(word.encode())
        assert not pattern.fullmatch(b"zz")
