"""Atheris harness: arbitrary and structured-mutated sources through analysis and ``fix_text``.

Run by hand (see tests/fuzz/README.md); pytest does not collect this file.

    python tests/fuzz/fuzz_migrate.py WORKDIR tests/fuzz/corpus -max_total_time=3600

Each input is used two ways, chosen by its first byte:

* raw: the bytes are decoded leniently (UTF-8 with replacement) and also handed
  undecoded to ``engine.check_file`` (which decodes as Python would);
* structured: the bytes drive a grammar-aware mutator over the seed corpus
  (tests/fuzz/corpus/*.py): swap model IDs, insert request snippets, comments,
  trailing commas, CRLF, tabs, unicode, nesting, line edits.

Properties (anything else raising is a bug):

* ``analyze_python`` raises only its documented errors (PythonParseError,
  PythonTooDeep, RecursionError, MemoryError);
* ``check_file`` never reports an "internal error" (its catch-all for bugs);
* ``fix_text`` does not raise; when it changed the text, libcst parses the result,
  and it compiles whenever the input compiled;
* fixing the fixed text again changes nothing (idempotence);
* a file written only with CRLF line breaks keeps them;
* lines outside request / model / toggle regions are byte-identical and in order.

With ``FUZZ_KEEP_GOING=1`` a failure is recorded (one file per distinct
signature, up to 3 each, under ``FUZZ_CRASH_DIR``, default /tmp/fuzz/crashes)
and the run continues; otherwise it raises, so atheris writes a crash file and
stops. ``python tests/fuzz/fuzz_migrate.py CRASHFILE`` replays one input.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import os
import re
import sys
import tempfile
import traceback
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["migrator"]):
    import libcst as cst
    from libcst.metadata import MetadataWrapper, PositionProvider

    from migrator.catalog import load_catalog
    from migrator.config import Settings, tier_policy
    from migrator.engine import FixMode, Job, Surroundings, check_file, fix_text
    from migrator.exposure import Clock
    from migrator.python_analysis import PythonParseError, PythonTooDeep, analyze_python
    from migrator.textscan import lines_with_ends

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
# A private, empty project folder: the fix reads dependency files next to the
# path it is given, and /tmp may hold anything.
WORKSPACE = Path(tempfile.mkdtemp(prefix="dsm-fuzz-"))
(WORKSPACE / "pyproject.toml").write_text("")
PATH = WORKSPACE / "example.py"
CATALOG = load_catalog()
SETTINGS = Settings(root=WORKSPACE)
CODES = ("DSM001", "DSM003", "DSM004", "DSM101", "DSM102", "DSM103", "DSM104", "DSM105")
JOB = Job(
    catalog=CATALOG,
    clock=Clock(as_of=dt.datetime(2026, 11, 28, tzinfo=dt.timezone.utc)),
    tiers=tier_policy(SETTINGS, CATALOG),
    codes=CODES,
    root=WORKSPACE,
    cwd=WORKSPACE,
    fix=FixMode(applicabilities=("safe", "unsafe"), write=False),
)
PLACE = Surroundings(requirements={}, test_module=False)
DOCUMENTED = (PythonParseError, PythonTooDeep, RecursionError, MemoryError)
KEEP_GOING = os.environ.get("FUZZ_KEEP_GOING") == "1"
CRASH_DIR = Path(os.environ.get("FUZZ_CRASH_DIR", "/tmp/fuzz/crashes"))
MAX_SOURCE = 6000  # characters; libcst is slow on big inputs and the mutator can grow them

MODELS = [
    "deepseek-chat", "deepseek-reasoner", "deepseek/deepseek-chat", "deepseek:deepseek-chat",
    "deepseek-v4-flash", "deepseek-v4-pro", "gpt-4o", "deepseek/deepseek-reasoner",
    "openrouter/deepseek/deepseek-chat", "deepseek-chat-v2", "DeepSeek-Chat", "",
]
# Text a fix may touch: a request, a model ID, a thinking/sampling/effort switch.
RELEVANT = re.compile(
    r"deepseek|model|think|extra_body|reasoning|effort|budget_tokens|temperature|top_p|presence_penalty"
    r"|frequency_penalty|chat_template_kwargs|\.create\b|completion|\.post\b|\.stream\b|\.parse\b",
    re.IGNORECASE,
)
SNIPPETS = [
    'client.chat.completions.create(model="{m}", messages=msgs)',
    "client.chat.completions.create(\n    messages=msgs,\n    model='{m}',  # pick\n    temperature=0.5,\n)",
    'claude.messages.create(model="{m}", max_tokens=64, thinking={{"type": "enabled", "budget_tokens": 99}}, messages=[])',
    'requests.post(URL, json={{"model": "{m}", "messages": [], "reasoning_effort": "low"}})',
    'completion(model="{m}", messages=msgs, extra_body={{"enable_thinking": True}})',
    'MODEL = "{m}"',
    'if model == "{m}":\n    pass',
    'TABLE = {{"{m}": 1, "other": 2}}',
    'client.chat.completions.create(model="{m}", messages=msgs, extra_body={{"thinking": {{"type": "disabled"}}}})',
    'client.chat.completions.create(model="{m}", messages=msgs, reasoning={{"effort": "medium"}}, top_p=1)',
    'x = f"{{prefix}}-{m}"',
    'class M(str, Enum):\n    A = "{m}"',
    'for m in ["{m}"]:\n    client.chat.completions.create(model=m, messages=[])',
    'match name:\n    case "{m}":\n        pass',
    'msg.pop("reasoning_content", None)',
    'llm = ChatOpenAI(model="{m}", base_url="https://api.deepseek.com", enable_thinking=False)',
]
WRAPPERS = ["def f():\n", "class C:\n", "if x:\n", "with ctx:\n", "for i in y:\n", "try:\n", "async def g():\n"]
JUNK = ["#", ",", "(", ")", "{", "}", "[", "]", ":", "\\\n", "\t", "\r", "\x0c", "\u2028", "é", "\x00", "'", '"', '"""', "\n", " ", "=", "*", "**", "@", "f'", "lambda: ", "await ", "\ufeff"]


