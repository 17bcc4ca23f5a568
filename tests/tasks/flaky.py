"""Tasks for the worker test: one that fails its first tries."""

from pathlib import Path


def fail_twice(folder: str) -> None:
    """Fail on the first and second try, succeed on the third: each try leaves a file."""
    tries = Path(folder)
    tries.mkdir(exist_ok=True)
    number = len(list(tries.iterdir())) + 1
    (tries / f"try-{number}").write_text("")
    if number < 3:
        raise ConnectionError(f"try {number}: the mail server did not answer")
