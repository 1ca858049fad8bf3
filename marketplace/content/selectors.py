"""Reads of storefront content: what each viewer may see.

Collections are visible to everyone where published in an active channel (published_at
empty or past); pages where published. Platform staff see everything. Menus are public.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from marketplace import permissions
from marketplace.accounts.models import User
from marketplace.channels.models import Channel
from marketplace.content.models import Collection, CollectionChannelListing, Page

is_platform_staff = permissions.is_platform_staff


def collections_visible_to(
    *, user: User | AnonymousUser | None, channel: Channel | None
) -> QuerySet[Collection]:
    """Collections published in ``channel`` (all of them for platform staff; those listed
    in ``channel`` when one is given)."""
    listings = CollectionChannelListing.objects.filter(collection=OuterRef("pk"))
    if channel is not None:
        listings = listings.filter(channel=channel)
    if is_platform_staff(user):
        if channel is None:
            return Collection.objects.all()
        return Collection.objects.filter(Exists(listings))
    if channel is None:
        return Collection.objects.none()
    published = listings.filter(
        Q(published_at__isnull=True) | Q(published_at__lte=timezone.now()),
        is_published=True,
        channel__is_active=True,
    )
    return Collection.objects.filter(Exists(published))


def pages_visible_to(*, user: User | AnonymousUser | None) -> QuerySet[Page]:
    """Published pages (publication date empty or past); every page for platform staff."""
    if is_platform_staff(user):
        return Page.objects.all()
    return Page.objects.filter(
        Q(published_at__isnull=True) | Q(published_at__lte=timezone.now()), is_published=True
    )
