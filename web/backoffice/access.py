"""Who may open a cooperative's back office: its staff and admins, and platform staff
(``village_hubs.selectors.user_can_manage_cooperative``). This is the one place the back
office decides it; anyone else gets 404, as if the cooperative had no back office."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from marketplace.permissions import can_administer_cooperative
from marketplace.village_hubs.models import Cooperative
from marketplace.village_hubs.selectors import user_can_manage_cooperative


def cooperative_for_staff(request: HttpRequest, cooperative_id: int) -> Cooperative:
    """The cooperative the signed-in user manages; else 404."""
    cooperative = Cooperative.objects.filter(pk=cooperative_id).first()
    if cooperative is None or not user_can_manage_cooperative(request.user, cooperative):
        raise Http404("No such cooperative.")
    return cooperative


def may_write_reports(request: HttpRequest, cooperative: Cooperative) -> bool:
    """Whether the user may write the cooperative's RAT report and health inputs: its
    admins (pengurus) and platform staff, as in the API; other staff only read them."""
    return can_administer_cooperative(request.user, cooperative.pk)
