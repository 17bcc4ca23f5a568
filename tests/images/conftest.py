import pytest

from tests.factories import make_user


@pytest.fixture(autouse=True)
def _image_jobs_and_storage(settings, tmp_path):
    """Each test has image job slots of its own (a bench or another run on this machine
    holds none of them) and stores through the storage that never shows a partial file."""
    settings.IMAGE_JOB_LOCK_DIR = tmp_path / "locks"
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "images.storage.AtomicFileSystemStorage"}}


@pytest.fixture
def editor(db):
    return make_user(staff=True, perms=["add_article", "change_article", "view_article"])
