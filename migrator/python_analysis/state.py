"""The collector's state: placements and pending sites, the facts gathered during the walk, positions."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

import libcst as cst

from migrator.catalog import Catalog, PythonVocabulary
from migrator.facts import (
    DefaultCall,
    DropSite,
    ModelSite,
    OpaqueUse,
    RequestContext,
    RequestSite,
)
from migrator.findings import Span
from migrator.python_analysis.positions import Positions
from migrator.python_analysis.scopes import Scopes
from migrator.python_analysis.walk import Dispatching
from migrator.python_analysis.syntax import (
    Owner,
    _dotted,
    _ends_with_any,
    _split_all,
)
from migrator.textscan import LineIndex

if TYPE_CHECKING:
    from migrator.project_analysis.bindings import FileNames
    from migrator.project_analysis.imported_strings import ImportedStrings
    from migrator.python_analysis.forwarding import _ModuleIndex

# The node classes a live test's sign can be (libcst's classes are final: none is subclassed).
LIVE_SIGN_NODES = frozenset({cst.Attribute, cst.Call, cst.Comparison, cst.Subscript})


@dataclass(frozen=True)
class _Placement:
    """Where an expression stands: its role, and what it reaches directly."""

    role: str
    context: str
    conditional: bool = False  # reached through `a or b` / `a if c else b`
    call: cst.Call | None = None  # the request call it is an argument of
    payload: cst.Dict | None = None  # the raw HTTP payload it is the model of
    owner: Owner | None = None  # the name it is assigned to
    sent_by: tuple[cst.Call, ...] = ()  # the requests of this module's own function that send the parameter it fills


@dataclass
class _Pending:
    node: cst.CSTNode
    kind: str
    value: str
    legacy_ids: tuple[str, ...]
    prefix: str
    placement: _Placement
    function: str
    statement_line: int


class _CollectorState(Dispatching):
    """What the pass records while it walks, and the positions and ancestors of nodes."""

    METADATA_DEPENDENCIES = (Positions, Scopes)

    def __init__(
        self,
        catalog: Catalog,
        module: cst.Module,
        text: LineIndex,
        names: FileNames | None = None,
        imported_strings: ImportedStrings | None = None,
    ) -> None:
        super().__init__()
        self.imported_strings = imported_strings  # other project modules' string constants, read on demand
        # The project index's spellings for this file, and what the walk finds of them.
        self.names = names
        self.explained: set[cst.CSTNode] = set()
        self.reference_keys: dict[cst.CSTNode, str] = {}
        self.opaque_uses: list[OpaqueUse] = []
        self.default_calls: list[DefaultCall] = []
        self.scope_cache: dict[str, dict[str, str]] = {}
        self.catalog = catalog
        self.module = module
        self.text = text
        self.vocab: PythonVocabulary = catalog.python
        self.words = catalog.literal_words()
        self.stack: list[cst.CSTNode] = []
        self.parents: dict[cst.CSTNode, cst.CSTNode] = {}
        self.pending: list[_Pending] = []
        self.assigned: dict[cst.CSTNode, cst.BaseExpression] = {}  # target Name -> value
        self.self_attributes: dict[tuple[cst.ClassDef, str], cst.BaseExpression] = {}
        self.model_arguments: list[tuple[cst.BaseExpression, cst.Call]] = []
        self.payload_arguments: list[tuple[cst.BaseExpression, cst.Call]] = []
        self.skip: set[cst.CSTNode] = set()
        self.sites: list[ModelSite] = []
        self.class_level: dict[cst.CSTNode, cst.ClassDef] = {}  # Name targets in a class body
        self.payload_models: list[tuple[cst.BaseExpression, cst.Dict, Owner | None]] = []
        self.requests: dict[cst.Call, RequestContext] = {}
        self.request_sites: list[RequestSite] = []
        self.drops: list[DropSite] = []
        self.candidate_calls: list[cst.Call] = []
        self.payloads: dict[cst.Dict, Owner | None] = {}
        self.returns: dict[cst.FunctionDef, list[cst.BaseExpression]] = {}
        # Names and attributes that are compared or used as keys: (expression, context, dict it keys).
        self.known_by_name: list[tuple[cst.BaseExpression, str, cst.Dict | None]] = []
        # for x in ITEMS / (... for x in ITEMS): what is iterated, and the name each item is bound to
        self.iterations: list[tuple[cst.BaseExpression, cst.BaseAssignTargetExpression]] = []
        self.star_arguments: list[cst.BaseExpression] = []
        self.patched_bodies: dict[cst.FunctionDef, str | None] = {}  # test functions that patch a client away
        self.test_keys: dict[cst.FunctionDef, str | None] = {}  # the test key each test function gives a client
        self.sent_attributes: set[str] = set()  # attributes written into a request's model: body["model"] = x.attr
        self.list_reads: dict[Owner | None, bool] = {}  # lists of models read other than as knowledge, per owner
        self.env_routes: list[str] = []  # os.environ["OPENAI_BASE_URL"] = ...: verdicts of the base URLs the module sets
        self.env_routes_read = False
        self.test_doubles: dict[cst.FunctionDef, str] = {}  # tests, and why they run on doubles ("" when not)
        self.module_doubles: str | None = None  # why every test of the module runs on doubles (None: not judged yet)
        self.module_live: bool | None = None  # a live test's sign anywhere in the module (None: not judged yet)
        # The nodes a live test's sign can be, in walk order, and whether the walk is over (until then, not all are)
        self.sign_candidates: list[cst.CSTNode] = []
        self.walked = False
        # API-key variables set to a literal, by scope (the module's top level, or a function), as they are asked
        self.fake_keys: dict[cst.CSTNode, frozenset[str]] = {}
        self.inert_tests: dict[cst.FunctionDef, str] = {}  # tests, and why they send nothing ("" when they may)
        self.top_level_live: bool | None = None  # a live sign in the module's own top-level statements (None: not judged)
        self.script_reach: frozenset[str] | None = None  # names code outside functions reads, through functions it reaches
        self.module_marked_live: bool | None = None  # a live mark in the module's top-level code (None: not looked up)
        self.introspects: bool | None = None  # the module reads signatures, defaults or frames (None: not looked up)
        self.module_functions: dict[str, cst.FunctionDef] | None = None  # the module's top-level functions by name
        self.sender_names: frozenset[str] | None = None  # functions, methods and lambdas here that call a request
        self.asserted_strings: dict[cst.FunctionDef, Counter[str]] = {}  # tests, and the literals their assertions spell
        self.module_index: _ModuleIndex | None = None  # names, attributes and strings of the module (built on demand)
        self.abroad_attributes: dict[tuple[tuple[cst.ClassDef, ...], str], bool] = {}  # self.<attr> sent only abroad
        self._unpacked: set[Owner] | None = None
        self.posted: dict[Owner, list[tuple[str, int]]] | None = None
        # body["model"] = ..., body.update(...): the body changed, and the node whose line is the change's (asked
        # only for the bodies a request posts: most calls that could change a body are never asked about)
        self.body_changes: list[tuple[cst.BaseExpression, cst.CSTNode | None]] = []
        self._changed: dict[Owner, cst.CSTNode | None] | None = None
        self.request_names = {pattern[-1] for shape in self.vocab.requests for pattern in shape.calls}
        # Dotted vocabularies, split once.
        self.positional_model_calls = _split_all(self.vocab.positional_model_calls)
        self.env_default_calls = _split_all(self.vocab.env_default_calls)
        self.field_calls = _split_all(self.vocab.field_calls)
        self.regex_calls = _split_all(self.vocab.regex_calls)
        self.serializer_calls = _split_all(self.vocab.serializer_calls)
        self.data_name = re.compile(self.vocab.data_name_pattern)
        self.mock_name = re.compile(self.vocab.mock_name_pattern)
        self.symbols = [(tuple(name.split(".")), legacy_id) for name, legacy_id in self.vocab.symbols.items()]

    def on_visit(self, node: cst.CSTNode) -> bool:
        if self.stack:
            self.parents[node] = self.stack[-1]
        if type(node) in LIVE_SIGN_NODES:
            self.sign_candidates.append(node)
        descend = super().on_visit(node)
        self.stack.append(node)
        return descend

    def on_leave(self, original_node: cst.CSTNode) -> None:
        self.stack.pop()
        super().on_leave(original_node)

    def _matches(self, func: cst.BaseExpression, names: Sequence[tuple[str, ...]]) -> bool:
        return _ends_with_any(_dotted(func), names)

    def _statement_line(self) -> int:
        statement = self._statement()
        return self.get_metadata(Positions, statement).start.line if statement is not None else 0

    def _statement(self) -> cst.SimpleStatementLine | None:
        """The line of simple statements the walk is in (None outside one)."""
        for node in reversed(self.stack):
            if isinstance(node, cst.SimpleStatementLine):
                return node
        return None

    def _span(self, node: cst.CSTNode) -> Span:
        position = self.get_metadata(Positions, node)
        return Span(position.start.line, position.start.column + 1, position.end.line, position.end.column + 1)

    def _ancestors(self, node: cst.CSTNode) -> list[cst.CSTNode]:
        chain = []
        current = self.parents.get(node)
        while current is not None:
            chain.append(current)
            current = self.parents.get(current)
        return chain[::-1]

    def _assignments(self, name: cst.Name) -> list:
        try:
            scope = self.get_metadata(Scopes, name)
        except KeyError:
            return []
        if scope is None:
            return []
        return [assignment for assignment in scope[name.value] if hasattr(assignment, "node")]
