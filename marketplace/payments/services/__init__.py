"""Write use cases of online payments (Saleor's transaction API on Midtrans), one module
per part of the flow:

* ``checkout_payments`` — ``transaction_initialize``, ``legacy_payment_create``,
  ``transaction_process``: a buyer pays for a checkout;
* ``transaction_status`` — ``payment_apply_status`` (the state machine) and
  ``payment_notification_process``;
* ``transaction_actions`` — ``transaction_refund`` / ``transaction_cancel`` /
  ``transaction_charge`` (``transactionRequestAction``);
* ``granted_refunds`` — ``order_grant_refund_create`` / ``granted_refund_process``;
* ``reconciliation`` — ``payments_reconcile_pending``;
* ``records`` — the transaction events and order charges the others record.

Import a use case from its module; this package hands nothing on.
"""
