"""The executor's short paths (plain leaf fields, fields with resolvers, object values)
answer exactly as graphql-core does: the same data, and the same errors at the same
paths, whatever the objects and resolvers give."""

from __future__ import annotations

import enum
from types import SimpleNamespace

import graphene
import pytest
from graphql import ExecutionContext as GraphQLCoreContext
from graphql import ExecutionResult, execute, parse

from storefront_api.core.execution import ExecutionContext, never_awaitable


class Colour(enum.Enum):
    RED = "red"


class Shelf:
    def __init__(self, pk, name, size, colour=Colour.RED, label=None):
        self.id = pk
        self.name = name
        self.size = size
        self.colour = colour
        self.label = label

    @property
    def broken(self):
        if self.label is None:
            raise ValueError("The shelf label is unreadable.")
        return self.label


class Keeper:
    def __init__(self, name):
        self.name = name


class KeeperType(graphene.ObjectType):
    class Meta:
        name = "Keeper"

    name = graphene.String(required=True)

    @classmethod
    def is_type_of(cls, root, info):
        return isinstance(root, Keeper)


class ShelfType(graphene.ObjectType):
    class Meta:
        name = "Shelf"
        interfaces = (graphene.relay.Node,)

    name = graphene.String(required=True)
    size = graphene.Int()
    colour = graphene.Enum.from_enum(Colour)()
    label = graphene.String(required=True)
    broken = graphene.String()
    shout = graphene.String()
    counted = graphene.Int(times=graphene.Int())
    keeper = graphene.Field(KeeperType)
    owner = graphene.Field(KeeperType, required=True)

    @staticmethod
    def resolve_keeper(root, info):
        return info.context.keepers[root.id]

    @staticmethod
    def resolve_owner(root, info):
        keeper = info.context.keepers[root.id]
        if keeper == "lost":
            raise LookupError("The owner's record is lost.")
        return keeper

    @staticmethod
    def resolve_shout(root, info):
        return root.name.upper()

    @staticmethod
    def resolve_counted(root, info, times=1):
        return None if root.size is None else root.size * times


class Money(graphene.ObjectType):
    amount = graphene.Float(required=True)
    currency = graphene.String(required=True)


class Price(graphene.ObjectType):
    amount = graphene.Float(required=True)
    currency = graphene.String(required=True)
    gross = graphene.Field(Money)
    net = graphene.Field(Money, required=True)


class Query(graphene.ObjectType):
    shelves = graphene.List(graphene.NonNull(ShelfType))
    prices = graphene.List(Price)

    @staticmethod
    def resolve_shelves(root, info):
        return info.context.shelves

    @staticmethod
    def resolve_prices(root, info):
        return info.context.prices


SCHEMA = graphene.Schema(query=Query)
DOCUMENT = parse(
    "{ shelves { id name size colour shout counted(times: 2) } prices { amount currency } }"
)


def _run(context_class, document, context):
    result = execute(
        SCHEMA.graphql_schema,
        document,
        context_value=SimpleNamespace(**{"shelves": [], "prices": [], "keepers": {}, **context}),
        execution_context_class=context_class,
        is_awaitable=never_awaitable if context_class is ExecutionContext else None,
    )
    errors = [(error.message, error.path) for error in result.errors or []]
    return result.data, errors


def _same(document, context):
    ours = _run(ExecutionContext, document, context)
    assert ours == _run(GraphQLCoreContext, document, context)
    return ours


def test_plain_fields_of_objects_and_dicts_read_as_graphql_core_reads_them():
    context = {
        "shelves": [Shelf(7, "Rak kopi", 3), Shelf(8, "Rak teh", None)],
        "prices": [{"amount": 34500, "currency": "IDR"}, {"amount": 12.5, "currency": "IDR"}],
    }
    data, errors = _same(DOCUMENT, context)
    assert errors == []
    assert data["shelves"][0] == {
        "id": "U2hlbGY6Nw==",
        "name": "Rak kopi",
        "size": 3,
        "colour": "RED",
        "shout": "RAK KOPI",
        "counted": 6,
    }
    assert data["shelves"][1]["size"] is None
    assert data["prices"] == [
        {"amount": 34500.0, "currency": "IDR"},
        {"amount": 12.5, "currency": "IDR"},
    ]


@pytest.mark.parametrize(
    ("query", "shelf", "message"),
    [
        ("{ shelves { label } }", Shelf(1, "Rak", 1), "Cannot return null for non-nullable"),
        ("{ shelves { broken } }", Shelf(1, "Rak", 1), "The shelf label is unreadable."),
        ("{ shelves { size } }", Shelf(1, "Rak", "tiga"), "Int cannot represent"),
        ("{ shelves { colour } }", Shelf(1, "Rak", 1, colour="ungu"), "Enum 'Colour' cannot"),
        ("{ shelves { name } }", Shelf(1, None, 1), "Cannot return null for non-nullable"),
    ],
)
def test_a_bad_value_is_the_same_error_at_the_same_path(query, shelf, message):
    data, errors = _same(parse(query), {"shelves": [Shelf(2, "Rak teh", 2, label="A1"), shelf]})
    assert len(errors) == 1
    assert message in errors[0][0]
    assert errors[0][1][:2] == ["shelves", 1]


