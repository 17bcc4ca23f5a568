"""README.md stays true (issue 25, point 12): the pictures it shows exist and are the ones
scripts/screenshots.py makes, every command it shows runs the project's own Python, and
`make run PORT=…` is what it says."""

import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_picture_in_the_readme_exists_and_is_made_by_the_script():
    pictures = re.findall(r"!\[[^\]]+\]\((docs/screenshots/[^)]+\.png)\)", README)
    assert len(pictures) >= 10
    missing = [path for path in pictures if not (ROOT / path).is_file()]
    assert not missing, missing
    script = (ROOT / "scripts/screenshots.py").read_text(encoding="utf-8")
    made = set(re.findall(r'\("([a-z-]+)", "[^"]*", "(?:phone|desktop|wide)", (?:True|False)\)', script)) | {"print"}
    assert {Path(path).stem for path in pictures} == made


def test_every_command_shown_runs_the_projects_python():
    bare = re.findall(r"(?<![\w/.-])(?:python3? manage\.py|(?<!python )`manage\.py [a-z_]+)", README)
    assert not bare, bare
    assert "`.venv/bin/python manage.py clear_pages`" in README


def test_make_run_takes_the_port_the_readme_names():
    assert "make run PORT=8001" in README
    dry = subprocess.run(
        [shutil.which("make") or "/usr/bin/make", "-n", "run", "PORT=8001"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "runserver 127.0.0.1:8001" in dry and "http://127.0.0.1:8001" in dry
    assert "http://xahoabinh.localhost:8001/" in dry  # the demo's other sites, on the same port
