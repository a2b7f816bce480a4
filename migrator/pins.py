"""Which library versions a project may run, read from its dependency files.

A thinking switch verified with one library version is only safe to write
when the project cannot run an older one. The nearest folder above a file
that holds dependency files speaks for it: lock files (``poetry.lock``,
``uv.lock``, ``Pipfile.lock``) give the exact version installed,
``requirements*.txt`` and ``pyproject.toml`` the lowest version allowed.
Nothing here is imported or executed; files that cannot be read are skipped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping

from migrator.tomlread import tomllib

LOCK_FILES = ("poetry.lock", "uv.lock", "Pipfile.lock")
_MAX_FILE = 8 * 1024 * 1024
_REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(.*)$")
_CLAUSE = re.compile(r"(===|==|~=|>=|<=|!=|>|<|\^|~)?\s*v?([0-9][0-9A-Za-z.*+!-]*)")


@dataclass(frozen=True)
class Requirement:
    """What a project says about one library: the lowest version it may run (None: no lower bound)."""

    name: str
    lowest: str | None
    exact: bool
    source: str  # "requirements.txt: litellm==1.74.9"


def normalize(name: str) -> str:
    """PEP 503 name normalisation: ``LangChain_OpenAI`` -> ``langchain-openai``."""
    return re.sub(r"[-_.]+", "-", name).lower()


def version_key(version: str) -> tuple[int, ...]:
    """Release numbers for comparison (pre-release and local parts are ignored)."""
    numbers = re.match(r"\d+(?:\.\d+)*", version.lstrip("v"))
    return tuple(int(part) for part in numbers.group(0).split(".")) if numbers else ()


def older(version: str, than: str) -> bool:
    """Is ``version`` an older release than ``than`` (1.9 < 1.10; 1.2 == 1.2.0)?"""
    left, right = version_key(version), version_key(than)
    width = max(len(left), len(right))
    return left + (0,) * (width - len(left)) < right + (0,) * (width - len(right))


def requirements_near(path: Path, stop: Path | None = None) -> dict[str, Requirement]:
    """The requirements of the nearest folder at or above ``path``'s folder that has dependency files."""
    folder = path.parent
    while True:
        found = read_folder(folder)
        if found or folder == stop or folder.parent == folder:
            return found
        folder = folder.parent


def read_folder(folder: Path) -> dict[str, Requirement]:
    """Every requirement the folder's dependency files state; exact lock versions win."""
    declared: dict[str, Requirement] = {}
    try:
        names = sorted(entry.name for entry in folder.iterdir() if entry.is_file())
    except OSError:
        return declared
    for name in names:
        if re.fullmatch(r"requirements.*\.(txt|in)", name) or name == "pyproject.toml":
            for requirement in _read(folder / name):
                _keep(declared, requirement)
    for name in LOCK_FILES:
        if name in names:
            for requirement in _read(folder / name):
                declared[requirement.name] = requirement
    return declared


def _keep(declared: dict[str, Requirement], requirement: Requirement) -> None:
    """Several files may name a library: the weakest lower bound speaks for what may run."""
    known = declared.get(requirement.name)
    if known is None or known.lowest is not None and (requirement.lowest is None or older(requirement.lowest, known.lowest)):
        declared[requirement.name] = requirement


def _read(path: Path) -> Iterator[Requirement]:
    try:
        if path.stat().st_size > _MAX_FILE:
            return
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    try:
        if path.name == "Pipfile.lock":
            yield from _pipfile_lock(json.loads(text), path.name)
        elif path.suffix in (".lock", ".toml"):
            data = tomllib.loads(text)
            yield from (_pyproject(data, path.name) if path.name == "pyproject.toml" else _toml_lock(data, path.name))
        else:
            yield from _requirement_lines(text.splitlines(), path.name)
    except (ValueError, TypeError, AttributeError, RecursionError):
        return  # a broken dependency file says nothing; the fix stays as the code alone decides


def _requirement_lines(lines: list[str], source: str) -> Iterator[Requirement]:
    for line in lines:
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        requirement = parse_requirement(line.split(";", 1)[0], source)
        if requirement is not None:
            yield requirement


def parse_requirement(text: str, source: str) -> Requirement | None:
    """``litellm>=1.80,<2`` -> lowest 1.80; ``litellm==1.74.9`` -> exact; ``litellm`` -> no lower bound."""
    match = _REQUIREMENT.match(text)
    if match is None or "@" in match.group(3):
        return None  # a URL or path requirement: its version is not written down
    name, specifier = normalize(match.group(1)), match.group(3).strip()
    return _bounded(name, specifier, f"{source}: {text.strip()}")


def _bounded(name: str, specifier: str, source: str) -> Requirement:
    lowest, exact = None, False
    for operator, version in _CLAUSE.findall(specifier):
        if operator in ("==", "===") and "*" not in version:
            return Requirement(name, version, True, source)
        if operator in ("==", ">=", "~=", "^", "~", ">", "") and (lowest is None or older(lowest, version)):
            lowest = version.rstrip(".*")
    return Requirement(name, lowest, exact, source)


def _pyproject(data: Mapping, source: str) -> Iterator[Requirement]:
    project = data.get("project", {})
    lists = [project.get("dependencies", []), *project.get("optional-dependencies", {}).values()]
    for group in data.get("dependency-groups", {}).values():
        lists.append([item for item in group if isinstance(item, str)])
    for entries in lists:
        for entry in entries:
            if isinstance(entry, str):
                requirement = parse_requirement(entry.split(";", 1)[0], source)
                if requirement is not None:
                    yield requirement
    poetry = data.get("tool", {}).get("poetry", {})
    tables = [poetry.get("dependencies", {}), *(g.get("dependencies", {}) for g in poetry.get("group", {}).values())]
    for table in tables:
        for name, spec in table.items():
            if name == "python":
                continue
            version = spec.get("version", "") if isinstance(spec, dict) else str(spec)
            if isinstance(spec, dict) and not version:
                continue  # a git or path dependency
            yield _bounded(normalize(name), "" if version == "*" else version, f"{source}: {name} = {version!r}")


def _toml_lock(data: Mapping, source: str) -> Iterator[Requirement]:
    for package in data.get("package", []):
        name, version = package.get("name"), package.get("version")
        if isinstance(name, str) and isinstance(version, str):
            yield Requirement(normalize(name), version, True, f"{source}: {name} {version}")


def _pipfile_lock(data: Mapping, source: str) -> Iterator[Requirement]:
    for section in ("default", "develop"):
        for name, spec in data.get(section, {}).items():
            version = spec.get("version", "") if isinstance(spec, dict) else ""
            if version.startswith("=="):
                yield Requirement(normalize(name), version[2:], True, f"{source}: {name}{version}")
