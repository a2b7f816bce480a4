"""Which library versions a project may run, read from its dependency files.

A thinking switch verified with one library version is only safe to write
when the project cannot run an older one. The nearest folder at or above a
file that holds dependency files speaks for it (up to the repository root):
``requirements*.txt`` and ``requirements/*.txt`` (following ``-r`` and
``-c``), ``pyproject.toml`` (PEP 621, dependency groups, Poetry),
``Pipfile``, ``setup.cfg``, and the lock files ``poetry.lock``, ``uv.lock``
and ``Pipfile.lock``. Every source counts: the lowest version any of them
allows is what the project may run, and a requirement without a version
(a URL, no specifier) allows any. Nothing here is imported or executed;
files that cannot be read are skipped.
"""

from __future__ import annotations

import configparser
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Mapping

from migrator.readfile import read_regular
from migrator.tomlread import tomllib

LOCK_FILES = ("poetry.lock", "uv.lock", "Pipfile.lock")
OTHER_FILES = ("pyproject.toml", "Pipfile", "setup.cfg")
_REQUIREMENTS_NAME = re.compile(r"requirements.*\.(txt|in)|.*\.txt")
_PRE_RELEASE = re.compile(r"\d(a|b|c|rc|alpha|beta|pre|preview|dev)\d*", re.IGNORECASE)
_MAX_INCLUDES = 20
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
    """Release numbers padded for comparison, then 0 for a pre-release (1.30.0rc1 < 1.30.0), 1 otherwise."""
    version = version.strip().lstrip("vV")
    numbers = re.match(r"\d+(?:\.\d+)*", version)
    release = [int(part) for part in numbers.group(0).split(".")] if numbers else []
    release += [0] * (6 - len(release))
    return (*release[:6], 0 if _PRE_RELEASE.search(version) else 1)


def older(version: str, than: str) -> bool:
    """Is ``version`` an older release than ``than`` (1.9 < 1.10; 1.2 == 1.2.0)?"""
    return version_key(version) < version_key(than)


def requirements_near(
    path: Path, stop: Path | None = None, cache: dict[Path, dict[str, Requirement]] | None = None
) -> dict[str, Requirement]:
    """The requirements of the nearest folder at or above ``path``'s folder that has dependency files.

    The walk ends at ``stop`` (the project root) when given; ``cache`` keeps
    each folder's reading for the next file.
    """
    cache = {} if cache is None else cache
    folder = path.parent
    while True:
        if folder not in cache:
            cache[folder] = read_folder(folder)
        if cache[folder] or folder == stop or folder.parent == folder:
            return cache[folder]
        folder = folder.parent


def read_folder(folder: Path) -> dict[str, Requirement]:
    """Every requirement the folder's dependency files state, the weakest per library."""
    declared: dict[str, Requirement] = {}
    try:
        names = sorted(entry.name for entry in folder.iterdir() if entry.is_file())
    except OSError:
        return declared
    files = [
        folder / name
        for name in names
        if name in (*LOCK_FILES, *OTHER_FILES) or re.fullmatch(r"requirements.*\.(txt|in)", name)
    ]
    requirements_folder = folder / "requirements"
    if requirements_folder.is_dir():
        try:
            files += sorted(p for p in requirements_folder.iterdir() if p.is_file() and _REQUIREMENTS_NAME.fullmatch(p.name))
        except OSError:
            pass
    seen: set[Path] = set()
    for path in files:
        for requirement in _read(path, seen):
            _keep(declared, requirement)
    return declared


def _keep(declared: dict[str, Requirement], requirement: Requirement) -> None:
    """Several sources may name a library: the lowest version any allows speaks for what may run."""
    known = declared.get(requirement.name)
    if known is None or known.lowest is not None and (requirement.lowest is None or older(requirement.lowest, known.lowest)):
        declared[requirement.name] = requirement


