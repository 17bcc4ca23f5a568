from people.models import Person, Term, Unit


def make_term(start=2025, end=2030, *, current=False, **overrides) -> Term:
    fields = {"name": f"Nhiệm kỳ {start} - {end}", "start_year": start, "end_year": end, "is_current": current}
    fields.update(overrides)
    return Term.objects.create(**fields)


def make_unit(name="Ban Thường vụ Huyện ủy", **overrides) -> Unit:
    return Unit.objects.create(name=name, **overrides)


def make_person(name="Nguyễn Văn A", *, term, unit, **overrides) -> Person:
    fields = {
        "position": "Bí thư Huyện ủy",
        "phone": "0273 3851 001",
        "email": "bithu@tiengiang.gov.vn",
        "is_leader": True,
    }
    fields.update(overrides)
    person = Person(name=name, term=term, unit=unit, **fields)
    person.save()
    return person
