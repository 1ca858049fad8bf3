"""``voucherCodeBulkDelete``."""

from __future__ import annotations

from typing import Any

import graphene
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from marketplace.core.exceptions import field_error
from marketplace.discounts import services
from marketplace.discounts.error_codes import VoucherCodeBulkDeleteErrorCode
from marketplace.discounts.models import VoucherCode
from marketplace.discounts.selectors import vouchers_manageable_by
from storefront_api.core.errors import validation_error_to_errors
from storefront_api.core.ids import decode_global_id
from storefront_api.core.mutations import BaseMutation
from storefront_api.core.permissions import AuthorizationFilters
from storefront_api.discounts.permissions import require_voucher_manager
from storefront_api.discounts.types import VoucherCodeBulkDeleteError


class VoucherCodeBulkDelete(BaseMutation):
    count = graphene.Int(required=True, description="Returns how many codes were deleted.")

    class Arguments:
        ids = graphene.List(
            graphene.NonNull(graphene.ID),
            required=True,
            description="List of voucher codes IDs to delete.",
        )

    class Meta:
        description = "Deletes voucher codes. Requires a manager of their vouchers."
        error_type_class = VoucherCodeBulkDeleteError
        permissions = (AuthorizationFilters.AUTHENTICATED_USER,)

    @classmethod
    def perform_mutation(
        cls, root: Any, info: graphene.ResolveInfo, /, *, ids: list[str]
    ) -> VoucherCodeBulkDelete:
        require_voucher_manager(info)
        pks = []
        invalid = []
        for value in ids:
            try:
                pks.append(decode_global_id(value, only_type="VoucherCode", field="ids"))
            except ValidationError:
                invalid.append(value)
        if invalid:
            raise ValidationError(
                {"ids": ValidationError(
                    _("Invalid VoucherCode ID."),
                    code=VoucherCodeBulkDeleteErrorCode.INVALID.value,
                    params={"voucher_codes": invalid},
                )}
            )  # fmt: skip
        manageable = vouchers_manageable_by(info.context.user)
        found = {
            str(code.pk): code
            for code in VoucherCode.objects.select_related("voucher").filter(
                pk__in=pks, voucher__in=manageable
            )
        }
        missing = [value for value, pk in zip(ids, pks, strict=True) if pk not in found]
        if missing:
            raise ValidationError(
                {"ids": ValidationError(
                    _("Couldn't resolve to a node."),
                    code=VoucherCodeBulkDeleteErrorCode.NOT_FOUND.value,
                    params={"voucher_codes": missing},
                )}
            )  # fmt: skip
        if not found:
            raise field_error(
                "ids", _("Give at least one code."), VoucherCodeBulkDeleteErrorCode.INVALID
            )
        count = services.voucher_codes_delete(codes=list(found.values()), actor=info.context.user)
        return cls(count=count)

    @classmethod
    def handle_errors(cls, exc: ValidationError) -> VoucherCodeBulkDelete:
        errors = [
            VoucherCodeBulkDeleteError(
                path=data["field"],
                message=data["message"],
                code=data["code"],
                voucher_codes=data["params"].get("voucher_codes"),
            )
            for data in validation_error_to_errors(exc, allowed_codes=cls._meta.error_codes)
        ]
        return cls(count=0, errors=errors)