def _read(path: Path, seen: set[Path]) -> Iterator[Requirement]:
    if path in seen or len(seen) > _MAX_INCLUDES:
        return
    seen.add(path)
    try:
        text = read_regular(path, _MAX_FILE).decode("utf-8", errors="replace")
    except OSError:  # missing, unreadable, not a regular file (-r /dev/zero), or too large
        return
    try:
        if path.name == "Pipfile.lock":
            yield from _pipfile_lock(json.loads(text), path.name)
        elif path.name == "setup.cfg":
            yield from _setup_cfg(text, path.name)
        elif path.name == "Pipfile":
            yield from _pipfile(tomllib.loads(text), path.name)
        elif path.suffix in (".lock", ".toml"):
            data = tomllib.loads(text)
            yield from (_pyproject(data, path.name) if path.name == "pyproject.toml" else _toml_lock(data, path.name))
        else:
            yield from _requirement_lines(text.splitlines(), path, seen)
    except (ValueError, TypeError, AttributeError, RecursionError, configparser.Error):
        return  # a broken dependency file says nothing; the fix stays as the code alone decides


def _requirement_lines(lines: list[str], path: Path, seen: set[Path]) -> Iterator[Requirement]:
    for line in lines:
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        include = re.match(r"(?:-r|-c|--requirement|--constraint)[=\s]\s*(\S+)", line)
        if include:
            yield from _read((path.parent / include.group(1)), seen)
            continue
        if line.startswith("-"):
            continue  # -e ./path, --index-url ...: no version of a named library
        requirement = parse_requirement(line.split(";", 1)[0], path.name)
        if requirement is not None:
            yield requirement


def parse_requirement(text: str, source: str) -> Requirement | None:
    """``litellm>=1.80,<2`` -> lowest 1.80; ``litellm==1.74.9`` -> exact; ``litellm`` or a URL -> no lower bound."""
    match = _REQUIREMENT.match(text)
    if match is None:
        return None
    name, specifier = normalize(match.group(1)), match.group(3).strip()
    if specifier.startswith("@"):
        return Requirement(name, None, False, f"{source}: {text.strip()}")  # a URL: any version
    return _bounded(name, specifier, f"{source}: {text.strip()}")


def _bounded(name: str, specifier: str, source: str) -> Requirement:
    """The lowest version a specifier allows: each ``||`` alternative's lower bound, the least of them.

    Within one alternative the clauses all hold (``>=1.80,<2``), so its
    highest lower bound counts; an alternative with no lower bound allows any.
    """
    bounds: list[str | None] = []
    for alternative in specifier.split("||"):
        lowest: str | None = None
        for operator, version in _CLAUSE.findall(alternative):
            if operator in ("==", "===") and "*" not in version:
                lowest = version
                break
            if operator in ("==", ">=", "~=", "^", "~", ">", "") and (lowest is None or older(lowest, version)):
                lowest = version.rstrip(".*")
        bounds.append(lowest)
    if None in bounds or not bounds:
        return Requirement(name, None, False, source)
    lowest = min(bounds, key=version_key)  # type: ignore[arg-type]
    exact = len(bounds) == 1 and bool(re.fullmatch(r"\s*===?\s*[^,]+", specifier))
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
    tables.append(poetry.get("dev-dependencies", {}))
    for table in tables:
        for name, spec in table.items():
            if name != "python":
                yield _poetry_constraint(name, spec, source)


def _poetry_constraint(name: str, spec: object, source: str) -> Requirement:
    """``"^1.2"``, ``{version = "^1.2"}``, or a list of them split by Python version (the least counts)."""
    specs = spec if isinstance(spec, list) else [spec]
    versions = [item.get("version", "") if isinstance(item, dict) else str(item) for item in specs]
    if not versions or any(version in ("", "*") for version in versions):
        return Requirement(normalize(name), None, False, f"{source}: {name} = {spec!r}")  # any version, git, path
    return _bounded(normalize(name), " || ".join(versions), f"{source}: {name} = {spec!r}")


def _pipfile(data: Mapping, source: str) -> Iterator[Requirement]:
    for section in ("packages", "dev-packages"):
        for name, spec in data.get(section, {}).items():
            version = spec.get("version", "*") if isinstance(spec, dict) else str(spec)
            yield _bounded(normalize(name), "" if version == "*" else version, f"{source}: {name} = {version!r}")


def _setup_cfg(text: str, source: str) -> Iterator[Requirement]:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read_string(text)
    lines = parser.get("options", "install_requires", fallback="").splitlines()
    if parser.has_section("options.extras_require"):
        lines += [line for _, value in parser.items("options.extras_require") for line in value.splitlines()]
    for line in lines:
        requirement = parse_requirement(line.split(";", 1)[0], source) if line.strip() else None
        if requirement is not None:
            yield requirement


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
