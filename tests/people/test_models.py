"""The rules of the organisation, in the schema and in the admin's clean(): one current term,
NFC text, a photo's alt text, a unit never under itself."""

import unicodedata

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from people.models import Person, Term, Unit
from people.services import organisation_chart, set_current_term
from tests.factories import image_upload
from tests.people.helpers import make_person, make_term, make_unit

pytestmark = pytest.mark.django_db


def test_a_second_current_term_is_refused_with_a_vietnamese_message():
    make_term(2025, 2030, current=True)
    second = Term(name="Nhiệm kỳ 2030 - 2035", start_year=2030, end_year=2035, is_current=True)
    with pytest.raises(ValidationError) as error:
        second.full_clean()
    assert "“Nhiệm kỳ 2025 - 2030” đang là nhiệm kỳ hiện tại" in str(error.value.message_dict["is_current"])
    with pytest.raises(IntegrityError), transaction.atomic():  # the database holds the rule too
        second.save()
    assert Term.objects.filter(is_current=True).count() == 1


def test_the_current_term_is_switched_in_one_step_and_never_simply_unmarked():
    old = make_term(2020, 2025, current=True)
    new = make_term(2025, 2030)
    old.is_current = False
    with pytest.raises(ValidationError) as error:
        old.full_clean()
    assert "Phải luôn có một nhiệm kỳ hiện tại" in str(error.value)
    set_current_term(new)
    assert list(Term.objects.filter(is_current=True)) == [new]
    old.refresh_from_db()
    assert not old.is_current


def test_a_term_ends_after_it_starts_and_gets_its_years_as_address():
    with pytest.raises(ValidationError) as error:
        Term(name="Nhiệm kỳ sai", start_year=2030, end_year=2025).full_clean()
    assert "Năm kết thúc phải sau năm bắt đầu." in str(error.value)
    assert make_term(2020, 2025).slug == "2020-2025"


def test_text_is_stored_nfc_and_the_email_in_lower_case():
    term, unit = make_term(current=True), make_unit(unicodedata.normalize("NFD", "Ban Tuyên giáo Huyện ủy"))
    person = make_person(
        unicodedata.normalize("NFD", "  Huỳnh   Thị Ánh  "),
        term=term,
        unit=unit,
        position=unicodedata.normalize("NFD", "Trưởng Ban Tuyên giáo"),
        duties=unicodedata.normalize("NFD", "Phụ trách tuyên truyền\n\n  Phụ trách khoa giáo "),
        email=" BanTuyenGiao@TienGiang.gov.vn ",
    )
    person.refresh_from_db()
    unit.refresh_from_db()
    assert person.name == "Huỳnh Thị Ánh" and unicodedata.is_normalized("NFC", person.name)
    assert unicodedata.is_normalized("NFC", person.position) and unicodedata.is_normalized("NFC", unit.name)
    assert person.duties_in("vi") == ["Phụ trách tuyên truyền", "Phụ trách khoa giáo"]
    assert person.email == "bantuyengiao@tiengiang.gov.vn"
    assert unit.slug == "ban-tuyen-giao-huyen-uy"


def test_a_photo_needs_its_alt_text():
    term, unit = make_term(current=True), make_unit()
    person = Person(name="Nguyễn Văn A", position="Bí thư", term=term, unit=unit, photo=image_upload())
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert error.value.message_dict["photo_alt"] == ["Hãy nhập mô tả ảnh (alt) cho ảnh chân dung."]
    saved = make_person(term=term, unit=unit)
    with pytest.raises(IntegrityError), transaction.atomic():  # the database holds the rule too
        Person.objects.filter(pk=saved.pk).update(photo="people/a.jpg")


def test_a_photo_goes_through_the_photo_pipeline():
    person = make_person(
        term=make_term(current=True),
        unit=make_unit(),
        photo=image_upload("chân dung.png", fmt="PNG", size=(600, 800)),
        photo_alt="Ảnh chân dung đồng chí Nguyễn Văn A",
    )
    assert person.photo.name.startswith("people/") and person.photo.name.endswith(".jpg")  # re-encoded
    assert (person.photo_width, person.photo_height) == (600, 800)


@pytest.mark.parametrize("phone", ["0273 3851 234", "(0273) 3.851.234", "+84 273 3851 234", "0912-345-678"])
def test_phone_numbers_as_people_write_them_are_accepted_and_dialled_as_digits(phone):
    person = Person(name="A", position="B", phone=phone)
    person.clean_fields(exclude=["term", "unit"])
    assert person.phone_link.startswith("tel:") and person.phone_link[4:].lstrip("+").isdigit()


@pytest.mark.parametrize("phone", ["gọi văn phòng", "12", "0273 3851 234 máy lẻ 5"])
def test_a_wrong_phone_number_gets_a_message(phone):
    with pytest.raises(ValidationError) as error:
        Person(name="A", position="B", phone=phone).clean_fields(exclude=["term", "unit"])
    assert "Số điện thoại chỉ gồm 8 đến 15 chữ số" in str(error.value.message_dict["phone"])


def test_a_unit_cannot_be_placed_under_itself_or_its_own_sub_unit():
    top = make_unit("Ban Chấp hành")
    middle = make_unit("Ban Thường vụ", parent=top)
    bottom = make_unit("Thường trực", parent=middle)
    top.parent = bottom
    with pytest.raises(ValidationError) as error:
        top.full_clean()
    assert "không thể là chính đơn vị này hoặc một đơn vị trực thuộc nó" in str(error.value)
    middle.parent = middle
    with pytest.raises(ValidationError):
        middle.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.filter(pk=middle.pk).update(parent=middle)


def test_the_chart_nests_units_and_leaves_out_those_empty_in_the_term():
    current, past = make_term(2025, 2030, current=True), make_term(2020, 2025)
    top = make_unit("Ban Chấp hành", order=1)
    standing = make_unit("Ban Thường vụ", parent=top, order=1)
    office = make_unit("Văn phòng Huyện ủy", order=2)
    merged = make_unit("Ban Tuyên giáo (cũ)", order=3)
    make_person("Người 1", term=current, unit=standing)
    make_person("Người 2", term=current, unit=office)
    make_person("Người 3", term=past, unit=merged)
    chart = organisation_chart(current)
    assert [node.unit for node in chart] == [top, office]
    assert chart[0].people == [] and [child.unit for child in chart[0].children] == [standing]
    assert [node.unit for node in organisation_chart(past)] == [merged]
