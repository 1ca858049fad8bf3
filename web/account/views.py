"""A villager's account pages: sign in and out, register, passwords, orders, addresses.

Signed in with a session cookie (the API keeps its JWTs); every page calls the same
account services as the API. Pages of a signed-in user show only that user's data:
another user's address is a 404.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.accounts import selectors, services
from marketplace.accounts.models import Address, User
from marketplace.core.client_ip import client_ip
from marketplace.orders.customer_orders import (
    guest_orders_attach,
    user_phone_confirm_with_pickup_code,
)
from marketplace.orders.selectors import orders_of_user
from web.account.forms import (
    AddressForm,
    PasswordResetRequestForm,
    PasswordSetForm,
    PhoneConfirmForm,
    RegisterForm,
    SignInForm,
)
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


def _page_url(name: str) -> str:
    """Absolute URL of one of these pages, for the links in account e-mails."""
    return settings.PUBLIC_URL + reverse(name)


def after_sign_in(request: HttpRequest, user: User) -> None:
    """Everything that follows any successful sign-in on the pages (also right after
    registering or resetting a password): the session, ``last_login``, and the guest
    orders of the account's confirmed e-mail/phone, and the guest's carts (kept in the
    session, which ``login`` carries over) join the account's."""
    login(request, user, backend=BACKEND)
    services.user_record_login(user=user)
    guest_orders_attach(user=user)
    merge_guest_carts(request)


def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_authenticate(
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


def register(request: HttpRequest) -> HttpResponse:
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user, requires_confirmation = services.user_register(
                email=data["email"],
                phone=data["phone"],
                password=data["password"],
                first_name=data["first_name"],
                language_code=request.LANGUAGE_CODE,
                redirect_url=_page_url("web:confirm"),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            if requires_confirmation:
                return render(request, "web/account/check_email.html", {"email": user.email})
            after_sign_in(request, user)
            messages.success(request, _("Welcome! Your account is ready."))
            return HttpResponseRedirect(reverse("web:account"))
    status = 400 if form.errors else 200
    return render(request, "web/account/register.html", {"form": form}, status=status)


def confirm(request: HttpRequest) -> HttpResponse:
    """The link of the confirmation e-mail: a button, so link checkers confirm nothing."""
    email = request.POST.get("email") or request.GET.get("email") or ""
    token = request.POST.get("token") or request.GET.get("token") or ""
    error = ""
    if request.method == "POST":
        try:
            user = services.user_confirm(email=email, token=token)
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            after_sign_in(request, user)
            messages.success(request, _("Your e-mail address is confirmed."))
            return HttpResponseRedirect(reverse("web:account"))
    context = {"email": email, "token": token, "error": error}
    return render(request, "web/account/confirm.html", context, status=400 if error else 200)


def password_reset(request: HttpRequest) -> HttpResponse:
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        login_name = form.cleaned_data["login"].strip()
        by_phone = "@" not in login_name
        if not by_phone:
            try:
                services.user_password_reset_request(
                    email=login_name, redirect_url=_page_url("web:password-set")
                )
            except ValidationError as error:
                add_validation_errors(form, error)
        if not form.errors:
            return render(request, "web/account/password_reset_sent.html", {"by_phone": by_phone})
    status = 400 if form.errors else 200
    return render(request, "web/account/password_reset.html", {"form": form}, status=status)


def password_set(request: HttpRequest) -> HttpResponse:
    """The link of the password reset e-mail: choose a new password, then signed in."""
    email = request.POST.get("email") or request.GET.get("email") or ""
    token = request.POST.get("token") or request.GET.get("token") or ""
    form = PasswordSetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_password_set(
                email=email, token=token, password=form.cleaned_data["password"]
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            if user.is_active:
                after_sign_in(request, user)
            messages.success(request, _("Your new password is saved."))
            return HttpResponseRedirect(reverse("web:account"))
    context = {"form": form, "email": email, "token": token}
    return render(
        request, "web/account/password_set.html", context, status=400 if form.errors else 200
    )


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "web/account/account.html", {"account": request.user})


@login_required
def orders(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    form = PhoneConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            attached = user_phone_confirm_with_pickup_code(
                user=user, pickup_code=form.cleaned_data["pickup_code"]
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request,
                _("Your phone number is confirmed. Orders added to your account: %(count)d.")
                % {"count": attached},
            )
            return HttpResponseRedirect(reverse("web:orders"))
    context = {
        "orders": orders_of_user(user).select_related("channel")[:100],
        "phone_form": form if user.phone and not user.is_phone_confirmed else None,
    }
    return render(request, "web/account/orders.html", context, status=400 if form.errors else 200)


def _own_address(request: HttpRequest, address_id: int) -> Address:
    assert isinstance(request.user, User)
    return get_object_or_404(selectors.user_addresses(user=request.user), pk=address_id)


@login_required
def addresses(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    context = {
        "addresses": selectors.user_addresses(user=user),
        "default_id": user.default_shipping_address_id,
    }
    return render(request, "web/account/addresses.html", context)


@login_required
def address_edit(request: HttpRequest, address_id: int | None = None) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)
    address = _own_address(request, address_id) if address_id is not None else None
    initial = {}
    if address is not None:
        initial = {name: getattr(address, name) for name in AddressForm.base_fields}
    form = AddressForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {**form.cleaned_data, "country": "ID"}
        try:
            if address is None:
                services.address_create(data=data, user=user)
            else:
                services.address_update(address=address, data=data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("The address is saved."))
            return HttpResponseRedirect(reverse("web:addresses"))
    context = {"form": form, "address": address}
    return render(
        request, "web/account/address_form.html", context, status=400 if form.errors else 200
    )


@login_required
@require_POST
def address_delete(request: HttpRequest, address_id: int) -> HttpResponse:
    address = _own_address(request, address_id)
    assert isinstance(request.user, User)
    services.address_delete(address=address, user=request.user)
    messages.success(request, _("The address is deleted."))
    return HttpResponseRedirect(reverse("web:addresses"))


@login_required
@require_POST
def address_set_default(request: HttpRequest, address_id: int) -> HttpResponse:
    address = _own_address(request, address_id)
    user = request.user
    assert isinstance(user, User)
    for address_type in ("shipping", "billing"):
        services.user_default_address_set(user=user, address=address, address_type=address_type)
    messages.success(request, _("This is now your main address."))
    return HttpResponseRedirect(reverse("web:addresses"))
