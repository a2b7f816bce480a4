"""Score the outsider evaluation sets: how `migrate` labels lines that readers who never saw the code labelled.

    python bench/outsider/score.py CHECKOUT FILES_DIR eval36 eval37 ...   [-v]

CHECKOUT is a checkout with a `.venv/bin/migrate`; FILES_DIR holds each set's
files as ``FILES_DIR/<set>/<owner>__<repo>/<path>`` (the public files are not
kept here: see README.md for how to fetch them again, and `files.json` for the
size and SHA-256 each copy must have). Each repository is copied to its own git
work tree, with an empty package for every absolute import that is neither the
standard library nor a common third-party library, so the project's own
imports count as its code, as they do in a real checkout.

A request line is hit by an error for the retired ID (DSM001, or DSM004 for a
choice between the two retired IDs), a knowledge line by DSM003; a none line
is a false alarm when it gets DSM001. -v prints every miss.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
COMMON_LIBRARIES = frozenset((HERE / "common_libraries.txt").read_text(encoding="utf-8").split())


def _imports(text: str) -> set[str]:
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return set()
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


def _build(
    files_dir: Path, labels: dict[str, dict[str, str]], expected: dict[str, dict], tree: Path, held: dict[str, list[str]]
) -> None:
    """Copy each labelled file to its repository's work tree, check its bytes, and stand in for project imports.

    ``held`` names, per repository, packages of a common library's name that its real checkout holds at its root
    (``Peize1234/agent_mem`` holds ``mem0/``): they are the project's own code there, so they are stood in too.
    """
    for key in labels:
        data = (files_dir / key).read_bytes()
        if hashlib.sha256(data).hexdigest() != expected[key]["sha256"]:
            sys.exit(f"{files_dir / key}: not the labelled version (its SHA-256 differs from files.json)")
        target = tree / key
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    for repository in sorted(path for path in tree.iterdir() if path.is_dir()):
        subprocess.run(["git", "init", "-q", str(repository)], check=True)
        names: set[str] = set()
        for path in repository.rglob("*.py"):
            names |= _imports(path.read_text(encoding="utf-8", errors="replace"))
        # A fork of a common library (mem0, litellm) holds that library's own package in a real checkout.
        own = {repository.name.split("__", 1)[-1].lower().replace("-", "_"), *held.get(repository.name, ())}
        for name in sorted(name for name in names - set(sys.stdlib_module_names) if name not in COMMON_LIBRARIES or name in own):
            if not any((base / name).exists() or (base / f"{name}.py").exists() for base in (repository, repository / "src")):
                (repository / name).mkdir()
                (repository / name / "__init__.py").write_text("", encoding="utf-8")


def _findings(checkout: Path, repository: Path) -> dict[tuple[str, int], set[str]]:
    run = subprocess.run(
        [str(checkout / ".venv/bin/migrate"), "--format", "json", "--select", "DSM0", "."],
        cwd=repository, capture_output=True, text=True,
    )
    if run.returncode not in (0, 1):
        sys.exit(f"{repository}: migrate exited {run.returncode}: {run.stderr.strip()[-300:]}")
    codes: dict[tuple[str, int], set[str]] = defaultdict(set)
    for finding in json.loads(run.stdout)["findings"]:
        codes[(os.path.normpath(finding["path"]), finding["line"])].add(finding["code"])
    return codes


def _hit(label: str, codes: set[str]) -> bool:
    if label == "request":
        return bool(codes & {"DSM001", "DSM004"})
    if label == "knowledge":
        return "DSM003" in codes
    return "DSM001" not in codes


def score(checkout: Path, files_dir: Path, name: str, verbose: bool) -> Counter[tuple[str, str]]:
    set_dir = HERE / "sets" / name
    labels = json.loads((set_dir / "labels.json").read_text(encoding="utf-8"))
    expected = json.loads((set_dir / "files.json").read_text(encoding="utf-8"))
    counts: Counter[tuple[str, str]] = Counter()
    with tempfile.TemporaryDirectory() as scratch:
        tree = Path(scratch)
        held_file = set_dir / "packages.json"
        held = json.loads(held_file.read_text(encoding="utf-8")) if held_file.exists() else {}
        missing = sorted(key for key in labels if not (files_dir / name / key).exists())
        for key in missing:  # a file the store no longer holds at the labelled version: left out, and said so
            print(f"  {name}: {key} is missing from {files_dir / name}: its {len(labels.pop(key))} lines are left out")
        _build(files_dir / name, labels, expected, tree, held)
        by_repository: dict[str, dict[str, dict[str, str]]] = defaultdict(dict)
        for key, lines in labels.items():
            repository, path = key.split("/", 1)
            by_repository[repository][path] = lines
        for repository, files in sorted(by_repository.items()):
            codes = _findings(checkout, tree / repository)
            for path, lines in files.items():
                text = (tree / repository / path).read_text(encoding="utf-8", errors="replace").splitlines()
                for number, label in lines.items():
                    found = codes.get((os.path.normpath(path), int(number)), set())
                    hit = _hit(label, found)
                    counts[label, "all"] += 1
                    counts[label, "hit" if hit else "missed"] += 1
                    if label == "none" and "DSM003" in found:
                        counts["none", "warned"] += 1
                    if verbose and not hit:
                        print(f"  {name} {label:9} {sorted(found) or '-'} {repository}/{path}:{number}: "
                              f"{text[int(number) - 1].strip()[:120]}")
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkout", type=Path)
    parser.add_argument("files_dir", type=Path)
    parser.add_argument("sets", nargs="+")
    parser.add_argument("-v", "--verbose", action="store_true")
    arguments = parser.parse_args()
    total: Counter[tuple[str, str]] = Counter()
    for name in arguments.sets:
        counts = score(arguments.checkout.resolve(), arguments.files_dir.resolve(), name, arguments.verbose)
        total.update(counts)
        print(_line(name, counts))
    print(_line("all", total))


def _line(name: str, counts: Counter[tuple[str, str]]) -> str:
    def share(label: str) -> str:
        hit, every = counts[label, "hit"], counts[label, "all"]
        return f"{hit}/{every} ({100 * hit / every:.1f}%)" if every else "0/0"
    alarms, nones = counts["none", "missed"], counts["none", "all"]
    return (
        f"{name}: request {share('request')}  knowledge {share('knowledge')}  "
        f"false alarms {alarms}/{nones} ({100 * alarms / max(nones, 1):.1f}%)  "
        f"none lines with DSM003 {counts['none', 'warned']}"
    )


if __name__ == "__main__":
    main()
