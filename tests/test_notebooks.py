"""Notebooks: code cells analysed as one module, findings by cell, fixes written back byte for byte."""

from __future__ import annotations

import json

from conftest import AFTER, write

CELLS = [
    {"cell_type": "markdown", "metadata": {}, "source": ["Try deepseek-chat on a ticket.\n"]},
    {"cell_type": "code", "execution_count": 1, "metadata": {"tags": ["setup"]}, "outputs": [],
     "source": ["%pip install openai\n", "from openai import OpenAI\n",
                "client = OpenAI(base_url=\"https://api.deepseek.com\")\n", "MODEL = \"deepseek-chat\""]},
    {"cell_type": "code", "execution_count": 2, "metadata": {},
     "outputs": [{"name": "stdout", "output_type": "stream", "text": ["deepseek-chat says: café\n"]}],
     "source": ["files = !ls\n", "r = client.chat.completions.create(model=\"deepseek-reasoner\", messages=[])\n",
                "print(\"café\", r)"]},
    {"cell_type": "code", "execution_count": 3, "metadata": {}, "outputs": [], "source": "%%bash\necho deepseek-chat\n"},
    {"cell_type": "code", "execution_count": 4, "metadata": {}, "outputs": [],
     "source": ["answer = client.chat.completions.create(model=MODEL, messages=[])"]},
]


def notebook(indent: int = 1) -> str:
    document = {"cells": CELLS, "metadata": {"kernelspec": {"name": "python3"}}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(document, indent=indent, ensure_ascii=False) + "\n"


def test_findings_carry_the_cell_and_lines_inside_it(cli, tmp_path) -> None:
    write(tmp_path, "try.ipynb", notebook())
    document = json.loads(cli(["--as-of", AFTER, "--format", "json", "--select", "DSM0", "."], cwd=tmp_path).out)
    assert [(f["cell"], f["line"], f["column"], f["code"]) for f in document["findings"]] == [
        (2, 4, 9, "DSM001"),  # MODEL, used by the request in cell 5
        (3, 2, 42, "DSM001"),  # after a masked `files = !ls` line
    ]  # markdown, outputs and the %%bash cell are never findings
    text = cli(["--as-of", AFTER, "--select", "DSM0", "."], cwd=tmp_path).out
    assert "try.ipynb:cell 3:2:42: DSM001" in text
    assert '2 | r = client.chat.completions.create(model="deepseek-reasoner"' in text


def test_fix_rewrites_only_the_changed_cell_sources(cli, tmp_path) -> None:
    for indent in (1, 2):
        path = write(tmp_path, f"nb{indent}.ipynb", notebook(indent))
        before = path.read_text(encoding="utf-8")
        cli(["--fix", "--as-of", AFTER, path.name], cwd=tmp_path)
        after = path.read_text(encoding="utf-8")
        changed = [(old, new) for old, new in zip(before.splitlines(), after.splitlines()) if old != new]
        assert len(before.splitlines()) == len(after.splitlines())
        assert changed == [(
            ' ' * indent * 4 + '"r = client.chat.completions.create(model=\\"deepseek-reasoner\\", messages=[])\\n",',
            ' ' * indent * 4 + '"r = client.chat.completions.create(model=\\"deepseek-v4-flash\\", messages=[], '
            'extra_body={\\"thinking\\": {\\"type\\": \\"enabled\\"}})\\n",',
        )]
        assert after.endswith("}\n") and "café" in after  # trailing newline and non-ASCII kept as written


def test_unsafe_fixes_and_line_count_changes_keep_the_layout(cli, tmp_path) -> None:
    cells = [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": [
        "!echo start\n", "r = client.chat.completions.create(\n", "    model=\"deepseek-chat\", messages=[]\n", ")"]}]
    document = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    path = write(tmp_path, "n.ipynb", json.dumps(document, indent=1))
    cli(["--fix", "--unsafe-fixes", "--as-of", AFTER, "n.ipynb"], cwd=tmp_path)
    fixed = json.loads(path.read_text(encoding="utf-8"))
    source = "".join(fixed["cells"][0]["source"])
    assert source.startswith("!echo start\n") and '"deepseek-v4-flash"' in source
    assert fixed["metadata"] == {} and fixed["nbformat_minor"] == 5
    assert not path.read_text(encoding="utf-8").endswith("\n")  # as found


