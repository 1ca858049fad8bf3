"""Whether an address lies in a shipping method's zone (the country, at most a regency).

A village courier delivers only inside its hub's regency. An address tied to a village
(``Address.village``) is in a regency when the village's Kemendagri code starts with the
regency's (``51.03.`` for Kabupaten Badung). An address without a village, as a Saleor
storefront sends it, is compared by its ``city`` (kabupaten/kota) with the regency's name,
ignoring case and a "Kabupaten"/"Kab."/"Kota" prefix; when the address names the kind
("Kota Bogor") it must match the regency's kind too.
"""

from __future__ import annotations

import re

from marketplace.accounts.models import Address
from marketplace.regions.models import Regency
from marketplace.shipping.models import ShippingMethod

_PREFIX = re.compile(r"^(kabupaten|kab\.?|kota|kot\.?)\s+", re.IGNORECASE)
_KINDS = {"kabupaten": Regency.Kind.KABUPATEN, "kab": Regency.Kind.KABUPATEN}


def _split(name: str) -> tuple[str | None, str]:
    """``"Kab. Badung"`` → (``"kabupaten"``, ``"badung"``); no prefix → (None, name)."""
    text = " ".join(name.split()).lower()
    match = _PREFIX.match(text)
    if match is None:
        return None, text
    word = match.group(1).rstrip(".")
    kind = _KINDS.get(word, Regency.Kind.KOTA)
    return kind, text[match.end() :]


def address_in_regency(*, address: Address, regency: Regency) -> bool:
    """Whether ``address`` (in Indonesia) lies in ``regency``."""
    if address.country != "ID":
        return False
    if address.village_id:
        return str(address.village_id).startswith(f"{regency.pk}.")
    kind, name = _split(address.city or "")
    regency_kind, regency_name = _split(regency.name)
    if not name or name != regency_name:
        return False
    return kind is None or kind == (regency_kind or regency.kind)


def method_serves_address(*, method: ShippingMethod, address: Address | None, country: str) -> bool:
    """Whether ``method`` (of a channel selling in ``country``) delivers to ``address``;
    without an address only a method with no regency can be offered."""
    if address is None:
        return method.regency_id is None
    if address.country.upper() != country.upper():
        return False
    regency = method.regency  # None without a query when regency_id is None
    if regency is None:
        return True
    return address_in_regency(address=address, regency=regency)
