"""Signing in and out of the pages (a session cookie; the API keeps its JWTs)."""

from __future__ import annotations

from django.contrib.auth import login, logout
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from marketplace.accounts.services import user_authenticate, user_record_login
from web.account.forms import SignInForm
from web.core.forms import add_validation_errors
from web.shop.cart import merge_guest_carts

BACKEND = "django.contrib.auth.backends.ModelBackend"


def _next_url(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return "/"


def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = user_authenticate(
                email=form.cleaned_data["email"], password=form.cleaned_data["password"]
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            login(request, user, backend=BACKEND)
            merge_guest_carts(request)
            user_record_login(user=user)
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
