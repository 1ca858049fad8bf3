"""The ``channel`` argument of the account e-mail mutations (Saleor's ``clean_channel``).

Saleor sends its account e-mails through per-channel plugins, so it wants to know the
channel. Lumbung's e-mails do not depend on the channel: a given slug must name an
active channel (``NOT_FOUND`` / ``CHANNEL_INACTIVE`` on ``channel``, as Saleor), and
omitting it is fine even when several channels exist.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from marketplace.accounts.error_codes import AccountErrorCode
from marketplace.channels.models import Channel
from marketplace.core.exceptions import field_error


def notify_channel_clean(slug: str | None) -> None:
    """Raise ValidationError on ``channel`` unless ``slug`` is None or an active channel."""
    if slug is None:
        return
    channel = Channel.objects.filter(slug=slug).only("is_active").first()
    if channel is None:
        raise field_error(
            "channel",
            _("Channel with '%(slug)s' slug does not exist.") % {"slug": slug},
            AccountErrorCode.NOT_FOUND,
        )
    if not channel.is_active:
        raise field_error(
            "channel",
            _("Channel with '%(slug)s' is inactive.") % {"slug": slug},
            AccountErrorCode.CHANNEL_INACTIVE,
        )
