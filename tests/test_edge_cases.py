"""Regressions from an adversarial test pass: each case once broke or was missed."""

from __future__ import annotations

import json
import os
import textwrap

import pytest

from conftest import AFTER, write


def run_json(cli, root, *args: str) -> dict:
    result = cli(["--format", "json", "--as-of", AFTER, *args], cwd=root)
    assert result.code in (0, 1), result.err
    return json.loads(result.out)


def located(document: dict) -> list[tuple[int, int, str]]:
    return [(f["line"], f["column"], f["code"]) for f in document["findings"]]


def test_requests_to_other_providers_are_not_findings(cli, tmp_path) -> None:
    write(
        tmp_path,
        "providers.py",
        textwrap.dedent(
            '''
            import litellm, requests
            from openai import AzureOpenAI, OpenAI
            orc = OpenAI(base_url="https://openrouter.ai/api/v1")
            orc.chat.completions.create(model="deepseek-chat", messages=[])
            orc.chat.completions.create(model="deepseek/deepseek-chat", messages=[])
            AzureOpenAI(azure_endpoint="https://x.openai.azure.com").chat.completions.create(model="deepseek-chat", messages=[])
            litellm.completion(model="deepseek-chat", custom_llm_provider="openrouter", messages=[])
            requests.post("http://localhost:8000/v1/chat/completions", json={"model": "deepseek-chat"})
            litellm.completion("openai/deepseek-chat", api_base="https://api.deepseek.com")
            '''
        ).lstrip(),
    )
    assert located(run_json(cli, tmp_path, "providers.py")) == [(9, 20, "DSM001")]


def test_long_implicit_concatenations_are_analysed_in_full(cli, tmp_path) -> None:
    """1,500 adjacent literals nest 1,500 deep in libcst: once a text scan, now analysed with room to recurse."""
    body = 'M = "deepseek-chat"\nSQL = (\n' + "".join(f'    "line {i}\\n"\n' for i in range(1500)) + ")\n"
    write(tmp_path, "deep.py", body)
    document = run_json(cli, tmp_path, "deep.py")
    assert located(document) == [(1, 5, "DSM001")]
    assert document["errors"] == [] and "text scan" not in document["findings"][0]["message"]


def test_form_feeds_do_not_shift_lines(cli, tmp_path) -> None:
    (tmp_path / "ff.py").write_text('x = 1\n\x0c\nclass A:\n    m = "deepseek-chat"\n', encoding="utf-8")
    (tmp_path / "broken.py").write_text('import os\n\x0c\ndef f(:\n    pass\nM = "deepseek-chat"\n', encoding="utf-8")
    document = run_json(cli, tmp_path, ".")
    assert [(f["path"], f["line"]) for f in document["findings"]] == [("broken.py", 5), ("ff.py", 4)]
    text = cli(["--as-of", AFTER, "ff.py"], cwd=tmp_path).out
    assert '4 |     m = "deepseek-chat"\n  |         ^^^^^^^^^^^^^^^ DSM001' in text


def test_keywords_that_do_not_name_a_model_are_not_findings(cli, tmp_path) -> None:
    write(
        tmp_path,
        "kw.py",
        textwrap.dedent(
            '''
            foo(label="deepseek-chat")
            text = "{name}".format(name="deepseek-chat")
            metrics.increment("calls", tags={"model": "deepseek-chat"})
            assert body == {"model": "deepseek-chat"}
            Agent(role="r", llm="deepseek/deepseek-chat")
            Planner(planner_model="deepseek-reasoner")
            '''
        ).lstrip(),
    )
    assert located(run_json(cli, tmp_path, "kw.py")) == [(4, 26, "DSM003"), (5, 21, "DSM001"), (6, 23, "DSM001")]


@pytest.mark.parametrize(
    "source,expected",
    [
        ('FAST, SLOW = "deepseek-chat", "deepseek-reasoner"\n', [(1, 14, "DSM001"), (1, 31, "DSM001")]),
        ('pick = lambda m=None: m or "deepseek-chat"\n', [(1, 28, "DSM001")]),
        ('class S(BaseModel):\n    m: str = Field(default_factory=lambda: "deepseek-chat")\n', [(2, 44, "DSM001")]),
        ('client.chat.completions.create(model=f"deepseek-chat")\n', [(1, 38, "DSM001")]),
        ('client.chat.completions.create(model="deepseek-" "chat")\n', [(1, 38, "DSM001")]),
    ],
)
def test_shapes_once_missed(cli, tmp_path, source, expected) -> None:
    write(tmp_path, "m.py", source)
    assert located(run_json(cli, tmp_path, "m.py")) == expected


