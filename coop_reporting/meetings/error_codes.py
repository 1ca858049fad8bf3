"""Error codes of RAT meetings (values as Saleor's: lowercase)."""

from __future__ import annotations

from enum import Enum


class RatMeetingErrorCode(Enum):
    GRAPHQL_ERROR = "graphql_error"  # an ID that does not decode or names another type
    NOT_FOUND = "not_found"
    INVALID = "invalid"
    REQUIRED = "required"
    ALREADY_EXISTS = "already_exists"
    NOT_A_MEMBER = "not_a_member"  # not an active member of the meeting's cooperative
    NOT_PRESENT = "not_present"  # only members who attend vote
    ITEM_NOT_OPEN = "item_not_open"
    ALREADY_VOTED = "already_voted"  # a vote is final
    INVALID_QUORUM = "invalid_quorum"
