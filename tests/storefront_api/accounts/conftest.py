from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from marketplace.core.models import OutgoingEmail

STOREFRONT = "https://toko.lumbung.id"


@pytest.fixture(autouse=True)
def storefront_hosts(settings: Any) -> None:
    settings.ALLOWED_CLIENT_HOSTS = ["toko.lumbung.id"]
    settings.ACCOUNT_CONFIRMATION_REQUIRED = True


def link_params(email: OutgoingEmail) -> dict[str, str]:
    """``email`` and ``token`` of the storefront link in an e-mail's text body."""
    url = re.search(re.escape(STOREFRONT) + r"\S+", email.body).group(0)
    html_url = re.search(re.escape(STOREFRONT) + r"[^\"\s<]+", email.html_body).group(0)
    assert html.unescape(html_url) == url
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}
