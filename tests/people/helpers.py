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
        "status": Person.Status.PUBLISHED,
    }
    fields.update(overrides)
    person = Person(name=name, term=term, unit=unit, **fields)
    person.save()
    return person


def json_ld(html: str) -> dict:
    import json
    import re

    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1, blocks
    return json.loads(blocks[0])


def persons(data) -> list[dict]:
    """Every schema.org Person in a JSON-LD tree, wherever it is nested."""
    found = []
    if isinstance(data, dict):
        if data.get("@type") == "Person":
            found.append(data)
        for value in data.values():
            found += persons(value)
    elif isinstance(data, list):
        for value in data:
            found += persons(value)
    return found
