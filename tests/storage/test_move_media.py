"""manage.py move_media_to_storage: a one-machine install's MEDIA_ROOT copied into the bucket
under the same names; running it again copies nothing."""

import pytest
from django.core.management import CommandError, call_command

from tests.factories import image_bytes


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("move_media_to_storage", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def old_media(tmp_path):
    root = tmp_path / "old-media"
    files = {
        "articles/2024/04/abc.jpg": image_bytes(size=(900, 500)),
        "articles/2024/04/abc-480w.webp": b"RIFF....WEBP",
        "files/2024/05/nghi-quyet.pdf": b"%PDF-1.4 Nghi quyet",
        "uploads/2024/05/.def.jpg.x1y2.part": b"half a photo",  # an interrupted write: never copied
    }
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root, files


def test_copies_media_root_once_and_a_second_run_copies_nothing(bucket, old_media):
    root, files = old_media
    dry = run("--from", str(root), "--dry-run")
    assert "Sẽ chép 3 tệp" in dry and bucket.objects() == set()

    assert "Đã chép 3 tệp" in run("--from", str(root))
    assert bucket.objects() == {name for name in files if ".part" not in name}
    assert all(bucket.get(name) == files[name] for name in bucket.objects())
    assert "Đã chép 0 tệp (0\xa0byte), bỏ qua 3 tệp đã có, 0 tệp lỗi." in run("--from", str(root))

    # A file that changed since (the same name, another size) is copied again, under its name.
    (root / "files/2024/05/nghi-quyet.pdf").write_bytes(b"%PDF-1.4 Nghi quyet, ban dung")
    assert "Đã chép 1 tệp" in run("--from", str(root))
    assert bucket.get("files/2024/05/nghi-quyet.pdf") == b"%PDF-1.4 Nghi quyet, ban dung"
    assert len(bucket.objects()) == 3


def test_refuses_to_copy_the_disk_onto_itself(settings):
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    with pytest.raises(CommandError, match="STORAGE_URL"):
        run()
