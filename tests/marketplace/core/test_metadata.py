"""Metadata writes change keys in the database, so concurrent writers keep each other's keys."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from marketplace.core.metadata import metadata_delete, metadata_update
from marketplace.orders.models import Order
from tests.factories.orders import OrderFactory


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_of_different_keys_both_win():
    # given an order, and a first writer that holds its row while the second one writes
    order = OrderFactory(metadata={"awal": "1"})
    first_wrote = threading.Event()
    second_started = threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with transaction.atomic():
                metadata_update(instance=Order.objects.get(pk=order.pk), items={"kasir": "Made"})
                first_wrote.set()
                second_started.wait(10)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    def second() -> None:
        try:
            first_wrote.wait(10)
            stale = Order.objects.get(pk=order.pk)  # read before the first commits
            assert stale.metadata == {"awal": "1"}
            second_started.set()
            metadata_update(instance=stale, items={"kurir": "Ojek"})
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    # when
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    # then: no write was lost
    assert errors == []
    assert Order.objects.get(pk=order.pk).metadata == {
        "awal": "1",
        "kasir": "Made",
        "kurir": "Ojek",
    }


@pytest.mark.django_db
def test_update_and_delete_keep_other_keys_and_the_instance_in_step():
    order = OrderFactory(metadata={"a": "1"}, private_metadata={"p": "x"})
    before = order.updated_at
    metadata_update(instance=order, items={"b": "2"})
    assert order.metadata == {"a": "1", "b": "2"}
    assert order.updated_at > before
    metadata_delete(instance=order, keys=["a", "tidak-ada"], private=False)
    metadata_delete(instance=order, keys=["p"], private=True)
    order.refresh_from_db()
    assert (order.metadata, order.private_metadata) == ({"b": "2"}, {})


@pytest.mark.django_db
def test_empty_key_and_missing_object_are_refused():
    order = OrderFactory()
    with pytest.raises(ValidationError) as empty:
        metadata_update(instance=order, items={"  ": "x"})
    assert empty.value.error_dict["input"][0].code == "required"
    Order.objects.filter(pk=order.pk).delete()
    with pytest.raises(ValidationError) as gone:
        metadata_update(instance=order, items={"k": "v"})
    assert gone.value.error_dict["metadata"][0].code == "not_found"
