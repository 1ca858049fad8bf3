from __future__ import annotations

import factory

from marketplace.channels.models import Channel


class ChannelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Channel

    name = factory.Sequence(lambda n: f"Channel {n}")
    slug = factory.Sequence(lambda n: f"channel-{n}")
    is_active = True
    currency_code = "IDR"
    default_country = "ID"
