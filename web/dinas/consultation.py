"""The district desk's side of the consultations: a thread to answer or close, its
files. A thread of a cooperative outside the officer's region is a 404, as the
cooperative itself is (``coop_reporting.consultation.selectors``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coop_reporting.consultation import selectors, services
from coop_reporting.consultation.models import ConsultationThread
from coop_reporting.supervision.selectors import SupervisionScope
from web.core import consultation as shared
from web.core.requests import SignedInRequest
from web.dinas.access import dinas_required


def _thread(request: HttpRequest, scope: SupervisionScope, thread_id: int) -> ConsultationThread:
    thread = selectors.thread_for(request.user, thread_id)
    if thread is None or not scope.covers(thread.cooperative.village_id):
        raise Http404
    return thread


def _url(thread: ConsultationThread) -> str:
    return reverse("web:dinas-consultation", args=[thread.pk])


@dinas_required
def thread(request: HttpRequest, thread_id: int, *, scope: SupervisionScope) -> HttpResponse:
    item = _thread(request, scope, thread_id)
    context = shared.thread_context(request, item)
    form = shared.form_for(shared.ReplyForm, request) if context["side"] else None
    if form is not None:
        form.fields["text"].label = _("Your answer")
    if request.method == "POST":
        if form is None:
            raise Http404

        def send(files: list[services.Upload]) -> str:
            shared.reply(item, context["side"], request.user, files, form.cleaned_data["text"])
            messages.success(request, _("Your answer was sent to the cooperative."))
            return _url(item)

        if done := shared.send_once(request, form, send):
            return done
    return render(
        request,
        "web/dinas/consultation.html",
        {
            **context,
            "coop": item.cooperative,
            "form": form,
            "close_url": reverse("web:dinas-consultation-close", args=[item.pk]),
        },
        status=400 if form is not None and form.is_bound else 200,
    )


@require_POST
@dinas_required
def close(request: SignedInRequest, thread_id: int, *, scope: SupervisionScope) -> HttpResponse:
    item = _thread(request, scope, thread_id)
    if not item.is_closed:
        services.consultation_close(thread=item, actor=request.user)
        messages.success(request, _("The consultation is closed. It stays on the record."))
    return HttpResponseRedirect(_url(item))


@dinas_required
def attachment(
    request: HttpRequest, thread_id: int, attachment_id: int, *, scope: SupervisionScope
) -> FileResponse:
    return shared.attachment_download(_thread(request, scope, thread_id), attachment_id)
