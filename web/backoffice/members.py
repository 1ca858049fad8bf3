"""The cooperative's members: the list and search (NIKs masked except to its admins),
a member's data, their invitation sent again, their savings, and the applications to
approve or reject.

Looking is for the cooperative's staff; changing is for its admins
(``marketplace.permissions.can_manage_members``): anyone else gets 404.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace import permissions
from marketplace.imports.members import member_import
from marketplace.members import access, selectors, services
from marketplace.members.exports import HEADERS as EXPORT_HEADERS
from marketplace.members.exports import member_list_file
from marketplace.members.models import Member, MemberApplication, MemberStatus
from marketplace.village_hubs.models import Cooperative
from web.backoffice.access import cooperative_for_staff
from web.backoffice.forms import ImportForm, MemberExportForm, MemberForm, SavingsForm
from web.core.forms import add_validation_errors
from web.core.requests import SignedInRequest

MEMBERS_PER_PAGE = 50
MEMBER_FIELDS = ("name", "nik", "sex", "village", "phone", "email", "joined_on", "status")


def _for_admins(request: HttpRequest, cooperative_id: int) -> Cooperative:
    cooperative = cooperative_for_staff(request, cooperative_id)
    if not permissions.can_manage_members(request.user, cooperative.pk):
        raise Http404("No such page.")
    return cooperative


def _member(cooperative: Cooperative, member_id: int) -> Member:
    member = Member.objects.filter(pk=member_id, cooperative=cooperative).first()
    if member is None:
        raise Http404("No such member.")
    return member


@login_required(login_url="web:sign-in")
def member_list(request: HttpRequest, cooperative_id: int) -> HttpResponse:
    cooperative = cooperative_for_staff(request, cooperative_id)
    query = request.GET.get("q", "")[:100]
    page = Paginator(selectors.members_of(cooperative, query), MEMBERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [(member, permissions.member_nik_for(request.user, member)) for member in page]
    return render(
        request,
        "web/backoffice/members.html",
        {
            "cooperative": cooperative,
            "page": page,
            "rows": rows,
            "query": query,
            "counts": selectors.member_counts(cooperative),
            "pending": selectors.pending_applications(cooperative).count(),
            "can_manage": permissions.can_manage_members(request.user, cooperative.pk),
            "current": "members",
        },
    )


def _initial(request: HttpRequest, member: Member | None) -> dict:
    if member is None:
        return {"joined_on": timezone.localdate(), "status": MemberStatus.AKTIF}
    initial = {field: getattr(member, field) for field in MEMBER_FIELDS if field != "nik"}
    initial.update(
        number=member.number,
        status_changed_on=member.status_changed_on,
        producer=member.producer,
        nik=permissions.member_nik_for(request.user, member),
    )
    return initial


def _save(form: MemberForm, cooperative: Cooperative, member: Member | None) -> Member:
    data = dict(form.cleaned_data)
    number = data.pop("number", None)
    if member is None:
        data.pop("status", None), data.pop("status_changed_on", None)
        return services.member_create(cooperative=cooperative, number=number, **data)
    return services.member_update(member=member, **data)


@login_required(login_url="web:sign-in")
def member_edit(
    request: HttpRequest, cooperative_id: int, member_id: int | None = None
) -> HttpResponse:
    cooperative = _for_admins(request, cooperative_id)
    member = _member(cooperative, member_id) if member_id is not None else None
    initial = _initial(request, member)
    form = MemberForm(request.POST or None, initial=initial, cooperative=cooperative)
    if member is None:
        del form.fields["status"], form.fields["status_changed_on"]
    else:
        del form.fields["number"]
        if not permissions.can_see_member_nik(request.user, member):
            del form.fields["nik"]  # platform staff: masked, so not editable
    if request.method == "POST" and form.is_valid():
        try:
            member = _save(form, cooperative, member)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Member %(number)s is saved.") % {"number": member.number})
            return HttpResponseRedirect(reverse("web:backoffice-members", args=[cooperative.pk]))
    return render(
        request,
        "web/backoffice/member_form.html",
        {
            "cooperative": cooperative,
            "member": member,
            "form": form,
            "invitation": _invitation(member),
            "current": "members",
        },
    )


def _invitation(member: Member | None) -> dict | None:
    """What the member page says of a member's invitation not yet taken up; else None."""
    if member is None or not access.invitation_pending(member):
        return None
    return {"sent_at": member.invitation_sent_at, "expired": access.invitation_expired(member)}


@require_POST
@login_required(login_url="web:sign-in")
def member_invitation_resend(
    request: SignedInRequest, cooperative_id: int, member_id: int
) -> HttpResponse:
    """ "Kirim ulang undangan": a fresh invitation link by e-mail; the page says what
    happened (sent, or why not)."""
    cooperative = _for_admins(request, cooperative_id)
    member = _member(cooperative, member_id)
    try:
        access.member_invitation_resend(member=member, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("A new invitation is sent to %(email)s. The link sent before no longer works.")
            % {"email": member.email},
        )
    return HttpResponseRedirect(reverse("web:backoffice-member", args=[cooperative.pk, member.pk]))