def test_target_keeps_the_provider_prefix(cli, tmp_path) -> None:
    write(tmp_path, "p.py", 'lm = dspy.LM("deepseek/deepseek-chat")\n')
    finding = run_json(cli, tmp_path, "p.py")["findings"][0]
    assert (finding["target"], finding["tier"]) == ("deepseek/deepseek-v4-flash", "flash")


@pytest.mark.parametrize(
    "config,expected",
    [
        ("warn-days = 1000000000\n", "tool.deepseek-migrate.warn-days: must be at most 36500"),
        ('[tool.deepseek-migrate.targets]\nflash = "deepseek-chat"\n', "targets.flash: 'deepseek-chat' is itself a retired model ID"),
    ],
)
def test_more_bad_config(cli, tmp_path, config, expected) -> None:
    header = "" if config.startswith("[") else "[tool.deepseek-migrate]\n"
    write(tmp_path, "pyproject.toml", header + config)
    write(tmp_path, "a.py", 'M = "deepseek-chat"\n')
    result = cli(["a.py"], cwd=tmp_path)
    assert result.code == 2 and expected in result.err and result.err.count("\n") == 1


def test_non_utf8_rule_pack_and_empty_as_of(cli, tmp_path) -> None:
    (tmp_path / "p.toml").write_bytes(b"\xff\xfe")
    write(tmp_path, "a.py", "x = 1\n")
    result = cli(["--rules", "p.toml", "a.py"], cwd=tmp_path)
    assert (result.code, result.err.strip()) == (2, f"migrate: error: {tmp_path / 'p.toml'}: invalid TOML: the file is not UTF-8")
    result = cli(["--as-of", "", "a.py"], cwd=tmp_path)
    assert result.code == 2 and "--as-of: '' is not a date" in result.err


def test_duplicate_legacy_id_in_one_pack(cli, tmp_path) -> None:
    entry = '[[legacy]]\nid = "x-1"\nretired-at = 2026-01-01\n'
    write(tmp_path, "p.toml", entry + entry)
    write(tmp_path, "a.py", "x = 1\n")
    result = cli(["--rules", "p.toml", "a.py"], cwd=tmp_path)
    assert result.code == 2 and "legacy[1].id: 'x-1' is defined twice in this pack" in result.err


@pytest.mark.skipif(os.name == "nt", reason="POSIX file names")
def test_undecodable_file_name_keeps_json_valid(cli, tmp_path) -> None:
    (tmp_path / os.fsdecode(b"bad\xffname.py")).write_text('M = "deepseek-chat"\n', encoding="utf-8")
    document = run_json(cli, tmp_path, ".")
    assert document["findings"][0]["path"] == "bad\ufffdname.py"


def test_text_report_shows_file_names_verbatim_and_whole(cli, tmp_path) -> None:
    long_name = "src/" + "module_with_a_rather_long_descriptive_name/" * 3 + "client.py"
    write(tmp_path, long_name, 'M = "deepseek-chat"\n')
    write(tmp_path, "[bold]mk.py", 'M = "deepseek-chat"\n')
    out = cli(["--as-of", AFTER, "."], cwd=tmp_path).out
    table = out[out.index("Sites by file"):]
    assert "[bold]mk.py" in table
    assert "…" not in table
    assert "".join(line.strip("│ ") for line in table.splitlines()).count("client.py") == 1


def test_carets_line_up_after_wide_characters(cli, tmp_path) -> None:
    write(tmp_path, "w.py", 'x = "😀漢字"; M = "deepseek-chat"\n')
    out = cli(["--as-of", AFTER, "w.py"], cwd=tmp_path).out
    code_line = next(line for line in out.splitlines() if line.startswith("1 | "))
    caret_line = next(line for line in out.splitlines() if "^" in line)
    # Display columns: each of the three wide characters takes two cells.
    from rich.cells import cell_len

    assert cell_len(code_line[: code_line.index('"deepseek')]) == caret_line.index("^")


def test_an_excluded_folder_named_explicitly_is_checked(cli, tmp_path) -> None:
    write(tmp_path, "build/gen.py", 'M = "deepseek-chat"\n')
    write(tmp_path, "build/__pycache__/x.py", 'M = "deepseek-chat"\n')
    assert [f["path"] for f in run_json(cli, tmp_path, "build")["findings"]] == ["build/gen.py"]


def test_output_never_overwrites_a_source_file(cli, tmp_path) -> None:
    write(tmp_path, "a.py", "x = 1\n")
    result = cli(["--output", "a.py", "."], cwd=tmp_path)
    assert result.code == 2 and "refusing to write a report over a source file" in result.err
    assert (tmp_path / "a.py").read_text(encoding="utf-8") == "x = 1\n"


