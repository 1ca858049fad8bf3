"""Signing in and out of the pages (a session cookie; the API keeps its JWTs)."""

from __future__ import annotations

from django.contrib.auth import login, logout
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from marketplace.accounts.models import User
from marketplace.accounts.services import user_authenticate, user_record_login
from marketplace.core.client_ip import client_ip
from web.account.forms import SignInForm
from web.core.forms import add_validation_errors

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _next_url(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return "/"


def after_sign_in(request: HttpRequest, user: User) -> None:
    """Everything that follows any successful sign-in on the pages (also right after
    registering): the session, ``last_login``, guest orders of the account's confirmed
    e-mail/phone. The shop's cart merge belongs here too."""
    login(request, user, backend=BACKEND)
    user_record_login(user=user)


def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = user_authenticate(
                login=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                ip=client_ip(request),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            after_sign_in(request, user)
            return HttpResponseRedirect(_next_url(request))
    status = 400 if form.errors else 200
    return render(
        request,
        "web/account/sign_in.html",
        {"form": form, "next": _next_url(request)},
        status=status,
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    return HttpResponseRedirect("/")
