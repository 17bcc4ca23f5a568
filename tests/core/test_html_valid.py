"""Every kind of page the portal serves is valid HTML, as the Nu HTML Checker (the W3C's
checker, vnu.jar from npm's vnu-jar package, installed into var/vnu by `make install`) reads it."""

import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles.models import Article
from documents.models import Document
from pages.models import Page
from tests.factories import make_article

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = Path(os.environ.get("VNU_JAR", ROOT / "var/vnu/node_modules/vnu-jar/build/dist/vnu.jar"))
JAVA = shutil.which("java")
MISSING = "" if JAVA and VNU_JAR.exists() else "Java or vnu.jar is missing (`make install` fetches it with npm)"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(bool(MISSING) and os.environ.get("CI") != "true", reason=MISSING or "ready"),
]


def pages_to_check() -> list[str]:
    call_command("load_demo", stdout=io.StringIO())
    seed = Article.objects.get(title__startswith="Nâng cao chất lượng lãnh đạo")
    # Published this very moment, as an editor does: the time carries microseconds, which a
    # <time datetime> must not (the checker allows three decimals at most).
    fresh = make_article(category=seed.category, title="Nghị quyết mới đăng", published_at=timezone.now())
    assert fresh.published_at.microsecond
    child = Page.objects.filter(language="vi", parent__isnull=False).first()
    return [
        "/",
        "/xay-dung-dang/",
        seed.get_absolute_url(),
        "/tim-kiem/?q=nghi+quyet+15",
        "/van-ban/",
        "/van-ban/?loai=khong-co&nam=x",
        "/tim-kiem/?q=&tu_ngay=hom-qua&muc=x",
        Document.objects.get(number="15-NQ/HU").get_absolute_url(),
        "/gioi-thieu/",
        child.get_absolute_url(),
        "/gioi-thieu/lanh-dao/",
        "/gioi-thieu/co-cau-to-chuc/",
        "/lien-he/",
        "/en/",
        "/en/leaders/",
        "/en/organisation/",
        "/en/contact/",
        "/khong-co-trang-nay/",
    ]


def test_the_nu_html_checker_finds_no_error(client, tmp_path):
    files = []
    for n, url in enumerate(pages_to_check()):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        path = tmp_path / f"{n:02d}.html"
        path.write_bytes(response.content)
        files.append((url, path))
    result = subprocess.run(
        [
            JAVA or "java",
            "-Xss2m",
            "-jar",
            str(VNU_JAR),
            "--errors-only",
            "--format",
            "json",
            *(str(p) for _, p in files),
        ],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    by_file = {str(p): url for url, p in files}
    errors = [
        f"{by_file.get(m.get('url', '').removeprefix('file:'), m.get('url'))}:{m.get('lastLine')}: {m['message']}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert not errors, "\n".join(errors)
