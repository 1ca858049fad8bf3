"""Error pages in the site's style and language."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form came back without a valid CSRF token (often: an old tab, or cookies off).

    Nothing was changed; the page says so and offers to go back. ``reason`` is Django's
    technical explanation and is not shown.
    """
    return render(request, "403_csrf.html", status=403)
