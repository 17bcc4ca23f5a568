"""Settings for the committee's news portal, read as the parts they configure.

Configured by the environment (README.md, "Configuration"); each variable is read
once, in the part that uses it, through env.py. With no variable set it runs a local
copy on SQLite in var/ for `make run`; production sets DEBUG=0, SECRET_KEY,
ALLOWED_HOSTS and DATABASE_URL.

- base.py        the framework: debug, secret key, hosts, apps, middleware, templates, language, logs
- data.py        the database and its replica, the caches and the page cache
- storage.py     static files, uploaded media, upload limits
- security.py    logins, HTTPS and cookies, trusted proxies, the Content Security Policy
- mail_tasks.py  e-mail and the task queue
- portal.py      the portal's own: its identity, contact, ratings, views, the editor
"""

from .base import *  # noqa: F403
from .data import *  # noqa: F403
from .env import *  # noqa: F403
from .mail_tasks import *  # noqa: F403
from .portal import *  # noqa: F403
from .security import *  # noqa: F403
from .storage import *  # noqa: F403
