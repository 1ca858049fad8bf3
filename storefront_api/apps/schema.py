"""App mutations Saleor storefronts may send (Lumbung has no apps)."""

from __future__ import annotations

import graphene

from storefront_api.apps.mutations.app_token_verify import AppTokenVerify


class AppMutations(graphene.ObjectType):
    app_token_verify = AppTokenVerify.Field()
