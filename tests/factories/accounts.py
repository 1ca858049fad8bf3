from __future__ import annotations

import factory

from marketplace.accounts.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    first_name = "Sari"
    last_name = "Wulandari"
    password = factory.django.Password("password")
