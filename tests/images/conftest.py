import pytest

from tests.factories import make_user


@pytest.fixture
def editor(db):
    return make_user(staff=True, perms=["add_article", "change_article", "view_article"])
