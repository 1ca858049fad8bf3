"""Marketplace sales as evidence of a cooperative's business activity.

``SaleFact`` is the append-only ledger (a sale row per order line, then its reversals
numbered 1, 2, …), written only by ``services.order_sales_record`` from
``marketplace.orders.reporting``; ``SalesRollup`` / ``RollupBuyer`` are derived from it
(incrementally, or from scratch by ``rebuild``, which ``manage.py rebuild_reporting``
runs). Reads go through ``selectors`` (activity profile, producer statements);
``exports`` turns statements into CSV/XLSX.
"""
