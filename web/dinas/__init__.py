"""The Dinas Koperasi's district desk: overview, cooperatives list, a cooperative's page
and district exports, for Dinas officers (and platform staff), scoped exactly as the
API's district view (``coop_reporting.supervision``)."""
