"""Files arrive as in the GraphQL multipart request spec, as Saleor clients send them."""

from __future__ import annotations

import json

import graphene
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from storefront_api.core.scalars import Upload
from storefront_api.core.views import GraphQLView


class Describe(graphene.Mutation):
    class Arguments:
        image = Upload(required=True)
        images = graphene.List(Upload)

    description = graphene.String()

    @staticmethod
    def mutate(root, info, image, images=None):
        files = [image, *(images or [])]
        return Describe(description=", ".join(f"{f.name}:{f.size}" for f in files))


class Query(graphene.ObjectType):
    ok = graphene.Boolean()


class Mutation(graphene.ObjectType):
    describe = Describe.Field()


view = GraphQLView.as_view(schema=graphene.Schema(query=Query, mutation=Mutation))
MUTATION = "mutation ($image: Upload!, $images: [Upload]) { describe(image: $image, images: $images) { description } }"  # noqa: E501


def post_multipart(operations: dict, file_map: dict, files: dict) -> dict:
    data = {"operations": json.dumps(operations), "map": json.dumps(file_map), **files}
    response = view(RequestFactory().post("/graphql/", data=data))
    return {"status": response.status_code, "body": json.loads(response.content)}


def test_files_are_placed_in_the_variables_the_map_names():
    operations = {"query": MUTATION, "variables": {"image": None, "images": [None, None]}}
    file_map = {"0": ["variables.image"], "1": ["variables.images.0"], "2": ["variables.images.1"]}
    files = {
        "0": SimpleUploadedFile("kopi.jpg", b"x" * 10),
        "1": SimpleUploadedFile("madu.png", b"y" * 20),
        "2": SimpleUploadedFile("tenun.webp", b"z" * 30),
    }

    result = post_multipart(operations, file_map, files)

    assert result["status"] == 200
    assert result["body"]["data"]["describe"]["description"] == (
        "kopi.jpg:10, madu.png:20, tenun.webp:30"
    )


def test_a_map_pointing_outside_the_operation_is_refused():
    operations = {"query": MUTATION, "variables": {"image": None}}

    result = post_multipart(
        operations, {"0": ["variables.nothere.deep"]}, {"0": SimpleUploadedFile("a.jpg", b"a")}
    )

    assert result["status"] == 400
    assert "data" not in result["body"]


def test_a_map_naming_a_missing_file_is_refused():
    operations = {"query": MUTATION, "variables": {"image": None}}

    result = post_multipart(operations, {"0": ["variables.image"]}, {})

    assert result["status"] == 400
