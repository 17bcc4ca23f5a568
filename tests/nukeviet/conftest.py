import io

import pytest
from django.core.management import call_command

from .oldsite import OldSite


@pytest.fixture
def old_site(tmp_path):
    site = OldSite(tmp_path / "uploads")
    yield site
    site.drop()


@pytest.fixture
def run_import(old_site, tmp_path):
    """Run the command against the old site; returns what it printed."""

    def run(*extra, **options) -> str:
        out = io.StringIO()
        call_command(
            "import_nukeviet",
            "--database", old_site.url,
            "--uploads", str(old_site.uploads),
            "--report-dir", str(tmp_path / "reports"),
            *extra,
            stdout=out,
            **options,
        )  # fmt: skip
        return out.getvalue()

    return run
