"""Logging filters named by LOGGING in huyenuy/settings/base.py."""

import logging


class WithoutTraceback(logging.Filter):
    """Keep the message, drop the traceback: for what is routine on the open Internet (a
    scanner's request with a Host header that is not ours), one line each, not thirty."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True


class NotServiceUnavailable(logging.Filter):
    """Django's own "Service Unavailable: /path" line: the 503 middleware (core/middleware.py)
    has already said why, on one line; a database outage should not log two per request."""

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "status_code", None) != 503
