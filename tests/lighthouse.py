"""Lighthouse (npm, fetched into var/lighthouse/ by `make install`) run against a page in
Debian's Chromium with its default mobile emulation, for tests/browser/test_lighthouse.py
and bench/lighthouse.py."""

import json
import os
import subprocess
import tempfile
from pathlib import Path

from tests.live import ROOT

LIGHTHOUSE = ROOT / "var" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def lighthouse(url: str) -> dict:
    """Lighthouse's JSON report of `url`."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        report = Path(folder) / "report.json"
        command = [
            "node",
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            "--chrome-flags=--headless --no-sandbox --disable-gpu",
        ]
        # Lighthouse now and then loses the trace of a load on a busy machine (NO_NAVSTART): try again.
        for attempt in range(3):
            done = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=600, check=attempt == 2)
            if done.returncode == 0:
                break
        return json.loads(report.read_text())
