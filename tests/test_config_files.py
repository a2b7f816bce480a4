"""DSM002 on config files: findings, traps, golden fixes, selection and bad input."""

from __future__ import annotations

import filecmp
import json
import shutil

from conftest import AFTER, FIXTURES, write

KINDS = FIXTURES / "config_kinds"


def findings(cli, root, *args) -> list[tuple[str, int, int, str]]:
    document = json.loads(cli(["--as-of", AFTER, "--format", "json", *args, "."], cwd=root).out)
    return [(f["path"], f["line"], f["column"], f["code"]) for f in document["findings"]]


def test_each_kind_reports_model_values_at_the_values_characters(cli) -> None:
    assert findings(cli, KINDS / "before") == [
        (".env.example", 4, 16, "DSM002"),
        (".env.example", 5, 23, "DSM002"),  # export, double quotes
        ("agents/crew.yaml", 6, 21, "DSM002"),  # after the deepseek/ prefix
        ("agents/crew.yaml", 7, 15, "DSM002"),  # fallbacks: [deepseek-chat]
        ("agents/crew.yaml", 11, 18, "DSM002"),  # inside single quotes
        ("agents/litellm_proxy.yml", 2, 17, "DSM003"),  # the alias clients name: knowledge
        ("agents/litellm_proxy.yml", 4, 23, "DSM002"),
        ("app/llm.ini", 3, 9, "DSM002"),
        ("app/llm.ini", 5, 5, "DSM002"),  # a continuation line of fallbacks
        ("app/settings.json", 3, 15, "DSM002"),
        ("settings.toml", 3, 10, "DSM002"),
        ("settings.toml", 8, 10, "DSM002"),  # [[agents]]
    ]
    # Not findings: commented-out lines, prose values, OPENROUTER_MODEL, a section named openrouter,
    # a base_url on localhost, a recorded reply, and this tool's own [tool.deepseek-migrate] table.


def test_fixes_are_unsafe_and_rewrite_only_the_values_characters(cli, tmp_path) -> None:
    project = tmp_path / "project"
    shutil.copytree(KINDS / "before", project)
    assert cli(["--fix", "--as-of", AFTER, "."], cwd=project).code == 1  # no safe fix: nothing written
    assert not filecmp.dircmp(project, KINDS / "before").diff_files
    cli(["--fix", "--unsafe-fixes", "--as-of", AFTER, "."], cwd=project)
    for path in (KINDS / "after").rglob("*"):
        if path.is_file():
            relative = path.relative_to(KINDS / "after")
            assert (project / relative).read_bytes() == path.read_bytes(), relative
    assert [f[3] for f in findings(cli, project)] == ["DSM003"]


def test_the_message_names_the_python_that_reads_the_variable(cli, tmp_path) -> None:
    write(tmp_path, ".env", "APP_MODEL=deepseek-reasoner\nOTHER=deepseek-chat\n")
    write(tmp_path, "app/settings.py", 'import os\n\nMODEL = os.environ["APP_MODEL"]\n')
    write(tmp_path, "app/config.py", "class Settings(BaseSettings):\n    app_model: str = 'x'\n")
    document = json.loads(cli(["--as-of", AFTER, "--format", "json", "."], cwd=tmp_path).out)
    by_line = {f["line"]: f for f in document["findings"]}
    assert "read at app/config.py:2, app/settings.py:3" in by_line[1]["message"]
    assert "thinking enabled" in by_line[1]["fix"]["description"]
    assert by_line[1]["fix"]["applicability"] == "unsafe"
    # A variable set to exactly a model ID is a model setting, whatever its name; nothing here reads it.
    assert by_line[2]["code"] == "DSM002" and "a config file cannot hold the switch" in by_line[2]["message"]


