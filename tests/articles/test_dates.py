from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from articles.display import ngay_gio

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (31, "Thứ hai - 31/01/2022 06:32"),
        (1, "Thứ ba - 01/02/2022 06:32"),
        (2, "Thứ tư - 02/02/2022 06:32"),
        (3, "Thứ năm - 03/02/2022 06:32"),
        (4, "Thứ sáu - 04/02/2022 06:32"),
        (5, "Thứ bảy - 05/02/2022 06:32"),
        (6, "Chủ nhật - 06/02/2022 06:32"),
    ],
)
def test_date_line_writes_the_weekday_in_words(day, expected):
    month = 1 if day == 31 else 2
    assert ngay_gio(datetime(2022, month, day, 6, 32, tzinfo=VN)) == expected


def test_date_line_is_in_vietnam_time_whatever_the_stored_zone():
    # 23:32 UTC on Tuesday is 06:32 on Wednesday in Gò Công Tây.
    assert ngay_gio(datetime(2022, 2, 1, 23, 32, tzinfo=UTC)) == "Thứ tư - 02/02/2022 06:32"
