"""A fake Midtrans (Snap + Core API) on 127.0.0.1 for tests with the real ``midtransclient``.

It checks the server key (HTTP Basic), refuses a ``gross_amount`` that is not Σ price ×
quantity of ``item_details`` and duplicate order ids, issues Snap tokens, answers
``/v2/charge`` for QRIS, bank VA, Mandiri bill, e-wallets and minimarkets with bodies
shaped like Midtrans' own, answers ``/v2/{id}/status`` from its state, refunds (once per
``refund_key``) and cancels, and builds signed notifications to post to our endpoint.
"""

from __future__ import annotations

import base64
import hashlib
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import requests

STATUS_CODES = {
    "pending": "201",
    "settlement": "200",
    "capture": "200",
    "refund": "200",
    "partial_refund": "200",
    "cancel": "200",
    "deny": "202",
    "failure": "202",
    "expire": "407",
    "chargeback": "200",
    "partial_chargeback": "200",
}


def sign(order_id: str, status_code: str, gross_amount: str, server_key: str) -> str:
    return hashlib.sha512(f"{order_id}{status_code}{gross_amount}{server_key}".encode()).hexdigest()


class FakeMidtrans:
    def __init__(self, server_key: str) -> None:
        self.server_key = server_key
        self.transactions: dict[str, dict[str, Any]] = {}
        self.requests: list[tuple[str, str, dict[str, Any] | None]] = []
        self.fail_next: list[tuple[int, dict[str, Any]]] = []  # (HTTP status, body) queue
        self.lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: object) -> None:  # quiet
                pass

            def _answer(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _handle(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length) if length else b""
                body = json.loads(raw) if raw else None
                path = self.path.split("?")[0]
                with fake.lock:
                    fake.requests.append((method, path, body))
                    expected = "Basic " + base64.b64encode(f"{fake.server_key}:".encode()).decode()
                    if self.headers.get("Authorization") != expected:
                        status, answer = (
                            401,
                            {
                                "status_code": "401",
                                "status_message": "Unknown Merchant server_key/id",
                            },
                        )
                    elif fake.fail_next:
                        status, answer = fake.fail_next.pop(0)
                    else:
                        status, answer = fake.route(method, path, body)
                self._answer(status, answer)

            def do_GET(self) -> None:
                self._handle("GET")

            def do_POST(self) -> None:
                self._handle("POST")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # --- lifecycle -------------------------------------------------------------------

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> FakeMidtrans:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # --- Midtrans API ------------------------------------------------------------------

    def route(self, method: str, path: str, body: Any) -> tuple[int, dict[str, Any]]:
        parts = path.strip("/").split("/")
        if method == "POST" and path == "/snap/v1/transactions":
            return self.snap_create(body)
        if method == "POST" and path == "/v2/charge":
            return self.charge(body)
        if len(parts) == 3 and parts[0] == "v2" and method == "GET" and parts[2] == "status":
            return self.status(parts[1])
        if len(parts) == 3 and parts[0] == "v2" and method == "POST" and parts[2] == "refund":
            return self.refund(parts[1], body or {})
        if len(parts) == 3 and parts[0] == "v2" and method == "POST" and parts[2] == "cancel":
            return self.cancel(parts[1])
        return 404, {"status_code": "404", "status_message": "Not found"}

    def _check_amounts(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]] | None:
        details = body.get("transaction_details") or {}
        order_id = details.get("order_id")
        gross = details.get("gross_amount")
        items = body.get("item_details") or []
        if not order_id or not isinstance(gross, int):
            return 400, {"error_messages": ["transaction_details is invalid"]}
        if items and sum(item["price"] * item["quantity"] for item in items) != gross:
            return 400, {
                "error_messages": [
                    "transaction_details.gross_amount is not equal to the sum of item_details"
                ]
            }
        if order_id in self.transactions:
            return 406, {
                "status_code": "406",
                "status_message": "The request could not be processed due to duplicate order_id",
                "error_messages": ["transaction_details.order_id has already been taken"],
            }
        return None

    def snap_create(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        refused = self._check_amounts(body)
        if refused:
            return refused
        details = body["transaction_details"]
        token = str(uuid.uuid4())
        self.transactions[details["order_id"]] = {
            "order_id": details["order_id"],
            "gross_amount": details["gross_amount"],
            "status": None,  # not at the Core API until the buyer pays on the Snap page
            "payment_type": None,
            "request": body,
            "refunds": [],
        }
        return 201, {
            "token": token,
            "redirect_url": f"{self.url}/snap/v4/redirection/{token}",
        }

    def charge(self, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        refused = self._check_amounts(body)
        if refused:
            return refused
        details = body["transaction_details"]
        order_id = details["order_id"]
        tx = {
            "order_id": order_id,
            "gross_amount": details["gross_amount"],
            "status": "pending",
            "payment_type": body["payment_type"],
            "transaction_id": str(uuid.uuid4()),
            "request": body,
            "refunds": [],
        }
        self.transactions[order_id] = tx
        answer = self.status_body(order_id)
        answer.pop("signature_key")
        answer["status_message"] = "Success, transaction is created"
        answer["expiry_time"] = "2030-01-01 12:00:00"
        payment_type = body["payment_type"]
        if payment_type == "qris":
            answer["acquirer"] = "gopay"
            answer["qr_string"] = f"00020101021126610014COM.GO-JEK.WWW0118936009143{order_id}"
            answer["actions"] = [
                {
                    "name": "generate-qr-code",
                    "method": "GET",
                    "url": f"{self.url}/v2/qris/{tx['transaction_id']}/qr-code",
                }
            ]
        elif payment_type == "bank_transfer":
            bank = body["bank_transfer"]["bank"]
            if bank == "permata":
                answer["permata_va_number"] = "8562000123456789"
            else:
                answer["va_numbers"] = [{"bank": bank, "va_number": "12345678901"}]
        elif payment_type == "echannel":
            answer["bill_key"] = "778899001122"
            answer["biller_code"] = "70012"
        elif payment_type in ("gopay", "shopeepay"):
            answer["actions"] = [
                {"name": "generate-qr-code", "method": "GET", "url": f"{self.url}/qr"},
                {"name": "deeplink-redirect", "method": "GET", "url": f"{self.url}/deeplink"},
            ]
        elif payment_type == "cstore":
            answer["store"] = body["cstore"]["store"]
            answer["payment_code"] = "LMB1234567890"
        return 200, answer

    def status_body(self, order_id: str) -> dict[str, Any]:
        tx = self.transactions[order_id]
        status = tx["status"]
        gross = f"{tx['gross_amount']}.00"
        code = STATUS_CODES[status]
        if status == "capture" and tx.get("fraud_status") == "challenge":
            code = "201"  # "Challenge by FDS"
        body: dict[str, Any] = {
            "status_code": code,
            "status_message": "Success, transaction is found",
            "transaction_id": tx["transaction_id"],
            "order_id": order_id,
            "merchant_id": "G000000001",
            "gross_amount": gross,
            "currency": "IDR",
            "payment_type": tx["payment_type"],
            "transaction_time": "2025-07-01 10:00:00",
            "transaction_status": status,
            "fraud_status": tx.get("fraud_status", "accept"),
            "signature_key": sign(order_id, code, gross, self.server_key),
        }
        if status in ("settlement", "refund", "partial_refund"):
            body["settlement_time"] = "2025-07-01 10:05:00"
        body.update(tx.get("extra") or {})
        if tx["refunds"]:
            body["refunds"] = list(tx["refunds"])
            body["refund_amount"] = f"{sum(r['amount'] for r in tx['refunds'])}.00"
            body["refunds"] = [
                {
                    "refund_chargeback_id": index + 1,
                    "refund_amount": f"{r['amount']}.00",
                    "created_at": "2025-07-02 10:00:00",
                    "reason": r["reason"],
                    "refund_key": r["refund_key"],
                    "refund_method": "",
                }
                for index, r in enumerate(tx["refunds"])
            ]
        return body

    def status(self, order_id: str) -> tuple[int, dict[str, Any]]:
        tx = self.transactions.get(order_id)
        if tx is None or tx["status"] is None:
            return 404, {"status_code": "404", "status_message": "Transaction doesn't exist."}
        return 200, self.status_body(order_id)

    def refund(self, order_id: str, body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        tx = self.transactions.get(order_id)
        if tx is None or tx["status"] is None:
            return 404, {"status_code": "404", "status_message": "Transaction doesn't exist."}
        key = body.get("refund_key")
        previous = next((r for r in tx["refunds"] if r["refund_key"] == key), None)
        if previous is None:
            if tx["status"] not in ("settlement", "capture", "partial_refund"):
                return 412, {
                    "status_code": "412",
                    "status_message": "Merchant cannot modify the status of the transaction",
                }
            refunded = sum(r["amount"] for r in tx["refunds"])
            amount = int(body.get("amount") or tx["gross_amount"] - refunded)
            if amount <= 0 or refunded + amount > tx["gross_amount"]:
                return 412, {"status_code": "412", "status_message": "Refund amount too big"}
            previous = {"refund_key": key, "amount": amount, "reason": body.get("reason", "")}
            tx["refunds"].append(previous)
            total = refunded + amount
            tx["status"] = "refund" if total == tx["gross_amount"] else "partial_refund"
        answer = self.status_body(order_id)
        answer.pop("signature_key")
        answer.update(
            status_message="Success, refund request is approved",
            refund_chargeback_id=tx["refunds"].index(previous) + 1,
            refund_amount=f"{previous['amount']}.00",
            refund_key=key,
        )
        answer.pop("refunds", None)
        return 200, answer

    def cancel(self, order_id: str) -> tuple[int, dict[str, Any]]:
        tx = self.transactions.get(order_id)
        if tx is None or tx["status"] is None:
            return 404, {"status_code": "404", "status_message": "Transaction doesn't exist."}
        if tx["status"] != "pending":
            return 412, {"status_code": "412", "status_message": "Cannot cancel"}
        tx["status"] = "cancel"
        answer = self.status_body(order_id)
        answer.pop("signature_key")
        return 200, answer

    # --- test controls -----------------------------------------------------------------

    def set_status(
        self,
        order_id: str,
        status: str,
        *,
        payment_type: str | None = None,
        fraud: str = "accept",
        extra: dict[str, Any] | None = None,
    ) -> None:
        """What happens at Midtrans (the buyer pays, the VA expires…); ``extra`` fields
        appear in the status body (e.g. ``chargeback_amount``)."""
        with self.lock:
            tx = self.transactions[order_id]
            tx["status"] = status
            tx["fraud_status"] = fraud
            tx["extra"] = dict(extra or {})
            tx.setdefault("transaction_id", str(uuid.uuid4()))
            tx["payment_type"] = payment_type or tx["payment_type"] or "qris"

    def notification(self, order_id: str, /, **overrides: Any) -> dict[str, Any]:
        """The notification Midtrans would send now, signed (``overrides`` applied before
        signing, e.g. another status as a delayed notification would carry)."""
        with self.lock:
            body = self.status_body(order_id)
        body["status_message"] = "midtrans payment notification"
        body.update(overrides)
        body["signature_key"] = sign(
            body["order_id"], body["status_code"], body["gross_amount"], self.server_key
        )
        return body

    def send_notification(self, endpoint: str, body: dict[str, Any] | str) -> requests.Response:
        data = body if isinstance(body, str) else json.dumps(body)
        return requests.post(
            endpoint,
            data=data,
            headers={"Content-Type": "application/json", "Accept": "application/json"},
            timeout=10,
            proxies={"http": None, "https": None},
        )

    def calls(self, method: str, path_prefix: str) -> list[dict[str, Any] | None]:
        return [body for m, p, body in self.requests if m == method and p.startswith(path_prefix)]
