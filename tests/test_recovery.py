"""A file with a syntax error is analysed without the broken statement, never fixed, and never loses an ID."""

from __future__ import annotations

import json
import textwrap

import pytest

from conftest import AFTER, write
from migrator.python_analysis.recovery import MAX_LEFT_OUT, LeftOut, describe, leave_out, statement_extent


def report(cli, root) -> dict:
    result = cli(["--format", "json", "--as-of", AFTER, "--select", "DSM0", "."], cwd=root)
    assert result.code == 1, result.err
    return json.loads(result.out)


def located(document: dict) -> list[tuple[int, str, bool]]:
    return [(f["line"], f["code"], "text scan" in f["message"]) for f in document["findings"]]


# The shape of wolf-logic's settings reader (eval68): an import Python cannot read, and the rest of a
# module that compares, logs and requests. The text scan called all three lines requests.
BROKEN_IMPORT = '''\
import logging
from wolf-logic.configs.models import settings
from openai import OpenAI

log = logging.getLogger(__name__)
client = OpenAI(base_url="https://api.deepseek.com", api_key=settings.key)


def ask(question: str, model: str) -> str:
    if model == "deepseek-reasoner":
        log.info("reasoning with %s", model)
    log.info("falling back to deepseek-chat")
    reply = client.chat.completions.create(model="deepseek-chat", messages=[{"role": "user", "content": question}])
    return reply.choices[0].message.content
'''


def test_the_rest_of_a_file_with_a_broken_import_is_analysed(cli, tmp_path) -> None:
    write(tmp_path, "agent.py", BROKEN_IMPORT)
    document = report(cli, tmp_path)
    assert located(document) == [(10, "DSM003", False), (13, "DSM001", False)]
    assert [error["message"] for error in document["errors"]] == [
        "syntax error at line 2, column 10: invalid syntax; analyzed without line 2, and no fix is offered in this file"
    ]
    assert all(finding["fix"] is None for finding in document["findings"])


def test_fix_never_writes_a_file_python_cannot_read(cli, tmp_path) -> None:
    path = write(tmp_path, "agent.py", BROKEN_IMPORT)
    before = path.read_bytes()
    result = cli(["--fix", "--unsafe-fixes", "--as-of", AFTER, "."], cwd=tmp_path)
    assert result.code == 1
    assert path.read_bytes() == before
    assert "analyzed without line 2" in result.out


def test_a_broken_block_header_keeps_its_body_analysed(cli, tmp_path) -> None:
    write(tmp_path, "tools.py", textwrap.dedent('''\
        from openai import OpenAI

        client = OpenAI(base_url="https://api.deepseek.com")

        def ask(question, :
            print("asking deepseek-chat")
            return client.chat.completions.create(model="deepseek-chat", messages=[])
    '''))
    document = report(cli, tmp_path)
    assert located(document) == [(7, "DSM001", False)]
    assert "analyzed without line 5," in document["errors"][0]["message"]


def test_a_merge_conflict_is_analysed_on_both_sides(cli, tmp_path) -> None:
    write(tmp_path, "settings.py", textwrap.dedent('''\
        <<<<<<< HEAD
        MODEL = "deepseek-chat"
        =======
        MODEL = "deepseek-reasoner"
        >>>>>>> feature/reasoning
        SUPPORTED = ["deepseek-chat", "deepseek-reasoner"]
        if MODEL not in SUPPORTED:
            raise ValueError(MODEL)
    '''))
    document = report(cli, tmp_path)
    assert [(line, code) for line, code, _ in located(document)] == [
        (2, "DSM001"), (4, "DSM001"), (6, "DSM003"), (6, "DSM003"),
    ]
    assert "analyzed without lines 1, 3, 5," in document["errors"][0]["message"]


