"""E-mail (the contact form's notice) and the task queue (renditions, PDF text, e-mail)."""

from .base import DEBUG
from .data import REDIS_URL
from .env import env_bool, env_int, env_ints, env_str
from .portal import SITE_EMAIL

# E-mail (the contact form's notice). The console under DEBUG (`make run` prints it); SMTP otherwise.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)  # STARTTLS, port 587
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)  # port 465; not together with EMAIL_USE_TLS
# The notice is sent inside the citizen's request (after commit): a mail server that hangs
# must cost seconds, not gunicorn's 30 s timeout.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", SITE_EMAIL)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The task queue (core/tasks.py): photo renditions, PDF text and e-mail leave the web worker
# for `manage.py run_worker`, through RQ on Redis. Without Redis, or with TASKS_SYNC=1, they
# run at once in the process that asks (make run, the tests). TASKS_REDIS_URL: a Redis of its
# own for the queue (one that never evicts keys); TASKS_QUEUE: another copy of the portal
# sharing the Redis (a staging site) names another queue.
TASKS_REDIS_URL = env_str("TASKS_REDIS_URL", REDIS_URL)
TASKS_SYNC = env_bool("TASKS_SYNC", not TASKS_REDIS_URL)
TASKS_QUEUE = env_str("TASKS_QUEUE", "default")
TASKS_RETRY_INTERVALS = env_ints("TASKS_RETRY_INTERVALS", "10,60,300")  # seconds before retry 1, 2, 3
