#!/usr/bin/env python3
"""Conformance harness: which spelling of the DeepSeek thinking switch does
each real library put in the HTTP request body, and in which versions?

For every (case, library version) it:
  1. creates or reuses a venv under $CONFORMANCE_VENVS (default
     /tmp/conformance-venvs/<stack>-<version>) with `python3 -m venv` and
     pip-installs the pinned library (installs run 2 at a time at most);
  2. starts the recording server (recorder.py) on 127.0.0.1;
  3. runs cases/<case>.py in that venv once with mode "disabled" and once
     with "enabled" (argv: URL MODE), under a loopback-only network guard;
  4. passes a mode only if the case exited 0 AND every API request it made
     (chat/completions, completions, messages, responses) has the top-level
     body key "thinking" == {"type": MODE}.

Results go to conformance/results.json (merged with earlier runs, keyed by
case/stack/version/mode) and a table is printed.

Run by hand, never by CI:
    python3 conformance/run.py                       # everything
    python3 conformance/run.py --list                # show cases and stacks
    python3 conformance/run.py -c litellm_ -v 1.74.9,1.110.2
    python3 conformance/run.py -s crewai --install-only
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import datetime as dt
import fcntl
import fnmatch
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from recorder import Recorder  # noqa: E402

VENVS = Path(os.environ.get("CONFORMANCE_VENVS", "/tmp/conformance-venvs"))
RESULTS = HERE / "results.json"
GUARD = HERE / "_guard"
API_PATH = re.compile(r"/(chat/completions|completions|messages|responses)$")

# --------------------------------------------------------------------------
# Stacks: what to pip-install for one library at one version.
#   reqs(version) -> pip requirement list; dist: the distribution whose
#   version is the row's version; versions: the default versions to test.
STACKS = {
    "openai": dict(
        dist="openai",
        # openai < 1.55.3 passes `proxies=` to httpx, removed in httpx 0.28:
        # users of those releases necessarily run an older httpx.
        reqs=lambda v: [f"openai=={v}"] + (["httpx<0.28"] if _lt(v, "1.55.3") else []),
        versions=["3.57.0", "1.99.9", "1.30.0"],
    ),
    "anthropic": dict(
        dist="anthropic",
        reqs=lambda v: [f"anthropic=={v}"] + (["httpx<0.28"] if _lt(v, "0.40.0") else []),
        versions=["2.14.0", "0.47.0", "0.46.0", "0.40.0"],
    ),
    "langchain-openai": dict(
        dist="langchain-openai", reqs=lambda v: [f"langchain-openai=={v}"], versions=["1.7.4"]),
    "langchain-deepseek": dict(
        dist="langchain-deepseek",
        reqs=lambda v: [f"langchain-deepseek=={v}", "langchain"],
        versions=["1.1.1"],
    ),
    "litellm": dict(
        dist="litellm", reqs=lambda v: [f"litellm=={v}"],
        versions=["1.74.9", "1.80.0", "1.80.9", "1.80.10", "1.81.0", "1.82.0", "1.83.0", "1.86.0", "1.92.0", "1.92.2", "1.93.0", "1.98.0",
                  "1.104.0", "1.110.2"],
    ),
    "dspy": dict(dist="dspy", reqs=lambda v: [f"dspy=={v}"], versions=["3.4.1"]),
    # dspy 3.4.1 accepts litellm>=1.65.8, so what dspy sends depends on the
    # litellm a project resolved; the row's version here is litellm's.
    "dspy-on-litellm": dict(
        dist="litellm", reqs=lambda v: ["dspy==3.4.1", f"litellm=={v}"],
        versions=["1.74.9", "1.86.0"],
    ),
    # crewai 1.0 sends non-native providers (deepseek/...) through LiteLLM, an
    # optional extra there ("Fallback to LiteLLM is not available" without it).
    "crewai": dict(
        dist="crewai",
        reqs=lambda v: [f"crewai[litellm]=={v}" if v.startswith("1.") and _lt(v, "1.15") else f"crewai=={v}"],
        versions=["1.15.30", "1.0.0", "0.203.2"],
    ),
    "pydantic-ai": dict(
        dist="pydantic-ai-slim",
        # pydantic-ai 1.0 imports opentelemetry._events, gone from current opentelemetry-api
        reqs=lambda v: [f"pydantic-ai-slim[openai]=={v}"] + (["opentelemetry-api==1.30.0"] if _lt(v, "2") else []),
        versions=["2.66.0", "1.0.0"],
    ),
    "agno": dict(dist="agno", reqs=lambda v: [f"agno=={v}", "openai"], versions=["3.1.10", "2.9.0"]),
    "camel-ai": dict(dist="camel-ai", reqs=lambda v: [f"camel-ai=={v}"], versions=["0.2.90"]),
    "autogen-ext": dict(
        dist="autogen-ext", reqs=lambda v: [f"autogen-ext[openai]=={v}"], versions=["0.7.5"]),
    "llama-index-llms-deepseek": dict(
        dist="llama-index-llms-deepseek",
        reqs=lambda v: [f"llama-index-llms-deepseek=={v}"], versions=["0.4.1"]),
    "llama-index-llms-openai-like": dict(
        dist="llama-index-llms-openai-like",
        reqs=lambda v: [f"llama-index-llms-openai-like=={v}"], versions=["0.8.1"]),
}

# --------------------------------------------------------------------------
# Cases: script name (cases/<name>.py), stack, the form under test.
CASES = [
    ("openai_create", "openai", 'chat.completions.create(extra_body={"thinking": {...}})'),
    ("openai_with_options", "openai", "with_options(timeout=5).chat.completions.create(extra_body=...)"),
    ("openai_raw_response", "openai", "chat.completions.with_raw_response.create(extra_body=...)"),
    ("openai_stream_create", "openai", "chat.completions.create(stream=True, extra_body=...)"),
    ("openai_stream_helper", "openai", "with chat.completions.stream(extra_body=...) as s"),
    ("openai_beta_parse", "openai", "beta.chat.completions.parse(extra_body=...)"),
    ("openai_parse", "openai", "chat.completions.parse(extra_body=...)"),
    ("openai_async_create", "openai", "await AsyncOpenAI().chat.completions.create(extra_body=...)"),
    ("openai_fim", "openai", "completions.create(prompt, suffix, extra_body=...) on /beta"),
    ("anthropic_create", "anthropic", 'messages.create(thinking={"type": MODE})'),
    ("anthropic_stream", "anthropic", 'with messages.stream(thinking={"type": MODE}) as s'),
    ("anthropic_extra_body", "anthropic", 'messages.create(extra_body={"thinking": {...}})'),
    ("langchain_chatopenai", "langchain-openai", 'ChatOpenAI(extra_body={"thinking": {...}}).invoke'),
    ("langchain_chatdeepseek", "langchain-deepseek", "ChatDeepSeek(api_base=..., extra_body=...).invoke"),
    ("langchain_init_chat_model", "langchain-deepseek",
     'init_chat_model("deepseek:...", api_base=..., extra_body=...).invoke'),
    ("litellm_thinking_kw", "litellm", 'completion(thinking={"type": MODE})'),
    ("litellm_extra_body", "litellm", 'completion(extra_body={"thinking": {...}})'),
    ("dspy_thinking_kw", ("dspy", "dspy-on-litellm"), 'dspy.LM(..., thinking={"type": MODE}, cache=False)'),
    ("dspy_extra_body", ("dspy", "dspy-on-litellm"), 'dspy.LM(..., extra_body={"thinking": {...}}, cache=False)'),
    ("crewai_extra_body", "crewai", 'LLM(extra_body={"thinking": {...}}).call'),
    ("crewai_thinking_kw", "crewai", 'LLM(thinking={"type": MODE}).call'),
    ("pydantic_ai_string_model", "pydantic-ai",
     'Agent("deepseek:deepseek-v4-flash", model_settings={"extra_body": ...}) [base_url patched]'),
    ("pydantic_ai_openai_provider", "pydantic-ai",
     'OpenAIChatModel(provider=OpenAIProvider(base_url=...)) + model_settings={"extra_body": ...}'),
    ("pydantic_ai_deepseek_provider", "pydantic-ai",
     'OpenAIChatModel(provider=DeepSeekProvider(openai_client=...)) + model_settings={"extra_body": ...}'),
    ("pydantic_ai_thinking_setting", "pydantic-ai",
     'model_settings={"thinking": True/False} (pydantic-ai unified setting)'),
    ("agno_use_thinking", "agno", "DeepSeek(use_thinking=True/False)"),
    ("agno_extra_body", "agno", 'DeepSeek(extra_body={"thinking": {...}})'),
    ("agno_request_params", "agno", 'DeepSeek(request_params={"extra_body": {"thinking": ...}})'),
    ("camel_model_config", "camel-ai", 'ModelFactory.create(model_config_dict={"thinking": {...}})'),
    ("camel_model_config_extra_body", "camel-ai",
     'ModelFactory.create(model_config_dict={"extra_body": {"thinking": {...}}})'),
    ("autogen_extra_body_ctor", "autogen-ext", "OpenAIChatCompletionClient(extra_body=...)"),
    ("autogen_extra_create_args", "autogen-ext",
     'client.create(..., extra_create_args={"extra_body": {"thinking": ...}})'),
    ("llamaindex_deepseek", "llama-index-llms-deepseek",
     'DeepSeek(api_base=..., additional_kwargs={"extra_body": {"thinking": ...}}).complete'),
    ("llamaindex_openai_like", "llama-index-llms-openai-like",
     'OpenAILike(is_chat_model=True, additional_kwargs={"extra_body": {...}}).complete'),
]

CASE_ENV = {
    # dummy keys: some libraries insist on an env key even with api_key passed
    "OPENAI_API_KEY": "sk-conformance", "DEEPSEEK_API_KEY": "sk-conformance",
    "ANTHROPIC_API_KEY": "sk-conformance",
    # telemetry off; no remote price map
    "CREWAI_DISABLE_TELEMETRY": "true", "CREWAI_DISABLE_TRACKING": "true",
    "CREWAI_TRACING_ENABLED": "false", "OTEL_SDK_DISABLED": "true",
    "LITELLM_LOCAL_MODEL_COST_MAP": "True", "LITELLM_TELEMETRY": "False",
    "AGNO_TELEMETRY": "false", "AGNO_MONITOR": "false",
    "ANONYMIZED_TELEMETRY": "false", "DO_NOT_TRACK": "1", "SCARF_NO_ANALYTICS": "true",
    "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
    "LANGCHAIN_TRACING_V2": "false", "LANGSMITH_TRACING": "false",
    "DSP_CACHEDIR": "/tmp/conformance-dspy-cache", "DSPY_CACHEDIR": "/tmp/conformance-dspy-cache",
    "AUTOGEN_DISABLE_RUNTIME_TRACING": "true",
    "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost",
    "PYTHONUNBUFFERED": "1", "PYTHONDONTWRITEBYTECODE": "1",
}


def _lt(a: str, b: str) -> bool:
    def key(v):
        return [int(x) if x.isdigit() else 0 for x in re.split(r"[.+-]", v)[:3]]
    return key(a) < key(b)


# --------------------------------------------------------------------------
# venvs
_latest_cache: dict = {}


def resolve_version(stack: str, version: str) -> str:
    if version != "latest":
        return version
    dist = STACKS[stack]["dist"]
    if dist not in _latest_cache:
        out = subprocess.run([sys.executable, "-m", "pip", "index", "versions", dist],
                             capture_output=True, text=True).stdout
        m = re.search(r"\((\S+)\)", out)
        _latest_cache[dist] = m.group(1) if m else "latest"
    return _latest_cache[dist]


def venv_dir(stack: str, version: str) -> Path:
    return VENVS / f"{stack}-{version}"


def ensure_venv(stack: str, version: str, log=print) -> dict:
    """Create/reuse the venv; returns {"ok", "python", "installed": {...}, "error"}."""
    spec = STACKS[stack]
    reqs = spec["reqs"](version)
    d = venv_dir(stack, version)
    marker = d / ".conformance-reqs"
    py = d / "bin" / "python"
    if not (marker.exists() and marker.read_text() == " ".join(reqs) and py.exists()):
        log(f"[install] {stack} {version}: {' '.join(reqs)}")
        subprocess.run(["rm", "-rf", str(d)])
        d.parent.mkdir(parents=True, exist_ok=True)
        r = subprocess.run([sys.executable, "-m", "venv", str(d)], capture_output=True, text=True)
        if r.returncode == 0:
            r = subprocess.run([str(d / "bin" / "pip"), "install", "-q", *reqs],
                               capture_output=True, text=True, timeout=1800)
        if r.returncode != 0:
            err = (r.stderr or r.stdout).strip().splitlines()[-5:]
            log(f"[install] {stack} {version} FAILED: {' | '.join(err)}")
            return {"ok": False, "error": "install failed: " + " | ".join(err)}
        marker.write_text(" ".join(reqs))
        log(f"[install] {stack} {version} done")
    probe = ("import importlib.metadata as m, json\n"
             "out = {}\n"
             f"for d in {[spec['dist'], 'openai', 'litellm', 'httpx', 'anthropic', 'langchain-core']!r}:\n"
             "    try: out[d] = m.version(d)\n"
             "    except Exception: pass\n"
             "print(json.dumps(out))")
    r = subprocess.run([str(py), "-c", probe], capture_output=True, text=True)
    installed = json.loads(r.stdout) if r.returncode == 0 else {}
    return {"ok": True, "python": str(py), "installed": installed}


# --------------------------------------------------------------------------
# one case run
def _find_key(obj, key, path=""):
    """Paths where `key` appears anywhere in a JSON value."""
    found = []
    if isinstance(obj, dict):
        for k, v in obj.items():
            p = f"{path}.{k}" if path else k
            if k == key:
                found.append(p)
            found += _find_key(v, key, p)
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            found += _find_key(v, key, f"{path}[{i}]")
    return found


def _exception_summary(err: str) -> str:
    """The exception line of the last traceback (messages may span lines)."""
    lines = err.splitlines()
    start = max((i for i, ln in enumerate(lines) if ln.startswith("Traceback")), default=0)
    for ln in lines[start:]:
        if re.match(r"^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt)\b", ln):
            return ln.strip()[:500]
    tail = [ln for ln in lines if ln.strip()][-3:]
    return " | ".join(tail)[:500]


def _excerpt(body) -> str:
    if not isinstance(body, dict):
        return str(body)[:300]
    slim = {k: v for k, v in body.items() if k not in ("messages", "tools", "system")}
    return json.dumps(slim, sort_keys=True)[:400]


def run_case(case: str, python: str, mode: str, timeout: int = 180) -> dict:
    with Recorder() as rec, tempfile.NamedTemporaryFile("r", suffix=".blocked") as blocked:
        env = {k: v for k, v in os.environ.items()
               if not k.lower().endswith("_proxy") and k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        env.update(CASE_ENV)
        env.update({"CONFORMANCE_URL": rec.url, "CONFORMANCE_MODE": mode,
                    "CONFORMANCE_BLOCKED_LOG": blocked.name, "PYTHONPATH": str(GUARD),
                    "HOME": "/tmp/conformance-home"})
        Path("/tmp/conformance-home").mkdir(exist_ok=True)
        try:
            p = subprocess.run([python, str(HERE / "cases" / f"{case}.py"), rec.url, mode],
                               capture_output=True, text=True, timeout=timeout, env=env,
                               cwd="/tmp/conformance-home")
            rc, out, err = p.returncode, p.stdout, p.stderr
        except subprocess.TimeoutExpired as e:
            rc, out, err = -1, (e.stdout or b"").decode() if isinstance(e.stdout, bytes) else (e.stdout or ""), "timeout"
        reqs = rec.requests
        blocked_hosts = sorted(set(blocked.read().split("\n")) - {""})
    api = [r for r in reqs if r["method"] == "POST" and API_PATH.search(r["path"].split("?")[0].rstrip("/"))]
    want = {"type": mode}
    problems = []
    if rc != 0:
        problems.append(f"case exited {rc}: " + _exception_summary(err))
    if not api:
        problems.append("no API request recorded")
    for r in api:
        body = r["body"] if isinstance(r["body"], dict) else {}
        got = body.get("thinking", "<absent>")
        if got != want:
            elsewhere = [p for p in _find_key(body, "thinking") if p != "thinking"]
            msg = f"{r['path']}: top-level thinking={json.dumps(got)}"
            if elsewhere:
                msg += f" (found at {', '.join(elsewhere)})"
            problems.append(msg)
    notes = [ln[5:].strip() for ln in out.splitlines() if ln.startswith("NOTE:")]
    # The API under test does not exist in this version (no request was made):
    # reported as "n/a", not as a wrong spelling.
    absent = rc != 0 and not reqs and re.match(r"(AttributeError: |ImportError: cannot import name)",
                                               _exception_summary(err))
    return {
        "passed": not problems,
        "status": "pass" if not problems else ("n/a" if absent else "fail"),
        "error": "; ".join(problems) or None,
        "requests": [f"{r['method']} {r['path']}" for r in reqs],
        "body_excerpt": _excerpt(api[-1]["body"]) if api else None,
        "notes": notes,
        "blocked_network": blocked_hosts,
    }


# --------------------------------------------------------------------------
def load_results() -> list:
    if RESULTS.exists():
        return json.loads(RESULTS.read_text()).get("results", [])
    return []


def save_results(rows: list):
    rows.sort(key=lambda r: (r["case"], r["stack"], r["version"], r["mode"]))
    RESULTS.write_text(json.dumps({
        "generated": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "criterion": 'case exits 0 and every API request body has top-level "thinking" == {"type": MODE}',
        "results": rows,
    }, indent=2) + "\n")


def print_table(rows: list):
    grouped: dict = {}
    for r in rows:
        grouped.setdefault((r["case"], r["stack"], r["version"]), {})[r["mode"]] = r
    head = f"{'case':32} {'library':28} {'version':9} {'disabled':8} {'enabled':8}  error / note"
    print(head)
    print("-" * len(head))
    for (case, stack, version), modes in sorted(grouped.items()):
        def mark(m):
            if m not in modes:
                return "-"
            return {"pass": "PASS", "fail": "FAIL", "n/a": "n/a", "not installed": "NOINST"}[modes[m].get("status") or
                                                                 ("pass" if modes[m]["passed"] else "fail")]
        first = modes.get("disabled") or modes.get("enabled")
        failed = [modes[m] for m in ("disabled", "enabled") if m in modes and modes[m].get("error")]
        detail = (failed[0]["error"] if failed else "") or "; ".join(first.get("notes") or [])
        print(f"{case:32} {stack:28} {version:9} {mark('disabled'):8} {mark('enabled'):8}  {(detail or '')[:150]}")


def markdown_table(rows: list) -> str:
    grouped: dict = {}
    for r in rows:
        grouped.setdefault((r["stack"], r["case"], r["version"]), {})[r["mode"]] = r

    def vkey(v):
        return [int(x) if x.isdigit() else 0 for x in re.split(r"[.]", v)]

    out = ["| library | version | case | form | disabled | enabled | error / note |",
           "|---|---|---|---|---|---|---|"]
    for (stack, case, version) in sorted(grouped, key=lambda k: (k[0], k[1], vkey(k[2]))):
        modes = grouped[(stack, case, version)]
        first = modes.get("disabled") or modes.get("enabled")

        def mark(m):
            if m not in modes:
                return "-"
            st = modes[m].get("status") or ("pass" if modes[m]["passed"] else "fail")
            return {"pass": "PASS", "fail": "**FAIL**"}.get(st, st)
        errs = {(modes[m].get("error") or "") for m in modes}
        detail = "; ".join(sorted(e for e in errs if e)) or "; ".join(first.get("notes") or [])
        detail = detail.replace("|", "\\|").replace("\n", " ")[:220]
        lib = stack if stack == first["library"] else f"{stack} ({first['library']})"
        out.append(f"| {lib} | {version} | {case} | `{first['form']}` | {mark('disabled')} | "
                   f"{mark('enabled')} | {detail} |")
    return "\n".join(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-c", "--case", action="append", default=[],
                    help="case name glob or prefix (repeatable)")
    ap.add_argument("-s", "--stack", action="append", default=[], help="stack name (repeatable)")
    ap.add_argument("-v", "--versions", help="comma-separated versions, overriding the stack defaults "
                    "('latest' resolves through pip index)")
    ap.add_argument("-m", "--modes", default="disabled,enabled")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="parallel installs (max 2)")
    ap.add_argument("--install-only", action="store_true")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--timeout", type=int, default=180, help="seconds per case run")
    ap.add_argument("--table", action="store_true", help="print the table from results.json and exit")
    ap.add_argument("--markdown", action="store_true", help="print results.json as a markdown table")
    args = ap.parse_args(argv)

    if args.list:
        for name, stack, form in CASES:
            stacks = ",".join(stack) if isinstance(stack, tuple) else stack
            print(f"{name:32} {stacks:28} {form}")
        print()
        for s, spec in STACKS.items():
            print(f"{s:28} versions {', '.join(spec['versions'])}")
        return 0
    if args.table:
        print_table(load_results())
        return 0
    if args.markdown:
        print(markdown_table(load_results()))
        return 0

    def selected(name, stack):
        ok_c = not args.case or any(fnmatch.fnmatch(name, p) or name.startswith(p) for p in args.case)
        ok_s = not args.stack or stack in args.stack
        return ok_c and ok_s

    cases = [(n, st, f) for n, s, f in CASES for st in (s if isinstance(s, tuple) else (s,))
             if selected(n, st)]
    if not cases:
        print("no case selected", file=sys.stderr)
        return 2
    targets: dict = {}
    for n, s, f in cases:
        versions = args.versions.split(",") if args.versions else STACKS[s]["versions"]
        for v in versions:
            targets.setdefault((s, resolve_version(s, v.strip())), []).append((n, f))

    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    lock = threading.Lock()

    def log(msg):
        with lock:
            print(msg, flush=True)

    fresh = []
    with cf.ThreadPoolExecutor(max_workers=max(1, min(args.jobs, 2))) as pool:
        futs = {pool.submit(ensure_venv, s, v, log): (s, v) for (s, v) in targets}
        for fut in cf.as_completed(futs):
            stack, version = futs[fut]
            info = fut.result()
            if args.install_only:
                continue
            for case, form in targets[(stack, version)]:
                for mode in modes:
                    if info["ok"]:
                        res = run_case(case, info["python"], mode, args.timeout)
                    else:
                        res = {"passed": False, "status": "not installed", "error": info["error"], "requests": [],
                               "body_excerpt": None, "notes": [], "blocked_network": []}
                    row = {"case": case, "stack": stack, "library": STACKS[stack]["dist"],
                           "version": version, "form": form, "mode": mode,
                           "installed": info.get("installed", {}), "date": dt.date.today().isoformat(),
                           **res}
                    log(f"[{res['status'].upper()}] {case} {stack}=={version} {mode}"
                        + (f"  {res['error'][:200]}" if res["error"] else ""))
                    fresh.append(row)
    if fresh:
        # re-read under a lock at save time: several runs may share results.json
        with open(str(RESULTS) + ".lock", "w") as lockfile:
            fcntl.flock(lockfile, fcntl.LOCK_EX)
            keys = {(r["case"], r["stack"], r["version"], r["mode"]) for r in fresh}
            rows = [r for r in load_results()
                    if (r["case"], r["stack"], r["version"], r["mode"]) not in keys] + fresh
            save_results(rows)
        print()
        print_table(fresh)
    return 0


if __name__ == "__main__":
    sys.exit(main())