def test_an_id_inside_the_left_out_statement_is_still_reported(cli, tmp_path) -> None:
    write(tmp_path, "ask.py", textwrap.dedent('''\
        from openai import OpenAI

        client = OpenAI(base_url="https://api.deepseek.com")
        reply = client.chat.completions.create(
            model="deepseek-chat",
            messages=[{"role": "user", "content": -}],
        )
        if reply.model == "deepseek-reasoner":
            print(reply)
    '''))
    document = report(cli, tmp_path)
    assert located(document) == [(5, "DSM001", True), (8, "DSM003", False)]
    assert "analyzed without lines 4-7," in document["errors"][0]["message"]


def test_a_file_too_broken_to_recover_gets_the_text_scan(cli, tmp_path) -> None:
    broken = "".join(f'value{n} -= = "deepseek-chat"\n' for n in range(MAX_LEFT_OUT + 1))
    write(tmp_path, "broken.py", broken)
    document = report(cli, tmp_path)
    assert located(document) == [(n + 1, "DSM001", True) for n in range(MAX_LEFT_OUT + 1)]
    assert document["errors"][0]["message"] == "syntax error at line 1, column 11: invalid syntax"


@pytest.mark.parametrize(
    ("source", "line", "expected"),
    [
        ("a = 1\nb = (1,\n  2 -)\nc = 3\n", 3, LeftOut(2, 3)),
        ("a = 1\nb = 2 \\\n  + -\nc = 3\n", 2, LeftOut(2, 3)),
        ("a = (1,\n", 1, LeftOut(1, 1)),
        ("# only a comment\n", 1, LeftOut(1, 1)),
    ],
)
def test_statement_extent_is_the_logical_line(source: str, line: int, expected: LeftOut) -> None:
    assert statement_extent(source, line) == expected


def test_leave_out_keeps_every_line_and_line_ending() -> None:
    source = "if ok:\r\n    from a-b import c\r\n    d = (1,\r\n         2)\r\nelse:\r\n\tpass\r\n"
    text, extent = leave_out(source, 2, indentation_error=False)
    assert extent == LeftOut(2, 2)
    assert text == "if ok:\r\n    pass\r\n    d = (1,\r\n         2)\r\nelse:\r\n\tpass\r\n"
    header, extent = leave_out("def f(:\n    return 1\n", 1, indentation_error=False)
    assert header == "if True:\n    return 1\n"
    blank, _ = leave_out("a = 1\n    b = 2\n", 2, indentation_error=True)
    assert blank == "a = 1\n\n"
    assert describe([LeftOut(7, 9), LeftOut(3, 3)]) == "lines 3, 7-9"
    assert describe([LeftOut(3, 3)]) == "line 3"


# From the review of the recovery: a half-typed call never closes its bracket, so the tokenizer runs to the
# end of the file. Its arguments are part of the statement; analysed as a block's body they became knowledge
# (DSM003), and the request was lost under --select DSM001.
def test_a_half_typed_call_is_left_out_with_its_arguments(cli, tmp_path) -> None:
    write(tmp_path, "ask.py", textwrap.dedent('''\
        from openai import OpenAI

        client = OpenAI(base_url="https://api.deepseek.com")
        resp = client.chat.completions.create(
            model="deepseek-chat",
            messages=[{"role": "user", "content": "hi"}],

        print(resp)
    '''))
    document = report(cli, tmp_path)
    assert located(document) == [(5, "DSM001", True)]
    assert "analyzed without lines 4-6," in document["errors"][0]["message"]


def test_form_feeds_and_lone_carriage_returns_keep_their_columns_and_lines(cli, tmp_path) -> None:
    (tmp_path / "ff.py").write_text('m = "deepseek-chat"\n\x0c\x0c  \x0cdef f(:\n\x0c    return m\n', encoding="utf-8")
    document = report(cli, tmp_path)
    assert "analyzed without line 2," in document["errors"][0]["message"]  # the body stays: a form feed resets the column
    (tmp_path / "ff.py").unlink()
    (tmp_path / "cr.py").write_bytes(b'print "start"\rfrom openai import OpenAI\rclient = OpenAI(base_url="https://api.deepseek.com")\r'
                                     b'client.chat.completions.create(model="deepseek-chat", messages=[])\r')
    document = report(cli, tmp_path)
    assert located(document) == [(4, "DSM001", False)]
    assert "analyzed without line 1," in document["errors"][0]["message"]


