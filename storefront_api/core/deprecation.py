"""Deprecations as Saleor shows them, so clients built on graphql-js 16 read them.

* ``@deprecated`` is declared on the four locations Saleor's schema uses it on (and
  graphql-js 16 knows): graphql-core 3.2 adds ``DIRECTIVE_DEFINITION``, which graphql-js 16
  refuses when it reads the schema back.
* A deprecated argument or input field stays an ordinary one, visible in default
  introspection, with "DEPRECATED: …" in its description, as Saleor serves them: the
  default introspection query hides deprecated arguments, so clients that still send
  ``checkoutId`` or ``token`` would fail validation against Lumbung's schema.
"""

from __future__ import annotations

from graphql import (
    DirectiveLocation,
    GraphQLDeprecatedDirective,
    GraphQLDirective,
    GraphQLIncludeDirective,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLSkipDirective,
    GraphQLSpecifiedByDirective,
)

DEPRECATED_MARKER = "DEPRECATED: this field will be removed."

DEPRECATED_DIRECTIVE = GraphQLDirective(
    name="deprecated",
    locations=[
        DirectiveLocation.FIELD_DEFINITION,
        DirectiveLocation.ARGUMENT_DEFINITION,
        DirectiveLocation.INPUT_FIELD_DEFINITION,
        DirectiveLocation.ENUM_VALUE,
    ],
    args=GraphQLDeprecatedDirective.args,
    description=GraphQLDeprecatedDirective.description,
)

DIRECTIVES = [
    GraphQLIncludeDirective,
    GraphQLSkipDirective,
    DEPRECATED_DIRECTIVE,
    GraphQLSpecifiedByDirective,
]


def _described(description: str | None, reason: str) -> str:
    text = (description or "").rstrip()
    return f"{text}\n\n{DEPRECATED_MARKER} {reason}".lstrip()


def show_deprecated_inputs(schema: GraphQLSchema) -> None:
    """Turn every deprecated argument and input field of ``schema`` into an ordinary one
    whose description says it is deprecated and why."""
    for named_type in schema.type_map.values():
        if isinstance(named_type, GraphQLObjectType | GraphQLInterfaceType):
            inputs = [arg for field in named_type.fields.values() for arg in field.args.values()]
        elif isinstance(named_type, GraphQLInputObjectType):
            inputs = list(named_type.fields.values())
        else:
            continue
        for value in inputs:
            if value.deprecation_reason:
                value.description = _described(value.description, value.deprecation_reason)
                value.deprecation_reason = None
