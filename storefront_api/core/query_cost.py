"""Limits on what one GraphQL document may ask for: cost, depth and aliases.

A document is measured after parsing and before graphql-core's own validation and any
resolver, so an over-limit document is refused in milliseconds, whatever it asks for.
The measure walks the document once; a fragment is measured once and counted wherever
it is spread, so "fragment bombs" cost microseconds to measure and are counted in full.

**Cost** (Saleor's ``extensions.cost.requestedQueryCost``), Lumbung's own rule rather
than a hand-kept map, so a new field can never be forgotten:

* a field that returns an object, interface or union (a row, a loader call) costs 1,
  or what ``COST_OVERRIDES`` says; scalars and enums cost nothing;
* the plumbing of a Relay connection (``edges``, ``node``, ``pageInfo``: fields of a
  ``…Connection`` or ``…Edge`` type) costs nothing: the connection field pays for it;
* a field's own cost and everything selected under it is multiplied by its ``first``
  or ``last`` argument (their sum when both are given), so nested lists multiply:
  ``products(first: 100) { edges { node { category { name } } } }`` costs
  100 × (1 + 1) = 200;
* the cost of a document is the sum of its operations' (as Saleor counts it).

**Depth**: the most fields nested on one path, leaves included
(``{ shop { name } }`` is 2). Introspection's ``__Type.ofType`` does not add to it: a
type's wrapper chain (``[Int!]!``) is a few single objects, never a fan-out, and
GraphiQL's introspection query follows it nine levels down.

**Aliases**: fields given an alias, counted wherever their fragment is spread.

Unknown fields, types and fragments are measured as far as possible (depth and aliases
still count) and left for the usual validation to report.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    is_leaf_type,
)
from graphql.type.introspection import SchemaMetaFieldDef, TypeMetaFieldDef, TypeNameMetaFieldDef

# Fields that cost more than one row, as ``{"Type": {"field": cost}}``. Checked against
# the schema by a test, so a renamed field cannot leave a stale entry behind.
COST_OVERRIDES: dict[str, dict[str, int]] = {
    # Reports that aggregate a district's or a cooperative's year of sales for one answer.
    "Query": {
        "districtSummary": 10,
        "cooperativeActivityProfile": 10,
        "producerStatement": 10,
        "producerStatements": 10,
    },
}

DEFAULT_MAX_COST = 50_000
DEFAULT_MAX_DEPTH = 15
DEFAULT_MAX_ALIASES = 50

_MULTIPLIER_ARGUMENTS = ("first", "last")


@dataclass(frozen=True)
class QueryLimits:
    """The most a document may cost, nest and alias; 0 turns a limit off."""

    max_cost: int = DEFAULT_MAX_COST
    max_depth: int = DEFAULT_MAX_DEPTH
    max_aliases: int = DEFAULT_MAX_ALIASES

    @classmethod
    def from_settings(cls) -> QueryLimits:
        return cls(
            max_cost=getattr(settings, "GRAPHQL_QUERY_MAX_COST", DEFAULT_MAX_COST),
            max_depth=getattr(settings, "GRAPHQL_QUERY_MAX_DEPTH", DEFAULT_MAX_DEPTH),
            max_aliases=getattr(settings, "GRAPHQL_QUERY_MAX_ALIASES", DEFAULT_MAX_ALIASES),
        )


@dataclass(frozen=True)
class QueryMeasure:
    cost: int = 0
    depth: int = 0
    aliases: int = 0


_NOTHING = QueryMeasure()


class QueryCostExceeded(GraphQLError):
    """The document costs more than ``GRAPHQL_QUERY_MAX_COST``."""


class QueryTooDeep(GraphQLError):
    """The document nests fields deeper than ``GRAPHQL_QUERY_MAX_DEPTH``."""


class QueryTooManyAliases(GraphQLError):
    """The document uses more aliases than ``GRAPHQL_QUERY_MAX_ALIASES``."""


class _Measurer:
    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        variables: Mapping[str, Any] | None,
    ) -> None:
        self.schema = schema
        self.variables = variables if isinstance(variables, Mapping) else {}
        self.fragments = {
            definition.name.value: definition
            for definition in document.definitions
            if isinstance(definition, FragmentDefinitionNode)
        }
        self.fragment_measures: dict[str, QueryMeasure] = {}
        self.visiting: set[str] = set()
        self.variable_defaults: dict[str, Any] = {}

    def operation(self, operation: OperationDefinitionNode) -> QueryMeasure:
        self.variable_defaults = {
            definition.variable.name.value: definition.default_value
            for definition in operation.variable_definitions or ()
            if definition.default_value is not None
        }
        # Fragments may read the operation's variables: measure them per operation.
        self.fragment_measures = {}
        root = {
            OperationType.QUERY: self.schema.query_type,
            OperationType.MUTATION: self.schema.mutation_type,
            OperationType.SUBSCRIPTION: self.schema.subscription_type,
        }.get(operation.operation)
        return self.selection_set(operation.selection_set, root)

    def selection_set(
        self, selection_set: SelectionSetNode | None, parent: GraphQLNamedType | None
    ) -> QueryMeasure:
        if selection_set is None:
            return _NOTHING
        cost = depth = aliases = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                measure = self.field(selection, parent)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                fragment_type = self.schema.get_type(condition.name.value) if condition else parent
                measure = self.selection_set(selection.selection_set, fragment_type)
            elif isinstance(selection, FragmentSpreadNode):
                measure = self.fragment(selection.name.value)
            else:  # pragma: no cover - graphql-core has no other selection
                continue
            cost += measure.cost
            depth = max(depth, measure.depth)
            aliases += measure.aliases
        return QueryMeasure(cost=cost, depth=depth, aliases=aliases)

    def fragment(self, name: str) -> QueryMeasure:
        measure = self.fragment_measures.get(name)
        if measure is not None:
            return measure
        definition = self.fragments.get(name)
        if definition is None or name in self.visiting:
            return _NOTHING  # unknown or cyclic: graphql-core's validation reports it
        self.visiting.add(name)
        try:
            fragment_type = self.schema.get_type(definition.type_condition.name.value)
            measure = self.selection_set(definition.selection_set, fragment_type)
        finally:
            self.visiting.discard(name)
        self.fragment_measures[name] = measure
        return measure

    def field(self, node: FieldNode, parent: GraphQLNamedType | None) -> QueryMeasure:
        name = node.name.value
        alias = 1 if node.alias else 0
        definition = self._field_definition(parent, name)
        if definition is None:
            inner = self.selection_set(node.selection_set, None)
            return QueryMeasure(
                cost=inner.cost, depth=inner.depth + 1, aliases=inner.aliases + alias
            )
        assert parent is not None
        field_type = get_named_type(definition.type)
        inner = self.selection_set(node.selection_set, field_type)
        if is_leaf_type(field_type) or _is_connection_plumbing(parent):
            own = 0
        else:
            own = COST_OVERRIDES.get(parent.name, {}).get(name, 1)
        step = 0 if parent.name == "__Type" and name == "ofType" else 1
        return QueryMeasure(
            cost=self._multiplier(node) * (own + inner.cost),
            depth=inner.depth + step,
            aliases=inner.aliases + alias,
        )

    def _field_definition(self, parent: GraphQLNamedType | None, name: str) -> GraphQLField | None:
        if parent is None:
            return None
        if name == "__typename":
            return TypeNameMetaFieldDef
        if parent is self.schema.query_type:
            if name == "__schema":
                return SchemaMetaFieldDef
            if name == "__type":
                return TypeMetaFieldDef
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return parent.fields.get(name)
        return None

    def _multiplier(self, node: FieldNode) -> int:
        total = 0
        for argument in node.arguments or ():
            if argument.name.value not in _MULTIPLIER_ARGUMENTS:
                continue
            value: Any = argument.value
            if isinstance(value, VariableNode):
                variable = value.name.value
                value = self.variables.get(variable, self.variable_defaults.get(variable))
            if isinstance(value, IntValueNode):
                value = int(value.value)
            if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                total += value
        return total or 1


def _is_connection_plumbing(parent: GraphQLNamedType) -> bool:
    return parent.name.endswith(("Connection", "Edge"))


def measure_document(
    schema: GraphQLSchema, document: DocumentNode, variables: Mapping[str, Any] | None = None
) -> QueryMeasure:
    """Cost, depth and aliases of ``document`` with these ``variables`` (see the module)."""
    measurer = _Measurer(schema, document, variables)
    cost = depth = aliases = 0
    for definition in document.definitions:
        if isinstance(definition, OperationDefinitionNode):
            measure = measurer.operation(definition)
            cost += measure.cost
            depth = max(depth, measure.depth)
            aliases += measure.aliases
    return QueryMeasure(cost=cost, depth=depth, aliases=aliases)


def cost_extension(measure: QueryMeasure, limits: QueryLimits) -> dict[str, Any]:
    """Saleor's ``extensions.cost`` of an answer."""
    return {"requestedQueryCost": measure.cost, "maximumAvailable": limits.max_cost}


def limit_errors(measure: QueryMeasure, limits: QueryLimits) -> list[GraphQLError]:
    """One error per limit the measured document goes over (none when it fits)."""
    errors: list[GraphQLError] = []
    if limits.max_depth and measure.depth > limits.max_depth:
        errors.append(
            QueryTooDeep(
                f"The query is nested {measure.depth} levels deep; "
                f"at most {limits.max_depth} are allowed.",
                extensions={"depth": {"requested": measure.depth, "maximum": limits.max_depth}},
            )
        )
    if limits.max_aliases and measure.aliases > limits.max_aliases:
        errors.append(
            QueryTooManyAliases(
                f"The query uses {measure.aliases} aliases; "
                f"at most {limits.max_aliases} are allowed.",
                extensions={
                    "aliases": {"requested": measure.aliases, "maximum": limits.max_aliases}
                },
            )
        )
    if limits.max_cost and measure.cost > limits.max_cost:
        errors.append(
            QueryCostExceeded(
                f"The query exceeds the maximum cost of {limits.max_cost}. "
                f"Actual cost is {measure.cost}.",
                extensions={"cost": cost_extension(measure, limits)},
            )
        )
    return errors