def test_provider_awareness_within_the_document(cli, tmp_path) -> None:
    write(tmp_path, "llm.yaml", (
        "groq:\n  model: deepseek-chat\n"
        "remote:\n  api_base: https://api.together.xyz/v1\n  model: deepseek-chat\n"
        "mine:\n  provider: deepseek\n  model: deepseek-chat\n"
        "gateway:\n  base_url: https://deepseek-gateway.acme-ai.io/v1\n  model: deepseek-chat\n"
    ))
    write(tmp_path, ".env", "OPENAI_BASE_URL=https://openrouter.ai/api/v1\nOPENAI_MODEL=deepseek-chat\nLLM_MODEL=deepseek-chat\n")
    # Another host by section name or sibling URL is not a finding; a gateway named for DeepSeek still is.
    assert findings(cli, tmp_path) == [
        (".env", 3, 11, "DSM002"),
        ("llm.yaml", 8, 10, "DSM002"),
        ("llm.yaml", 11, 10, "DSM002"),
    ]


def test_datasets_cassettes_and_replies_are_data(cli, tmp_path) -> None:
    rows = [{"model": "deepseek-chat", "prompt": f"q{i}", "score": 1} for i in range(25)]
    write(tmp_path, "data/results.json", json.dumps(rows))
    write(tmp_path, "tests/recorded.yaml", "interactions:\n- request:\n    body: '{\"model\": \"deepseek-chat\"}'\n  model: deepseek-chat\n")
    write(tmp_path, "reply.json", '{"object": "chat.completion", "model": "deepseek-chat", "choices": []}')
    write(tmp_path, "__snapshots__/app.json", '{"model": "deepseek-chat"}')
    assert findings(cli, tmp_path) == []


def test_invalid_config_files_are_per_file_errors(cli, tmp_path) -> None:
    write(tmp_path, "bad.yaml", "model: deepseek-chat\n  - : [\n")
    write(tmp_path, "bad.json", '{"model": "deepseek-chat",,}')
    write(tmp_path, "bad.toml", 'model = "deepseek-chat\n')
    write(tmp_path, "deep.json", "[" * 400 + '"deepseek-chat"' + "]" * 400)
    write(tmp_path, "good.env", "MODEL=deepseek-chat\n")
    result = cli(["--as-of", AFTER, "--format", "json", "."], cwd=tmp_path)
    document = json.loads(result.out)
    errors = {e["path"]: e["message"] for e in document["errors"]}
    assert errors["bad.yaml"].startswith("not valid YAML at line 2")
    assert errors["bad.json"].startswith("not valid JSON at line 1, column 27")
    assert errors["bad.toml"].startswith("not valid TOML at line 1")
    assert "nested more than" in errors["deep.json"]
    assert [f["path"] for f in document["findings"]] == ["good.env"]


def test_include_and_extend_include_select_the_kinds(cli, tmp_path) -> None:
    write(tmp_path, "app.py", 'MODEL = "deepseek-chat"\n')
    write(tmp_path, "llm.yaml", "model: deepseek-chat\n")
    write(tmp_path, "llm.conf", "model = deepseek-chat\n")
    assert [f[0] for f in findings(cli, tmp_path)] == ["app.py", "llm.yaml"]
    write(tmp_path, "pyproject.toml", '[tool.deepseek-migrate]\ninclude = ["*.py"]\n')
    assert [f[0] for f in findings(cli, tmp_path)] == ["app.py"]
    write(tmp_path, "pyproject.toml", '[tool.deepseek-migrate]\ninclude = ["*.py"]\nextend-include = ["*.yaml"]\n')
    assert [f[0] for f in findings(cli, tmp_path)] == ["app.py", "llm.yaml"]


def test_files_over_the_size_limit_are_skipped_with_a_note(cli, tmp_path) -> None:
    write(tmp_path, "big.json", json.dumps({"model": "deepseek-chat", "pad": "x" * 3000}))
    write(tmp_path, "pyproject.toml", "[tool.deepseek-migrate]\nmax-file-size = 2048\n")
    result = cli(["--as-of", AFTER, "."], cwd=tmp_path)
    assert "big.json" in result.out and "max-file-size" in result.out


