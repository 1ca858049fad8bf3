"""A hub's shop lives at /<hub slug>/: no hub may take another part of the site's address."""

import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import URLResolver, get_resolver

from marketplace.village_hubs.models import RESERVED_HUB_SLUGS
from marketplace.village_hubs.services import village_hub_create, village_hub_update
from tests.factories.regions import village_pecatu
from tests.factories.village_hubs import VillageHubFactory


def _first_segments(patterns, prefix: str = "") -> set[str]:
    found = set()
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver) and not route:
            found |= _first_segments(pattern.url_patterns)
            continue
        segment = re.split(r"[/<.]", route, maxsplit=1)[0]
        if segment:
            found.add(segment)
    return found


def test_every_other_part_of_the_site_is_reserved():
    segments = _first_segments(get_resolver().url_patterns)
    segments.add(settings.STATIC_URL.strip("/"))
    assert {"graphql", "akun", "loket", "dinas"} <= segments
    assert segments <= RESERVED_HUB_SLUGS


@pytest.mark.django_db
def test_a_hub_named_like_a_part_of_the_site_gets_another_address():
    hub = village_hub_create(name="Dinas", village=village_pecatu())
    assert hub.slug == "dinas-2"


@pytest.mark.django_db
def test_a_reserved_address_is_refused_and_nothing_changes():
    with pytest.raises(ValidationError) as exc_info:
        village_hub_create(name="Loket Desa", slug="loket", village=village_pecatu())
    assert exc_info.value.error_dict["slug"][0].code == "unique"
    hub = VillageHubFactory(slug="desa-maju")
    with pytest.raises(ValidationError):
        village_hub_update(hub=hub, slug="akun")
    hub.refresh_from_db()
    assert hub.slug == "desa-maju"
