"""Remake docs/screenshots/ from the demo content: the readers' pages, print preview and the
admin, on a phone (390x844) and desktops (1280x900, 1440x900), as Debian's Chromium shows them.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots]

It builds a throwaway SQLite copy of the portal in a temporary folder (migrate, load_demo,
an admin account), serves it with `manage.py runserver` on a free port, and takes the first
screen of each page (what a reader sees before scrolling; the whole front page once). Nothing
of the local var/ is used.
"""

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
VIEWPORTS = {
    "phone": {"width": 390, "height": 844},
    "desktop": {"width": 1280, "height": 900},
    "wide": {"width": 1440, "height": 900},
}
SEED = "Nâng cao chất lượng lãnh đạo của Đảng bộ xã"
PASSWORD = "anh-chup-man-hinh-2026"  # noqa: S105 - the throwaway copy's admin, gone with it


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def manage(env, *args, **kwargs):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs)  # noqa: S603


def wait_for(url: str, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=5)  # noqa: S310 - our own local server
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def portal(folder: Path) -> dict:
    env = dict(
        os.environ,
        DEBUG="1",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        MEDIA_ROOT=str(folder / "media"),
        CACHE_URL="locmem://",
        ADMIN_REQUIRE_2FA="0",  # a local copy only: the screenshots need no authenticator app
        ADMIN_USERNAME="admin",
        ADMIN_PASSWORD=PASSWORD,
    )
    manage(env, "migrate", "--noinput", stdout=subprocess.DEVNULL)
    manage(env, "load_demo", stdout=subprocess.DEVNULL)
    manage(env, "ensure_admin", stdout=subprocess.DEVNULL)
    return env


def seed_address(env) -> str:
    code = (
        "from articles.models import Article; "
        f"a = Article.objects.get(title__startswith={SEED!r}); print(a.get_absolute_url(), a.pk)"
    )
    out = manage(env, "shell", "-c", code, capture_output=True, text=True).stdout.split()
    return out[-2], out[-1]


# (file name, address, viewport, whole page?): what a reader, then an editor, meets first. The
# address may hold {article} (the seed article's) and {id} (its number).
READER = [
    ("home-phone", "/", "phone", False),
    ("home-desktop", "/", "desktop", True),  # the whole front page: the grid of category blocks
    ("home-wide", "/", "wide", False),
    ("article-phone", "{article}", "phone", False),
    ("article-desktop", "{article}", "desktop", False),
    ("documents-phone", "/van-ban/", "phone", False),
    ("contact-phone", "/lien-he/", "phone", False),
    ("english-desktop", "/en/", "desktop", False),
]
EDITOR = [
    ("admin-list-desktop", "/admin/articles/article/", "desktop", False),
    ("admin-desktop", "/admin/articles/article/{id}/change/", "desktop", False),
    ("admin-phone", "/admin/articles/article/{id}/change/", "phone", False),
    ("admin-home-desktop", "/admin/", "desktop", False),
]


def shoot(base: str, out: Path, article: str, article_id: str) -> list[Path]:
    from playwright.sync_api import sync_playwright

    made = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        contexts = {
            device: browser.new_context(base_url=base, viewport=viewport, locale="vi-VN")
            for device, viewport in VIEWPORTS.items()
        }
        for name, path, device, whole in READER:
            page = contexts[device].new_page()
            page.goto(path.format(article=article, id=article_id), wait_until="networkidle")
            if whole:  # lazy photos below the first screen load as a reader scrolls to them
                page.evaluate("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
                page.wait_for_load_state("networkidle")
            made.append(out / f"{name}.png")
            page.screenshot(path=made[-1], full_page=whole)
            page.close()
        # Print preview: the article as Ctrl+P lays it out on A4 (static/css/print.css).
        paper = browser.new_context(base_url=base, viewport={"width": 794, "height": 1123}, locale="vi-VN")
        page = paper.new_page()
        page.emulate_media(media="print")
        page.goto(article, wait_until="networkidle")
        made.append(out / "print.png")
        page.screenshot(path=made[-1])
        paper.close()
        for device in {device for _, _, device, _ in EDITOR}:
            page = contexts[device].new_page()
            page.goto("/admin/login/")
            page.fill("#id_username", "admin")
            page.fill("#id_password", PASSWORD)
            page.locator("input[type=submit], button[type=submit]").first.click()
            page.wait_for_load_state("networkidle")
            page.close()
        for name, path, device, whole in EDITOR:
            page = contexts[device].new_page()
            page.goto(path.format(article=article, id=article_id), wait_until="networkidle")
            made.append(out / f"{name}.png")
            page.screenshot(path=made[-1], full_page=whole)
            page.close()
        browser.close()
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    out = Path(parser.parse_args().out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="screenshots-") as folder:
        env = portal(Path(folder))
        article, article_id = seed_address(env)
        port = free_port()
        server = subprocess.Popen(  # noqa: S603 - manage.py, no outside input
            [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(base + "/healthz")
            for path in shoot(base, out, article, article_id):
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
