"""Signals between the layers of cooperative reporting.

Lower layers (sales, RAT) say what changed; the projections above them (the district
view's summaries) listen, so no lower layer imports a higher one.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.dispatch import Signal

# Sent with ``cooperative_ids`` right after a write that changes what a cooperative's
# reports show (sales recorded or reversed, a flag raised or cleared, an RAT report
# submitted, a health assessment computed), inside the writer's transaction: receivers
# update their projections in the same transaction.
cooperative_figures_changed = Signal()


def figures_changed(cooperative_ids: Iterable[int], *, sender: object) -> None:
    """Tell the projections that these cooperatives' figures changed (see above)."""
    ids = sorted({int(pk) for pk in cooperative_ids})
    if ids:
        cooperative_figures_changed.send(sender=sender, cooperative_ids=ids)
