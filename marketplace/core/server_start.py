"""What a web server process does once, after Django is set up and before its first
request: :func:`prepare_for_requests`.

``marketplace.wsgi`` and ``marketplace.asgi`` call it when a server (gunicorn, in each
worker) loads the application; ``benchmarks/storefront.py`` calls it before measuring in
its own process, so the figures it prints are the server's.
"""

from __future__ import annotations

import gc

from django.urls import get_resolver

# Container objects allocated (net of those freed) before Python's youngest-generation
# collection runs; Python's default is 700.
YOUNG_GENERATION_THRESHOLD = 10_000


def prepare_for_requests() -> None:
    """Import every view, then settle Python's garbage collector for serving requests.

    * The URL configuration is loaded now (every view module and, through
      ``/graphql/``, the GraphQL schema) instead of during the first request.
    * ``gc.freeze()`` after a full collection moves the objects that live as long as
      the process (modules, classes, the schema, Django's settings and URL patterns:
      some 230,000) out of the collector's sight: an occasional full collection no
      longer walks them.
    * The youngest generation is collected after ``YOUNG_GENERATION_THRESHOLD``
      container objects instead of 700. A storefront read holds a few thousand at once
      (querysets, model instances, GraphQL paths) and frees nearly all of them when it
      ends; at 700 the collector ran about once per read of products(first: 20) and
      walked that read's live objects each time (≈1 ms of 15 ms CPU, measured in
      process with the answer cache off); at 10,000 it runs once every hundred or so
      reads and only finds what outlived them. Memory grows by what that threshold
      holds back at most (a few MiB).
    """
    get_resolver().url_patterns  # noqa: B018  # imports marketplace.urls and its views
    gc.collect()
    gc.freeze()
    _, middle, oldest = gc.get_threshold()
    gc.set_threshold(YOUNG_GENERATION_THRESHOLD, middle, oldest)
