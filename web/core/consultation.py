"""What the back office's and the district desk's consultation pages share: the forms,
sending a message once (a double submit does its work once), the thread's page context
and an attachment's download. Who may do what is ``coop_reporting.consultation.selectors``;
the writes are its services, the same ones the API calls."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from coop_reporting.consultation import selectors, services
from coop_reporting.consultation.models import (
    ConsultationAttachment,
    ConsultationThread,
    ConsultationTopic,
)
from marketplace.catalog.images import image_clean
from web.core.forms import add_validation_errors

SENT_FOR_SECONDS = 3600


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Zero or more files from one ``<input type=file multiple>``; checked by the service."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        files = data if isinstance(data, list | tuple) else [data]
        return [item for item in files if item]


def _attachments_field() -> AttachmentsField:
    return AttachmentsField(
        label=_("Attach files (optional)"),
        required=False,
        help_text=_("PDF, JPEG, PNG or WebP, at most 3 files, as for RAT reports."),
    )


class ReplyForm(forms.Form):
    send_token = forms.UUIDField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Your reply"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=services.MAX_TEXT_LENGTH,
        error_messages={"required": _("Write your message.")},
    )
    attachments = _attachments_field()


class AskForm(ReplyForm):
    topic = forms.ChoiceField(
        label=_("What is your question about?"),
        choices=ConsultationTopic.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a topic.")},
    )
    field_order = ["send_token", "topic", "text", "attachments"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].label = _("Your question")
        self.fields["text"].help_text = _(
            "Write it as you would tell the Dinas officer: what happened and what you need."
        )


def form_for(form_class: type[ReplyForm], request: HttpRequest) -> ReplyForm:
    """The form, bound on POST; a fresh token for each page shown."""
    if request.method == "POST":
        return form_class(request.POST, request.FILES)
    return form_class(initial={"send_token": uuid.uuid4()})


def send_once(
    request: HttpRequest, form: ReplyForm, send: Callable[[list[services.Upload]], str]
) -> HttpResponse | None:
    """Run ``send(files)`` (which returns where to go next) once per form token: a second
    submit of the same form goes where the first went. ``None`` when the form or the
    service refused it (the errors are on the form)."""
    if not form.is_valid():
        return None
    key = f"consultation-sent:{form.cleaned_data['send_token']}:{request.user.pk}"
    if not cache.add(key, "", SENT_FOR_SECONDS):
        return HttpResponseRedirect(cache.get(key) or request.path)
    files = [
        services.Upload(name=item.name, content=item) for item in form.cleaned_data["attachments"]
    ]
    try:
        target = send(files)
    except ValidationError as error:
        cache.delete(key)
        add_validation_errors(form, error)
        return None
    cache.set(key, target, SENT_FOR_SECONDS)
    return HttpResponseRedirect(target)


def reply(thread: ConsultationThread, side: str, user: Any, files: list[Any], text: str) -> None:
    services.consultation_reply(
        thread=thread, side=side, actor=user, text=text, files=files, image_clean=image_clean
    )


def thread_context(request: HttpRequest, thread: ConsultationThread) -> dict[str, Any]:
    side = selectors.writing_side(request.user, thread.cooperative)
    return {
        "thread": thread,
        "thread_messages": list(selectors.thread_messages(thread)),
        "side": side,
        "can_close": not thread.is_closed and selectors.can_close(request.user, thread),
    }


def attachment_download(thread: ConsultationThread, attachment_id: int) -> FileResponse:
    """One of the thread's files (the caller checked who reads the thread)."""
    attachment = ConsultationAttachment.objects.filter(
        pk=attachment_id, message__thread=thread
    ).first()
    if attachment is None:
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.file_name or attachment.file.name.rsplit("/", 1)[-1],
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
