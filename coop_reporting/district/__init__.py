"""The district view of the Dinas Koperasi: a projection of every cooperative's reporting
figures (``CooperativeReportingSummary``), kept up to date from sales and RAT, and the
district list, totals, monthly trends and exports read from it.

It sits above ``coop_reporting.sales`` and ``coop_reporting.rat``: it reads them and
listens to ``coop_reporting.signals``; they never import it. Whom a viewer supervises is
``coop_reporting.supervision``.
"""
