"""People became content like the rest (people/migrations/0003_editorial.py): a database from
before keeps every person on the public pages, published, and every role's permission."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from core import roles
from people.models import Person

BEFORE = [("people", "0002_roles")]


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_keeps_its_people_published_and_its_permissions(client):
    held = {role: set(Group.objects.get(name=role).permissions.values_list("pk", flat=True)) for role in roles.ROLES}
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    term = old.get_model("people", "Term").objects.create(
        name="Nhiệm kỳ 2025 - 2030", slug="2025-2030", start_year=2025, end_year=2030, is_current=True
    )
    unit = old.get_model("people", "Unit").objects.create(name="Ban Thường vụ", slug="ban-thuong-vu")
    old.get_model("people", "Person").objects.create(
        name="Nguyễn Văn Cũ", position="Bí thư", term=term, unit=unit, is_leader=True
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    roles.apply()  # what migrate does after the last migration (post_migrate)

    person = Person.objects.get(name="Nguyễn Văn Cũ")
    assert person.status == Person.Status.PUBLISHED and person.is_published()
    assert person.published_at == person.updated_at  # published since it was last edited
    assert "Nguyễn Văn Cũ" in client.get("/gioi-thieu/lanh-dao/").content.decode()
    for role in roles.ROLES:
        kept = set(Group.objects.get(name=role).permissions.values_list("pk", flat=True))
        assert held[role] <= kept, role
    # A person added now starts as a draft, off the public pages until it is published.
    draft = Person.objects.create(
        name="Trần Thị Mới", position="Phó Bí thư", term_id=term.pk, unit_id=unit.pk, is_leader=True
    )
    assert draft.status == Person.Status.DRAFT
    assert "Trần Thị Mới" not in client.get("/gioi-thieu/lanh-dao/").content.decode()
