"""The shop's forms: labels and messages in the visitor's language, errors next to fields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.search import MAX_SEARCH_LENGTH
from marketplace.catalog.search.facets import PRICE_BAND_LIMITS
from marketplace.core.phone import InvalidPhoneNumber, normalize_phone_id

if TYPE_CHECKING:
    # lazy text (gettext_lazy) as the Django stubs name it; a name only the stubs have
    from django.utils.functional import _StrPromise as StrPromise

PICKUP = "pickup"
DELIVERY = "delivery"
PAY_AT_PICKUP = "pay_at_pickup"
ONLINE_METHODS = (
    ("snap", _("Midtrans payment page (card, e-wallet, bank, minimarket)")),
    ("qris", _("QRIS (scan with any banking or e-wallet app)")),
    ("bca_va", _("BCA virtual account")),
    ("bni_va", _("BNI virtual account")),
    ("bri_va", _("BRI virtual account")),
)


class HubSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Province, regency or village"), max_length=100, required=False, strip=True
    )


class ShopSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search products"),
        max_length=MAX_SEARCH_LENGTH,
        required=False,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "off", "list": "search-suggestions"}),
    )


class ShopFilterForm(forms.Form):
    """The facet filters of the shop's search page, read from its address (links and a
    GET form, so they work without JavaScript). The category stays ``kategori``."""

    koperasi = forms.IntegerField(min_value=1, required=False)
    harga = forms.TypedChoiceField(
        choices=[(str(i), str(i)) for i in range(len(PRICE_BAND_LIMITS) + 1)],
        coerce=int,
        required=False,
        empty_value=None,
    )
    halal = forms.TypedChoiceField(choices=[("1", "1")], coerce=int, required=False)
    pirt = forms.TypedChoiceField(choices=[("1", "1")], coerce=int, required=False)
    tersedia = forms.TypedChoiceField(choices=[("1", "1")], coerce=int, required=False)

    def filters(self) -> dict[str, int]:
        """The valid filters that are set, by parameter name (invalid ones are left out)."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        return {name: int(value) for name, value in cleaned.items() if value not in (None, "")}


def _max_quantity() -> int:
    return int(settings.MAX_CHECKOUT_LINE_QUANTITY)


class AddToCartForm(forms.Form):
    variant = forms.TypedChoiceField(label=_("Choice"), coerce=int)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, initial=1)

    def __init__(
        self, data: Mapping[str, Any] | None = None, *, variants: list[tuple[int, str]]
    ) -> None:
        super().__init__(data)
        cast(forms.TypedChoiceField, self.fields["variant"]).choices = variants
        cast(forms.IntegerField, self.fields["quantity"]).max_value = _max_quantity()
        self.fields["quantity"].widget.attrs.update(
            {"max": _max_quantity(), "inputmode": "numeric"}
        )
        if len(variants) == 1:
            self.fields["variant"].widget = forms.HiddenInput()
            self.fields["variant"].initial = variants[0][0]


class LineUpdateForm(forms.Form):
    line = forms.UUIDField(widget=forms.HiddenInput)
    quantity = forms.IntegerField(label=_("Quantity"), min_value=0)


class LineRemoveForm(forms.Form):
    line = forms.UUIDField(widget=forms.HiddenInput)


class CheckoutForm(forms.Form):
    """Who buys, how the order reaches them and how they pay; one page."""

    name = forms.CharField(label=_("Your name"), max_length=120)
    phone = forms.CharField(
        label=_("WhatsApp or phone number"),
        max_length=20,
        help_text=_("The hub contacts you on this number, e.g. 0812 3456 7890."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("E-mail (optional)"),
        required=False,
        help_text=_("Only if you want the order confirmation by e-mail."),
    )
    delivery = forms.ChoiceField(label=_("How you get the order"), widget=forms.RadioSelect)
    pickup_point = forms.TypedChoiceField(label=_("Pickup point"), coerce=int, required=False)
    street_address_1 = forms.CharField(label=_("Street, house number, RT/RW"), required=False)
    city_area = forms.CharField(label=_("District (kecamatan)"), required=False)
    city = forms.CharField(label=_("Regency or city"), required=False)
    country_area = forms.CharField(label=_("Province"), required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=5, required=False)
    payment = forms.ChoiceField(label=_("How you pay"), widget=forms.RadioSelect)
    place_token = forms.UUIDField(widget=forms.HiddenInput)

    ADDRESS_FIELDS = ("street_address_1", "city_area", "city", "country_area", "postal_code")

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        initial: dict[str, Any] | None = None,
        pickup_points: list[tuple[int, str]],
        shipping_label: str | None,
        pay_at_pickup: bool,
        online: bool,
    ) -> None:
        super().__init__(data, initial=initial)
        delivery_field = cast(forms.ChoiceField, self.fields["delivery"])
        pickup_field = cast(forms.TypedChoiceField, self.fields["pickup_point"])
        payment_field = cast(forms.ChoiceField, self.fields["payment"])
        deliveries: list[tuple[str, str | StrPromise]] = []
        if pickup_points:
            deliveries.append((PICKUP, _("Pick up at the village hub (free)")))
        if shipping_label:
            deliveries.append((DELIVERY, shipping_label))
        delivery_field.choices = deliveries
        self.fields["delivery"].initial = deliveries[0][0] if deliveries else None
        pickup_field.choices = pickup_points
        if pickup_points:
            self.fields["pickup_point"].initial = pickup_points[0][0]
        if len(pickup_points) <= 1:
            self.fields["pickup_point"].widget = forms.HiddenInput()
        payments: list[tuple[str, str | StrPromise]] = []
        if pay_at_pickup:
            payments.append((PAY_AT_PICKUP, _("Pay in cash when you pick up")))
        if online:
            payments.extend(ONLINE_METHODS)
        payment_field.choices = payments
        self.fields["payment"].initial = payments[0][0] if payments else None
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_phone(self) -> str:
        try:
            return normalize_phone_id(self.cleaned_data["phone"])
        except InvalidPhoneNumber:
            raise forms.ValidationError(
                _("Enter an Indonesian phone number, e.g. 0812 3456 7890."), code="invalid"
            ) from None

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("delivery") == PICKUP and not data.get("pickup_point"):
            self.add_error("pickup_point", _("Choose a pickup point."))
        if data.get("delivery") == DELIVERY:
            for name in self.ADDRESS_FIELDS:
                if name != "city_area" and not data.get(name):
                    self.add_error(name, _("This field is required for delivery."))
            if data.get("payment") == PAY_AT_PICKUP:
                self.add_error("payment", _("Paying in cash needs pickup at the hub."))
        return data
