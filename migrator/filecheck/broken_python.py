"""The findings of a Python file analysed without the statements its syntax errors stand in.

None carries a fix: a file Python cannot run is not rewritten. A quoted ID
inside a left-out statement gets the text scan's DSM001. When only imports
or merge-conflict markers were left out, the rest of the analysis stands;
otherwise a left-out ``def`` header, live test or call may change what the
rest means, and only a verdict the expression around the ID settles by
itself replaces the text scan's DSM001.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from migrator.findings import Finding
from migrator.textscan import find_quoted_ids, physical_lines

if TYPE_CHECKING:
    from migrator.checks import FileContext, Rule
    from migrator.facts import ModelSite
    from migrator.python_analysis.recovery import LeftOut


# What a value is used for that the expression around it settles, whatever the statements left out did:
# a comparison, a key, a pattern, a mock assertion, text for people.
_DECIDED_LOCALLY = (
    "comparison", "dictionary key", "lookup key", "match case", "name template", "regular expression", "subscript",
    "value of a compared dictionary", "argument of .", "mock assertion .", "docstring or bare string", "text passed to ",
)


def findings_left_out(
    found: list[Finding], sites: list[ModelSite], left_out: list[LeftOut], source: str, rules: list[Rule],
    context: FileContext,
) -> list[Finding]:
    """The findings of a file analysed without the statements ``left_out`` names (see the module docstring).

    A left-out ``def`` header or call changes what the rest means (a positional ID to a function that is gone,
    a live test that vanished, a half-typed call's arguments read as assignments), so a knowledge verdict that
    depends on other statements is not trusted; a comparison or a log message is what it is wherever it stands.
    """
    from migrator.python_analysis.recovery import benign_statement

    hits = find_quoted_ids(source, context.catalog)
    lines = physical_lines(source)
    if all(benign_statement(lines, part) for part in left_out):  # imports, merge markers: the rest stands
        inside = [hit for hit in hits if any(part.first <= hit.span.line <= part.last for part in left_out)]
        return [finding._replace(fix=None) for finding in found] + [
            finding for rule in rules for finding in rule.check_unparsed(inside, context)
        ]
    local = {(site.span.line, site.span.column) for site in sites if site.context.startswith(_DECIDED_LOCALLY)}
    kept = [
        finding._replace(fix=None) for finding in found
        if finding.code != "DSM003" or (finding.span.line, finding.span.column) in local
    ]
    requests = {(finding.span.line, finding.span.column) for finding in kept if finding.code in ("DSM001", "DSM004")}
    unsettled = [hit for hit in hits if (hit.span.line, hit.span.column) not in requests | local]
    return kept + [finding for rule in rules for finding in rule.check_unparsed(unsettled, context)]
