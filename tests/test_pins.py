"""Dependency files decide whether a verified toggle form is safe for this project."""

from __future__ import annotations

import json

from conftest import AFTER, write
from migrator.pins import older, parse_requirement, read_folder

LITELLM_CALL = (
    "import litellm\n"
    'litellm.completion(model="deepseek/deepseek-chat", messages=[])\n'
)
ANTHROPIC_CALL = (
    "import anthropic\nclient = anthropic.Anthropic(base_url='https://api.deepseek.com/anthropic')\n"
    'client.messages.create(model="deepseek-chat", max_tokens=9, messages=[])\n'
)


def test_requirement_specifiers() -> None:
    assert parse_requirement("litellm==1.74.9", "r").exact
    assert parse_requirement("LiteLLM[proxy] >= 1.80 , <2", "r").lowest == "1.80"
    assert parse_requirement("litellm", "r").lowest is None
    assert parse_requirement("pkg @ https://example.invalid/p.whl", "r").lowest is None  # a URL: any version
    assert older("1.9", "1.10") and not older("1.2", "1.2.0")
    assert older("1.30.0rc1", "1.30.0") and not older("1.30.0", "1.30.0rc1")


def test_every_source_counts_and_the_weakest_wins(tmp_path) -> None:
    write(tmp_path, "pyproject.toml", '[project]\nname = "x"\ndependencies = ["anthropic>=0.30"]\n')
    write(tmp_path, "uv.lock", '[[package]]\nname = "anthropic"\nversion = "0.64.0"\n'
          '[[package]]\nname = "openai"\nversion = "1.99.9"\n[[package]]\nname = "openai"\nversion = "1.10.0"\n')
    write(tmp_path, "Pipfile.lock", json.dumps({"default": {"litellm": {"version": "==1.74.9"}}}))
    found = read_folder(tmp_path)
    assert found["anthropic"].lowest == "0.30"  # the range allows older than the lock
    assert found["openai"].lowest == "1.10.0"  # two lock entries split by Python version
    assert found["litellm"].lowest == "1.74.9"


def test_includes_subfolders_and_other_formats(tmp_path) -> None:
    write(tmp_path, "requirements.txt", "-r requirements/base.txt\n-e ./vendor/x\n")
    write(tmp_path, "requirements/base.txt", "openai==1.10.0  # pinned\n")
    write(tmp_path, "requirements/prod.txt", "--constraint ../constraints.txt\n")
    write(tmp_path, "constraints.txt", "anthropic==0.40.0\n")
    write(tmp_path, "Pipfile", '[packages]\nlitellm = "==1.60.0"\ndspy = "*"\n')
    write(tmp_path, "setup.cfg", "[options]\ninstall_requires =\n    crewai>=0.100\n")
    found = read_folder(tmp_path)
    assert (found["openai"].lowest, found["anthropic"].lowest, found["litellm"].lowest) == ("1.10.0", "0.40.0", "1.60.0")
    assert found["dspy"].lowest is None and found["crewai"].lowest == "0.100"


def test_poetry_alternatives_take_the_least(tmp_path) -> None:
    write(
        tmp_path,
        "pyproject.toml",
        '[tool.poetry.dependencies]\npython = "^3.10"\n'
        'openai = [{version = "^1.10", python = "<3.11"}, {version = "^1.40", python = ">=3.11"}]\n'
        'litellm = "^1.80 || ^2.0"\n[tool.poetry.dev-dependencies]\nanthropic = "0.40.0"\n',
    )
    found = read_folder(tmp_path)
    assert (found["openai"].lowest, found["litellm"].lowest, found["anthropic"].lowest) == ("1.10", "1.80", "0.40.0")


def test_the_nearest_folder_up_to_the_repository_root(tmp_path) -> None:
    from migrator.pins import requirements_near

    (tmp_path / ".git").mkdir()
    write(tmp_path, "requirements.txt", "openai==1.10.0\n")
    deep = write(tmp_path, "src/svc/app.py", "")
    assert requirements_near(deep, tmp_path)["openai"].lowest == "1.10.0"


def _fix_applicability(cli, tmp_path, source: str) -> str:
    write(tmp_path, "app.py", source)
    out = json.loads(cli(["--as-of", AFTER, "--format", "json", "app.py"], cwd=tmp_path).out)
    return next(f["fix"] for f in out["findings"] if f["code"] == "DSM001")


def test_a_pin_older_than_the_verified_release_makes_the_fix_unsafe(cli, tmp_path) -> None:
    write(tmp_path, "requirements.txt", "anthropic==0.40.0\n")
    fix = _fix_applicability(cli, tmp_path, ANTHROPIC_CALL)
    assert fix["applicability"] == "unsafe"
    assert "requirements.txt: anthropic==0.40.0" in fix["description"] and "0.47.0" in fix["description"]


def test_a_pin_at_or_after_the_verified_release_keeps_the_fix_safe(cli, tmp_path) -> None:
    write(tmp_path, "requirements.txt", "anthropic==0.64.0\n")
    assert _fix_applicability(cli, tmp_path, ANTHROPIC_CALL)["applicability"] == "safe"


def test_litellm_gets_the_form_that_works_on_every_release(cli, tmp_path) -> None:
    write(tmp_path, "requirements.txt", "litellm==1.74.9\n")
    fix = _fix_applicability(cli, tmp_path, LITELLM_CALL)
    assert fix["applicability"] == "safe" and 'extra_body={"thinking": {"type": "disabled"}}' in fix["description"]
    write(tmp_path, "requirements.txt", "litellm==1.60.0\n")
    assert _fix_applicability(cli, tmp_path, LITELLM_CALL)["applicability"] == "unsafe"
