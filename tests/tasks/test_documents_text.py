"""With a queue, a PDF's text is read by a worker after the save; the register finds it then."""

import pytest

from files.text import text_waiting
from tests.documents.helpers import make_document, pdf_upload

pytestmark = pytest.mark.django_db


def test_a_pdf_is_read_by_the_worker_and_its_words_are_found_afterwards(
    client, queue, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document(files=[pdf_upload(lines=("Ke hoach thu gom rac thai ap Binh Cach",))])
    stored = document.files.get()
    assert not stored.has_text and text_waiting(stored)  # not read yet, and not taken for a scan
    assert document.get_absolute_url() not in client.get("/van-ban/?q=thu gom rac").content.decode()

    queue.run()
    stored.refresh_from_db()
    assert stored.has_text and "thu gom rac thai" in stored.text and not text_waiting(stored)
    html = client.get("/van-ban/?q=thu gom rac").content.decode()  # the cached answer was dropped
    assert document.get_absolute_url() in html


def test_the_text_task_can_run_again_and_skips_a_removed_file(queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = make_document(files=[pdf_upload(lines=("Nghi quyet ve chuyen doi so",))])
    [(task, args)] = queue
    queue.run()
    task(*args)  # a retry after a success
    assert document.files.get().text.count("chuyen doi so") == 1
    document.files.all().delete()
    task(*args)  # the file went before its turn came: nothing to do, nothing raised
