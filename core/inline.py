"""What every reader's page carries inline in its <head>, and the CSP hashes that allow it.

First text in one round trip (issue 16): the top of static/css/site.css, down to the
CRITICAL_END line, goes into the page as a <style>, so a phone on a slow line paints the
header and the first screen without waiting for a stylesheet; the whole file is linked at
the end of <body> (cached by the browser for the next pages). The text-size choice (A-/A+,
static/js/text-size-head.js) is applied by a tiny <script> before the first paint.

Both are read once per process, from the same files collectstatic serves, and allowed by
their SHA-256 in the Content-Security-Policy (core/middleware.py): no 'unsafe-inline'.
"""

import base64
import hashlib
from functools import lru_cache

from django.contrib.staticfiles import finders
from markupsafe import Markup

STYLESHEET = "css/site.css"
HEAD_SCRIPT = "js/text-size-head.js"
# The line of site.css that ends what is inlined: rules above it style the first screen.
CRITICAL_END = "/* === end of the critical part (core/inline.py) === */"


def _read(path: str) -> str:
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(f"static file {path} is missing")
    with open(found, encoding="utf-8") as file:
        return file.read()


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@lru_cache(maxsize=1)
def critical_css() -> str:
    css, found, _ = _read(STYLESHEET).partition(CRITICAL_END)
    if not found:
        raise ValueError(f"{STYLESHEET} has no line {CRITICAL_END!r}")
    return css


@lru_cache(maxsize=1)
def head_script() -> str:
    return _read(HEAD_SCRIPT).strip()


def inline_style() -> Markup:
    return Markup(f"<style>{critical_css()}</style>")  # noqa: S704 - our own static file, no input


def inline_script() -> Markup:
    return Markup(f"<script>{head_script()}</script>")  # noqa: S704 - our own static file, no input


@lru_cache(maxsize=1)
def csp_sources() -> dict[str, list[str]]:
    """What a reader's page adds to the policy: exactly its own inline style and script."""
    return {"style-src": [_hash(critical_css())], "script-src": [_hash(head_script())]}
