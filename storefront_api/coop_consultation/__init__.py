"""Consultations between a cooperative and its Dinas Koperasi (Lumbung-only types)."""
