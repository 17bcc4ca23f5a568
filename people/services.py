"""Writes that touch several rows, and the organisation chart of a term."""

from dataclasses import dataclass, field

from django.db import transaction

from .models import Person, Term, Unit


def set_current_term(term: Term) -> None:
    """Make `term` the current one: the other is unmarked first, in the same transaction,
    so the one-current-term constraint holds at every step."""
    with transaction.atomic():
        Term.objects.on(term.site_id).filter(is_current=True).exclude(pk=term.pk).update(is_current=False)
        term.is_current = True
        term.save(update_fields=["is_current", "updated_at"])
        # update() sends no signal: the pages are cleared by term.save()'s receivers.


@dataclass
class UnitNode:
    unit: Unit
    people: list[Person] = field(default_factory=list)
    children: list["UnitNode"] = field(default_factory=list)

    def count(self) -> int:
        return len(self.people) + sum(child.count() for child in self.children)


def organisation_chart(term: Term) -> list[UnitNode]:
    """The units that have people in `term` (or a sub-unit that has), nested, each with its
    people in order. Two queries whatever the size: every unit, and the term's people.
    A unit with nobody in the term is left out, so a board merged or renamed in a later
    term still shows in the earlier one and not in the new."""
    nodes = {unit.pk: UnitNode(unit) for unit in Unit.objects.order_by("order", "name")}
    for person in Person.objects.published().filter(term=term).order_by("order", "name", "id"):
        person.unit = nodes[person.unit_id].unit  # no query per person for its unit
        nodes[person.unit_id].people.append(person)
    roots = []
    for node in nodes.values():
        parent = nodes.get(node.unit.parent_id)
        (parent.children if parent else roots).append(node)
    return _with_people(roots)


def _with_people(nodes: list[UnitNode]) -> list[UnitNode]:
    kept = []
    for node in nodes:
        node.children = _with_people(node.children)
        if node.people or node.children:
            kept.append(node)
    return kept
