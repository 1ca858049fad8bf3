"""A Celery broker on PostgreSQL that needs no extra server.

kombu's SQLAlchemy transport stores messages in two tables, but it keeps delivered
messages forever and never hands out again a message whose worker died mid-task.
This transport adds what late acknowledgement needs:

- a message is deleted when the task acknowledges it;
- a message delivered but not acknowledged within ``visibility_timeout`` seconds (its
  worker was killed) is delivered again, as Redis' transport does;
- a message given back on a clean shutdown is made visible again in place, not copied;
- concurrent workers skip rows another worker holds (``FOR UPDATE SKIP LOCKED``).

Select it with ``CELERY_BROKER_URL=pgsql+postgresql+psycopg://…`` (the default when
no broker is configured: the project's own database).
"""

from __future__ import annotations

import datetime
from json import loads
from queue import Empty
from typing import Any

from kombu.transport import TRANSPORT_ALIASES
from kombu.transport import sqlalchemy as sqla
from kombu.utils.encoding import bytes_to_str
from sqlalchemy import or_

DEFAULT_VISIBILITY_TIMEOUT = 3600.0


class Channel(sqla.Channel):
    def __init__(self, connection, **kwargs: Any) -> None:
        options = connection.client.transport_options
        self.visibility_timeout = float(
            options.get("visibility_timeout", DEFAULT_VISIBILITY_TIMEOUT)
        )
        self._row_ids: dict[str, int] = {}
        super().__init__(connection, **kwargs)

    def _engine_from_config(self):  # noqa: ANN202 - SQLAlchemy engine
        client = self.connection.client
        saved = client.transport_options
        client.transport_options = {
            key: value
            for key, value in saved.items()
            if key not in {"visibility_timeout", "polling_interval"}
        }
        try:
            return super()._engine_from_config()
        finally:
            client.transport_options = saved

    def _get(self, queue: str) -> dict:
        queue_obj = self._get_or_create(queue)
        message_cls = self.message_cls
        # Naive local time, as kombu's model stamps ``sent_at`` with datetime.now.
        cutoff = datetime.datetime.now() - datetime.timedelta(seconds=self.visibility_timeout)  # noqa: DTZ005
        try:
            msg = (
                self.session.query(message_cls)
                .with_for_update(skip_locked=True)
                .filter(message_cls.queue_id == queue_obj.id)
                .filter(or_(message_cls.visible.is_(True), message_cls.sent_at < cutoff))
                .order_by(message_cls.id)
                .limit(1)
                .first()
            )
            if msg is None:
                raise Empty()
            msg.visible = False  # also stamps sent_at: the delivery time
            payload = loads(bytes_to_str(msg.payload))
            tag = payload.get("properties", {}).get("delivery_tag")
            if tag:
                self._row_ids[tag] = msg.id
            return payload
        finally:
            self.session.commit()

    def _forget(self, delivery_tag: str, *, make_visible: bool) -> bool:
        row_id = self._row_ids.pop(delivery_tag, None)
        if row_id is None:
            return False
        rows = self.session.query(self.message_cls).filter(self.message_cls.id == row_id)
        if make_visible:
            rows.update({"visible": True}, synchronize_session=False)
        else:
            rows.delete(synchronize_session=False)
        self.session.commit()
        return True

    def basic_ack(self, delivery_tag: str, multiple: bool = False) -> None:
        super().basic_ack(delivery_tag, multiple=multiple)
        self._forget(delivery_tag, make_visible=False)

    def basic_reject(self, delivery_tag: str, requeue: bool = False) -> None:
        super().basic_reject(delivery_tag, requeue=requeue)
        # With requeue, _restore has already made the row visible again.
        self._forget(delivery_tag, make_visible=False)

    def close(self) -> None:
        # kombu's channel never closes its session, which keeps a database connection
        # checked out for as long as the process lives.
        if self._session is not None:
            self._session.close()
            self._session = None
        super().close()

    def _restore(self, message) -> None:  # noqa: ANN001 - kombu virtual Message
        if not self._forget(message.delivery_tag, make_visible=True):
            super()._restore(message)


class Transport(sqla.Transport):
    Channel = Channel


TRANSPORT_ALIASES.setdefault("pgsql", "marketplace.core.broker:Transport")
