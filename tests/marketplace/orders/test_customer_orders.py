"""Earlier guest orders joining the account of the e-mail or phone they were placed with."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from marketplace.accounts import services
from marketplace.accounts.models import User
from marketplace.orders.customer_orders import (
    guest_orders_attach,
    user_phone_confirm_with_pickup_code,
)
from marketplace.orders.models import OrderStatus
from marketplace.orders.selectors import orders_of_user
from tests.factories.accounts import AddressFactory
from tests.factories.orders import OrderFactory

pytestmark = pytest.mark.django_db

PASSWORD = "kopi-tubruk-2024"
PHONE = "+6281234567890"


def guest_order(*, phone: str = "", email: str = "", code: str = "", **kwargs):
    return OrderFactory(
        user=None,
        user_email=email,
        billing_address=AddressFactory(phone=phone) if phone else None,
        pickup_code=code,
        **kwargs,
    )


@pytest.fixture(autouse=True)
def _confirmation_by_email(settings):
    settings.ACCOUNT_CONFIRMATION_REQUIRED = True


def test_confirmed_email_takes_its_guest_orders_but_not_drafts_or_others():
    user = User.objects.create_user(email="siti@desa.id", password=PASSWORD)
    mine = guest_order(email="Siti@Desa.id")
    draft = guest_order(email="siti@desa.id", status=OrderStatus.DRAFT)
    other = guest_order(email="budi@desa.id")
    assert guest_orders_attach(user=user) == 1
    assert list(orders_of_user(user)) == [mine]
    draft.refresh_from_db()
    other.refresh_from_db()
    assert (draft.user, other.user) == (None, None)
    assert guest_orders_attach(user=user) == 0  # idempotent


def test_unconfirmed_email_takes_nothing():
    user = User.objects.create_user(email="siti@desa.id", password=PASSWORD, is_confirmed=False)
    guest_order(email="siti@desa.id")
    assert guest_orders_attach(user=user) == 0


def test_without_confirmation_links_an_email_proves_nothing_and_takes_nothing(settings):
    settings.ACCOUNT_CONFIRMATION_REQUIRED = False
    user, _ = services.user_register(email="siti@desa.id", password=PASSWORD)
    guest_order(email="siti@desa.id")
    assert guest_orders_attach(user=user) == 0


def test_a_phone_is_confirmed_by_a_pickup_code_then_its_guest_orders_join():
    user, _ = services.user_register(phone="0812-3456-7890", password=PASSWORD)
    first = guest_order(phone=PHONE, code="ACEFHJ")
    second = guest_order(phone=PHONE, code="KMNPRT", status=OrderStatus.FULFILLED)
    stranger = guest_order(phone="+6281299999999", code="UVWXY3")
    # an unconfirmed phone takes nothing
    assert guest_orders_attach(user=user) == 0
    # when
    attached = user_phone_confirm_with_pickup_code(user=user, pickup_code="acef-hj")
    # then
    assert attached == 2
    user.refresh_from_db()
    assert user.is_phone_confirmed
    assert set(orders_of_user(user)) == {first, second}
    stranger.refresh_from_db()
    assert stranger.user is None


def test_a_wrong_or_someone_elses_pickup_code_confirms_nothing_and_guessing_is_throttled():
    user, _ = services.user_register(phone="0812-3456-7890", password=PASSWORD)
    guest_order(phone="+6281299999999", code="UVWXY3")
    with pytest.raises(ValidationError) as other:
        user_phone_confirm_with_pickup_code(user=user, pickup_code="UVWXY3")
    assert other.value.error_dict["pickup_code"][0].code == "invalid"
    for _ in range(10):
        with pytest.raises(ValidationError):
            user_phone_confirm_with_pickup_code(user=user, pickup_code="AAAAAA")
    with pytest.raises(ValidationError) as delayed:
        user_phone_confirm_with_pickup_code(user=user, pickup_code="AAAAAA")
    assert delayed.value.error_dict["pickup_code"][0].code == "login_attempt_delayed"
    user.refresh_from_db()
    assert not user.is_phone_confirmed
