"""Regulatory rules kept as data: weights, bands and categories, each naming its source.

Rules change more often than code here (see shared/domain/README.md); a new regulation
is a new JSON file, not a code change.
"""
