"""The string another project module binds a name to, for names a module imports (``from .config import API_URL``).

Provider verdicts need the URL a request goes to; projects keep it in a
config module. Asked only when a request's URL or provider is an imported
name, so most files never trigger it: the module is found on disk beside
the importing file (relative imports) or under the project root or its
source folders, and its top level is searched for ``NAME = "..."`` or
``NAME = os.getenv("...", "...")``. Nothing is imported or executed.
"""

from __future__ import annotations

import re
from pathlib import Path

from migrator.project_analysis.modules import SOURCE_FOLDERS
from migrator.readfile import read_regular

MAX_MODULE_BYTES = 1 << 20
_QUOTED = r"""(?P<q>["'])(?P<value>[^"'\\\r\n]{0,300})(?P=q)"""


class ImportedStrings:
    """Resolves imported names of one file to the strings their modules bind them to."""

    def __init__(self, path: Path, fallback_root: Path) -> None:
        self.path = path
        self.fallback_root = fallback_root
        self._root: Path | None = None
        self._texts: dict[Path, str | None] = {}  # modules read for this file, each once

    @property
    def root(self) -> Path:
        """The file's project root, found on first need (most files never ask)."""
        if self._root is None:
            from migrator.project_roots import project_root

            self._root = project_root(self.path) or self.fallback_root
        return self._root

    def value(self, module: str | None, level: int, name: str) -> str | None:
        """The string ``name`` is bound to at the top of ``module`` (``level`` dots before it), if plain."""
        for candidate in self._files(module, level):
            text = self._text(candidate)
            if text is None:
                continue
            pattern = re.compile(
                rf"^{re.escape(name)}[ \t]*(?::[^=\r\n]+)?=[ \t]*"
                rf"(?:{_QUOTED}|[\w.]*getenv\([ \t]*[\"'][^\"']*[\"'][ \t]*,[ \t]*{_QUOTED.replace('q', 'q2').replace('value', 'default')}[ \t]*\))",
                re.MULTILINE,
            )
            found = pattern.search(text)
            if found is not None:
                return found.group("value") if found.group("value") is not None else found.group("default")
            return None
        return None

    def _text(self, path: Path) -> str | None:
        if path not in self._texts:
            try:
                self._texts[path] = read_regular(path, MAX_MODULE_BYTES).decode("utf-8", "replace")
            except OSError:
                self._texts[path] = None
        return self._texts[path]

    def _files(self, module: str | None, level: int) -> list[Path]:
        parts = module.split(".") if module else []
        if level:
            base = self.path.parent
            for _ in range(level - 1):
                base = base.parent
            bases = [base]
        else:
            bases = [self.root, *(self.root / folder for folder in SOURCE_FOLDERS), self.path.parent]
        found = []
        for base in bases:
            target = base.joinpath(*parts) if parts else base
            found += [target.with_suffix(".py") if parts else target / "__init__.py", target / "__init__.py"]
        return [candidate for candidate in dict.fromkeys(found) if candidate.is_file()]
