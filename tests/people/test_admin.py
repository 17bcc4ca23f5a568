"""The organisation in the admin: "Quản trị" keeps it (list, filters, the photo pipeline, the
current term), the approvers may only look."""

import pytest

from people.models import Person, Term
from tests.factories import give_role, image_upload, make_user
from tests.people.helpers import make_person, make_term, make_unit

pytestmark = pytest.mark.django_db
PEOPLE = "/admin/people/person/"


@pytest.fixture
def admin_user():
    user = make_user(staff=True, username="quantri")
    give_role(user, "Quản trị")
    return user


@pytest.fixture
def approver():
    user = make_user(staff=True, username="thuky")
    give_role(user, "Thư ký tòa soạn / Duyệt bài")
    return user


@pytest.fixture
def organisation():
    current, past = make_term(2025, 2030, current=True), make_term(2020, 2025)
    unit = make_unit("Văn phòng Huyện ủy")
    make_person("Nguyễn Văn A (mẫu)", term=current, unit=unit)
    make_person("Hồ Văn Q (mẫu)", term=past, unit=unit)
    return {"current": current, "past": past, "unit": unit}


def person_form(organisation, **overrides):
    data = {
        "name": "Bùi Văn K (mẫu)",
        "position": "Chánh Văn phòng Huyện ủy",
        "unit": organisation["unit"].pk,
        "term": organisation["current"].pk,
        "is_leader": "on",
        "order": "3",
        "duties": "Phụ trách văn phòng",
        "phone": "0273 3851 008",
        "email": "vanphong@tiengiang.gov.vn",
        "photo_alt": "Ảnh chân dung đồng chí Bùi Văn K",
        "position_en": "",
        "duties_en": "",
        "published_at_0": "02/02/2022",
        "published_at_1": "06:32:00",
        "status": "published",  # the "Xuất bản" button
    }
    data.update(overrides)
    return data


def test_the_admins_list_people_and_filter_them_by_term(client, admin_user, organisation):
    client.force_login(admin_user)
    page = client.get(PEOPLE).content.decode()
    assert "Nguyễn Văn A (mẫu)" in page and "Hồ Văn Q (mẫu)" in page
    filtered = client.get(PEOPLE, {"term__id__exact": organisation["past"].pk}).content.decode()
    assert "Hồ Văn Q (mẫu)" in filtered and "Nguyễn Văn A (mẫu)" not in filtered
    for url in ("/admin/people/term/", "/admin/people/unit/", f"{PEOPLE}add/"):
        assert client.get(url).status_code == 200, url
    assert f'value="{organisation["current"].pk}" selected' in client.get(f"{PEOPLE}add/").content.decode()


def test_an_admin_adds_a_person_with_a_photo_through_the_photo_pipeline(client, admin_user, organisation):
    client.force_login(admin_user)
    response = client.post(f"{PEOPLE}add/", {**person_form(organisation), "photo": image_upload(size=(300, 400))})
    assert response.status_code == 302, response.content.decode()[:3000]
    person = Person.objects.get(name="Bùi Văn K (mẫu)")
    assert person.photo.name.startswith("people/") and person.photo_width == 300
    assert "Bùi Văn K (mẫu)" in client.get("/gioi-thieu/lanh-dao/").content.decode()


def test_a_photo_without_alt_or_a_wrong_phone_is_refused_and_nothing_saved(client, admin_user, organisation):
    client.force_login(admin_user)
    data = {**person_form(organisation, photo_alt="", phone="gọi văn phòng"), "photo": image_upload()}
    page = client.post(f"{PEOPLE}add/", data).content.decode()
    assert "Hãy nhập mô tả ảnh (alt) cho ảnh chân dung." in page and "Số điện thoại chỉ gồm" in page
    assert not Person.objects.filter(name="Bùi Văn K (mẫu)").exists()


def test_a_second_current_term_from_the_form_gets_the_message(client, admin_user, organisation):
    client.force_login(admin_user)
    data = {"name": "Nhiệm kỳ 2030 - 2035", "slug": "", "start_year": "2030", "end_year": "2035", "is_current": "on"}
    page = client.post("/admin/people/term/add/", data).content.decode()
    assert "đang là nhiệm kỳ hiện tại" in page
    assert not Term.objects.filter(start_year=2030).exists()


def test_the_make_current_action_switches_the_current_term(client, admin_user, organisation):
    client.force_login(admin_user)
    past = organisation["past"]
    data = {"action": "make_current", "_selected_action": [past.pk]}
    response = client.post("/admin/people/term/", data, follow=True)
    assert "“Nhiệm kỳ 2020 - 2025” là nhiệm kỳ hiện tại." in response.content.decode()
    assert list(Term.objects.filter(is_current=True)) == [past]
    both = {"action": "make_current", "_selected_action": [past.pk, organisation["current"].pk]}
    response = client.post("/admin/people/term/", both, follow=True)
    assert "Hãy chọn đúng một nhiệm kỳ" in response.content.decode()
    assert list(Term.objects.filter(is_current=True)) == [past]


def test_the_order_is_edited_in_the_list(client, admin_user, organisation):
    client.force_login(admin_user)
    people = list(Person.objects.order_by("pk"))
    data = {"form-TOTAL_FORMS": "2", "form-INITIAL_FORMS": "2", "_save": "Lưu"}
    for i, person in enumerate(people):
        data.update({f"form-{i}-id": person.pk, f"form-{i}-order": str(10 - i), f"form-{i}-is_leader": "on"})
    assert client.post(PEOPLE, data).status_code == 302
    assert [p.order for p in Person.objects.order_by("pk")] == [10, 9]


def test_approvers_may_look_but_not_change(client, approver, organisation):
    client.force_login(approver)
    assert client.get(PEOPLE).status_code == 200
    assert client.get(f"{PEOPLE}add/").status_code == 403
    response = client.post(f"{PEOPLE}add/", person_form(organisation))
    assert response.status_code == 403 and not Person.objects.filter(name="Bùi Văn K (mẫu)").exists()


def test_writers_do_not_see_the_organisation(client, organisation):
    writer = make_user(staff=True)
    give_role(writer, "Phóng viên / Biên tập viên")
    client.force_login(writer)
    assert client.get(PEOPLE).status_code == 403
