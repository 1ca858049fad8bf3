"""Error codes of payment use cases: values of Saleor's ``TransactionInitializeErrorCode``,
``TransactionProcessErrorCode`` and ``TransactionRequestActionErrorCode`` (the union)."""

from __future__ import annotations

from enum import Enum


class PaymentErrorCode(Enum):
    """Why a payment operation failed."""

    GRAPHQL_ERROR = "graphql_error"
    INVALID = "invalid"
    REQUIRED = "required"
    NOT_FOUND = "not_found"
    UNIQUE = "unique"
    CHECKOUT_COMPLETION_IN_PROGRESS = "checkout_completion_in_progress"
    TRANSACTION_ALREADY_PROCESSED = "transaction_already_processed"
