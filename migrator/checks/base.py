"""What a rule is: a small class whose docstring is its documentation and whose
VALID / INVALID examples are its tests (run by ``tests/test_rule_examples.py``)."""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field
from typing import ClassVar, Iterator, Mapping

from migrator.catalog import Catalog, LegacyModel
from migrator.directives import LineDirectives
from migrator.exposure import Clock, exposure_at, format_instant
from migrator.facts import ConfigFacts, PythonFacts, RequestSite, SiteHandles
from migrator.findings import Edit, Finding, Fix, Span, TierDecision
from migrator.pins import Requirement
from migrator.textscan import TextHit, escape_controls
from migrator.tiers import TierPolicy, TierSubject


@dataclass(frozen=True)
class Invalid:
    """Source that must trigger the rule, with where the first finding starts."""

    source: str
    line: int
    column: int


@dataclass(frozen=True)
class FileContext:
    """What a check may know about the file it looks at, besides its facts."""

    display_path: str
    project_path: str
    catalog: Catalog
    clock: Clock
    tiers: TierPolicy
    directives: Mapping[int, LineDirectives]
    # Rendering an edit re-renders the module; runs that neither fix nor
    # print JSON only need to know that a fix exists and how safe it is.
    with_edits: bool = True
    # Payload dicts in test modules are test data: no fix there is safe.
    test_module: bool = False
    # A test module's project root: its own modules are the code a test hands IDs to.
    project: str = ""
    # What the project's dependency files say about each library (pins.py).
    requirements: Mapping[str, Requirement] = field(default_factory=dict)
    # For config files: the Python lines that read each environment variable ("app/settings.py:12").
    env_readers: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def decide_tier(
        self, legacy_ids: str | tuple[str, ...], lines: tuple[int, ...], uses_tools: bool, function: str
    ) -> TierDecision:
        """Tier rules, with an inline ``tier=`` on any of ``lines`` winning."""
        inline = next(
            (self.directives[line].tier for line in lines if line in self.directives and self.directives[line].tier),
            None,
        )
        if inline is not None and inline not in self.tiers.targets:
            inline = None  # reported as a file error by the engine
        return self.tiers.decide(
            TierSubject(
                path=self.project_path,
                legacy_ids=(legacy_ids,) if isinstance(legacy_ids, str) else legacy_ids,
                uses_tools=uses_tools,
                function=function,
                inline_tier=inline,
            )
        )


class Rule:
    """Base class; subclasses set the class attributes and override the checks."""

    code: ClassVar[str]
    name: ClassVar[str]
    fix_safety: ClassVar[str]
    # The severity its findings usually carry (retired IDs: by the deadline, an error once it passed).
    default_severity: ClassVar[str] = "warning"
    # The file name the VALID / INVALID examples are checked as (its kind picks the analysis).
    EXAMPLE_FILE: ClassVar[str] = "example.py"
    VALID: ClassVar[tuple[str, ...]] = ()
    INVALID: ClassVar[tuple[Invalid, ...]] = ()

    @classmethod
    def documentation(cls) -> str:
        return inspect.cleandoc(cls.__doc__ or "")

    @classmethod
    def summary(cls) -> str:
        return cls.documentation().splitlines()[0] if cls.__doc__ else ""

    def check_python(self, facts: PythonFacts, context: FileContext) -> Iterator[Finding]:
        """Findings for one analyzed Python file."""
        return iter(())

    def check_config(self, facts: ConfigFacts, context: FileContext) -> Iterator[Finding]:
        """Findings for one config file (.env, YAML, TOML, JSON, INI)."""
        return iter(())

    def check_unparsed(self, hits: list[TextHit], context: FileContext) -> Iterator[Finding]:
        """Findings for a file that did not parse, from a text scan (never fixable)."""
        return iter(())

    @staticmethod
    def edits(context: FileContext, handles: SiteHandles, old: object, new: object) -> tuple[Edit, ...]:
        """The text edit that turns node ``old`` (the request or the value) into ``new``, when wanted."""
        if not context.with_edits:
            return ()
        from migrator import codemods

        span = handles.request_span if old is handles.request_node else handles.node_span
        return codemods.edit_request(handles.module, old, new, span, handles.indents, handles.text)  # type: ignore[arg-type]

    def request_fix(
        self,
        context: FileContext,
        site: RequestSite,
        updated: object,
        applicability: str,
        description: str,
        writes_toggle: bool = False,
    ) -> Fix | None:
        """A fix that turns the site's request node into ``updated`` (None: no certain change).

        It is unsafe when the body may be data, and, when it writes the
        thinking switch, when the project may run a library release that was
        not verified to send it.
        """
        from migrator.checks.safety import body_doubts, downgraded, version_doubts

        handles = site.handles
        if updated is None or handles is None or updated is handles.request_node:
            return None
        edits = self.edits(context, handles, handles.request_node, updated)
        fix = Fix(applicability, description, edits, handles.request_span)
        doubts = body_doubts(context, site.request)
        if writes_toggle and site.request.toggle is not None:
            doubts += version_doubts(context, site.request.toggle)
        return downgraded(fix, doubts)

    def finding(
        self, context: FileContext, span: Span, severity: str, message: str, **extra: object
    ) -> Finding:
        """A finding of this rule in this file."""
        return Finding(
            code=self.code,
            name=self.name,
            severity=severity,
            path=context.display_path,
            span=span,
            message=escape_controls(message),  # names from scanned files never reach a terminal raw
            **extra,  # type: ignore[arg-type]
        )


def retirement_status(context: FileContext, legacy: LegacyModel, names: str, plural: bool = False) -> str:
    """'"x" was retired on <date>, N days ago: requests naming it fail.' (or the future tense)."""
    exposure = exposure_at(context.clock, legacy.retired_at)
    when = format_instant(legacy.retired_at)
    it = "them" if plural else "it"
    if exposure.retired:
        verb = "were" if plural else "was"
        return f"{names} {verb} retired on {when}, {exposure.phrase()}: requests naming {it} fail."
    verb = "retire" if plural else "retires"
    return f"{names} {verb} on {when}, {exposure.phrase()}: requests naming {it} will then fail."