# ---------------------------------------------------------------- from the adversarial review


def test_hostile_inputs_stay_linear(tmp_path) -> None:
    """Inputs that took minutes (an exponential .env pattern, quadratic sibling scans, deep YAML) now finish."""
    import subprocess
    import sys

    key = "\\n".join(["AAAA"] * 40)
    write(tmp_path, ".env", f'DEEPSEEK_MODEL=deepseek-chat\r\nKEY="-----BEGIN {key}\r\nPATTERN="' + "\\d" * 40 + "\n")
    write(tmp_path, "wide.json", json.dumps({f"model_{index}": "deepseek-chat" for index in range(3000)}))
    write(tmp_path, "long.ini", "[x]\nmodel = deepseek-chat\na" + " " * 200_000 + "b\n")
    write(tmp_path, "deep.yaml", "[" * 6000 + "deepseek-chat" + "]" * 6000 + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "migrator", "--as-of", AFTER, "--format", "json", "."],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )
    document = json.loads(done.stdout)
    errors = {error["path"]: error["message"] for error in document["errors"]}
    assert errors == {"deep.yaml": "not valid YAML at line 1, column 201: nested more than 200 levels deep"}
    counts = {path: sum(1 for f in document["findings"] if f["path"] == path) for path in (".env", "wide.json", "long.ini")}
    assert counts == {".env": 1, "wide.json": 3000, "long.ini": 1}


def test_review_shapes(cli, tmp_path) -> None:
    write(tmp_path, "config/env/app.yaml", (
        "model: deepseek-chat\nembeddings:\n  model: text-embedding-3-small\n"  # a sibling section does not demote it
        "llm:\n  provider: openai\n  model: deepseek-chat\n  base_url: https://api.deepseek.com\n"  # the URL wins
        "properties:\n  model:\n    example: deepseek-chat\n"  # OpenAPI example: not a setting
        "hydra:\n  llm:\n    name: deepseek-reasoner\n"
        "promptfoo:\n  providers: [deepseek:deepseek-chat, {id: 'deepseek:deepseek-reasoner'}]\n"
        "services:\n  app:\n    environment:\n      - DEEPSEEK_MODEL=deepseek-chat\n"
        "      - OTHER=${LLM_MODEL:-deepseek-reasoner}\n"
        "spec:\n  env:\n    - name: DEEPSEEK_MODEL\n      value: deepseek-chat\n"
        "x: &m deepseek-chat\ny: *m\n"
    ))
    write(tmp_path, "litellm.yaml", (
        "model_list:\n  - model_name: deepseek-chat\n    litellm_params:\n      model: deepseek/deepseek-chat\n"
        "litellm_settings:\n  default_fallbacks: [\"deepseek-chat\"]\n"
    ))
    write(tmp_path, "continue.json", (
        '{"models": [{"provider": "deepseek", "model": "deepseek-chat", "contextLength": 128000}],'
        ' "runs": [{"model": "deepseek-chat", "accuracy": 0.8}]}'
    ))
    write(tmp_path, "crlf.env", 'DEEPSEEK_MODEL="deepseek-chat"\r\nOTHER_MODEL=\'deepseek-reasoner\'\r\n'
                                'PROMPT="hello\nMODEL=deepseek-chat\n"\r\n')
    write(tmp_path, "urls.env", "OPENAI_BASE_URL=https://api.openai.com/v1\nDEEPSEEK_BASE_URL=https://api.deepseek.com\n"
                                "MODEL=deepseek-chat\n")
    write(tmp_path, "quiet.jsonc", '{\n  "model": "deepseek-chat" // noqa: DSM002\n}\n')
    write(tmp_path, "quiet.ini", "[a]\nmodel = deepseek-chat ; noqa: DSM002\n")
    assert findings(cli, tmp_path) == [
        ("config/env/app.yaml", 1, 8, "DSM002"),  # config/env/ is scanned: `env/` is no default exclude
        ("config/env/app.yaml", 6, 10, "DSM002"),
        ("config/env/app.yaml", 13, 11, "DSM002"),
        ("config/env/app.yaml", 15, 24, "DSM002"),
        ("config/env/app.yaml", 15, 54, "DSM002"),
        ("config/env/app.yaml", 19, 24, "DSM002"),
        ("config/env/app.yaml", 20, 28, "DSM002"),
        ("config/env/app.yaml", 24, 14, "DSM002"),
        ("config/env/app.yaml", 25, 7, "DSM003"),  # an anchor and its alias: one finding
        ("continue.json", 1, 48, "DSM002"),  # contextLength is no record key; the accuracy row is data
        ("crlf.env", 1, 17, "DSM002"),
        ("crlf.env", 2, 14, "DSM002"),  # the multi-line PROMPT value is not read as assignments
        ("litellm.yaml", 2, 17, "DSM003"),
        ("litellm.yaml", 4, 23, "DSM002"),
        ("litellm.yaml", 6, 24, "DSM003"),  # a fallback names the alias: retargeting it alone would dangle
        ("urls.env", 3, 7, "DSM002"),  # one URL says DeepSeek: the bare MODEL may go there
    ]


