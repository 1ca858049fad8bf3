"""The /graphql/ endpoint: POST JSON for clients, the GraphiQL playground for browsers."""

from django.views.decorators.csrf import csrf_exempt

from storefront_api.core.views import GraphQLView
from storefront_api.schema import schema

graphql_view = csrf_exempt(GraphQLView.as_view(schema=schema))