def test_a_missing_attribute_or_key_is_null_as_with_graphene():
    data, errors = _same(parse("{ prices { currency } }"), {"prices": [{"amount": 1}]})
    assert errors == [
        ("Cannot return null for non-nullable field Price.currency.", ["prices", 0, "currency"])
    ]
    assert data == {"prices": [None]}


def test_nested_plain_objects_and_their_errors_are_as_graphql_core_gives_them():
    query = parse("{ prices { currency gross { amount currency } net { amount } } }")
    good = {"amount": 1, "currency": "IDR", "gross": {"amount": 10, "currency": "IDR"}}
    good["net"] = {"amount": 9}
    no_gross = {**good, "gross": None}
    bad_gross = {**good, "gross": {"amount": 10}}  # currency missing: gross becomes null
    bad_net = {**good, "net": {"amount": "sembilan"}}  # the price itself becomes null
    no_net = {**good, "net": None}
    data, errors = _same(query, {"prices": [good, no_gross, bad_gross, bad_net, no_net]})
    assert data["prices"][0] == {
        "currency": "IDR",
        "gross": {"amount": 10.0, "currency": "IDR"},
        "net": {"amount": 9.0},
    }
    assert data["prices"][1]["gross"] is None
    assert data["prices"][2]["gross"] is None
    assert data["prices"][3] is None
    assert data["prices"][4] is None
    assert sorted(path for _message, path in errors) == [
        ["prices", 2, "gross", "currency"],
        ["prices", 3, "net", "amount"],
        ["prices", 4, "net"],
    ]


def test_aliases_typename_and_fragments_answer_as_graphql_core_does():
    query = parse("{ shelves { __typename first: name second: name ... on Shelf { size } } }")
    context = {"shelves": [Shelf(7, "Rak kopi", 3)]}
    data, errors = _same(query, context)
    assert errors == []
    assert data == {
        "shelves": [{"__typename": "Shelf", "first": "Rak kopi", "second": "Rak kopi", "size": 3}]
    }
    # Asked to allow awaitable results, the executor gives the same answer by
    # graphql-core's own path.
    general = execute(
        SCHEMA.graphql_schema,
        query,
        context_value=SimpleNamespace(shelves=context["shelves"], prices=[]),
        execution_context_class=ExecutionContext,
    )
    assert isinstance(general, ExecutionResult)
    assert general.errors is None
    assert general.data == data


def test_objects_from_resolvers_and_their_errors_are_as_graphql_core_gives_them():
    shelves = [Shelf(n, f"Rak {n}", n) for n in range(1, 6)]
    keepers = {1: Keeper("Sari"), 2: None, 3: "not a keeper", 4: "lost", 5: Keeper("Made")}
    query = parse("{ shelves { id keeper { name } } }")
    data, errors = _same(query, {"shelves": shelves, "keepers": keepers})
    assert [shelf["keeper"] for shelf in data["shelves"]] == [
        {"name": "Sari"}, None, None, None, {"name": "Made"},
    ]  # fmt: skip
    assert errors == [
        ("Expected value of type 'Keeper' but got: 'not a keeper'.", ["shelves", 2, "keeper"]),
        ("Expected value of type 'Keeper' but got: 'lost'.", ["shelves", 3, "keeper"]),
    ]
    owner = parse("{ shelves { id owner { name } } }")
    data, errors = _same(owner, {"shelves": shelves[:1], "keepers": keepers})
    assert data == {"shelves": [{"id": "U2hlbGY6MQ==", "owner": {"name": "Sari"}}]}
    assert errors == []
    for shelf, message in [
        (shelves[1], "Cannot return null for non-nullable field Shelf.owner."),
        (shelves[2], "Expected value of type 'Keeper' but got: 'not a keeper'."),
        (shelves[3], "The owner's record is lost."),
    ]:
        data, errors = _same(owner, {"shelves": [shelves[0], shelf], "keepers": keepers})
        # a shelf is non-null in the list: the whole list becomes null
        assert data == {"shelves": None}
        assert errors == [(message, ["shelves", 1, "owner"])]


def test_leaves_from_resolvers_and_arguments_are_as_graphql_core_gives_them():
    shelves = [Shelf(1, "Rak", 2), Shelf(2, "Rak", "tiga"), Shelf(3, "Rak", None)]
    query = parse("query ($t: Int) { shelves { shout counted(times: $t) again: counted } }")
    for times in (3, None):
        result = execute(
            SCHEMA.graphql_schema,
            query,
            context_value=SimpleNamespace(shelves=shelves, prices=[], keepers={}),
            variable_values={"t": times},
            execution_context_class=ExecutionContext,
            is_awaitable=never_awaitable,
        )
        expected = execute(
            SCHEMA.graphql_schema,
            query,
            context_value=SimpleNamespace(shelves=shelves, prices=[], keepers={}),
            variable_values={"t": times},
        )
        assert isinstance(result, ExecutionResult)
        assert isinstance(expected, ExecutionResult)
        assert result.data == expected.data
        assert [(e.message, e.path) for e in result.errors or []] == [
            (e.message, e.path) for e in expected.errors or []
        ]
        assert result.data["shelves"][0]["again"] == 2
        assert result.data["shelves"][1]["again"] is None  # "tiga" is no Int
        assert "Int cannot represent" in result.errors[-1].message
    assert result.data["shelves"][0]["counted"] is None  # times: null, as asked