class PropertyFailure(AssertionError):
    pass


def _seeds() -> list[str]:
    texts = []
    for path in sorted(CORPUS.glob("*.py")):
        texts.append(path.read_bytes().decode("utf-8", "replace"))
    return texts or ['x = "deepseek-chat"\n']


SEEDS = _seeds()


def mutate(fdp: atheris.FuzzedDataProvider) -> str:
    """A seed with a few grammar-aware edits driven by the fuzz bytes."""
    text = SEEDS[fdp.ConsumeIntInRange(0, len(SEEDS) - 1)]
    for _ in range(fdp.ConsumeIntInRange(0, 8)):
        if fdp.remaining_bytes() == 0:
            break
        op = fdp.ConsumeIntInRange(0, 14)
        lines = text.split("\n")
        at = fdp.ConsumeIntInRange(0, max(len(lines) - 1, 0))
        model = MODELS[fdp.ConsumeIntInRange(0, len(MODELS) - 1)]
        if op == 0:  # swap one quoted model ID
            found = list(re.finditer(r"""(["'])(deepseek[^"'\n]*|gpt-4o)\1""", text))
            if found:
                hit = found[fdp.ConsumeIntInRange(0, len(found) - 1)]
                text = text[: hit.start(2)] + model + text[hit.end(2):]
        elif op == 1:  # insert a snippet, indented like the line it goes before
            snippet = SNIPPETS[fdp.ConsumeIntInRange(0, len(SNIPPETS) - 1)].format(m=model)
            indent = re.match(r"[ \t]*", lines[at]).group(0) if lines else ""
            lines[at:at] = [indent + part for part in snippet.split("\n")]
            text = "\n".join(lines)
        elif op == 2:  # comment at a line end
            lines[at] += "  # " + fdp.ConsumeUnicodeNoSurrogates(8).replace("\n", " ").replace("\r", " ")
            text = "\n".join(lines)
        elif op == 3:
            text = text.replace("\r\n", "\n").replace("\n", "\r\n")
        elif op == 4:  # indentation with tabs
            text = re.sub(r"(?m)^((?:    )+)", lambda m: "\t" * (len(m.group(1)) // 4), text)
        elif op == 5:
            del lines[at : at + 1]
            text = "\n".join(lines)
        elif op == 6:
            lines.insert(at, lines[at] if lines else "")
            text = "\n".join(lines)
        elif op == 7:  # nest everything in a block
            wrapper = WRAPPERS[fdp.ConsumeIntInRange(0, len(WRAPPERS) - 1)]
            body = "\n".join("    " + line if line.strip() else line for line in lines)
            text = wrapper + body + ("\nexcept Exception:\n    pass\n" if wrapper == "try:\n" else "")
        elif op == 8:  # a junk token anywhere
            pos = fdp.ConsumeIntInRange(0, len(text))
            text = text[:pos] + JUNK[fdp.ConsumeIntInRange(0, len(JUNK) - 1)] + text[pos:]
        elif op == 9:  # drop or add a trailing comma before a closing bracket
            pos = [m.start() for m in re.finditer(r",?\s*[)}\]]", text)]
            if pos:
                p = pos[fdp.ConsumeIntInRange(0, len(pos) - 1)]
                text = text[:p] + text[p + 1 :] if text[p] == "," else text[:p] + "," + text[p:]
        elif op == 10:  # swap quotes of one string
            found = list(re.finditer(r'"([^"\\\n]*)"', text))
            if found:
                hit = found[fdp.ConsumeIntInRange(0, len(found) - 1)]
                text = text[: hit.start()] + "'" + hit.group(1) + "'" + text[hit.end():]
        elif op == 11:  # break a line after a comma
            commas = [m.start() for m in re.finditer(r", ", text)]
            if commas:
                p = commas[fdp.ConsumeIntInRange(0, len(commas) - 1)]
                text = text[: p + 1] + "\n" + " " * fdp.ConsumeIntInRange(0, 12) + text[p + 2 :]
        elif op == 12:  # raw unicode text
            pos = fdp.ConsumeIntInRange(0, len(text))
            text = text[:pos] + fdp.ConsumeUnicodeNoSurrogates(6) + text[pos:]
        elif op == 13:  # splice in a line of another seed
            other = SEEDS[fdp.ConsumeIntInRange(0, len(SEEDS) - 1)].split("\n")
            lines.insert(at, other[fdp.ConsumeIntInRange(0, len(other) - 1)])
            text = "\n".join(lines)
        else:  # swap two adjacent lines
            if at + 1 < len(lines):
                lines[at], lines[at + 1] = lines[at + 1], lines[at]
                text = "\n".join(lines)
        if len(text) > MAX_SOURCE:
            break
    return text


def compiles(text: str) -> bool:
    try:
        compile(text, "<fuzz>", "exec", dont_inherit=True)
    except (SyntaxError, ValueError, RecursionError, MemoryError, OverflowError):
        return False
    return True


def relevant_lines(source: str) -> set[int]:
    """0-based lines a fix may change: those with relevant text, and every line of a call,
    dict or argument list whose code has relevant text."""
    lines = lines_with_ends(source)
    marked = {i for i, line in enumerate(lines) if RELEVANT.search(line)}
    try:
        wrapper = MetadataWrapper(cst.parse_module(source))
        positions = wrapper.resolve(PositionProvider)
    except Exception:
        return set(range(len(lines)))
    module = wrapper.module
    for node, pos in positions.items():
        if isinstance(node, (cst.Call, cst.Dict, cst.Set, cst.List, cst.Tuple, cst.Subscript)) and pos.start.line != pos.end.line:
            if RELEVANT.search(module.code_for_node(node)):
                marked.update(range(pos.start.line - 1, pos.end.line))
    return marked


def check_preserved(source: str, fixed: str) -> None:
    before, after = lines_with_ends(source), lines_with_ends(fixed)
    allowed = relevant_lines(source)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, _, _ in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            outside = [i for i in range(i1, i2) if i not in allowed]
            if outside:
                raise PropertyFailure(f"fix changed line {outside[0] + 1} outside any request: {before[outside[0]]!r}")


def check_source(source: str) -> None:
    try:
        analyze_python(source, CATALOG)
    except DOCUMENTED:
        pass
    strict = compiles(source)
    outcome = fix_text(JOB, source, PATH)
    fixed = outcome.source
    if fixed != source:
        try:
            cst.parse_module(fixed)
        except cst.ParserSyntaxError as exc:
            raise PropertyFailure(f"fixed output does not parse with libcst: {exc.message}") from None
        if strict and not compiles(fixed):
            raise PropertyFailure("fixed output no longer compiles")
        if "\n" not in source.replace("\r\n", "") and "\r\n" in source and "\n" in fixed.replace("\r\n", ""):
            raise PropertyFailure("CRLF file got a bare LF")
        check_preserved(source, fixed)
    again = fix_text(JOB, fixed, PATH)
    if again.source != fixed:
        raise PropertyFailure(f"not idempotent: a second fix applied {again.applied} more")


def check_bytes(data: bytes) -> None:
    result = check_file(JOB, PATH, data, PLACE)
    for error in result.errors:
        if error.message.startswith("internal error"):
            raise PropertyFailure(f"check_file: {error.message}")


def signature(exc: BaseException) -> str:
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "migrator" in f.filename or "libcst" in f.filename]
    where = f"{Path(frames[-1].filename).stem}:{frames[-1].name}" if frames else "harness"
    message = str(exc)
    if isinstance(exc, PropertyFailure):
        message = re.sub(r"line \d+.*", "line", message)
        message = re.sub(r"\d+", "N", message)[:60]
    else:
        message = ""
    return f"{type(exc).__name__}|{where}|{message}"


_seen: dict[str, int] = {}


def record(exc: BaseException, data: bytes) -> None:
    key = signature(exc)
    count = _seen.get(key, 0)
    _seen[key] = count + 1
    if count >= 3:
        return
    CRASH_DIR.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^A-Za-z0-9]+", "_", key)[:80]
    (CRASH_DIR / f"crash-{slug}-{hashlib.sha1(data).hexdigest()[:12]}").write_bytes(data)
    if count == 0:
        print(f"\n=== NEW FAILURE {key}\n" + "".join(traceback.format_exception(exc)), file=sys.stderr, flush=True)


def TestOneInput(data: bytes) -> None:
    if not data:
        return
    try:
        if data[0] & 1:
            fdp = atheris.FuzzedDataProvider(data[1:])
            check_source(mutate(fdp))
        else:
            raw = data[1:]
            check_source(raw.decode("utf-8", "replace")[:MAX_SOURCE])
            check_bytes(raw[: MAX_SOURCE * 2])
    except Exception as exc:
        if not KEEP_GOING:
            raise
        record(exc, data)


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
