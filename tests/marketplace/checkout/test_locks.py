"""A checkout service decides on the checkout as it is once its row is locked, even when
the caller's object was read before a change to it."""

from __future__ import annotations

from marketplace.checkout.locks import checkout_lock
from marketplace.checkout.models import Checkout
from tests.factories.checkout import CheckoutFactory, pickup_point

RELATIONS = ("channel", "collection_point")


def test_the_lock_reuses_what_the_caller_read_when_it_is_still_the_same_row(hub, point):
    checkout = CheckoutFactory(channel=hub.channel, collection_point=point)
    read = Checkout.objects.select_related(*RELATIONS).get(pk=checkout.pk)

    locked = checkout_lock(read, joined=RELATIONS)

    assert locked is not None
    assert locked.collection_point is read.collection_point  # taken over, not read again
    assert locked.channel is read.channel


def test_a_pickup_point_changed_after_the_callers_read_is_the_new_one(hub, point):
    # given a buyer's request that read the checkout with its pickup point
    checkout = CheckoutFactory(channel=hub.channel, collection_point=point)
    read = Checkout.objects.select_related(*RELATIONS).get(pk=checkout.pk)
    # and another request that chose another pickup point right after
    other = pickup_point(hub, name="Titik ambil kedua")
    Checkout.objects.filter(pk=checkout.pk).update(collection_point=other)

    # when the first request locks the checkout
    locked = checkout_lock(read, joined=RELATIONS)

    # then it sees the pickup point as it is now
    assert locked is not None
    assert locked.collection_point_id == other.pk
    assert locked.collection_point.name == "Titik ambil kedua"


def test_a_checkout_completed_meanwhile_is_none(hub, point):
    checkout = CheckoutFactory(channel=hub.channel, collection_point=point)
    read = Checkout.objects.select_related(*RELATIONS).get(pk=checkout.pk)
    Checkout.objects.filter(pk=checkout.pk).delete()

    assert checkout_lock(read, joined=RELATIONS) is None
