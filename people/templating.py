"""What the readers' Jinja2 templates may call (gathered by core/jinja2.py):

people_json_ld(organisation, lang, people=…, chart=…)   the schema.org block of the people pages:
    a GovernmentOrganization with its people as `member` Person entries (the leaders page),
    or with its units as nested `subOrganization`s, each with its members (the chart)
"""

import json

from django.utils.safestring import mark_safe
from jinja2 import pass_context


def _person(person, lang: str, absolute) -> dict:
    data = {"@type": "Person", "name": person.name, "jobTitle": person.position_in(lang)}
    if person.phone:
        data["telephone"] = person.phone
    if person.email:
        data["email"] = person.email
    if person.photo:
        data["image"] = absolute(person.photo.url)
    return data


def _unit(node, lang: str, absolute) -> dict:
    data = {"@type": "GovernmentOrganization", "name": node.unit.name_in(lang)}
    if node.people:
        data["member"] = [_person(person, lang, absolute) for person in node.people]
    if node.children:
        data["subOrganization"] = [_unit(child, lang, absolute) for child in node.children]
    return data


@pass_context
def people_json_ld(context, organisation: str, lang: str, people=(), chart=()):
    request = context.get("request")
    absolute = request.build_absolute_uri if request else (lambda path: path)
    data = {
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": organisation,
        "url": absolute("/"),
    }
    if people:
        data["member"] = [_person(person, lang, absolute) for person in people]
    if chart:
        data["subOrganization"] = [_unit(node, lang, absolute) for node in chart]
    text = json.dumps(data, ensure_ascii=False).replace("<", "\\u003c")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - JSON with < escaped


GLOBALS = {"people_json_ld": people_json_ld}