def test_a_notebook_names_the_cells_and_lines_left_out(cli, tmp_path) -> None:
    cells = [
        'from openai import OpenAI\nclient = OpenAI(base_url="https://api.deepseek.com")\n',
        'print "start"\n',
        'r = client.chat.completions.create(model="deepseek-chat", messages=[])\n',
        'x = 1\nprint "done"\n',
    ]
    notebook = {
        "cells": [{"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [], "source": cell}
                  for cell in cells],
        "metadata": {}, "nbformat": 4, "nbformat_minor": 5,
    }
    write(tmp_path, "work.ipynb", json.dumps(notebook))
    document = report(cli, tmp_path)
    assert [error["message"] for error in document["errors"]] == [
        "cell 2: syntax error at line 1, column 1: Missing parentheses in call to 'print'. Did you mean print(...)?; "
        "analyzed without line 1, cell 4 line 2, and no fix is offered in this file"
    ]
    assert [(f["cell"], f["line"], f["code"]) for f in document["findings"]] == [(3, 1, "DSM001")]


def test_a_large_broken_file_gets_the_text_scan(cli, tmp_path) -> None:
    from migrator.python_analysis.recovery import MAX_RECOVERED_CHARS

    padding = "x = 1\n" * (MAX_RECOVERED_CHARS // 6 + 1)
    write(tmp_path, "big.py", padding + 'print "start"\nMODEL = "deepseek-chat"\n')
    document = report(cli, tmp_path)
    assert document["errors"][0]["message"].endswith("Did you mean print(...)?")
    assert [scanned for _, _, scanned in located(document)] == [True]


# From the second review: a left-out def header, live test or half-typed call changes what the rest means, so
# outside imports and merge markers only a verdict the expression itself settles (a comparison, a key, a
# pattern, a mock assertion, text for people) replaces the text scan's DSM001.
@pytest.mark.parametrize(
    ("relative", "source", "expected"),
    [
        (  # the function is gone, so its positional argument looked like knowledge
            "ask.py",
            'from openai import OpenAI\n\nclient = OpenAI(base_url="https://api.deepseek.com")\n\n\n'
            "def ask(q, engine)\n"
            '    return client.chat.completions.create(model=engine, messages=[{"role": "user", "content": q}])\n\n\n'
            'print(ask("hi", "deepseek-chat"))\nif ask("x", "deepseek-v4-flash") == "deepseek-reasoner":\n    pass\n',
            [(10, "DSM001", True), (11, "DSM003", False)],
        ),
        (  # the live test is gone, so the constant looked like every remaining test's input
            "tests/test_chat.py",
            'from unittest import mock\n\nfrom app.chat import ask\n\nMODEL = "deepseek-chat"\n\n\n'
            '@mock.patch("app.chat.client")\ndef test_ask_mocked(fake):\n    ask("hi", MODEL)\n'
            "    assert fake.chat.completions.create.called\n\n\n"
            'def test_ask_real(capsys)\n    r = ask("hi", MODEL)\n    assert r.choices[0].message.content\n',
            [(5, "DSM001", True)],
        ),
        (  # a half-typed call whose arguments are not indented: each read as an assignment of its own
            "run.py",
            'from openai import OpenAI\n\nclient = OpenAI(base_url="https://api.deepseek.com")\n\n\n'
            "def run(q):\n    resp = client.chat.completions.create(\n"
            '    model="deepseek-chat",\n    messages=[{"role": "user", "content": q}]\n    return resp\n',
            [(8, "DSM001", True)],
        ),
    ],
)
def test_a_verdict_that_depends_on_left_out_code_keeps_the_text_scan(cli, tmp_path, relative, source, expected) -> None:
    write(tmp_path, relative, source)
    assert located(report(cli, tmp_path)) == expected