@login_required(login_url="web:sign-in")
def member_savings(request: SignedInRequest, cooperative_id: int, member_id: int) -> HttpResponse:
    cooperative = _for_admins(request, cooperative_id)
    member = _member(cooperative, member_id)
    form = SavingsForm(
        request.POST or None,
        initial={"occurred_on": timezone.localdate(), "request_id": uuid.uuid4().hex},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        sign = -1 if data["direction"] == "out" else 1
        try:
            services.savings_record(
                member=member,
                kind=data["kind"],
                amount=sign * (data["amount"] or 0),
                occurred_on=data["occurred_on"],
                note=data["note"],
                idempotency_key=data["request_id"],
                actor=request.user,
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The savings movement is recorded."))
            return HttpResponseRedirect(request.path)
    balances = selectors.members_of(cooperative).get(pk=member.pk)
    return render(
        request,
        "web/backoffice/member_savings.html",
        {
            "cooperative": cooperative,
            "member": member,
            "balances": balances,
            "movements": member.savings_movements.order_by("-occurred_on", "-pk")[:100],
            "form": form,
            "current": "members",
        },
    )


@login_required(login_url="web:sign-in")
def applications(
    request: HttpRequest, cooperative_id: int, errors: dict[int, str] | None = None
) -> HttpResponse:
    cooperative = _for_admins(request, cooperative_id)
    errors = errors or {}
    rows = [
        (
            application,
            permissions.member_nik_for(request.user, application),
            errors.get(application.pk),
        )
        for application in selectors.pending_applications(cooperative).order_by("created_at")
    ]
    decided = selectors.applications_of(cooperative).exclude(status="pending")[:20]
    return render(
        request,
        "web/backoffice/applications.html",
        {
            "cooperative": cooperative,
            "rows": rows,
            "decided": [(a, selectors.decision_whatsapp_link(a)) for a in decided],
            "current": "members",
        },
        status=400 if errors else 200,
    )


@require_POST
@login_required(login_url="web:sign-in")
def application_decide(
    request: SignedInRequest, cooperative_id: int, application_id: int
) -> HttpResponse:
    cooperative = _for_admins(request, cooperative_id)
    application = MemberApplication.objects.filter(
        pk=application_id, cooperative=cooperative
    ).first()
    if application is None:
        raise Http404("No such application.")
    back = reverse("web:backoffice-applications", args=[cooperative.pk])
    try:
        if request.POST.get("decision") == "approve":
            member = services.application_approve(application=application, actor=request.user)
            messages.success(
                request,
                _("%(name)s is now member %(number)s.")
                % {"name": member.name, "number": member.number},
            )
        else:
            reason = request.POST.get("rejection_reason", "")
            services.application_reject(application=application, actor=request.user, reason=reason)
            messages.success(request, _("The application is rejected."))
    except ValidationError as error:
        if getattr(error, "code", None) == "already_decided":
            messages.error(request, error.messages[0])
        else:
            return applications(request, cooperative.pk, errors={application.pk: error.messages[0]})
    return HttpResponseRedirect(back)


@login_required(login_url="web:sign-in")
def member_import_page(request: SignedInRequest, cooperative_id: int) -> HttpResponse:
    cooperative = _for_admins(request, cooperative_id)
    form = ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = member_import(
            cooperative=cooperative, file=upload, filename=upload.name, actor=request.user
        )
    return render(
        request,
        "web/backoffice/member_import.html",
        {
            "cooperative": cooperative,
            "form": form,
            "result": result,
            "columns": EXPORT_HEADERS,
            "current": "members",
        },
        status=400 if result is not None and not result.ok else 200,
    )


@login_required(login_url="web:sign-in")
def member_export(request: HttpRequest, cooperative_id: int) -> HttpResponse:
    """The list as a file; the NIK column only when ticked, and only for those who may
    see NIKs (the cooperative's admins)."""
    cooperative = _for_admins(request, cooperative_id)
    form = MemberExportForm(request.GET or None)
    if form.is_bound and form.is_valid():
        with_nik = form.cleaned_data["with_nik"] and permissions.can_see_niks_of(
            request.user, cooperative.pk
        )
        file_format = form.cleaned_data["format"]
        content, content_type = member_list_file(
            cooperative, file_format=file_format, with_nik=with_nik
        )
        response = HttpResponse(content, content_type=content_type)
        name = f"anggota-{cooperative.pk}-{timezone.localdate():%Y%m%d}.{file_format}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response
    return render(
        request,
        "web/backoffice/member_export.html",
        {"cooperative": cooperative, "form": form, "current": "members"},
    )
