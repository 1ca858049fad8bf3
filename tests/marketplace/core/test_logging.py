"""Logs are JSON lines in production and readable lines in development."""

import json
import logging
import logging.config

import pytest
from django.conf import settings

from marketplace.core.logging import logging_config


@pytest.fixture(autouse=True)
def _restore_logging():
    yield
    logging.config.dictConfig(settings.LOGGING)


def log_one_event(log_format: str, capsys) -> str:
    logging.config.dictConfig(logging_config(log_format=log_format, level="INFO"))
    logging.getLogger("marketplace.orders").info("order_paid", extra={"order_id": 42})
    return capsys.readouterr().err.strip().splitlines()[-1]


def test_production_logs_are_json_lines_with_extra_fields(capsys):
    line = log_one_event("json", capsys)

    record = json.loads(line)
    assert record["message"] == "order_paid"
    assert record["order_id"] == 42
    assert record["level"] == "INFO"
    assert record["logger"] == "marketplace.orders"


def test_development_logs_are_readable(capsys):
    line = log_one_event("console", capsys)

    assert "INFO" in line
    assert "marketplace.orders order_paid order_id=42" in line
