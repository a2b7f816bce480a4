"""The rule pack is data: loaded, validated, extensible with --rules."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from migrator.catalog import load_catalog
from migrator.errors import UsageError
from conftest import AFTER, write


def test_builtin_pack_holds_the_facts(catalog) -> None:
    chat, reasoner = catalog.legacy["deepseek-chat"], catalog.legacy["deepseek-reasoner"]
    deadline = dt.datetime(2026, 7, 24, 15, 59, tzinfo=dt.timezone.utc)
    assert chat.retired_at == reasoner.retired_at == deadline
    assert (chat.thinking, reasoner.thinking) == ("disabled", "enabled")
    assert catalog.targets == {"flash": "deepseek-v4-flash", "pro": "deepseek-v4-pro"}
    assert "deepseek/" in catalog.deepseek_prefixes and "deepseek:" in catalog.deepseek_prefixes
    assert "openrouter/" in catalog.foreign_prefixes and "openrouter.ai" in catalog.foreign_hosts
    assert set(catalog.ignored_sampling_params) == {"temperature", "top_p", "presence_penalty", "frequency_penalty"}
    assert catalog.effort["openai"]["xhigh"] == "max"
    flash = next(price for price in catalog.prices if price.model == "deepseek-v4-flash")
    assert (flash.as_of, flash.output) == (dt.date(2026, 4, 24), 0.28)
    assert catalog.thinking_formats["anthropic"].effort.startswith("output_config=")
    chat = next(shape for shape in catalog.python.requests if shape.name == "openai-chat")
    assert chat.toggle.spelled("disabled") == 'extra_body={"thinking": {"type": "disabled"}}'
    assert catalog.python.payload_shape().toggle.spelled("enabled") == '"thinking": {"type": "enabled"} in the request body'


def test_split_model_string_keeps_only_deepseek_prefixes(catalog) -> None:
    assert catalog.split_model_string("deepseek/deepseek-chat") == ("deepseek/", "deepseek-chat")
    assert catalog.split_model_string("deepseek:deepseek-reasoner") == ("deepseek:", "deepseek-reasoner")
    assert catalog.split_model_string("openrouter/deepseek/deepseek-chat") is None
    assert catalog.split_model_string("deepseek-chat-v2") is None


USER_PACK = """
[pack]
name = "acme-internal"

[[legacy]]
id = "acme-llm-2"
retired-at = 2026-09-30T00:00:00Z
note = "Our gateway drops it at the end of Q3."
"""


def test_user_pack_adds_a_retired_id(cli, tmp_path) -> None:
    write(tmp_path, "acme.toml", USER_PACK)
    write(tmp_path, "app.py", 'MODEL = "acme-llm-2"\nOTHER = "deepseek-chat"\n')
    result = cli(["--rules", "acme.toml", "--format", "json", "--as-of", "2026-09-01", "app.py"], cwd=tmp_path)
    findings = json.loads(result.out)["findings"]
    assert [(f["legacy_id"], f["severity"]) for f in findings] == [
        ("acme-llm-2", "error"),
        ("deepseek-chat", "error"),
    ]
    assert "retires on 2026-09-30 00:00 UTC, in 29 days" in findings[0]["message"]


def test_user_pack_from_config_is_relative_to_the_config(cli, tmp_path) -> None:
    write(tmp_path, "tools/acme.toml", USER_PACK)
    write(tmp_path, "pyproject.toml", '[tool.deepseek-migrate]\nrules = ["tools/acme.toml"]\n')
    write(tmp_path, "src/app.py", 'MODEL = "acme-llm-2"\n')
    result = cli(["--format", "json", "--as-of", AFTER, "."], cwd=tmp_path / "src")
    assert json.loads(result.out)["findings"][0]["legacy_id"] == "acme-llm-2"


@pytest.mark.parametrize(
    "body,expected",
    [
        ("[[legacy]]\nretired-at = 2026-01-01\n", "legacy[0].id: missing required key"),
        ('[[legacy]]\nid = "x"\nretired-at = 2026-01-01T00:00:00\n', "legacy[0].retired-at: needs a UTC offset"),
        ('[[legacy]]\nid = "x"\nretired-at = "soon"\n', "legacy[0].retired-at: expected a TOML date-time"),
        ('[[legacy]]\nid = "x"\nretired-at = 2026-01-01\nthinking = "maybe"\n', "legacy[0].thinking: expected one of enabled, disabled"),
        ('[[legacy]]\nid = "x"\nretired-at = 2026-01-01\nsuccessor = "y"\n', "legacy[0].successor: unknown key"),
        ("[providers]\ndeepseek-prefixes = 'deepseek/'\n", "providers.deepseek-prefixes: expected a list of strings"),
        ("[[prices]]\nmodel = 'm'\nas-of = 'today'\n", "prices[0].as-of: expected a date"),
        ("[python]\nmodel-words = []\n", "python.model-words: unknown key"),
        ("[[python.requests]]\nname = 'x'\ncalls = ['a.b']\napi = 'grpc'\n", "python.requests[0].api: 'grpc' has no [thinking.formats.grpc]"),
        ("[models\n", "invalid TOML"),
    ],
)
def test_malformed_pack_is_one_line_naming_file_and_key(cli, tmp_path, body, expected) -> None:
    write(tmp_path, "bad-pack.toml", body)
    write(tmp_path, "app.py", "x = 1\n")
    with pytest.raises(UsageError, match="bad-pack.toml"):
        load_catalog([tmp_path / "bad-pack.toml"])
    result = cli(["--rules", "bad-pack.toml", "app.py"], cwd=tmp_path)
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1
    assert expected in result.err
