"""A category's address is /<slug>/: it may not take the first segment of another route."""

import pytest
from django.core.exceptions import ValidationError

from articles.checks import check_reserved_slugs
from articles.models import Category


def test_every_route_of_the_site_is_kept_from_category_slugs():
    assert check_reserved_slugs() == []


@pytest.mark.urls("tests.pagecache.urls")
def test_a_new_route_that_a_category_could_shadow_is_reported():
    # tests.pagecache.urls adds /lich-cong-tac/…, which a category "Lịch công tác" would shadow.
    [error] = check_reserved_slugs()
    assert error.id == "articles.E001" and "lich-cong-tac" in error.msg


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["Admin", "Quản trị", "Đánh giá", "Xem trước", "Healthz", "Tìm kiếm", "RSS"])
def test_a_category_may_not_take_a_reserved_address(name):
    with pytest.raises(ValidationError) as refused:
        Category(name=name).full_clean()
    assert "đã dành cho trang khác của cổng" in str(refused.value)
