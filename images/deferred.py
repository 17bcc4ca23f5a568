"""Which stored photos still wait for their renditions (made by a task worker, core/tasks.py).

Pages compute a photo's rendition URLs from its name alone (renditions.picture_candidates)
and never look at the disk. Until the worker has written them, those URLs would be
broken images: a photo stored without its renditions is marked here, in the shared cache,
and markup.picture() offers its original alone until the mark is gone. A process
remembers the photos it found ready, so a page asks the cache once per photo, and not
at all without a queue (then renditions are made with the upload).
"""

from django.core.cache import cache

from core import tasks

# Past this a mark is dropped: the task has been given up, and `manage.py make_renditions` is the way.
WAITING_SECONDS = 7 * 24 * 3600
_READY_LIMIT = 50_000  # names a process remembers as ready (a name is never reused)
_ready: set[str] = set()


def _key(name: str) -> str:
    return f"images:renditions-waiting:{name}"


def mark(name: str) -> None:
    cache.set(_key(name), 1, WAITING_SECONDS)


def done(name: str) -> None:
    cache.delete(_key(name))


def ready(name: str) -> bool:
    """Whether the renditions of the photo stored under `name` may be offered to readers."""
    if name in _ready or tasks.synchronous():
        return True
    if cache.get(_key(name)) is not None:
        return False
    if len(_ready) >= _READY_LIMIT:
        _ready.clear()
    _ready.add(name)
    return True