def test_second_review_inputs_stay_linear(tmp_path) -> None:
    """Many keys with their own stems, many model keys in one list entry, many TOML tables, many fixes."""
    import subprocess
    import sys

    count = 20_000
    scanned, fixed = tmp_path / "scanned", tmp_path / "fixed"
    write(scanned, ".env", "".join(f"X{index}_MODEL=deepseek-chat\n" for index in range(count)))
    write(scanned, "entry.json", "[{" + ",".join(f'"m{index}_model": "deepseek-chat"' for index in range(count)) + "}]")
    write(scanned, "tables.toml", "".join(f'[[a{index}]]\nmodel = "deepseek-chat"\n' for index in range(count)))
    write(scanned, "keys.toml", "[t]\n" + "".join(f'k{index}_model = "deepseek-chat"\n' for index in range(count)))
    write(fixed, "many.ini", "[x]\n" + "".join(f"m{index}_model = deepseek-chat\n" for index in range(5000)))
    fixing, scanning = (  # two folders, two processes side by side
        subprocess.Popen(
            [sys.executable, "-m", "migrator", "--as-of", AFTER, *arguments, "--format", "json", "."],
            cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        for folder, arguments in ((fixed, ("--fix", "--unsafe-fixes")), (scanned, ()))
    )
    assert json.loads(fixing.communicate(timeout=300)[0])["summary"]["fixed"] == 5000
    assert "deepseek-chat" not in (fixed / "many.ini").read_text()
    by_path: dict[str, int] = {}
    for finding in json.loads(scanning.communicate(timeout=300)[0])["findings"]:
        by_path[finding["path"]] = by_path.get(finding["path"], 0) + 1
    assert by_path == {".env": count, "entry.json": count, "tables.toml": count, "keys.toml": count}


def test_a_model_matrix_selects_models(cli, tmp_path) -> None:
    write(tmp_path, ".github/workflows/eval.yml", (
        "jobs:\n  eval:\n    strategy:\n      matrix:\n        model: [deepseek-chat, deepseek-reasoner]\n"
    ))
    write(tmp_path, "registry.yaml", "provider:\n  models: [deepseek-chat]\n")  # a list of known models: knowledge
    assert [(f[0], f[1], f[3]) for f in findings(cli, tmp_path)] == [
        (".github/workflows/eval.yml", 5, "DSM002"), (".github/workflows/eval.yml", 5, "DSM002"),
        ("registry.yaml", 2, "DSM003"),
    ]
