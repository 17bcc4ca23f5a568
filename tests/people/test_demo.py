"""The sample organisation: loaded twice, it is there once; every name says it is a sample."""

import pytest

from demo.people import load_people
from people.models import Person, Term, Unit

pytestmark = pytest.mark.django_db


def test_the_demo_organisation_loads_once_and_is_clearly_a_sample(client):
    added = load_people()
    counts = (Term.objects.count(), Unit.objects.count(), Person.objects.count())
    assert added == Person.objects.count() > 10
    assert load_people() == 0
    assert (Term.objects.count(), Unit.objects.count(), Person.objects.count()) == counts
    assert Term.objects.get(is_current=True).name == "Nhiệm kỳ 2025 - 2030"
    assert all(name.endswith("(mẫu)") for name in Person.objects.values_list("name", flat=True))
    leaders = Person.objects.filter(is_leader=True)
    assert all(person.photo and person.photo_alt for person in leaders)
    page = client.get("/gioi-thieu/lanh-dao/").content.decode()
    assert "Bí thư Huyện ủy" in page and "Chủ nhiệm Ủy ban Kiểm tra Huyện ủy" in page
    assert "Hồ Văn Q (mẫu)" in client.get("/gioi-thieu/lanh-dao/?nhiem-ky=2020-2025").content.decode()
