"""Who and from where: the request's user and client address for every log entry.

django-auditlog's middleware keeps them in a context variable for the duration of the
request, and its signal handlers put them on each entry they write. Here the address is
the portal's own idea of the client address (`portal.client_ip`), never a header the
client may forge, and every entry of one request shares the request's correlation id, so
an export or a step that changes several records reads as one event.
"""

import uuid
from contextvars import ContextVar

from auditlog.middleware import AuditlogMiddleware

from portal.client_ip import client_ip

_request_id = ContextVar("audit_request_id", default=None)


def current_request_id() -> str | None:
    """The correlation id of the request being served (AUDITLOG_CID_GETTER)."""
    return _request_id.get()


class AuditMiddleware(AuditlogMiddleware):
    @staticmethod
    def _get_remote_addr(request):
        return client_ip(request)

    @staticmethod
    def _get_remote_port(request):
        return None  # a forwarded port header is the client's word, not a fact

    def get_extra_data(self, request):
        data = super().get_extra_data(request)
        if data["actor"] is None:
            # A resident's proposal from the public form: the log keeps no address of theirs.
            data["remote_addr"] = None
        return data

    def __call__(self, request):
        token = _request_id.set(uuid.uuid4().hex)
        try:
            return super().__call__(request)
        finally:
            _request_id.reset(token)
