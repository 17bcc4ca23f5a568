"""The shared cache's circuit breaker: a cache that does not answer is left alone for a few
seconds, so that a dead or frozen Redis costs one short timeout now and then (settings:
socket timeouts) instead of one per call.

One breaker per process guards every cache alias: the portal's aliases live in one
place (settings.cache_from_url), so when one does not answer neither does the other.
The Redis backend (pagecache/redis.py) asks it before every call, so the vote throttle
and the editing lock fail at once too; the page cache asks it for any backend.
"""

import logging
import os
import random
import threading
import time

logger = logging.getLogger(__name__)


class LeftAlone(ConnectionError):
    """The cache failed a moment ago: it is not asked again until the breaker's time is up."""


class Breaker:
    """Logs once when the cache goes and once when it is back, then runs `returned()`."""

    OPEN_SECONDS = 5.0
    # Workers that found the cache gone together would try it again together, each
    # waiting a socket timeout, and none would be left to answer (a frozen Redis):
    # each waits 4-6 s instead of 5.
    JITTER = 0.2

    def __init__(self):
        self.closed_until = 0.0
        self.down = False
        self.lock = threading.Lock()

    def allows(self) -> bool:
        return not self.down or time.monotonic() >= self.closed_until

    def check(self) -> None:
        if not self.allows():
            raise LeftAlone("the shared cache failed a moment ago")

    def failed(self, error) -> None:
        if isinstance(error, LeftAlone):
            return  # not asked: the window stays as it was, and the cache is tried when it ends
        seconds = self.OPEN_SECONDS * random.uniform(1 - self.JITTER, 1 + self.JITTER)  # noqa: S311 - not a secret
        with self.lock:
            self.closed_until = time.monotonic() + seconds
            if self.down:
                return
            self.down = True
        # Each worker process says it once: the process id tells them apart.
        logger.error(
            "Shared cache unreachable (%s): left alone for %d s at a time; pages are made afresh, "
            "votes limited per process and editing locks off until it answers [process %d]",
            error,
            self.OPEN_SECONDS,
            os.getpid(),
        )

    def succeeded(self) -> None:
        if not self.down:
            return
        with self.lock:
            if not self.down:
                return
            self.down = False
        logger.warning("Shared cache answers again: every page cleared [process %d]", os.getpid())
        self.returned()

    def returned(self) -> None:
        """What to do when the cache answers again (the page cache clears every page)."""
