"""Benchmark: run by hand, prints ratios against baselines measured in the same run.

    python bench/run.py [--files 3000] [--hit-rate 0.03]

It writes a synthetic project (most files never mention DeepSeek, a few call
it the way real apps do) into a temporary folder, then times:
  read-all   reading every file's bytes (the I/O floor)
  parse-all  libcst-parsing every file (what a scan without the prefilter costs)
  migrate    the real engine, serial and with a process pool
  start-up   `migrate` on 20 ordinary files with no hit (what most pre-commit
             runs are), as a new process, against `python -c "import click"`
  index      the project index (issue: whole-project analysis): the same tree
             without module constants (nothing to follow: the index is never
             built) against the tree as is (each hit module defines one), and
             a tree where some plain modules import a constant into a request
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

PLAIN = '''
import json
from dataclasses import dataclass


@dataclass
class Record{n}:
    name: str
    value: int = {n}

    def to_json(self) -> str:
        return json.dumps({{"name": self.name, "value": self.value}})


def load_{n}(path: str) -> list[Record{n}]:
    with open(path, encoding="utf-8") as handle:
        return [Record{n}(**row) for row in json.load(handle)]
'''

CALLER = '''
from openai import OpenAI

client = OpenAI(base_url="https://api.deepseek.com")
MODEL_{n} = "deepseek-chat"


def ask_{n}(question: str) -> str:
    response = client.chat.completions.create(
        model="deepseek-reasoner",
        messages=[{{"role": "user", "content": question}}],
    )
    return response.choices[0].message.content
'''


IMPORTER = '''
from pkg{home:02}.mod{source:05} import MODEL_{source}


def relay_{n}(client, question: str) -> str:
    response = client.chat.completions.create(model=MODEL_{source}, messages=[{{"role": "user", "content": question}}])
    return response.choices[0].message.content
'''


def build_tree(root: Path, files: int, hit_rate: float, constants: bool = True, importers: float = 0.0) -> None:
    """Plain modules and hit modules; ``importers`` of the plain ones also relay a hit module's constant."""
    rng = random.Random(7)
    hits: list[int] = []
    for index in range(files):
        folder = root / f"pkg{index % 40:02}"
        folder.mkdir(exist_ok=True)
        if rng.random() < hit_rate:
            hits.append(index)
            text = CALLER.format(n=index) * 3
            if not constants:
                text = text.replace(f'MODEL_{index} = "deepseek-chat"', f"MODEL_{index} = None")
        else:
            text = PLAIN.format(n=index) * 3
            if hits and rng.random() < importers:
                source = rng.choice(hits)
                text += IMPORTER.format(n=index, source=source, home=source % 40)
        (folder / f"mod{index:05}.py").write_text(text, encoding="utf-8")


def best_of(runs: int, action: Callable[[], object]) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return min(timings) if runs < 3 else statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=3000)
    parser.add_argument("--hit-rate", type=float, default=0.03)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import libcst

    from migrator.catalog import load_catalog
    from migrator.config import Settings, tier_policy
    from migrator.engine import run
    from migrator.exposure import Clock, now_utc

    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        build_tree(root, args.files, args.hit_rate)
        paths = sorted(root.rglob("*.py"))
        settings = Settings(root=root)
        catalog = load_catalog()
        tiers = tier_policy(settings, catalog)
        clock = Clock(as_of=now_utc())

        def read_all() -> None:
            for path in paths:
                path.read_bytes()

        def parse_all() -> None:
            for path in paths:
                libcst.parse_module(path.read_text(encoding="utf-8"))

        def migrate(jobs: int) -> Callable[[], object]:
            return lambda: run([root], settings, catalog, tiers, clock, root, jobs=jobs)

        result = run([root], settings, catalog, tiers, clock, root, jobs=1)
        baseline = best_of(args.runs, read_all)
        parse = best_of(1, parse_all)
        serial = best_of(args.runs, migrate(1))
        pooled = best_of(args.runs, migrate(2))

        index_costs = project_index(args, settings, catalog, tiers, clock, serial)

    print(f"{args.files} files, {result.files_parsed} parsed, {len(result.findings)} findings")
    print(f"{'read-all':<18}{baseline:8.3f}s   1.00x")
    print(f"{'parse-all (libcst)':<18}{parse:8.3f}s {parse / baseline:6.2f}x")
    print(f"{'migrate -j1':<18}{serial:8.3f}s {serial / baseline:6.2f}x   ({parse / serial:.1f}x faster than parse-all)")
    print(f"{'migrate -j2':<18}{pooled:8.3f}s {pooled / baseline:6.2f}x   ({serial / pooled:.2f}x vs -j1)")
    for line in index_costs:
        print(line)
    start_up(max(args.runs, 7))


