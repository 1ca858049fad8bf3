"""The cooperative's consultations with its Dinas: the list, asking a question (one
page), a thread with its replies, replying and closing. Only the cooperative's admins
(pengurus) and platform staff see them (``coop_reporting.consultation.selectors``);
anyone else gets 404, as for the rest of the back office."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coop_reporting.consultation import selectors, services
from coop_reporting.consultation.models import ConsultationSide, ConsultationThread
from marketplace.catalog.images import image_clean
from marketplace.village_hubs.models import Cooperative
from web.backoffice.access import cooperative_for_staff
from web.core import consultation as shared
from web.core.requests import SignedInRequest


def _cooperative(request: HttpRequest, cooperative_id: int) -> Cooperative:
    cooperative = cooperative_for_staff(request, cooperative_id)
    if not selectors.can_read_threads_of(request.user, cooperative):
        raise Http404("No such cooperative.")
    return cooperative


def _thread(request: HttpRequest, cooperative: Cooperative, thread_id: int) -> ConsultationThread:
    thread = selectors.thread_for(request.user, thread_id)
    if thread is None or thread.cooperative_id != cooperative.pk:
        raise Http404("No such consultation.")
    return thread


def _thread_url(thread: ConsultationThread) -> str:
    return reverse("web:backoffice-consultation", args=[thread.cooperative_id, thread.pk])


@login_required(login_url="web:sign-in")
def threads(request: HttpRequest, cooperative_id: int) -> HttpResponse:
    cooperative = _cooperative(request, cooperative_id)
    return render(
        request,
        "web/backoffice/consultations.html",
        {
            "cooperative": cooperative,
            "threads": selectors.cooperative_threads(cooperative),
            "can_ask": selectors.writing_side(request.user, cooperative)
            == ConsultationSide.COOPERATIVE,
            "current": "consultations",
        },
    )


@login_required(login_url="web:sign-in")
def ask(request: SignedInRequest, cooperative_id: int) -> HttpResponse:
    cooperative = _cooperative(request, cooperative_id)
    if selectors.writing_side(request.user, cooperative) != ConsultationSide.COOPERATIVE:
        raise Http404("Only the cooperative's admins ask.")
    form = shared.form_for(shared.AskForm, request)

    def send(files: list[services.Upload]) -> str:
        thread = services.consultation_ask(
            cooperative=cooperative,
            actor=request.user,
            topic=form.cleaned_data["topic"],
            text=form.cleaned_data["text"],
            files=files,
            image_clean=image_clean,
        )
        messages.success(request, _("Your question was sent to the Dinas."))
        return _thread_url(thread)

    if request.method == "POST" and (done := shared.send_once(request, form, send)):
        return done
    return render(
        request,
        "web/backoffice/consultation_ask.html",
        {"cooperative": cooperative, "form": form, "current": "consultations"},
        status=400 if form.is_bound else 200,
    )


@login_required(login_url="web:sign-in")
def thread(request: HttpRequest, cooperative_id: int, thread_id: int) -> HttpResponse:
    cooperative = _cooperative(request, cooperative_id)
    item = _thread(request, cooperative, thread_id)
    context = shared.thread_context(request, item)
    form = shared.form_for(shared.ReplyForm, request) if context["side"] else None
    if request.method == "POST":
        if form is None:
            raise Http404

        def send(files: list[services.Upload]) -> str:
            shared.reply(item, context["side"], request.user, files, form.cleaned_data["text"])
            messages.success(request, _("Your reply was sent."))
            return _thread_url(item)

        if done := shared.send_once(request, form, send):
            return done
    return render(
        request,
        "web/backoffice/consultation.html",
        {
            **context,
            "cooperative": cooperative,
            "form": form,
            "close_url": reverse(
                "web:backoffice-consultation-close", args=[cooperative.pk, item.pk]
            ),
            "current": "consultations",
        },
        status=400 if form is not None and form.is_bound else 200,
    )


@require_POST
@login_required(login_url="web:sign-in")
def close(request: SignedInRequest, cooperative_id: int, thread_id: int) -> HttpResponse:
    cooperative = _cooperative(request, cooperative_id)
    item = _thread(request, cooperative, thread_id)
    if not item.is_closed:
        services.consultation_close(thread=item, actor=request.user)
        messages.success(request, _("The consultation is closed. It stays on the record."))
    return HttpResponseRedirect(_thread_url(item))


@login_required(login_url="web:sign-in")
def attachment(
    request: HttpRequest, cooperative_id: int, thread_id: int, attachment_id: int
) -> FileResponse:
    cooperative = _cooperative(request, cooperative_id)
    return shared.attachment_download(_thread(request, cooperative, thread_id), attachment_id)