def test_invalid_notebooks_are_per_file_errors(cli, tmp_path) -> None:
    write(tmp_path, "broken.ipynb", '{"cells": [ "deepseek-chat" ')
    write(tmp_path, "odd.ipynb", '{"cells": [{"cell_type": "code", "source": 7}], "x": "deepseek-chat"}')
    syntax = notebook().replace("MODEL = ", "MODEL = = ")
    write(tmp_path, "syntax.ipynb", syntax)
    document = json.loads(cli(["--as-of", AFTER, "--format", "json", "."], cwd=tmp_path).out)
    errors = {e["path"]: e["message"] for e in document["errors"]}
    assert errors["broken.ipynb"].startswith("not valid JSON at line 1")
    assert errors["odd.ipynb"] == 'cell 1: "source" is neither a string nor a list of strings'
    assert errors["syntax.ipynb"].startswith("cell 2: syntax error at line 4")


# ---------------------------------------------------------------- from the adversarial review

MULTI_LINE = [
    "r = client.chat.completions.create(\n", '    model="deepseek-chat",\n', "    messages=[],\n", ")\n",
    "# -*- deepseek-migrate: cell 99 -*-\n", "print('h\u00e9, keep me')\n",
]


def notebook_with(source: list[str], indent: int | None = 1, crlf: bool = False) -> str:
    document = {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [], "source": source}],
                "metadata": {"title": "h\u00e9llo"}, "nbformat": 4, "nbformat_minor": 5}
    text = json.dumps(document, indent=indent, ensure_ascii=True)
    return text.replace("\n", "\r\n") if crlf else text


def test_a_fix_that_adds_lines_keeps_layout_escapes_line_ends_and_user_lines(cli, tmp_path) -> None:
    for name, text in (
        ("crlf.ipynb", notebook_with(MULTI_LINE, crlf=True)),
        ("inline.ipynb", notebook_with(MULTI_LINE, indent=None)),
        ("indented.ipynb", notebook_with(MULTI_LINE, indent=2)),
    ):
        path = tmp_path / name
        path.write_bytes(text.encode("utf-8"))
        cli(["--fix", "--unsafe-fixes", "--as-of", AFTER, name], cwd=tmp_path)
        raw = path.read_bytes()
        source = "".join(json.loads(raw)["cells"][0]["source"])
        assert source.endswith("# -*- deepseek-migrate: cell 99 -*-\nprint('h\u00e9, keep me')\n"), name
        assert '"thinking": {"type": "disabled"}' in source
        assert b"h\\u00e9, keep me" in raw and b"h\\u00e9llo" in raw  # escaped as written
        if name == "crlf.ipynb":
            assert b"\n" not in raw.replace(b"\r\n", b"")
        tail = text[text.rindex('"metadata"'):]
        assert raw.decode().endswith(tail)  # the notebook's metadata and end untouched


def test_percent_and_bang_inside_expressions_are_python(cli, tmp_path) -> None:
    source = ["cnt = 3\n", "val = (cnt\n", "       % 7)\n", 'text = """\n', "!not shell\n", '"""\n',
              "r = client.chat.completions.create(model=\"deepseek-chat\", messages=[])\n"]
    write(tmp_path, "n.ipynb", notebook_with(source))
    document = json.loads(cli(["--as-of", AFTER, "--format", "json", "n.ipynb"], cwd=tmp_path).out)
    assert document["errors"] == []
    assert [(f["cell"], f["line"], f["code"]) for f in document["findings"]][:1] == [(1, 7, "DSM001")]


