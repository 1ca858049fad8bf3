"""Permits shown on products, and object-level scoping of products."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from marketplace.catalog.selectors import (
    product_permits,
    products_manageable_by,
    products_visible_in_channel,
    user_can_manage_product,
)
from tests.factories.accounts import UserFactory
from tests.factories.catalog import ProductChannelListingFactory, ProductFactory
from tests.factories.channels import ChannelFactory
from tests.factories.village_hubs import CooperativeStaffFactory, ProducerFactory

pytestmark = pytest.mark.django_db


def test_product_permits_from_producer_with_expired_pirt_flagged():
    # given
    producer = ProducerFactory(
        pirt_number="2063404010123-23",
        halal_certificate_number="ID35110000123450623",
        halal_certificate_expires_on=datetime.date(2027, 6, 30),
        bpom_number="MD 224510107115",
    )
    product = ProductFactory(cooperative=producer.cooperative, producer=producer)
    # when
    permits = product_permits(product, today=datetime.date(2025, 3, 1))
    # then
    assert permits.pirt.number == "2063404010123-23"
    assert permits.pirt.expiry_year == 2023
    assert permits.pirt.expired is True
    assert permits.halal.expired is False
    assert permits.halal.expires_on == datetime.date(2027, 6, 30)
    assert permits.bpom.number == "MD 224510107115"


def test_product_permits_valid_pirt_and_none_without_producer():
    # given
    producer = ProducerFactory(pirt_number="2063404010123-29")
    with_producer = ProductFactory(cooperative=producer.cooperative, producer=producer)
    without = ProductFactory()
    # when
    permits = product_permits(with_producer, today=datetime.date(2025, 3, 1))
    # then
    assert permits.pirt.expired is False
    assert permits.halal is None
    assert permits.bpom is None
    assert product_permits(without).pirt is None


def test_products_manageable_by_scopes_to_cooperative():
    # given
    product_a, product_b = ProductFactory(), ProductFactory()
    staff_a = CooperativeStaffFactory(cooperative=product_a.cooperative).user
    platform = UserFactory(is_staff=True)
    # then
    assert list(products_manageable_by(staff_a)) == [product_a]
    assert user_can_manage_product(staff_a, product_a) is True
    assert user_can_manage_product(staff_a, product_b) is False
    assert set(products_manageable_by(platform)) == {product_a, product_b}
    assert user_can_manage_product(platform, product_b) is True
    assert not products_manageable_by(AnonymousUser()).exists()
    assert user_can_manage_product(AnonymousUser(), product_a) is False


def test_products_visible_in_channel_hides_unpublished_from_anonymous():
    # given
    channel = ChannelFactory()
    published = ProductChannelListingFactory(channel=channel).product
    unpublished = ProductChannelListingFactory(channel=channel, is_published=False).product
    hidden = ProductChannelListingFactory(channel=channel, visible_in_listings=False).product
    scheduled = ProductChannelListingFactory(
        channel=channel, published_at=timezone.now() + datetime.timedelta(days=1)
    ).product
    ProductChannelListingFactory()  # listed in another channel only
    ProductFactory()  # not listed anywhere
    coop_staff = CooperativeStaffFactory(cooperative=unpublished.cooperative).user
    platform = UserFactory(is_staff=True)
    # then
    assert list(products_visible_in_channel(channel=channel)) == [published]
    assert list(products_visible_in_channel(channel=channel, user=AnonymousUser())) == [published]
    assert set(products_visible_in_channel(channel=channel, user=coop_staff)) == {
        published,
        unpublished,
    }
    assert set(products_visible_in_channel(channel=channel, user=platform)) == {
        published,
        unpublished,
        hidden,
        scheduled,
    }
