"""An id too large for the database is a page that does not exist, not an error."""

import pytest

HUGE = "9" * 25

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", f"/tin-tuc/bai-{HUGE}.html"),
        ("get", f"/ban-in/{HUGE}.html"),
        ("get", f"/van-ban/nghi-quyet-{HUGE}.html"),
        ("get", f"/van-ban/tep/{HUGE}/tep.pdf"),
        ("post", f"/danh-gia/{HUGE}/"),
    ],
)
def test_a_huge_id_is_a_404(client, method, path):
    assert getattr(client, method)(path).status_code == 404


def test_the_largest_id_the_database_holds_is_still_looked_up(client):
    assert client.get(f"/tin-tuc/bai-{'9' * 18}.html").status_code == 404  # looked up, not found