def test_deep_json_and_large_outputs(cli, tmp_path) -> None:
    deep = json.loads(notebook_with(["m = 'deepseek-chat'\n"]))
    text = json.dumps(deep)[:-1] + ', "x": ' + "[" * 100_000 + "1" + "]" * 100_000 + "}"
    write(tmp_path, "deep.ipynb", text)
    big = json.loads(notebook_with(["r = client.chat.completions.create(model=\"deepseek-chat\", messages=[])\n"]))
    big["cells"][0]["outputs"] = [{"output_type": "display_data", "data": {"image/png": "A" * 1_500_000}, "metadata": {}}]
    write(tmp_path, "big.ipynb", json.dumps(big))
    document = json.loads(cli(["--as-of", AFTER, "--format", "json", "."], cwd=tmp_path).out)
    errors = {error["path"]: error["message"] for error in document["errors"]}
    assert errors == {"deep.ipynb": "not analyzed: JSON nested more than 200 levels deep"}
    assert [f["path"] for f in document["findings"]] == ["big.ipynb"]  # outputs do not make it too large


def test_cell_magic_after_blank_lines_bom_and_nan(cli, tmp_path) -> None:
    document = json.loads(notebook_with(["\n", "%%bash\n", "echo deepseek-chat\n"]))
    document["cells"].append({"cell_type": "code", "execution_count": 2, "metadata": {}, "source": ["m = 1\n"],
                              "outputs": [{"output_type": "execute_result", "data": {"text/plain": ["nan"]},
                                           "metadata": {}, "execution_count": 2, "value": float("nan")}]})
    document["cells"].append({"cell_type": "code", "execution_count": 3, "metadata": {}, "outputs": [],
                              "source": ["r = client.chat.completions.create(model=\"deepseek-chat\", messages=[])"]})
    (tmp_path / "n.ipynb").write_bytes(b"\xef\xbb\xbf" + json.dumps(document).encode())
    result = json.loads(cli(["--as-of", AFTER, "--format", "json", "n.ipynb"], cwd=tmp_path).out)
    assert result["errors"] == []
    assert [(f["cell"], f["code"]) for f in result["findings"]][:1] == [(3, "DSM001")]
    cli(["--fix", "--as-of", AFTER, "n.ipynb"], cwd=tmp_path)
    assert (tmp_path / "n.ipynb").read_bytes().startswith(b"\xef\xbb\xbf")


def test_second_review_shapes(cli, tmp_path) -> None:
    """Lines holding a form feed or U+2028 keep their bytes; an indented !pip keeps its block valid."""
    source = ["import sys\n", "s = 'a\u2028b'\n", "\f\n", "if 'google.colab' in sys.modules:\n", "    !pip install openai\n",
              "r = client.chat.completions.create(\n", "    model=\"deepseek-chat\", messages=[]\n", ")\n"]
    path = write(tmp_path, "n.ipynb", notebook_with(source))
    document = json.loads(cli(["--as-of", AFTER, "--format", "json", "n.ipynb"], cwd=tmp_path).out)
    assert document["errors"] == []
    cli(["--fix", "--unsafe-fixes", "--as-of", AFTER, "n.ipynb"], cwd=tmp_path)
    fixed = json.loads(path.read_text(encoding="utf-8"))["cells"][0]["source"]
    assert fixed[:5] == source[:5]  # untouched lines keep their items, \u2028 and \f included
    assert '"thinking": {"type": "disabled"}' in "".join(fixed)


def test_syntax_errors_name_cell_lines_throughout(cli, tmp_path) -> None:
    source = ["x = 1\n", "if x:\n", "y = 2\n", "m = 'deepseek-chat'\n"]
    write(tmp_path, "n.ipynb", notebook_with(source))
    document = json.loads(cli(["--as-of", AFTER, "--format", "json", "n.ipynb"], cwd=tmp_path).out)
    (error,) = document["errors"]
    assert error["message"].startswith("cell 1: syntax error at line 3")
    assert "on line 2" in error["message"]
