"""The pages of a cooperative's membership: apply to join (signed in, with consent to
the privacy notice), the privacy notice itself, signing in with the member number, and
the member's own page (their data and savings, nobody else's), in plain Indonesian."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from coop_reporting.shu import selectors as shu_selectors
from coop_reporting.shu.explanation import share_explanation
from marketplace.core.client_ip import client_ip
from marketplace.members import access, selectors, services
from marketplace.members.models import MemberApplication
from marketplace.village_hubs.models import Cooperative
from web.account.views import after_sign_in
from web.core.forms import add_validation_errors
from web.core.requests import SignedInRequest
from web.members.forms import ApplicationForm, MemberCodeForm, MemberSignInForm


def _cooperative(cooperative_id: int) -> Cooperative:
    cooperative = Cooperative.objects.filter(pk=cooperative_id, is_active=True).first()
    if cooperative is None:
        raise Http404("No such cooperative.")
    return cooperative


def privacy(request: HttpRequest, cooperative_id: int) -> HttpResponse:
    cooperative = _cooperative(cooperative_id)
    return render(
        request,
        "web/members/privacy.html",
        {"cooperative": cooperative, "version": settings.MEMBER_PRIVACY_NOTICE_VERSION},
    )


@login_required(login_url="web:sign-in")
def apply(request: SignedInRequest, cooperative_id: int) -> HttpResponse:
    cooperative = _cooperative(cooperative_id)
    latest = (
        MemberApplication.objects.filter(cooperative=cooperative, applicant=request.user)
        .select_related("member")
        .order_by("-created_at")
        .first()
    )
    initial = {"name": request.user.get_full_name(), "email": request.user.email}
    form = ApplicationForm(request.POST or None, initial=initial, cooperative=cooperative)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_submit(
                cooperative=cooperative,
                applicant=request.user,
                privacy_notice_version=settings.MEMBER_PRIVACY_NOTICE_VERSION,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            return HttpResponseRedirect(request.path)
    return render(
        request,
        "web/members/apply.html",
        {"cooperative": cooperative, "form": form, "latest": latest},
        status=400 if form.errors else 200,
    )


def sign_in(request: HttpRequest, cooperative_id: int) -> HttpResponse:
    cooperative = _cooperative(cooperative_id)
    form = MemberSignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            member = services.member_authenticate(
                cooperative=cooperative,
                number=form.cleaned_data["number"],
                password=form.cleaned_data["password"],
                ip=client_ip(request),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            assert member.user is not None  # member_authenticate refuses a member without one
            after_sign_in(request, member.user)
            return HttpResponseRedirect(reverse("web:member-me", args=[cooperative.pk]))
    return render(
        request,
        "web/members/sign_in.html",
        {"cooperative": cooperative, "form": form},
        status=400 if form.errors else 200,
    )


def sign_in_by_code(request: HttpRequest, cooperative_id: int) -> HttpResponse:
    """Sign in with a one-time code: "send" e-mails a code to the member's address, then
    the member types it in with their number."""
    cooperative = _cooperative(cooperative_id)
    form = MemberCodeForm(request.POST or None)
    sent = False
    if request.method == "POST" and form.is_valid():
        number, ip = form.cleaned_data["number"], client_ip(request)
        try:
            if request.POST.get("action") == "send":
                access.member_sign_in_code_send(cooperative=cooperative, number=number, ip=ip)
                sent = True
            else:
                member = access.member_authenticate_by_code(
                    cooperative=cooperative, number=number, code=form.cleaned_data["code"], ip=ip
                )
                assert member.user is not None  # the code goes only to a member's account
                after_sign_in(request, member.user)
                return HttpResponseRedirect(reverse("web:member-me", args=[cooperative.pk]))
        except ValidationError as error:
            add_validation_errors(form, error)
    return render(
        request,
        "web/members/sign_in_code.html",
        {"cooperative": cooperative, "form": form, "sent": sent},
        status=400 if form.errors else 200,
    )


@login_required(login_url="web:sign-in")
def me(request: HttpRequest, cooperative_id: int) -> HttpResponse:
    """The signed-in member's own record in this cooperative; anyone else gets 404."""
    member = selectors.memberships_of(request.user).filter(cooperative_id=cooperative_id).first()
    if member is None:
        raise Http404("Not a member here.")
    return render(
        request,
        "web/members/me.html",
        {
            "cooperative": member.cooperative,
            "member": member,
            "movements": member.savings_movements.order_by("-occurred_on", "-pk")[:100],
        },
    )


@login_required(login_url="web:sign-in")
def my_shu(request: HttpRequest, cooperative_id: int) -> HttpResponse:
    """The signed-in member's own SHU share by year, explained; anyone else gets 404."""
    cooperative = _cooperative(cooperative_id)
    if shu_selectors.own_member(request.user, cooperative) is None:
        raise Http404("Not a member here.")
    years = [
        (year, share, share_explanation(year, share))
        for year, share in shu_selectors.my_shu_by_year(request.user, cooperative)
    ]
    return render(request, "web/members/shu.html", {"cooperative": cooperative, "years": years})
