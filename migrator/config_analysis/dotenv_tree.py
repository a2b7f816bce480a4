"""``.env`` files: ``KEY=value`` lines, as python-dotenv and docker compose read them.

Comment lines, ``export`` prefixes, single and double quotes, and a `` #``
comment after an unquoted value are understood; anything else on a line is
the value. A line that is not an assignment is skipped, as the loaders do.
"""

from __future__ import annotations

import re

from migrator.config_analysis.tree import Mapping, Node, Scalar

_ASSIGNMENT = re.compile(
    r"""^[ \t]*(?:export[ \t]+)?(?P<key>[A-Za-z_][A-Za-z0-9_.-]*)[ \t]*=[ \t]*
    (?:(?P<quote>["'])(?P<quoted>(?:\\.|(?!(?P=quote)).)*)(?P=quote)|(?P<bare>[^\n]*?))[ \t]*(?:[ \t]\#[^\n]*)?$""",
    re.VERBOSE | re.MULTILINE,
)


def parse_dotenv(text: str) -> Node:
    mapping = Mapping()
    for match in _ASSIGNMENT.finditer(text):
        if match.group("quote"):
            raw = match.group("quoted")
            start, end = match.start("quote"), match.end("quoted") + 1
            literal = "\\" not in raw or match.group("quote") == "'"
            value = raw if match.group("quote") == "'" else _unescape(raw)
            scalar = Scalar(value, start, end, quoted=True, literal_text=literal)
        else:
            raw = match.group("bare")
            scalar = Scalar(raw, match.start("bare"), match.end("bare"))
        mapping.entries.append((match.group("key"), scalar))
    return mapping


def _unescape(raw: str) -> str:
    return re.sub(r"\\(.)", lambda match: {"n": "\n", "t": "\t"}.get(match.group(1), match.group(1)), raw)
