"""Who may use the district desk, and what they see. The one place the package decides it.

Not signed in: redirected to sign in. Signed in without a supervision scope (cooperative
staff, villagers): 404, as if the desk did not exist. A cooperative, a RAT attachment or
an export outside the officer's scope: 404 as well. The rules themselves are
``coop_reporting``'s (``supervision_scope``, ``district_export_readable_by``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponseBase

from coop_reporting.district.exports import district_export_readable_by
from coop_reporting.exports import selectors as export_selectors
from coop_reporting.exports.models import ReportExport
from coop_reporting.supervision.selectors import SupervisionScope, supervision_scope_cached
from marketplace.village_hubs.models import Cooperative

# any response: a page, a redirect, or a file (FileResponse is no HttpResponse)
View = Callable[..., HttpResponseBase]


def desk_scope(request: HttpRequest) -> SupervisionScope:
    """The regions the signed-in user supervises; 404 when none."""
    scope = supervision_scope_cached(request.user)
    if scope.is_empty:
        raise Http404
    return scope


def dinas_required(view: View) -> View:
    """Sign in first (redirect), then the view gets ``scope`` (404 without one)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, scope=desk_scope(request), **kwargs)

    return wrapper


def supervised_cooperative(scope: SupervisionScope, cooperative_id: int) -> Cooperative:
    """The cooperative if it lies in the scope; 404 otherwise (whether it exists or not)."""
    cooperative = Cooperative.objects.select_related("village").filter(pk=cooperative_id).first()
    if cooperative is None or not scope.covers(cooperative.village_id):
        raise Http404
    return cooperative


def readable_export(
    request: HttpRequest, scope: SupervisionScope, export_id: uuid.UUID
) -> ReportExport:
    """A district export the user asked for or whose regions they supervise; else 404."""
    export = export_selectors.report_export_get(export_id)
    if export is None or not district_export_readable_by(export, user=request.user, scope=scope):
        raise Http404
    return export
