"""RAT (Rapat Anggota Tahunan) reports, KSP/USP health assessments and activity status.

Domain package of ``coop_reporting``: models, services (writes), selectors (reads) and
tasks. The GraphQL layer lives in ``storefront_api/coop_reporting/``.
"""