def project_index(args: argparse.Namespace, settings, catalog, tiers, clock, with_index: float) -> list[str]:
    """What following definitions costs: nothing to follow, definitions with no importer, and importers."""
    from dataclasses import replace as with_root

    from migrator.engine import run

    lines = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        build_tree(root, args.files, args.hit_rate, constants=False)
        plain = with_root(settings, root=root)
        without = best_of(args.runs, lambda: run([root], plain, catalog, tiers, clock, root, jobs=1))
    lines.append(f"{'no definitions':<18}{without:8.3f}s   1.00x   (the index is never built)")
    lines.append(f"{'definitions -j1':<18}{with_index:8.3f}s {with_index / without:6.2f}x   (each hit module defines a constant)")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        build_tree(root, args.files, args.hit_rate, importers=0.05)
        relayed = with_root(settings, root=root)
        result = run([root], relayed, catalog, tiers, clock, root, jobs=1)
        timed = best_of(args.runs, lambda: run([root], relayed, catalog, tiers, clock, root, jobs=1))
    lines.append(
        f"{'with importers -j1':<18}{timed:8.3f}s {timed / without:6.2f}x   "
        f"(5% of plain modules relay a constant: {result.files_parsed} files parsed)"
    )
    return lines


def start_up(runs: int) -> None:
    """A fresh process checking 20 plain files, against the cost of importing click alone."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        names = []
        for index in range(20):
            (root / f"m{index}.py").write_text(PLAIN.format(n=index), encoding="utf-8")
            names.append(f"m{index}.py")
        click_only = [sys.executable, "-c", "import click"]
        check = [sys.executable, "-m", "migrator", "--force-exclude", *names]
        # The floor of any design: click, the standard modules every run needs, the rule pack
        # parsed and the 20 files read and searched, with none of this project's own code.
        rules = Path(__file__).resolve().parent.parent / "rules" / "deepseek-v4.toml"
        floor = [sys.executable, "-c", (
            "import click, dataclasses, pathlib, signal, threading\n"
            "try:\n    import tomllib\nexcept ImportError:\n    import tomli as tomllib\n"
            f"tomllib.loads(pathlib.Path({str(rules)!r}).read_text())\n"
            f"for name in {names!r}: b'deepseek-chat' in pathlib.Path(name).read_bytes()\n"
        )]

        # As installed tools run: with bytecode caches (some shells set PYTHONDONTWRITEBYTECODE,
        # which makes every start compile every module from source).
        environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}

        def spawn(command: list[str]) -> Callable[[], object]:
            return lambda: subprocess.run(command, cwd=root, capture_output=True, check=False, env=environment)

        spawn(check)()  # compiled bytecode in place before timing
        reference = best_of(runs, spawn(click_only))
        lowest = best_of(runs, spawn(floor))
        ours = best_of(runs, spawn(check))
    print(f"{'import click':<18}{reference:8.3f}s   1.00x")
    print(f"{'floor (no own code)':<18}{lowest:8.3f}s {lowest / reference:6.2f}x")
    print(f"{'start-up, 20 files':<18}{ours:8.3f}s {ours / reference:6.2f}x")


if __name__ == "__main__":
    main()