RESOLUTION_CASES = [
    (  # a name that refers to itself used to recurse until RecursionError
        'def ask(client, model=None):\n    model = model or "deepseek-chat"\n'
        "    return client.chat.completions.create(model=model)\n",
        [(2, 22, "DSM001")],
    ),
    (  # the binding in effect at the call decides, not an arbitrary one
        "from openai import OpenAI\n"
        'client = OpenAI(base_url="https://api.deepseek.com")\n'
        'client = OpenAI(base_url="https://openrouter.ai/api/v1")\n'
        'client.chat.completions.create(model="deepseek-chat")\n'
        'client = OpenAI(base_url="https://api.deepseek.com")\n',
        [],
    ),
    (  # a constant in a payload follows the payload to OpenRouter
        'import requests\nMODEL = "deepseek/deepseek-chat"\npayload = {"model": MODEL, "messages": []}\n'
        'requests.post("https://openrouter.ai/api/v1/chat/completions", json=payload)\n',
        [],
    ),
    (  # a keyword named like a model argument is one everywhere
        'PLANNER = "deepseek-reasoner"\nAgent(planner_model=PLANNER, base_url="https://openrouter.ai/api/v1")\n',
        [],
    ),
    (  # with-as and walrus bind clients too
        "import httpx\nasync def go():\n"
        '    async with httpx.AsyncClient(base_url="https://openrouter.ai/api/v1") as client:\n'
        '        await client.post("/chat/completions", json={"model": "deepseek/deepseek-chat"})\n'
        '    if (c := OpenAI(base_url="http://localhost:8000/v1")):\n'
        '        c.chat.completions.create(model="deepseek-chat")\n',
        [],
    ),
    (  # settings instances and class-scope names reach their class attributes
        "from pydantic import BaseModel\n"
        'class Settings(BaseModel):\n    model: str = "deepseek-chat"\n'
        "settings = Settings()\n"
        'router = OpenAI(base_url="https://openrouter.ai/api/v1")\n'
        "router.chat.completions.create(model=settings.model)\n"
        'class Bot:\n    MODEL = "deepseek-reasoner"\n'
        "    def run(self, model=MODEL):\n        return router.chat.completions.create(model=model)\n",
        [],
    ),
]


@pytest.mark.parametrize("source,expected", RESOLUTION_CASES)
def test_name_resolution(cli, tmp_path, source, expected) -> None:
    write(tmp_path, "m.py", source)
    document = run_json(cli, tmp_path, "m.py")
    assert document["errors"] == []
    assert located(document) == expected


def test_generated_header_and_explicit_files(cli, tmp_path) -> None:
    write(tmp_path, "notes.py", '# DO NOT EDIT without asking the platform team\nM = "deepseek-chat"\n')
    write(tmp_path, "gen.py", '# Code generated by sqlc. DO NOT EDIT.\nM = "deepseek-chat"\n')
    found = run_json(cli, tmp_path, ".")
    assert [f["path"] for f in found["findings"]] == ["notes.py"]
    assert [f["path"] for f in run_json(cli, tmp_path, "gen.py")["findings"]] == ["gen.py"]
    assert "1 generated file skipped" in cli(["--as-of", AFTER, "."], cwd=tmp_path).out


def test_a_gitignored_folder_named_explicitly_is_checked(cli, tmp_path) -> None:
    import subprocess

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write(tmp_path, ".gitignore", "scratch/\n")
    write(tmp_path, "scratch/try.py", 'M = "deepseek-chat"\n')
    assert run_json(cli, tmp_path, ".")["findings"] == []
    assert [f["path"] for f in run_json(cli, tmp_path, "scratch")["findings"]] == ["scratch/try.py"]


def test_statistics_needs_text_and_broken_parent_pyproject_is_ignored(cli, tmp_path) -> None:
    write(tmp_path, "pyproject.toml", "[project\nname = broken\n")
    write(tmp_path, "app/a.py", 'M = "deepseek-chat"\n')
    assert cli(["--as-of", AFTER, "app"], cwd=tmp_path).code == 1
    result = cli(["--statistics", "--format", "json", "app"], cwd=tmp_path)
    assert result.code == 2 and "--statistics goes with --format text" in result.err


def test_payload_posted_elsewhere_is_not_a_deepseek_request(cli, tmp_path) -> None:
    write(
        tmp_path,
        "p.py",
        'import requests\nbody = {"model": "deepseek-v4-flash", "temperature": 0.2}\n'
        'requests.post("https://openrouter.ai/api/v1/chat/completions", json=body)\n',
    )
    assert run_json(cli, tmp_path, "p.py")["findings"] == []
